/* sigprocmask.c: sigprocmask(2) and pthread_sigmask(3) over rt_sigprocmask. */
#include <errno.h>
#include <signal.h>

#include "linux_syscall.h"
#include "signal_impl.h"

int sigprocmask(int how, const sigset_t *__restrict set, sigset_t *__restrict oldset)
{
	/* SIG_BLOCK, SIG_UNBLOCK and SIG_SETMASK are Linux's values; bad ones give EINVAL. */
	return linux_syscall_result(linux_syscall4(SYS_rt_sigprocmask, how,
						   (long)set, (long)oldset,
						   SIGNAL_SET_SIZE));
}

/* pthread_sigmask(3): the same for the only thread, returning the error number. */
int pthread_sigmask(int how, const sigset_t *__restrict set, sigset_t *__restrict oldset)
{
	long ret = linux_syscall4(SYS_rt_sigprocmask, how, (long)set,
				  (long)oldset, SIGNAL_SET_SIZE);

	if (ret < 0) {
		linux_syscall_result(ret);
		return errno;
	}
	return 0;
}
