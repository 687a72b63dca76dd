/* sched_yield.c: sched_yield(2), and vfork as fork (POSIX allows vfork to be fork; no shared address space here). */
#include <sched.h>
#include <unistd.h>

#include "linux_syscall.h"

int sched_yield(void)
{
	return linux_syscall_result(linux_syscall0(SYS_sched_yield));
}

pid_t vfork(void)
{
	return fork();
}
