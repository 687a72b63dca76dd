/* write.c: write(2) over the Linux write system call. */
#include <unistd.h>

#include "linux_syscall.h"

ssize_t write(int fd, const void *buf, size_t count)
{
	return linux_syscall_result(linux_syscall3(SYS_write, fd, (long)buf,
						   (long)count));
}
