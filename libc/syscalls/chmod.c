/* chmod.c: chmod(2) and fchmod(2) over the Linux chmod and fchmod system calls. */
#include <sys/stat.h>

#include "linux_syscall.h"

/* The permission bits (S_IRWXU...) have the same values in newlib and Linux (inode(7)). */

int chmod(const char *path, mode_t mode)
{
	return linux_syscall_result(linux_syscall2(SYS_chmod, (long)path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return linux_syscall_result(linux_syscall2(SYS_fchmod, fd, mode));
}
