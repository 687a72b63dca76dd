/* kill.c: kill(2) over the Linux kill system call, translating newlib's signal numbers. */
#include <errno.h>
#include <signal.h>

#include "linux_syscall.h"

int kill(pid_t pid, int sig)
{
	int linux_sig = signal_to_linux(sig);

	if (linux_sig < 0) {
		errno = EINVAL;
		return -1;
	}
	return linux_syscall_result(linux_syscall2(SYS_kill, pid, linux_sig));
}
