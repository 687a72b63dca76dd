/* openat.c: openat(2) over the Linux openat system call. */
#include <fcntl.h>
#include <stdarg.h>

#include "linux_syscall.h"

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return linux_syscall_result(linux_syscall4(SYS_openat, at_dirfd_to_linux(dirfd),
						   (long)path,
						   open_flags_to_linux(flags), mode));
}
