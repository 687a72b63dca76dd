/* stat.c: stat(2) over the Linux stat system call. */
#include <sys/stat.h>

#include "linux_syscall.h"

int stat(const char *path, struct stat *st)
{
	struct linux_stat kst;

	if (linux_syscall_result(linux_syscall2(SYS_stat, (long)path,
						(long)&kst)) < 0)
		return -1;
	stat_from_linux(st, &kst);
	return 0;
}
