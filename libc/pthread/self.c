/* self.c: pthread_self(3), pthread_equal(3), gettid(2), pthread_gettid_np. */
#include <unistd.h>

#include "pthread_impl.h"

pthread_t pthread_self(void)
{
	return (pthread_t)pthread_impl_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

/* The kernel's answer, not the TCB's copy: right in a fork child too. */
pid_t gettid(void)
{
	return (pid_t)linux_syscall0(SYS_gettid);
}

pid_t pthread_gettid_np(pthread_t id)
{
	return ((struct pthread *)id)->tid;
}
