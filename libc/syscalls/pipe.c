/* pipe.c: pipe(2) over the Linux pipe system call. */
#include <unistd.h>

#include "linux_syscall.h"

int pipe(int fds[2])
{
	return linux_syscall_result(linux_syscall1(SYS_pipe, (long)fds));
}
