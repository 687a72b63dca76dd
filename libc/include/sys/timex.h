/*
 * sys/timex.h: adjtimex(2) and clock_adjtime(2), the kernel clock's
 * discipline (NTP): Linux's struct timex (208 bytes on x86_64) and the
 * ADJ_*, STA_* and TIME_* values of include/uapi/linux/timex.h.
 */
#ifndef _SYS_TIMEX_H
#define _SYS_TIMEX_H

#include <sys/time.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

struct timex {
	unsigned int modes;	/* ADJ_*: what to set */
	long offset;		/* time offset (us, ns with STA_NANO) */
	long freq;		/* frequency offset (ppm << 16) */
	long maxerror;		/* maximum error (us) */
	long esterror;		/* estimated error (us) */
	int status;		/* STA_* */
	long constant;		/* PLL time constant */
	long precision;		/* clock precision (us), read-only */
	long tolerance;		/* frequency tolerance (ppm << 16), read-only */
	struct timeval time;	/* the current time; ADJ_SETOFFSET's offset */
	long tick;		/* us between clock ticks */
	long ppsfreq;		/* read-only from here on */
	long jitter;
	int shift;
	long stabil;
	long jitcnt;
	long calcnt;
	long errcnt;
	long stbcnt;
	int tai;		/* TAI offset (s) */
	int __reserved[11];
};

#define ADJ_OFFSET		0x0001
#define ADJ_FREQUENCY		0x0002
#define ADJ_MAXERROR		0x0004
#define ADJ_ESTERROR		0x0008
#define ADJ_STATUS		0x0010
#define ADJ_TIMECONST		0x0020
#define ADJ_TAI			0x0080
#define ADJ_SETOFFSET		0x0100
#define ADJ_MICRO		0x1000
#define ADJ_NANO		0x2000
#define ADJ_TICK		0x4000
#define ADJ_OFFSET_SINGLESHOT	0x8001
#define ADJ_OFFSET_SS_READ	0xa001

#define STA_PLL			0x0001
#define STA_PPSFREQ		0x0002
#define STA_PPSTIME		0x0004
#define STA_FLL			0x0008
#define STA_INS			0x0010
#define STA_DEL			0x0020
#define STA_UNSYNC		0x0040
#define STA_FREQHOLD		0x0080
#define STA_PPSSIGNAL		0x0100
#define STA_PPSJITTER		0x0200
#define STA_PPSWANDER		0x0400
#define STA_PPSERROR		0x0800
#define STA_CLOCKERR		0x1000
#define STA_NANO		0x2000
#define STA_MODE		0x4000
#define STA_CLK			0x8000

/* adjtimex's result: the clock state. */
#define TIME_OK			0
#define TIME_INS		1
#define TIME_DEL		2
#define TIME_OOP		3
#define TIME_WAIT		4
#define TIME_ERROR		5
#define TIME_BAD		TIME_ERROR

int adjtimex(struct timex *buf);
int clock_adjtime(clockid_t clock_id, struct timex *buf);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_TIMEX_H */
