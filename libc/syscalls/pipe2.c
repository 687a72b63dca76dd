/* pipe2.c: pipe2(2) and dup3(2), whose O_CLOEXEC and O_NONBLOCK flags are translated. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "linux_syscall.h"

int pipe2(int fds[2], int flags)
{
	return linux_syscall_result(linux_syscall2(SYS_pipe2, (long)fds,
						   open_flags_to_linux(flags)));
}

int dup3(int fd, int new_fd, int flags)
{
	/* dup3(2): EINVAL for any flag but O_CLOEXEC (newlib's other bits would not translate). */
	if (flags & ~O_CLOEXEC) {
		errno = EINVAL;
		return -1;
	}
	return linux_syscall_result(linux_syscall3(SYS_dup3, fd, new_fd,
						   open_flags_to_linux(flags)));
}
