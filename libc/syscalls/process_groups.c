/* process_groups.c: setsid(2), getsid, setpgid, getpgid, getpgrp, setpgrp. */
#include <unistd.h>

#include "linux_syscall.h"

pid_t setsid(void)
{
	return linux_syscall_result(linux_syscall0(SYS_setsid));
}

pid_t getsid(pid_t pid)
{
	return linux_syscall_result(linux_syscall1(SYS_getsid, pid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return linux_syscall_result(linux_syscall2(SYS_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return linux_syscall_result(linux_syscall1(SYS_getpgid, pid));
}

/* getpgrp(2): "always successful". */
pid_t getpgrp(void)
{
	return linux_syscall0(SYS_getpgrp);
}

/* The System V setpgrp(), which is setpgid(0, 0). */
int setpgrp(void)
{
	return setpgid(0, 0);
}
