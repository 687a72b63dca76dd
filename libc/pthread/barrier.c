/* barrier.c: barriers (pthread_barrier_wait(3)): the last of count threads to arrive releases the others. */
#include <errno.h>

#include "pthread_impl.h"

int pthread_barrier_init(pthread_barrier_t *__restrict barrier,
			 const pthread_barrierattr_t *__restrict attr, unsigned int count)
{
	(void)attr;
	/* pthread_barrier_init(3p): EINVAL for a count of zero. */
	if (count == 0)
		return EINVAL;
	*barrier = (pthread_barrier_t){ .__count = count };
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *barrier)
{
	return barrier->__arrived ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *barrier)
{
	unsigned int cycle;

	pthread_word_lock(&barrier->__lock, PTHREAD_FUTEX_PRIVATE);
	cycle = barrier->__cycle;
	if (++barrier->__arrived == barrier->__count) {
		/* The cycle is complete: the barrier is reset for the next one. */
		barrier->__arrived = 0;
		__atomic_add_fetch(&barrier->__cycle, 1, __ATOMIC_RELEASE);
		pthread_word_unlock(&barrier->__lock, PTHREAD_FUTEX_PRIVATE);
		pthread_futex_wake(&barrier->__cycle, INT_MAX, PTHREAD_FUTEX_PRIVATE);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	pthread_word_unlock(&barrier->__lock, PTHREAD_FUTEX_PRIVATE);
	while (__atomic_load_n(&barrier->__cycle, __ATOMIC_ACQUIRE) == cycle)
		pthread_futex_wait(&barrier->__cycle, (int)cycle, NULL, PTHREAD_FUTEX_PRIVATE);
	return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *__restrict attr,
				   int *__restrict pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

/* Our barriers wait on private futexes: a process-shared one is not supported. */
int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
	if (pshared == PTHREAD_PROCESS_SHARED)
		return ENOTSUP;
	if (pshared != PTHREAD_PROCESS_PRIVATE)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}
