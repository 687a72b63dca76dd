/* fork.c: fork(2) over the Linux fork system call, with the locks and pthread_atfork handlers of pthread/atfork.c around it. */
#include <unistd.h>

#include "linux_syscall.h"

void __pthread_fork_prepare(void);
void __pthread_fork_after(int child);

pid_t fork(void)
{
	long ret;

	__pthread_fork_prepare();
	ret = linux_syscall0(SYS_fork);
	__pthread_fork_after(ret == 0);
	return linux_syscall_result(ret);
}
