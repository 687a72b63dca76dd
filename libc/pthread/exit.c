/* exit.c: pthread_exit(3) and the cleanup handlers (pthread_cleanup_push(3)). */
#include <stdlib.h>

#include "pthread_impl.h"

void __pthread_cleanup_push(struct __pthread_cleanup *cb, void (*routine)(void *), void *arg)
{
	struct pthread *self = pthread_impl_self();

	cb->__routine = routine;
	cb->__arg = arg;
	cb->__next = self->cleanup;
	self->cleanup = cb;
}

void __pthread_cleanup_pop(struct __pthread_cleanup *cb, int execute)
{
	pthread_impl_self()->cleanup = cb->__next;
	if (execute)
		cb->__routine(cb->__arg);
}

void pthread_exit(void *result)
{
	struct pthread *self = pthread_impl_self();
	int state = PTHREAD_STATE_JOINABLE;
	sigset_t all;

	/* pthread_exit(3): cleanup handlers newest first, then key destructors. */
	while (self->cleanup) {
		struct __pthread_cleanup *cb = self->cleanup;

		self->cleanup = cb->__next;
		cb->__routine(cb->__arg);
	}
	pthread_impl_run_destructors(self);
	/*
	 * "The process shall exit with an exit status of 0 after the last
	 * thread has been terminated ... as if exit() were called" (POSIX
	 * pthread_exit): atexit handlers run and stdio is flushed.
	 */
	if (__atomic_sub_fetch(&pthread_live_count, 1, __ATOMIC_ACQ_REL) == 0)
		exit(EXIT_SUCCESS);
	if (self->reent == &self->reent_data)
		_reclaim_reent(self->reent);
	self->result = result;

	if (!__atomic_compare_exchange_n(&self->detach_state, &state, PTHREAD_STATE_EXITING, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) && self->map_base) {
		/*
		 * Detached: nobody will join, so the thread frees its own
		 * mapping. No signal handler may run on it any more, and the
		 * kernel must not write the tid word into it after the unmap.
		 */
		sigfillset(&all);
		linux_syscall4(SYS_rt_sigprocmask, SIG_SETMASK, (long)&all, 0, sizeof(sigset_t));
		linux_syscall1(SYS_set_tid_address, 0);
		pthread_impl_unmap_exit(self->map_base, self->map_size);
	}
	for (;;)
		linux_syscall1(SYS_exit, 0);
}
