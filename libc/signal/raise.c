/* raise.c: raise(3) as tgkill(2) to the calling thread. */
#include <errno.h>
#include <reent.h>
#include <signal.h>
#include <unistd.h>

#include "linux_syscall.h"

int raise(int sig)
{
	/*
	 * POSIX raise: "the effect ... shall be equivalent to calling
	 * pthread_kill(pthread_self(), sig)", and a signal sent to the caller
	 * that it does not block is delivered before the call returns.
	 */
	return (int)linux_syscall_result(linux_syscall3(SYS_tgkill, getpid(),
							linux_syscall0(SYS_gettid), sig));
}

int _raise_r(struct _reent *reent, int sig)
{
	int ret = raise(sig);

	if (ret < 0)
		reent->_errno = errno;
	return ret;
}
