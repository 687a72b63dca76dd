/* rmdir.c: rmdir(2) over the Linux rmdir system call. */
#include <unistd.h>

#include "linux_syscall.h"

int rmdir(const char *path)
{
	return linux_syscall_result(linux_syscall1(SYS_rmdir, (long)path));
}
