/* chown.c: chown(2), fchown, lchown. */
#include <unistd.h>

#include "linux_syscall.h"

int chown(const char *path, uid_t owner, gid_t group)
{
	return linux_syscall_result(linux_syscall3(SYS_chown, (long)path, (int)owner,
						   (int)group));
}

int fchown(int fd, uid_t owner, gid_t group)
{
	return linux_syscall_result(linux_syscall3(SYS_fchown, fd, (int)owner, (int)group));
}

int lchown(const char *path, uid_t owner, gid_t group)
{
	return linux_syscall_result(linux_syscall3(SYS_lchown, (long)path, (int)owner,
						   (int)group));
}
