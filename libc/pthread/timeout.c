/* timeout.c: the relative time left until an absolute deadline, for futex(2) waits with a relative timeout. */
#include <errno.h>

#include "pthread_impl.h"

#define NSEC_PER_SEC	1000000000L

int pthread_timeout_left(const struct timespec *abstime, clockid_t clock, struct timespec *left)
{
	struct timespec now;

	/* pthread_mutex_timedlock(3p): EINVAL for tv_nsec outside [0, 1e9). */
	if (abstime->tv_nsec < 0 || abstime->tv_nsec >= NSEC_PER_SEC)
		return EINVAL;
	if (clock_gettime(clock, &now) != 0)
		return EINVAL;
	left->tv_sec = abstime->tv_sec - now.tv_sec;
	left->tv_nsec = abstime->tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_nsec += NSEC_PER_SEC;
		left->tv_sec--;
	}
	if (left->tv_sec < 0)
		return ETIMEDOUT;
	return 0;
}
