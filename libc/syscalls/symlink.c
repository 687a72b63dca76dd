/* symlink.c: symlink(2) and readlink(2) over the Linux symlink and readlink system calls. */
#include <unistd.h>

#include "linux_syscall.h"

int symlink(const char *target, const char *link_path)
{
	return linux_syscall_result(linux_syscall2(SYS_symlink, (long)target,
						   (long)link_path));
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	/* readlink(2): the result is not NUL-terminated. */
	return linux_syscall_result(linux_syscall3(SYS_readlink, (long)path,
						   (long)buf, (long)size));
}
