/* once.c: pthread_once(3): the first caller runs the routine; the others wait until it has returned. */
#include "pthread_impl.h"

enum { ONCE_NEW, ONCE_RUNNING, ONCE_DONE };

int pthread_once(pthread_once_t *once, void (*routine)(void))
{
	int state = ONCE_NEW;

	if (__atomic_load_n(once, __ATOMIC_ACQUIRE) == ONCE_DONE)
		return 0;
	if (__atomic_compare_exchange_n(once, &state, ONCE_RUNNING, 0, __ATOMIC_ACQUIRE,
					__ATOMIC_ACQUIRE)) {
		routine();
		__atomic_store_n(once, ONCE_DONE, __ATOMIC_RELEASE);
		pthread_futex_wake(once, INT_MAX, PTHREAD_FUTEX_PRIVATE);
		return 0;
	}
	while ((state = __atomic_load_n(once, __ATOMIC_ACQUIRE)) == ONCE_RUNNING)
		pthread_futex_wait(once, ONCE_RUNNING, NULL, PTHREAD_FUTEX_PRIVATE);
	return 0;
}
