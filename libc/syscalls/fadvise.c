/* fadvise.c: posix_fadvise(3) and readahead(2) over fadvise64 and readahead. */
#include <fcntl.h>

#include "linux_syscall.h"

/* posix_fadvise returns the error number itself, not -1 with errno. */
int posix_fadvise(int fd, off_t offset, off_t len, int advice)
{
	long r = linux_syscall4(SYS_fadvise64, fd, (long)offset, (long)len, advice);

	return r < 0 ? (int)-r : 0;
}

ssize_t readahead(int fd, off_t offset, size_t count)
{
	return linux_syscall_result(linux_syscall3(SYS_readahead, fd, (long)offset, (long)count));
}
