/* execve.c: execve(2) over the Linux execve system call. */
#include <unistd.h>

#include "linux_syscall.h"

int execve(const char *path, char *const argv[], char *const envp[])
{
	return linux_syscall_result(linux_syscall3(SYS_execve, (long)path,
						   (long)argv, (long)envp));
}
