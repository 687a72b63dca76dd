/* rwlock.c: read-write locks (pthread_rwlock_rdlock(3), wrlock, unlock): readers share, a writer excludes. */
/*
 * The fields are guarded by an internal lock word; blocked threads sleep on
 * a sequence number bumped at every release. Readers are preferred (as
 * glibc's default, PTHREAD_RWLOCK_PREFER_READER_NP), so a thread holding a
 * read lock may take another one while a writer waits.
 */
#include <errno.h>

#include "pthread_impl.h"

#define RWLOCK_WRITER	(-1)	/* __readers while a writer holds it */

int pthread_rwlock_init(pthread_rwlock_t *__restrict rwlock,
			const pthread_rwlockattr_t *__restrict attr)
{
	(void)attr;
	*rwlock = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rwlock)
{
	return rwlock->__readers ? EBUSY : 0;
}

/* One attempt: 0, or EBUSY with the sequence number to sleep on. */
static int rwlock_try(pthread_rwlock_t *rwlock, int writer, unsigned int *seq)
{
	int result = EBUSY;

	pthread_word_lock(&rwlock->__lock, PTHREAD_FUTEX_PRIVATE);
	if (writer ? rwlock->__readers == 0 : rwlock->__readers >= 0) {
		if (writer)
			rwlock->__readers = RWLOCK_WRITER;
		else if (rwlock->__readers == INT_MAX)
			result = EAGAIN;	/* pthread_rwlock_rdlock(3p): too many readers */
		else
			rwlock->__readers++;
		if (result != EAGAIN)
			result = 0;
	}
	*seq = __atomic_load_n(&rwlock->__seq, __ATOMIC_ACQUIRE);
	pthread_word_unlock(&rwlock->__lock, PTHREAD_FUTEX_PRIVATE);
	return result;
}

static int rwlock_lock(pthread_rwlock_t *rwlock, int writer)
{
	unsigned int seq;
	int result;

	while ((result = rwlock_try(rwlock, writer, &seq)) == EBUSY)
		pthread_futex_wait(&rwlock->__seq, (int)seq, NULL, PTHREAD_FUTEX_PRIVATE);
	return result;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rwlock)
{
	return rwlock_lock(rwlock, 0);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *rwlock)
{
	return rwlock_lock(rwlock, 1);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *rwlock)
{
	unsigned int seq;

	return rwlock_try(rwlock, 0, &seq);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *rwlock)
{
	unsigned int seq;

	return rwlock_try(rwlock, 1, &seq);
}

int pthread_rwlock_unlock(pthread_rwlock_t *rwlock)
{
	int result = 0;

	pthread_word_lock(&rwlock->__lock, PTHREAD_FUTEX_PRIVATE);
	if (rwlock->__readers == RWLOCK_WRITER)
		rwlock->__readers = 0;
	else if (rwlock->__readers > 0)
		rwlock->__readers--;
	else
		result = EPERM;	/* not held */
	__atomic_add_fetch(&rwlock->__seq, 1, __ATOMIC_RELEASE);
	pthread_word_unlock(&rwlock->__lock, PTHREAD_FUTEX_PRIVATE);
	if (result == 0)
		pthread_futex_wake(&rwlock->__seq, INT_MAX, PTHREAD_FUTEX_PRIVATE);
	return result;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	(void)attr;
	return 0;
}
