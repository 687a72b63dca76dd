/* create.c: pthread_create(3): a stack mapping holding the new thread's stack, TLS block and TCB, and clone(2). */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "pthread_impl.h"

/*
 * One guard page below the stack by default (pthread_attr_setguardsize(3):
 * "the default guard size is ... the system page size").
 */
#define PTHREAD_PAGE_SIZE	4096UL

/* clone(2) for a thread: same memory, files, handlers, thread group; our TCB and tid word. */
#define PTHREAD_CLONE_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
				 CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | \
				 CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static size_t page_round_up(size_t size)
{
	return (size + PTHREAD_PAGE_SIZE - 1) & ~(PTHREAD_PAGE_SIZE - 1);
}

/* The new thread's first function: the creator's mask back, then the start routine. */
static int pthread_start(void *arg)
{
	struct pthread *self = arg;

	linux_syscall4(SYS_rt_sigprocmask, SIG_SETMASK, (long)&self->start_mask, 0,
		       sizeof(sigset_t));
	pthread_exit(self->start(self->arg));
}

/* The thread's memory: a fresh mapping, or the caller's stack (pthread_attr_setstack). */
static struct pthread *pthread_alloc(const pthread_attr_t *attr)
{
	size_t tls_size = pthread_tls_area_size();
	struct pthread *thread;

	if (attr && attr->__stackaddr) {
		if (attr->__stacksize < tls_size + PTHREAD_STACK_MIN_BYTES)
			return NULL;
		thread = pthread_tls_setup(attr->__stackaddr, attr->__stacksize);
		return thread;
	}

	size_t stack = attr && attr->__stacksize ? attr->__stacksize : PTHREAD_DEFAULT_STACK;
	size_t guard = attr ? page_round_up(attr->__guardsize) : PTHREAD_PAGE_SIZE;
	size_t size = page_round_up(stack + tls_size) + guard;
	void *base = mmap(NULL, size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);

	if (base == MAP_FAILED)
		return NULL;
	if (guard && mprotect(base, guard, PROT_NONE) != 0) {
		munmap(base, size);
		return NULL;
	}
	thread = pthread_tls_setup(base, size);
	thread->map_base = base;
	thread->map_size = size;
	return thread;
}

int pthread_create(pthread_t *__restrict out, const pthread_attr_t *__restrict attr,
		   void *(*start)(void *), void *__restrict arg)
{
	struct pthread *self = pthread_impl_self();
	struct pthread *thread = pthread_alloc(attr);
	sigset_t all;
	long tid;

	if (!thread)
		return EAGAIN;	/* pthread_create(3): "Insufficient resources" */
	thread->stack_guard = self->stack_guard;
	thread->pointer_guard = self->pointer_guard;
	thread->start = start;
	thread->arg = arg;
	thread->detach_state = attr && attr->__detachstate == PTHREAD_CREATE_DETACHED ?
		PTHREAD_STATE_DETACHED : PTHREAD_STATE_JOINABLE;
	_REENT_INIT_PTR(&thread->reent_data);
	thread->reent = &thread->reent_data;

	/* No signal may run in the new thread before its mask is the creator's. */
	sigfillset(&all);
	linux_syscall4(SYS_rt_sigprocmask, SIG_SETMASK, (long)&all, (long)&thread->start_mask,
		       sizeof(sigset_t));
	__atomic_add_fetch(&pthread_live_count, 1, __ATOMIC_RELAXED);
	tid = pthread_impl_clone(pthread_start, (char *)thread - pthread_tls.offset,
				 PTHREAD_CLONE_FLAGS, thread, &thread->tid, thread, &thread->tid);
	linux_syscall4(SYS_rt_sigprocmask, SIG_SETMASK, (long)&thread->start_mask, 0,
		       sizeof(sigset_t));
	if (tid < 0) {
		__atomic_sub_fetch(&pthread_live_count, 1, __ATOMIC_RELAXED);
		pthread_impl_free(thread);
		return EAGAIN;
	}
	*out = (pthread_t)thread;
	return 0;
}
