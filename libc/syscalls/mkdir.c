/* mkdir.c: mkdir(2) over the Linux mkdir system call. */
#include <sys/stat.h>

#include "linux_syscall.h"

int mkdir(const char *path, mode_t mode)
{
	return linux_syscall_result(linux_syscall2(SYS_mkdir, (long)path, mode));
}
