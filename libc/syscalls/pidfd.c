/* pidfd.c: pidfd_open(2), pidfd_getfd(2), pidfd_send_signal(2); PIDFD_NONBLOCK is Linux's value. */
#include <sys/pidfd.h>

#include "linux_syscall.h"

int pidfd_open(pid_t pid, unsigned int flags)
{
	return linux_syscall_result(linux_syscall2(SYS_pidfd_open, pid, flags));
}

int pidfd_getfd(int pidfd, int targetfd, unsigned int flags)
{
	return linux_syscall_result(linux_syscall3(SYS_pidfd_getfd, pidfd, targetfd, flags));
}

int pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
	return linux_syscall_result(linux_syscall4(SYS_pidfd_send_signal, pidfd, sig,
						   (long)info, flags));
}
