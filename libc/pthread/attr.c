/* attr.c: thread attributes (pthread_attr_init(3) and the get/set pairs). */
#include <errno.h>
#include <string.h>

#include "pthread_impl.h"

/* pthread_attr_init(3): the default guard is one page. */
#define PTHREAD_DEFAULT_GUARD	4096

int pthread_attr_init(pthread_attr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->__guardsize = PTHREAD_DEFAULT_GUARD;
	attr->__detachstate = PTHREAD_CREATE_JOINABLE;
	attr->__inheritsched = PTHREAD_INHERIT_SCHED;
	attr->__schedpolicy = SCHED_OTHER;
	attr->__scope = PTHREAD_SCOPE_SYSTEM;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detachstate;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detachstate = state;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *__restrict attr, size_t *__restrict size)
{
	*size = attr->__stacksize ? attr->__stacksize : PTHREAD_DEFAULT_STACK;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN_BYTES)
		return EINVAL;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *__restrict attr, void **__restrict addr,
			  size_t *__restrict size)
{
	*addr = attr->__stackaddr;
	*size = attr->__stacksize;
	return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size)
{
	if (size < PTHREAD_STACK_MIN_BYTES)
		return EINVAL;
	attr->__stackaddr = addr;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *__restrict attr, size_t *__restrict size)
{
	*size = attr->__guardsize;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	attr->__guardsize = size;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *__restrict attr, int *__restrict scope)
{
	*scope = attr->__scope;
	return 0;
}

/* Linux threads are kernel tasks: only the system scope exists (pthread_attr_setscope(3)). */
int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	attr->__scope = scope;
	return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *__restrict attr, int *__restrict inherit)
{
	*inherit = attr->__inheritsched;
	return 0;
}

/* Only inheriting is implemented: an explicit policy would be ignored, so it is refused. */
int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
	if (inherit == PTHREAD_EXPLICIT_SCHED)
		return ENOTSUP;
	if (inherit != PTHREAD_INHERIT_SCHED)
		return EINVAL;
	attr->__inheritsched = inherit;
	return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *__restrict attr, int *__restrict policy)
{
	*policy = attr->__schedpolicy;
	return 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy)
{
	if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR)
		return EINVAL;
	attr->__schedpolicy = policy;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *__restrict attr,
			       struct sched_param *__restrict param)
{
	*param = attr->__schedparam;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *__restrict attr,
			       const struct sched_param *__restrict param)
{
	attr->__schedparam = *param;
	return 0;
}
