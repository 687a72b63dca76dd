/* fstatat.c: fstatat(2) over the Linux newfstatat system call. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "linux_syscall.h"

int fstatat(int dirfd, const char *__restrict path, struct stat *__restrict st, int flags)
{
	struct linux_stat kst;
	long linux_flags;

	if (at_flags_to_linux(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &linux_flags) < 0)
		return -1;
	if (linux_syscall_result(linux_syscall4(SYS_newfstatat, at_dirfd_to_linux(dirfd),
						(long)path, (long)&kst,
						linux_flags)) < 0)
		return -1;
	stat_from_linux(st, &kst);
	return 0;
}
