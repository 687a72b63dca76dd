/*
 * uapi/timex.h: adjtimex(2)'s struct timex (208 bytes on x86_64) and the
 * ADJ_*, STA_* and TIME_* values (Linux's include/uapi/linux/timex.h).
 */
#ifndef UAPI_TIMEX_H
#define UAPI_TIMEX_H

#include <stdint.h>
#include <uapi/time.h>

#define TIMEX_RESERVED		11	/* trailing int32_t padding */

struct kernel_timex {
	uint32_t modes;		/* ADJ_*: what to set */
	int64_t offset;		/* time offset (us, ns with STA_NANO) */
	int64_t freq;		/* frequency offset (ppm << 16) */
	int64_t maxerror;	/* maximum error (us) */
	int64_t esterror;	/* estimated error (us) */
	int32_t status;		/* STA_* */
	int64_t constant;	/* PLL time constant */
	int64_t precision;	/* clock precision (us), read-only */
	int64_t tolerance;	/* frequency tolerance (ppm << 16), read-only */
	struct timeval time;	/* the current time; ADJ_SETOFFSET's offset */
	int64_t tick;		/* us between clock ticks */
	int64_t ppsfreq;	/* the PPS fields, read-only, 0 without PPS */
	int64_t jitter;
	int32_t shift;
	int64_t stabil;
	int64_t jitcnt;
	int64_t calcnt;
	int64_t errcnt;
	int64_t stbcnt;
	int32_t tai;		/* TAI offset (s) */
	int32_t reserved[TIMEX_RESERVED];
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
/* The bits adjtimex(2) may set: the rest are read-only. */
#define STA_RONLY	(STA_PPSSIGNAL | STA_PPSJITTER | STA_PPSWANDER | STA_PPSERROR | \
			 STA_CLOCKERR | STA_NANO | STA_MODE | STA_CLK)

#define TIME_OK			0
#define TIME_INS		1
#define TIME_DEL		2
#define TIME_OOP		3
#define TIME_WAIT		4
#define TIME_ERROR		5

#endif /* UAPI_TIMEX_H */
