/* word_lock.c: a futex word as a lock (0 free, 1 held, 2 held with waiters), under mutexes, barriers, rwlocks and newlib's locks. */
/*
 * Ulrich Drepper, "Futexes Are Tricky" (2011), mutex #2: the uncontended
 * lock and unlock are one atomic instruction each; a waiter marks the word
 * 2 so that the unlock knows to call FUTEX_WAKE.
 */
#include <errno.h>

#include "pthread_impl.h"

enum { WORD_FREE, WORD_HELD, WORD_CONTENDED };

int pthread_word_trylock(volatile int *word)
{
	int expected = WORD_FREE;

	return __atomic_compare_exchange_n(word, &expected, WORD_HELD, 0, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED) ? 0 : EBUSY;
}

int pthread_word_timedlock(volatile int *word, const struct timespec *abstime, clockid_t clock,
			   int private_flag)
{
	int state = WORD_FREE;
	struct timespec left;

	if (__atomic_compare_exchange_n(word, &state, WORD_HELD, 0, __ATOMIC_ACQUIRE,
					__ATOMIC_RELAXED))
		return 0;
	if (state != WORD_CONTENDED)
		state = __atomic_exchange_n(word, WORD_CONTENDED, __ATOMIC_ACQUIRE);
	while (state != WORD_FREE) {
		if (abstime) {
			int err = pthread_timeout_left(abstime, clock, &left);

			if (err)
				return err;
		}
		pthread_futex_wait(word, WORD_CONTENDED, abstime ? &left : NULL, private_flag);
		state = __atomic_exchange_n(word, WORD_CONTENDED, __ATOMIC_ACQUIRE);
	}
	return 0;
}

void pthread_word_lock(volatile int *word, int private_flag)
{
	pthread_word_timedlock(word, NULL, CLOCK_REALTIME, private_flag);
}

void pthread_word_unlock(volatile int *word, int private_flag)
{
	if (__atomic_exchange_n(word, WORD_FREE, __ATOMIC_RELEASE) == WORD_CONTENDED)
		pthread_futex_wake(word, 1, private_flag);
}
