/*
 * sys_time.h: POSIX clocks and sleeping for user space (kernel/time/):
 *
 *   timespec.c    timespec_       validation and conversions (pure, host tested)
 *   posix_clock.c time_clock_     the clock ids of clock_gettime(2) read as ns
 *   sys_time.c    sys_, ksys_     clock_gettime, clock_getres, gettimeofday,
 *                                 time, nanosleep, clock_nanosleep
 *
 * Clocks: MONOTONIC (and MONOTONIC_RAW, BOOTTIME: no NTP slewing and no
 * suspend here, so the three are the same clock) is time_monotonic_ns.
 * REALTIME is the CMOS clock read at boot plus the monotonic time since,
 * plus what root set it by (clock_set.c: clock_settime, settimeofday,
 * adjtimex ADJ_SETOFFSET). The _COARSE variants are the same
 * clocks truncated to the tick, as Linux's are the time of the last tick.
 * The CPU-time clocks count scheduler ticks, so their resolution is one
 * tick (1 / TIME_HZ s), which clock_getres says.
 */
#ifndef TIME_SYS_TIME_H
#define TIME_SYS_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <time/time.h>
#include <uapi/time.h>

/* ---- timespec.c ----------------------------------------------------------- */

/* Linux's timespec64_valid: tv_sec >= 0 and 0 <= tv_nsec < 1e9. */
bool timespec_valid(const struct timespec *ts);
/* ns of a valid timespec, saturated at INT64_MAX (a far-away deadline). */
int64_t timespec_to_ns(const struct timespec *ts);
struct timespec timespec_from_ns(int64_t ns);	/* ns >= 0 */
struct timeval timeval_from_ns(int64_t ns);	/* ns >= 0 */

/* ---- posix_clock.c -------------------------------------------------------- */

/* Nanoseconds per scheduler tick: the CPU-time and coarse resolution. */
#define TIME_TICK_NS		(NSEC_PER_SEC / TIME_HZ)

/* The wall clock in ns since the Unix epoch. */
int64_t time_realtime_ns(void);
/*
 * The realtime clock as of the last tick (CLOCK_REALTIME_COARSE): no
 * clock source read, so cheap enough for every file time stamp.
 */
int64_t time_realtime_coarse_ns(void);
/* Moves the wall clock by delta_ns (clock_set.c's setters only). */
void time_realtime_shift(int64_t delta_ns);
/* Reads clock id: 0, or -EINVAL for an unknown or unsupported id. */
int time_clock_read(int64_t clockid, int64_t *ns);
/* Its resolution: 0 or -EINVAL. */
int time_clock_res(int64_t clockid, int64_t *ns);
/*
 * The monotonic deadline (for wait_block) at which clock id reaches
 * abs_ns; 0 when that time has already passed. Only for the clocks one
 * can sleep on (REALTIME, MONOTONIC, BOOTTIME): -EINVAL otherwise.
 */
int time_clock_deadline(int64_t clockid, int64_t abs_ns, uint64_t *deadline);

/* ---- sys_time.c ----------------------------------------------------------- */

/*
 * Sleeps until the monotonic clock reaches deadline (0 is "now"), unless
 * a signal comes first: 0, or -EINTR. Used by nanosleep and futex.
 */
int time_sleep_until(uint64_t deadline);

/*
 * The bodies of the system calls of the same names, with typed
 * arguments (Linux's ksys_ helpers), for in-kernel callers and tests.
 * A clock id is an int (clockid_t): the upper half of its register is
 * not looked at.
 */
long ksys_clock_gettime(int which_clock, struct timespec __user *tp);
long ksys_clock_getres(int which_clock, struct timespec __user *tp);
long ksys_gettimeofday(struct timeval __user *tv, struct timezone __user *tz);

/* ---- clock_set.c ---------------------------------------------------------- */

/* The time zone settimeofday(2) last set (gettimeofday's), UTC at boot. */
struct timezone time_get_timezone(void);
long ksys_time(int64_t __user *tloc);
long ksys_nanosleep(const struct timespec __user *rqtp, struct timespec __user *rmtp);
long ksys_clock_nanosleep(int which_clock, int flags, const struct timespec __user *rqtp,
			  struct timespec __user *rmtp);

#endif /* TIME_SYS_TIME_H */
