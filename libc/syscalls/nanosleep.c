/* nanosleep.c: nanosleep(2) over the Linux system call, and sleep(3) and usleep(3) over it. */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "linux_syscall.h"

#define NSEC_PER_USEC	1000L
#define USEC_PER_SEC	1000000L

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
	return linux_syscall_result(linux_syscall2(SYS_nanosleep, (long)request,
						   (long)remaining));
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
