/* syscall.c: syscall(2): any system call by its Linux number, with up to six arguments; -1 and errno on error. */
#include <stdarg.h>
#include <unistd.h>

#include "linux_syscall.h"

/* x86_64 system calls take at most six arguments (syscall(2)). */
long syscall(long number, ...)
{
	long a[6];
	va_list ap;

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return linux_syscall_result(linux_syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
