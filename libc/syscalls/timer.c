/*
 * timer.c: timer_create(2), timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete. The kernel's timer id is an int;
 * newlib's timer_t (an unsigned long) holds it. struct sigevent and
 * struct itimerspec already have Linux's layouts (sys/signal.h, time.h).
 */
#include <errno.h>
#include <signal.h>
#include <time.h>

#include "linux_syscall.h"
#include "linux_time.h"

_Static_assert(sizeof(struct sigevent) == 64, "struct sigevent must be Linux's");
_Static_assert(sizeof(struct itimerspec) == 32, "struct itimerspec must be Linux's");

int timer_create(clockid_t clock_id, struct sigevent *evp, timer_t *timerid)
{
	long linux_clock = clock_id_to_linux(clock_id);
	int kid;
	long ret;

	if (linux_clock == -1) {
		errno = EINVAL;
		return -1;
	}
	/* SIGEV_THREAD needs a thread to run the function: not implemented. */
	if (evp && evp->sigev_notify == SIGEV_THREAD) {
		errno = EINVAL;
		return -1;
	}
	ret = linux_syscall3(SYS_timer_create, linux_clock, (long)evp, (long)&kid);
	if (linux_syscall_result(ret) == -1)
		return -1;
	*timerid = (timer_t)kid;
	return 0;
}

int timer_delete(timer_t timerid)
{
	return linux_syscall_result(linux_syscall1(SYS_timer_delete, (int)timerid));
}

int timer_settime(timer_t timerid, int flags, const struct itimerspec *value,
		  struct itimerspec *ovalue)
{
	/* newlib's TIMER_ABSTIME is 4, Linux's 1. */
	long linux_flags = (flags & TIMER_ABSTIME) ? LINUX_TIMER_ABSTIME : 0;

	return linux_syscall_result(linux_syscall4(SYS_timer_settime, (int)timerid, linux_flags,
						   (long)value, (long)ovalue));
}

int timer_gettime(timer_t timerid, struct itimerspec *value)
{
	return linux_syscall_result(linux_syscall2(SYS_timer_gettime, (int)timerid,
						   (long)value));
}

int timer_getoverrun(timer_t timerid)
{
	return linux_syscall_result(linux_syscall1(SYS_timer_getoverrun, (int)timerid));
}
