/* fsync.c: fsync(2) over the Linux fsync system call. */
#include <unistd.h>

#include "linux_syscall.h"

int fsync(int fd)
{
	return linux_syscall_result(linux_syscall1(SYS_fsync, fd));
}
