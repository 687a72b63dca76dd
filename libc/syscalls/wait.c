/* wait.c: wait(2) as wait4(-1, status, 0, NULL): any child, no rusage. */
#include <sys/wait.h>

#include "linux_syscall.h"

/* wait4(2): a pid of -1 waits for any child. */
#define WAIT_ANY_CHILD	(-1)

pid_t wait(int *status)
{
	int linux_status;
	long pid;

	pid = linux_syscall_result(linux_syscall4(SYS_wait4, WAIT_ANY_CHILD,
						  (long)&linux_status, 0, 0));
	if (pid >= 0 && status)
		*status = wait_status_from_linux(linux_status);
	return pid;
}
