/* at_calls.c: mkdirat, mknodat, mkfifoat, unlinkat, renameat, linkat, symlinkat, readlinkat, fchmodat, faccessat, fchownat. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux_syscall.h"


int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return linux_syscall_result(linux_syscall3(SYS_mkdirat, at_dirfd_to_linux(dirfd),
						   (long)path, mode));
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	/* S_IF* file types are the same octal values in newlib and Linux. */
	return linux_syscall_result(linux_syscall4(SYS_mknodat, at_dirfd_to_linux(dirfd),
						   (long)path, mode, dev));
}

int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	return mknodat(dirfd, path, (mode & ~S_IFMT) | S_IFIFO, 0);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	long linux_flags;

	if (at_flags_to_linux(flags, AT_REMOVEDIR, &linux_flags) < 0)
		return -1;
	return linux_syscall_result(linux_syscall3(SYS_unlinkat, at_dirfd_to_linux(dirfd),
						   (long)path, linux_flags));
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return linux_syscall_result(linux_syscall4(SYS_renameat,
						   at_dirfd_to_linux(olddirfd),
						   (long)oldpath,
						   at_dirfd_to_linux(newdirfd),
						   (long)newpath));
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	   int flags)
{
	long linux_flags;

	if (at_flags_to_linux(flags, AT_SYMLINK_FOLLOW | AT_EMPTY_PATH, &linux_flags) < 0)
		return -1;
	return linux_syscall_result(linux_syscall5(SYS_linkat, at_dirfd_to_linux(olddirfd),
						   (long)oldpath,
						   at_dirfd_to_linux(newdirfd),
						   (long)newpath, linux_flags));
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	return linux_syscall_result(linux_syscall3(SYS_symlinkat, (long)target,
						   at_dirfd_to_linux(dirfd), (long)path));
}

ssize_t readlinkat(int dirfd, const char *__restrict path, char *__restrict buf,
		   size_t size)
{
	return linux_syscall_result(linux_syscall4(SYS_readlinkat, at_dirfd_to_linux(dirfd),
						   (long)path, (long)buf, size));
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	long linux_flags;

	/* fchmodat(2): Linux cannot change a symbolic link's mode; AT_SYMLINK_NOFOLLOW fails. */
	if (at_flags_to_linux(flags, 0, &linux_flags) < 0)
		return -1;
	return linux_syscall_result(linux_syscall3(SYS_fchmodat, at_dirfd_to_linux(dirfd),
						   (long)path, mode));
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	long linux_flags;

	if (at_flags_to_linux(flags, AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH,
			      &linux_flags) < 0)
		return -1;
	/* R_OK, W_OK, X_OK, F_OK have Linux's values in newlib. */
	if (linux_flags == 0)
		return linux_syscall_result(linux_syscall3(SYS_faccessat,
							   at_dirfd_to_linux(dirfd),
							   (long)path, mode));
	return linux_syscall_result(linux_syscall4(SYS_faccessat2, at_dirfd_to_linux(dirfd),
						   (long)path, mode, linux_flags));
}

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
	long linux_flags;

	if (at_flags_to_linux(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &linux_flags) < 0)
		return -1;
	return linux_syscall_result(linux_syscall5(SYS_fchownat, at_dirfd_to_linux(dirfd),
						   (long)path, owner, group, linux_flags));
}
