/* mutex.c: pthread_mutex_lock(3) and friends: normal, recursive and error-checking mutexes over a futex word. */
#include <errno.h>

#include "pthread_impl.h"

static int mutex_private(const pthread_mutex_t *mutex)
{
	return mutex->__pshared == PTHREAD_PROCESS_SHARED ? PTHREAD_FUTEX_SHARED :
		PTHREAD_FUTEX_PRIVATE;
}

int pthread_mutex_init(pthread_mutex_t *__restrict mutex,
		       const pthread_mutexattr_t *__restrict attr)
{
	*mutex = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (attr) {
		mutex->__kind = attr->__kind;
		mutex->__pshared = attr->__pshared;
	}
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *mutex)
{
	return mutex->__lock ? EBUSY : 0;
}

/* The owner checks of the recursive and error-checking kinds, before blocking. */
static int mutex_owned_by_me(pthread_mutex_t *mutex, int *result)
{
	int me = pthread_impl_self()->tid;

	if (mutex->__kind == PTHREAD_MUTEX_NORMAL || mutex->__owner != me)
		return 0;
	if (mutex->__kind == PTHREAD_MUTEX_ERRORCHECK) {
		*result = EDEADLK;
	} else if (mutex->__count == UINT_MAX) {
		*result = EAGAIN;	/* pthread_mutex_lock(3p): recursion limit */
	} else {
		mutex->__count++;
		*result = 0;
	}
	return 1;
}

static void mutex_took(pthread_mutex_t *mutex)
{
	mutex->__owner = pthread_impl_self()->tid;
	mutex->__count = 1;
}

int pthread_mutex_timedlock(pthread_mutex_t *__restrict mutex,
			    const struct timespec *__restrict abstime)
{
	int result;

	if (mutex_owned_by_me(mutex, &result))
		return result;
	result = pthread_word_timedlock(&mutex->__lock, abstime, CLOCK_REALTIME,
					mutex_private(mutex));
	if (result == 0)
		mutex_took(mutex);
	return result;
}

int pthread_mutex_lock(pthread_mutex_t *mutex)
{
	return pthread_mutex_timedlock(mutex, NULL);
}

int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
	int result;

	if (mutex_owned_by_me(mutex, &result))
		return result == EDEADLK ? EBUSY : result;
	result = pthread_word_trylock(&mutex->__lock);
	if (result == 0)
		mutex_took(mutex);
	return result;
}

int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
	if (mutex->__kind != PTHREAD_MUTEX_NORMAL) {
		/* pthread_mutex_unlock(3p): EPERM when the caller does not own it. */
		if (mutex->__owner != pthread_impl_self()->tid || mutex->__lock == 0)
			return EPERM;
		if (--mutex->__count != 0)
			return 0;
	}
	mutex->__owner = 0;
	pthread_word_unlock(&mutex->__lock, mutex_private(mutex));
	return 0;
}
