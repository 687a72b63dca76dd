/* dup.c: dup(2) and dup2(2) over the Linux dup and dup2 system calls. */
#include <unistd.h>

#include "linux_syscall.h"

int dup(int fd)
{
	return linux_syscall_result(linux_syscall1(SYS_dup, fd));
}

int dup2(int fd, int new_fd)
{
	return linux_syscall_result(linux_syscall2(SYS_dup2, fd, new_fd));
}
