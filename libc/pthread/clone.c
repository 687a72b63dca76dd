/* clone.c: clone(2)'s glibc-style wrapper: fn(arg) runs in the new task on the stack given. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>

#include "pthread_impl.h"

/* clone(fn, stack, flags, arg, parent_tid, tls, child_tid): the last three only as the flags ask. */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	volatile int *parent_tid = NULL, *child_tid = NULL;
	void *tls = NULL;
	va_list ap;

	if (!fn || !stack) {
		errno = EINVAL;	/* clone(2): "fn or stack is NULL" */
		return -1;
	}
	va_start(ap, arg);
	if (flags & (CLONE_PARENT_SETTID | CLONE_SETTLS | CLONE_CHILD_SETTID |
		     CLONE_CHILD_CLEARTID))
		parent_tid = va_arg(ap, int *);
	if (flags & (CLONE_SETTLS | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		tls = va_arg(ap, void *);
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		child_tid = va_arg(ap, int *);
	va_end(ap);
	return (int)linux_syscall_result(pthread_impl_clone(fn, stack, (unsigned int)flags, arg,
							    parent_tid, tls, child_tid));
}
