/* close.c: close(2) over the Linux close system call. */
#include <unistd.h>

#include "linux_syscall.h"

int close(int fd)
{
	return linux_syscall_result(linux_syscall1(SYS_close, fd));
}
