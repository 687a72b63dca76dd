/* getcpu.c: sched_getcpu(3) over getcpu(2). */
#define _GNU_SOURCE
#include <sched.h>

#include "linux_syscall.h"

int sched_getcpu(void)
{
	unsigned int cpu = 0;
	long ret = linux_syscall_result(linux_syscall3(SYS_getcpu, (long)&cpu, 0, 0));

	return ret < 0 ? -1 : (int)cpu;
}
