/* sendfile.c: sendfile(2). off_t is 64-bit, as the kernel's loff_t. */
#include <sys/sendfile.h>

#include "linux_syscall.h"

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)
{
	return linux_syscall_result(linux_syscall4(SYS_sendfile, out_fd, in_fd,
						   (long)offset, (long)count));
}
