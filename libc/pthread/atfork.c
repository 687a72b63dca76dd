/* atfork.c: pthread_atfork(3), and what fork() does around the system call when threads may hold locks. */
/*
 * POSIX fork: the child has only the calling thread, so a lock another
 * thread held at the fork would stay held forever in the child. fork()
 * (syscalls/fork.c) therefore takes newlib's malloc and stdio locks
 * before the system call and releases them in both processes afterwards,
 * as glibc does for malloc, and runs the pthread_atfork handlers: prepare
 * newest first, parent and child oldest first.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/lock.h>

#include "pthread_impl.h"

struct atfork_handlers {
	void (*prepare)(void);
	void (*parent)(void);
	void (*child)(void);
	struct atfork_handlers *next, *prev;
};

static struct atfork_handlers *atfork_oldest, *atfork_newest;
static volatile int atfork_lock;	/* guards the list */

extern struct __lock __lock___malloc_recursive_mutex;
extern struct __lock __lock___sfp_recursive_mutex;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	struct atfork_handlers *h = malloc(sizeof(*h));

	if (!h)
		return ENOMEM;
	*h = (struct atfork_handlers){ prepare, parent, child, NULL, NULL };
	pthread_word_lock(&atfork_lock, PTHREAD_FUTEX_PRIVATE);
	h->prev = atfork_newest;
	if (atfork_newest)
		atfork_newest->next = h;
	else
		atfork_oldest = h;
	atfork_newest = h;
	pthread_word_unlock(&atfork_lock, PTHREAD_FUTEX_PRIVATE);
	return 0;
}

void __pthread_fork_prepare(void)
{
	pthread_word_lock(&atfork_lock, PTHREAD_FUTEX_PRIVATE);
	for (struct atfork_handlers *h = atfork_newest; h; h = h->prev) {
		if (h->prepare)
			h->prepare();
	}
	__retarget_lock_acquire_recursive(&__lock___sfp_recursive_mutex);
	__retarget_lock_acquire_recursive(&__lock___malloc_recursive_mutex);
}

/* child: non-zero in the new process, whose only thread is the caller. */
void __pthread_fork_after(int child)
{
	struct pthread *self = pthread_impl_self();

	__retarget_lock_release_recursive(&__lock___malloc_recursive_mutex);
	__retarget_lock_release_recursive(&__lock___sfp_recursive_mutex);
	if (child) {
		self->tid = (int)linux_syscall0(SYS_gettid);
		pthread_live_count = 1;
		atfork_lock = 0;
	} else {
		pthread_word_unlock(&atfork_lock, PTHREAD_FUTEX_PRIVATE);
	}
	for (struct atfork_handlers *h = atfork_oldest; h; h = h->next) {
		if (child ? h->child != NULL : h->parent != NULL)
			(child ? h->child : h->parent)();
	}
}
