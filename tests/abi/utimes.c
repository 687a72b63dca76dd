/*
 * utimes.c: the older time-setting calls, utime(2), utimes(2) and
 * futimesat(2), as Linux implements them over utimensat: whole seconds
 * (utime) or microseconds (utimes, futimesat); NULL for now; EINVAL for
 * microseconds outside [0, 10^6) (so no UTIME_NOW or UTIME_OMIT);
 * futimesat relative to a directory descriptor, and with a NULL name on
 * the descriptor's own file; links followed; ENOENT, EFAULT, EBADF,
 * ENOTDIR. Raw system calls, so both libcs make the same calls. Prints
 * TAP; runs on the host, in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "abi_tap.h"

#ifndef SYS_utime
#define SYS_utime		132
#endif
#ifndef SYS_utimes
#define SYS_utimes		235
#endif
#ifndef SYS_futimesat
#define SYS_futimesat		261
#endif
#define LINUX_AT_FDCWD		(-100)
#define T_ATIME			1000000000LL
#define T_MTIME			1200000000LL
#define BAD_PTR			16
#define NOW_SLACK		5	/* seconds between "now" and the check */

struct k_utimbuf {
	int64_t actime, modtime;
};

struct k_timeval {
	int64_t tv_sec, tv_usec;
};

static int times_are(const char *path, int64_t at, long at_ns, int64_t mt, long mt_ns)
{
	struct stat st;

	if (stat(path, &st))
		return 0;
	if (st.st_atim.tv_sec == at && st.st_atim.tv_nsec == at_ns &&
	    st.st_mtim.tv_sec == mt && st.st_mtim.tv_nsec == mt_ns)
		return 1;
	diag("%s: atime %lld.%09ld mtime %lld.%09ld", path, (long long)st.st_atim.tv_sec,
	     st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	return 0;
}

static int times_now(const char *path)
{
	struct stat st;
	time_t now = time(NULL);

	return !stat(path, &st) && st.st_mtim.tv_sec >= now - NOW_SLACK &&
	       st.st_mtim.tv_sec <= now + NOW_SLACK && st.st_atim.tv_sec >= now - NOW_SLACK;
}

int main(void)
{
	struct k_utimbuf ub = { T_ATIME, T_MTIME };
	struct k_timeval tv[2] = { { T_ATIME, 250000 }, { T_MTIME, 999999 } };
	char dir[128], file[160], link[160];
	int dfd, fd;

	tap_plan(20);
	snprintf(dir, sizeof(dir), "/tmp/utimes.%d", (int)getpid());
	snprintf(file, sizeof(file), "%s/f", dir);
	snprintf(link, sizeof(link), "%s/l", dir);
	if (mkdir(dir, 0755) || (fd = open(file, O_CREAT | O_RDWR, 0644)) < 0 ||
	    symlink("f", link)) {
		diag("cannot set up %s", dir);
		return tap_done();
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY);

	check(raw(SYS_utime, file, &ub, 0) == 0 && times_are(file, T_ATIME, 0, T_MTIME, 0),
	      "utime sets whole seconds");
	check(raw(SYS_utime, file, 0, 0) == 0 && times_now(file), "utime(NULL) sets now");
	check(raw(SYS_utime, link, &ub, 0) == 0 && times_are(file, T_ATIME, 0, T_MTIME, 0),
	      "utime follows a link");
	check(raw(SYS_utime, "/no/such/file", &ub, 0) == -ENOENT, "utime: ENOENT");
	check(raw(SYS_utime, file, BAD_PTR, 0) == -EFAULT, "utime: a bad utimbuf is EFAULT");
	check(raw(SYS_utime, 0, &ub, 0) == -EFAULT, "utime: a NULL name is EFAULT");

	check(raw(SYS_utimes, file, tv, 0) == 0 &&
	      times_are(file, T_ATIME, 250000000, T_MTIME, 999999000),
	      "utimes sets microseconds");
	check(raw(SYS_utimes, file, 0, 0) == 0 && times_now(file), "utimes(NULL) sets now");
	tv[1].tv_usec = 1000000;
	check(raw(SYS_utimes, file, tv, 0) == -EINVAL, "utimes: 10^6 microseconds is EINVAL");
	tv[1].tv_usec = -1;
	check(raw(SYS_utimes, file, tv, 0) == -EINVAL, "utimes: negative microseconds is EINVAL");
	tv[1].tv_usec = (1L << 30) - 1;	/* UTIME_NOW */
	check(raw(SYS_utimes, file, tv, 0) == -EINVAL, "utimes: UTIME_NOW is EINVAL");
	tv[1].tv_usec = 999999;
	check(raw(SYS_utimes, file, BAD_PTR, 0) == -EFAULT, "utimes: a bad pointer is EFAULT");

	tv[0].tv_usec = 1;
	check(raw(SYS_futimesat, dfd, "f", tv) == 0 &&
	      times_are(file, T_ATIME, 1000, T_MTIME, 999999000),
	      "futimesat relative to a directory descriptor");
	check(raw(SYS_futimesat, LINUX_AT_FDCWD, file, 0) == 0 && times_now(file),
	      "futimesat(AT_FDCWD, absolute, NULL) sets now");
	tv[0].tv_usec = 2;
	check(raw(SYS_futimesat, fd, 0, tv) == 0 && times_are(file, T_ATIME, 2000, T_MTIME, 999999000),
	      "futimesat with a NULL name sets the descriptor's file");
	check(raw(SYS_futimesat, LINUX_AT_FDCWD, 0, tv) == -EFAULT,
	      "futimesat(AT_FDCWD, NULL) is EFAULT");
	check(raw(SYS_futimesat, -1, "f", tv) == -EBADF, "futimesat: a bad descriptor is EBADF");
	check(raw(SYS_futimesat, fd, "f", tv) == -ENOTDIR, "futimesat: a file as dirfd is ENOTDIR");
	tv[0].tv_usec = 1000000;
	check(raw(SYS_futimesat, dfd, "f", tv) == -EINVAL, "futimesat: bad microseconds is EINVAL");
	check(raw(SYS_utimes, link, 0, 0) == 0 && times_now(file), "utimes follows a link");

	close(fd);
	close(dfd);
	unlink(link);
	unlink(file);
	rmdir(dir);
	return tap_done();
}
