/* access.c: access(2) over the Linux access system call. */
#include <unistd.h>

#include "linux_syscall.h"

int access(const char *path, int mode)
{
	/* F_OK, R_OK, W_OK, X_OK are 0, 4, 2, 1 in newlib and Linux alike. */
	return linux_syscall_result(linux_syscall2(SYS_access, (long)path, mode));
}
