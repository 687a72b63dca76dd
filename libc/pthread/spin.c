/* spin.c: spin locks (pthread_spin_lock(3)): busy-waiting on an atomic word. */
#include <errno.h>

#include "pthread_impl.h"

int pthread_spin_init(pthread_spinlock_t *lock, int pshared)
{
	(void)pshared;	/* a spin lock needs no kernel help, shared or not */
	*lock = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *lock)
{
	(void)lock;
	return 0;
}

int pthread_spin_lock(pthread_spinlock_t *lock)
{
	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(lock, __ATOMIC_RELAXED))
			__builtin_ia32_pause();	/* PAUSE: the spin-wait hint (Intel SDM) */
	}
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *lock)
{
	return __atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}

int pthread_spin_unlock(pthread_spinlock_t *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
	return 0;
}
