/* syscall_result.c: turns a Linux system call's -errno return into errno and -1. */
#include <errno.h>

#include "linux_errno.h"
#include "linux_syscall.h"

long linux_syscall_result(long ret)
{
	if (ret < 0 && ret >= -LINUX_MAX_ERRNO) {
		errno = errno_from_linux((int)-ret);
		return -1;
	}
	return ret;
}
