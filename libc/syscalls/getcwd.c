/* getcwd.c: getcwd(3) over the Linux getcwd system call. */
#include <unistd.h>

#include "linux_syscall.h"

char *getcwd(char *buf, size_t size)
{
	/*
	 * getcwd(2), "C library/kernel differences": the system call returns
	 * the length of the path, NUL included, and fails with ERANGE when
	 * size is too small. glibc's allocation for buf == NULL is not offered.
	 */
	if (linux_syscall_result(linux_syscall2(SYS_getcwd, (long)buf,
						(long)size)) < 0)
		return NULL;
	return buf;
}
