/* unlink.c: unlink(2) over the Linux unlink system call. */
#include <unistd.h>

#include "linux_syscall.h"

int unlink(const char *path)
{
	return linux_syscall_result(linux_syscall1(SYS_unlink, (long)path));
}
