/* cond.c: condition variables (pthread_cond_wait(3), signal, broadcast) over a sequence-number futex. */
/*
 * A waiter reads the sequence number while it still holds the mutex, then
 * releases the mutex and sleeps on the number. A signal or broadcast bumps
 * it before waking, so a wake-up between the release and the sleep is not
 * lost: FUTEX_WAIT then finds a different value and returns at once.
 * Waking more threads than asked, or spuriously, is allowed (POSIX
 * pthread_cond_wait: "Spurious wakeups ... may occur").
 */
#include <errno.h>

#include "linux_errno.h"
#include "pthread_impl.h"

static clockid_t cond_clock(const pthread_cond_t *cond)
{
	return cond->__clock ? (clockid_t)(cond->__clock - 1) : CLOCK_REALTIME;
}

static int cond_private(const pthread_cond_t *cond)
{
	return cond->__pshared == PTHREAD_PROCESS_SHARED ? PTHREAD_FUTEX_SHARED :
		PTHREAD_FUTEX_PRIVATE;
}

int pthread_cond_init(pthread_cond_t *__restrict cond, const pthread_condattr_t *__restrict attr)
{
	*cond = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	if (attr) {
		cond->__clock = attr->__clock;
		cond->__pshared = attr->__pshared;
	}
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *cond)
{
	(void)cond;
	return 0;
}

int pthread_cond_timedwait(pthread_cond_t *__restrict cond, pthread_mutex_t *__restrict mutex,
			   const struct timespec *__restrict abstime)
{
	unsigned int seq = __atomic_load_n(&cond->__seq, __ATOMIC_ACQUIRE);
	struct timespec left;
	int result = 0;

	if (abstime) {
		result = pthread_timeout_left(abstime, cond_clock(cond), &left);
		if (result == EINVAL)
			return result;
	}
	if (pthread_mutex_unlock(mutex) != 0)
		return EPERM;
	if (result == 0) {
		long ret = pthread_futex_wait(&cond->__seq, (int)seq, abstime ? &left : NULL,
					      cond_private(cond));

		/* -ETIMEDOUT from futex(2), in Linux's numbering (110). */
		if (ret == -LINUX_ETIMEDOUT)
			result = ETIMEDOUT;
	}
	pthread_mutex_lock(mutex);
	return result;
}

int pthread_cond_wait(pthread_cond_t *__restrict cond, pthread_mutex_t *__restrict mutex)
{
	return pthread_cond_timedwait(cond, mutex, NULL);
}

int pthread_cond_signal(pthread_cond_t *cond)
{
	__atomic_add_fetch(&cond->__seq, 1, __ATOMIC_RELEASE);
	pthread_futex_wake(&cond->__seq, 1, cond_private(cond));
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *cond)
{
	__atomic_add_fetch(&cond->__seq, 1, __ATOMIC_RELEASE);
	pthread_futex_wake(&cond->__seq, INT_MAX, cond_private(cond));
	return 0;
}
