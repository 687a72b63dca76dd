/* mutex_attr.c: mutex attributes (pthread_mutexattr_init(3), settype, setpshared). */
#include <errno.h>

#include "pthread_impl.h"

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->__kind = PTHREAD_MUTEX_DEFAULT;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *__restrict attr, int *__restrict kind)
{
	*kind = attr->__kind;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int kind)
{
	if (kind != PTHREAD_MUTEX_NORMAL && kind != PTHREAD_MUTEX_RECURSIVE &&
	    kind != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__kind = kind;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *__restrict attr,
				 int *__restrict pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}
