/* join.c: pthread_join(3), pthread_tryjoin_np(3), pthread_detach(3), and freeing a finished thread. */
#include <errno.h>
#include <sys/mman.h>

#include "pthread_impl.h"

void pthread_impl_free(struct pthread *thread)
{
	if (thread->map_base)
		munmap(thread->map_base, thread->map_size);
}

/*
 * Waits until the kernel has cleared the thread's tid word: it does so
 * when the thread has exited and will not touch its stack again
 * (CLONE_CHILD_CLEARTID in clone(2)), then wakes the word with a futex
 * wake that is not private, so neither is our wait.
 */
static void join_wait(struct pthread *thread)
{
	int tid;

	while ((tid = __atomic_load_n(&thread->tid, __ATOMIC_ACQUIRE)) != 0)
		pthread_futex_wait(&thread->tid, tid, NULL, PTHREAD_FUTEX_SHARED);
}

int pthread_join(pthread_t id, void **result)
{
	struct pthread *thread = (struct pthread *)id;

	if (thread == pthread_impl_self())
		return EDEADLK;
	if (__atomic_load_n(&thread->detach_state, __ATOMIC_ACQUIRE) == PTHREAD_STATE_DETACHED)
		return EINVAL;
	join_wait(thread);
	if (result)
		*result = thread->result;
	pthread_impl_free(thread);
	return 0;
}

int pthread_tryjoin_np(pthread_t id, void **result)
{
	struct pthread *thread = (struct pthread *)id;

	if (__atomic_load_n(&thread->tid, __ATOMIC_ACQUIRE) != 0)
		return EBUSY;
	return pthread_join(id, result);
}

int pthread_detach(pthread_t id)
{
	struct pthread *thread = (struct pthread *)id;
	int state = PTHREAD_STATE_JOINABLE;

	if (__atomic_compare_exchange_n(&thread->detach_state, &state, PTHREAD_STATE_DETACHED, 0,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;
	if (state == PTHREAD_STATE_DETACHED)
		return EINVAL;
	/* Already exiting as a joinable thread: it left its memory to us. */
	join_wait(thread);
	pthread_impl_free(thread);
	return 0;
}
