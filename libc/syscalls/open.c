/* open.c: open(2) over the Linux open system call, translating newlib's O_* flags, and creat(2). */
#include <fcntl.h>
#include <stdarg.h>

#include "linux_syscall.h"

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	/* open(2): the mode argument is read only when a file may be created. */
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return linux_syscall_result(linux_syscall3(SYS_open, (long)path,
						   open_flags_to_linux(flags),
						   mode));
}

/* creat(2): "equivalent to open() with flags equal to O_CREAT|O_WRONLY|O_TRUNC". */
int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
