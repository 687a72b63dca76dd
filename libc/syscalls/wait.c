/* wait.c: wait(2), waitpid(2), wait3(2), wait4(2) over the Linux wait4 system call. */
#include <sys/resource.h>
#include <sys/wait.h>

#include "linux_syscall.h"

/*
 * Our <sys/wait.h> has Linux's option bits and status layout, and our
 * struct rusage is the kernel's, so everything passes through.
 */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	return linux_syscall_result(linux_syscall4(SYS_wait4, pid, (long)status,
						   options, (long)usage));
}

pid_t wait3(int *status, int options, struct rusage *usage)
{
	return wait4(WAIT_ANY, status, options, usage);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, 0);
}

pid_t wait(int *status)
{
	return wait4(WAIT_ANY, status, 0, 0);
}
