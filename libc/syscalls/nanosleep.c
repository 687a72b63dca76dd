/* nanosleep.c: nanosleep(2) and clock_nanosleep(2) over the Linux system calls, and sleep(3) and usleep(3). */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "linux_syscall.h"
#include "linux_time.h"

#define NSEC_PER_USEC	1000L
#define USEC_PER_SEC	1000000L

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
	return linux_syscall_result(linux_syscall2(SYS_nanosleep, (long)request,
						   (long)remaining));
}


/* clock_nanosleep(2) returns the error number and leaves errno alone. */
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *request,
		    struct timespec *remaining)
{
	long linux_clock = clock_id_to_linux(clock_id);
	long ret;

	/*
	 * POSIX clock_nanosleep: EINVAL for "the CPU-time clock of the calling
	 * thread" (Linux itself answers EOPNOTSUPP).
	 */
	if (linux_clock < 0 || clock_id == CLOCK_THREAD_CPUTIME_ID)
		return EINVAL;
	ret = linux_syscall4(SYS_clock_nanosleep, linux_clock,
			     (flags & TIMER_ABSTIME) ? LINUX_TIMER_ABSTIME : 0, (long)request,
			     (long)remaining);
	return ret < 0 ? errno_from_linux((int)-ret) : 0;
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec request = { .tv_sec = seconds, .tv_nsec = 0 };
	struct timespec remaining;

	/* sleep(3): returns the seconds left when a signal interrupts it. */
	if (nanosleep(&request, &remaining) < 0)
		return remaining.tv_sec + (remaining.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t microseconds)
{
	struct timespec request = {
		.tv_sec = microseconds / USEC_PER_SEC,
		.tv_nsec = (microseconds % USEC_PER_SEC) * NSEC_PER_USEC,
	};

	return nanosleep(&request, NULL);
}
