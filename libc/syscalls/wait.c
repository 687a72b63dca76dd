/* wait.c: wait(2) and waitpid(2) over the Linux wait4 system call, without rusage. */
#include <sys/wait.h>

#include "linux_syscall.h"

/* waitpid(2): a pid of -1 waits for any child. */
#define WAIT_ANY_CHILD	(-1)

pid_t waitpid(pid_t pid, int *status, int options)
{
	int linux_status;
	long ret;

	/* WNOHANG (1) and WUNTRACED (2) have the same values in newlib and Linux. */
	ret = linux_syscall_result(linux_syscall4(SYS_wait4, pid,
						  (long)&linux_status, options,
						  0));
	if (ret > 0 && status)
		*status = wait_status_from_linux(linux_status);
	return ret;
}

pid_t wait(int *status)
{
	return waitpid(WAIT_ANY_CHILD, status, 0);
}
