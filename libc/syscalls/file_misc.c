/* file_misc.c: truncate(2), fdatasync, sync, syncfs, fchdir, chroot. */
#include <unistd.h>

#include "linux_syscall.h"


int truncate(const char *path, off_t length)
{
	return linux_syscall_result(linux_syscall2(SYS_truncate, (long)path, length));
}

int fdatasync(int fd)
{
	return linux_syscall_result(linux_syscall1(SYS_fdatasync, fd));
}

/* sync(2): "always successful". */
void sync(void)
{
	linux_syscall0(SYS_sync);
}

int syncfs(int fd)
{
	return linux_syscall_result(linux_syscall1(SYS_syncfs, fd));
}

int fchdir(int fd)
{
	return linux_syscall_result(linux_syscall1(SYS_fchdir, fd));
}

int chroot(const char *path)
{
	return linux_syscall_result(linux_syscall1(SYS_chroot, (long)path));
}
