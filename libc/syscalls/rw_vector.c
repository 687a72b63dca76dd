/* rw_vector.c: pread(2), pwrite, readv(2), writev (struct iovec is Linux's in our <sys/uio.h>). */
#include <sys/uio.h>
#include <unistd.h>

#include "linux_syscall.h"

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return linux_syscall_result(linux_syscall4(SYS_pread64, fd, (long)buf, count, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return linux_syscall_result(linux_syscall4(SYS_pwrite64, fd, (long)buf, count,
						   offset));
}

ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return linux_syscall_result(linux_syscall3(SYS_readv, fd, (long)iov, count));
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return linux_syscall_result(linux_syscall3(SYS_writev, fd, (long)iov, count));
}
