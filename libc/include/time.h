/* time.h: newlib's <time.h>, plus the clocks, nanosleep and the POSIX timers, which Basalt has. */
/*
 * newlib declares them only under _POSIX_TIMERS, which we do not define
 * (it would also switch on other parts of newlib): the clocks, nanosleep
 * and timer_create and friends are declared here (libc/syscalls/
 * clock_gettime.c, nanosleep.c, timer.c).
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
/*
 * POSIX timers (timer_create(2)...): SIGEV_SIGNAL, SIGEV_NONE and
 * SIGEV_THREAD_ID; SIGEV_THREAD (a thread started at each expiry) is
 * not implemented: EINVAL. TIMER_ABSTIME is newlib's, translated.
 */
struct sigevent;
int timer_create(clockid_t clock_id, struct sigevent *__restrict evp,
		 timer_t *__restrict timerid);
int timer_delete(timer_t timerid);
int timer_settime(timer_t timerid, int flags, const struct itimerspec *__restrict value,
		  struct itimerspec *__restrict ovalue);
int timer_gettime(timer_t timerid, struct itimerspec *value);
int timer_getoverrun(timer_t timerid);

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
