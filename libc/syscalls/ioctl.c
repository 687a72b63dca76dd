/* ioctl.c: ioctl(2), passed through: our <sys/ioctl.h> numbers and structures are Linux's. */
#include <stdarg.h>
#include <sys/ioctl.h>

#include "linux_syscall.h"

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	/* Every request takes at most one argument, an integer or a pointer. */
	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return linux_syscall_result(linux_syscall3(SYS_ioctl, fd, request, arg));
}
