/* kill.c: kill(2) and killpg(3) over the Linux kill system call (our signal numbers are Linux's). */
#include <errno.h>
#include <signal.h>

#include "linux_syscall.h"

int kill(pid_t pid, int sig)
{
	return linux_syscall_result(linux_syscall2(SYS_kill, pid, sig));
}

/* killpg(3): a process group is named by a negative pid; killpg(1) would be kill(-1). */
int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}
