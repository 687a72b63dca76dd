/* getpid.c: getpid(2) over the Linux getpid system call. */
#include <unistd.h>

#include "linux_syscall.h"

pid_t getpid(void)
{
	/* getpid(2) always succeeds. */
	return linux_syscall0(SYS_getpid);
}
