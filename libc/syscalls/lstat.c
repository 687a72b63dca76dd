/* lstat.c: lstat(2) over the Linux lstat system call (a symbolic link itself, not its target). */
#include <sys/stat.h>

#include "linux_syscall.h"

int lstat(const char *path, struct stat *st)
{
	struct linux_stat kst;

	if (linux_syscall_result(linux_syscall2(SYS_lstat, (long)path,
						(long)&kst)) < 0)
		return -1;
	stat_from_linux(st, &kst);
	return 0;
}
