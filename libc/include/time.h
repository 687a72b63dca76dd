/* time.h: newlib's <time.h>, plus clock_gettime, clock_getres and nanosleep, which Basalt has. */
/*
 * newlib declares them only under _POSIX_TIMERS, which would also promise
 * timer_create and friends; we have the clocks and nanosleep only
 * (libc/syscalls/clock_gettime.c, nanosleep.c).
 */
#ifndef BASALT_TIME_H
#define BASALT_TIME_H

#include_next <time.h>

#ifndef _POSIX_TIMERS
#ifdef __cplusplus
extern "C" {
#endif

int clock_gettime(clockid_t clock_id, struct timespec *tp);
int clock_getres(clockid_t clock_id, struct timespec *res);
int clock_settime(clockid_t clock_id, const struct timespec *tp);
int nanosleep(const struct timespec *request, struct timespec *remaining);

#ifdef __cplusplus
}
#endif
#endif /* !_POSIX_TIMERS */

#if !defined(_POSIX_CLOCK_SELECTION)
#ifdef __cplusplus
extern "C" {
#endif

/* clock_nanosleep(2); TIMER_ABSTIME is newlib's 4, translated to Linux's 1. */
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *request,
		    struct timespec *remaining);

#ifdef __cplusplus
}
#endif
#endif /* !_POSIX_CLOCK_SELECTION */

#endif /* BASALT_TIME_H */
