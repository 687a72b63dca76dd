/* newlib_lock.c: newlib's retargetable locks (its misc/lock.c interface): malloc, stdio, atexit, environment... made thread-safe. */
/*
 * newlib configured with --enable-newlib-retargetable-locking calls these
 * for every lock (sys/lock.h). Its static locks are the named
 * struct __lock objects below; FILE locks are allocated by
 * __retarget_lock_init_recursive. A recursive lock's owner is the TCB
 * address, which stays the same across fork() in the child.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/lock.h>

#include "pthread_impl.h"

struct __lock {
	volatile int word;	/* word_lock.c */
	struct pthread *owner;	/* recursive locks */
	unsigned int count;
};

struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

/*
 * A lock that could not be allocated stays NULL: newlib has no way to
 * report the failure, and such a stream then works without locking.
 */
void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = calloc(1, sizeof(struct __lock));
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	__retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	if (lock)
		pthread_word_lock(&lock->word, PTHREAD_FUTEX_PRIVATE);
}

/*
 * 0 when the lock was taken, as ftrylockfile(3) (newlib's _ftrylockfile
 * returns this) and RTEMS's implementation of this interface answer.
 */
int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return lock ? pthread_word_trylock(&lock->word) : 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
	if (lock)
		pthread_word_unlock(&lock->word, PTHREAD_FUTEX_PRIVATE);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	struct pthread *self = pthread_impl_self();

	if (!lock)
		return;
	if (lock->owner != self) {
		pthread_word_lock(&lock->word, PTHREAD_FUTEX_PRIVATE);
		lock->owner = self;
	}
	lock->count++;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	struct pthread *self = pthread_impl_self();

	if (!lock)
		return 0;
	if (lock->owner != self) {
		if (pthread_word_trylock(&lock->word) != 0)
			return EBUSY;
		lock->owner = self;
	}
	lock->count++;
	return 0;
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	if (!lock || --lock->count != 0)
		return;
	lock->owner = NULL;
	pthread_word_unlock(&lock->word, PTHREAD_FUTEX_PRIVATE);
}
