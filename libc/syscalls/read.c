/* read.c: read(2) over the Linux read system call. */
#include <unistd.h>

#include "linux_syscall.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return linux_syscall_result(linux_syscall3(SYS_read, fd, (long)buf,
						   (long)count));
}
