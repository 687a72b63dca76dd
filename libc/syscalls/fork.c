/* fork.c: fork(2) over the Linux fork system call. */
#include <unistd.h>

#include "linux_syscall.h"

pid_t fork(void)
{
	return linux_syscall_result(linux_syscall0(SYS_fork));
}
