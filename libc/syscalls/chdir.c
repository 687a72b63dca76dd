/* chdir.c: chdir(2) over the Linux chdir system call. */
#include <unistd.h>

#include "linux_syscall.h"

int chdir(const char *path)
{
	return linux_syscall_result(linux_syscall1(SYS_chdir, (long)path));
}
