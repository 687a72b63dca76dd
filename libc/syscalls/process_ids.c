/* process_ids.c: getppid, getuid, geteuid, getgid, getegid: the IDs that cannot fail. */
#include <unistd.h>

#include "linux_syscall.h"

/* The man pages of all five say: "These functions are always successful." */

pid_t getppid(void)
{
	return linux_syscall0(SYS_getppid);
}

uid_t getuid(void)
{
	return linux_syscall0(SYS_getuid);
}

uid_t geteuid(void)
{
	return linux_syscall0(SYS_geteuid);
}

gid_t getgid(void)
{
	return linux_syscall0(SYS_getgid);
}

gid_t getegid(void)
{
	return linux_syscall0(SYS_getegid);
}
