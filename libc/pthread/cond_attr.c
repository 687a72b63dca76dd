/* cond_attr.c: condition variable attributes (pthread_condattr_init(3), setclock, setpshared). */
#include <errno.h>

#include "pthread_impl.h"

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->__clock = 0;	/* CLOCK_REALTIME */
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *__restrict attr,
			      clockid_t *__restrict clock)
{
	*clock = attr->__clock ? (clockid_t)(attr->__clock - 1) : CLOCK_REALTIME;
	return 0;
}

/* pthread_condattr_setclock(3p): EINVAL for a CPU-time clock or an unknown one. */
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->__clock = clock == CLOCK_REALTIME ? 0 : (int)clock + 1;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *__restrict attr,
				int *__restrict pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}
