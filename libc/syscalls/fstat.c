/* fstat.c: fstat(2) over the Linux fstat system call. */
#include <sys/stat.h>

#include "linux_syscall.h"

int fstat(int fd, struct stat *st)
{
	struct linux_stat kst;

	if (linux_syscall_result(linux_syscall2(SYS_fstat, fd, (long)&kst)) < 0)
		return -1;
	stat_from_linux(st, &kst);
	return 0;
}
