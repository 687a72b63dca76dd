/* utimensat.c: utimensat(2), futimens, utimes, futimes, lutimes, utime over the Linux utimensat system call. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <utime.h>

#include "linux_syscall.h"

#define NSEC_PER_USEC	1000L

int utimensat(int dirfd, const char *path, const struct timespec *times, int flags)
{
	long linux_flags;

	/* UTIME_NOW and UTIME_OMIT have Linux's values in our <sys/stat.h>. */
	if (at_flags_to_linux(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &linux_flags) < 0)
		return -1;
	return linux_syscall_result(linux_syscall4(SYS_utimensat, at_dirfd_to_linux(dirfd),
						   (long)path, (long)times, linux_flags));
}

int futimens(int fd, const struct timespec *times)
{
	/* utimensat(2): a NULL path changes the file fd refers to. */
	return linux_syscall_result(linux_syscall4(SYS_utimensat, fd, 0, (long)times, 0));
}

static int utimes_at(int dirfd, const char *path, const struct timeval *tv, int flags)
{
	struct timespec ts[2];

	if (!tv)
		return utimensat(dirfd, path, NULL, flags);
	ts[0].tv_sec = tv[0].tv_sec;
	ts[0].tv_nsec = tv[0].tv_usec * NSEC_PER_USEC;
	ts[1].tv_sec = tv[1].tv_sec;
	ts[1].tv_nsec = tv[1].tv_usec * NSEC_PER_USEC;
	return utimensat(dirfd, path, ts, flags);
}

int utimes(const char *path, const struct timeval *tv)
{
	return utimes_at(AT_FDCWD, path, tv, 0);
}

int lutimes(const char *path, const struct timeval *tv)
{
	return utimes_at(AT_FDCWD, path, tv, AT_SYMLINK_NOFOLLOW);
}

int futimes(int fd, const struct timeval *tv)
{
	struct timespec ts[2];

	if (!tv)
		return futimens(fd, NULL);
	ts[0].tv_sec = tv[0].tv_sec;
	ts[0].tv_nsec = tv[0].tv_usec * NSEC_PER_USEC;
	ts[1].tv_sec = tv[1].tv_sec;
	ts[1].tv_nsec = tv[1].tv_usec * NSEC_PER_USEC;
	return futimens(fd, ts);
}

int utime(const char *path, const struct utimbuf *times)
{
	struct timespec ts[2];

	if (!times)
		return utimensat(AT_FDCWD, path, NULL, 0);
	ts[0].tv_sec = times->actime;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = times->modtime;
	ts[1].tv_nsec = 0;
	return utimensat(AT_FDCWD, path, ts, 0);
}
