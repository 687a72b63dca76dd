/* flock.c: flock(2) and prctl(2). */
#include <stdarg.h>
#include <sys/file.h>
#include <sys/prctl.h>

#include "linux_syscall.h"

/* prctl(2) takes at most four arguments after the option. */
#define PRCTL_MAX_ARGS	4

int flock(int fd, int operation)
{
	return linux_syscall_result(linux_syscall2(SYS_flock, fd, operation));
}

int prctl(int option, ...)
{
	unsigned long args[PRCTL_MAX_ARGS];
	va_list ap;
	int i;

	/* Unused arguments are read as zero-extended registers, as the kernel ignores them. */
	va_start(ap, option);
	for (i = 0; i < PRCTL_MAX_ARGS; i++)
		args[i] = va_arg(ap, unsigned long);
	va_end(ap);
	return linux_syscall_result(linux_syscall5(SYS_prctl, option, args[0], args[1],
						   args[2], args[3]));
}
