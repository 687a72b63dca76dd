/* sigwait.c: sigpending(2), sigsuspend(2), sigpause(3), sigtimedwait(2), sigwaitinfo, sigwait(3), sigqueue(3), sigaltstack(2). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "linux_syscall.h"
#include "signal_impl.h"

int sigpending(sigset_t *set)
{
	return linux_syscall_result(linux_syscall2(SYS_rt_sigpending, (long)set,
						   SIGNAL_SET_SIZE));
}

/* Always -1: EINTR once a handler has run, as sigsuspend(2) says. */
int sigsuspend(const sigset_t *mask)
{
	return linux_syscall_result(linux_syscall2(SYS_rt_sigsuspend, (long)mask,
						   SIGNAL_SET_SIZE));
}

/* The System V sigpause(3): wait with the signal removed from the mask. */
int sigpause(int sig)
{
	sigset_t mask;

	if (sigprocmask(SIG_BLOCK, NULL, &mask) < 0 || sigdelset(&mask, sig) < 0)
		return -1;
	return sigsuspend(&mask);
}

int sigtimedwait(const sigset_t *__restrict set, siginfo_t *__restrict info,
		 const struct timespec *__restrict timeout)
{
	return linux_syscall_result(linux_syscall4(SYS_rt_sigtimedwait, (long)set,
						   (long)info, (long)timeout,
						   SIGNAL_SET_SIZE));
}

int sigwaitinfo(const sigset_t *__restrict set, siginfo_t *__restrict info)
{
	return sigtimedwait(set, info, NULL);
}

/* sigwait(3) returns an error number and is not interrupted by handlers. */
int sigwait(const sigset_t *__restrict set, int *__restrict sig)
{
	int ret;

	do
		ret = sigtimedwait(set, NULL, NULL);
	while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return errno;
	*sig = ret;
	return 0;
}

/* sigqueue(3): the siginfo a real-time signal carries, as the kernel expects it from us. */
int sigqueue(pid_t pid, int sig, const union sigval value)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = getuid();
	info.si_value = value;
	return linux_syscall_result(linux_syscall3(SYS_rt_sigqueueinfo, pid, sig,
						   (long)&info));
}

int sigaltstack(const stack_t *__restrict stack, stack_t *__restrict old)
{
	return linux_syscall_result(linux_syscall2(SYS_sigaltstack, (long)stack,
						   (long)old));
}
