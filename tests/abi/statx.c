/*
 * statx.c: statx(2) and faccessat2(2), two calls glibc and coreutils make
 * at start-up (issue 15): statx agrees with fstat, honours AT_EMPTY_PATH
 * and AT_SYMLINK_NOFOLLOW, and refuses bad flags and masks as Linux's
 * vfs_statx; faccessat2 takes AT_EACCESS and AT_SYMLINK_NOFOLLOW, which
 * faccessat cannot. Raw calls with our own struct (newlib has no wrapper).
 */
#define _GNU_SOURCE
#include "abi_tap.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

#define T_AT_FDCWD		(-100)
#define T_AT_SYMLINK_NOFOLLOW	0x100
#define T_AT_EACCESS		0x200
#define T_AT_EMPTY_PATH		0x1000
#define T_AT_STATX_SYNC_TYPE	0x6000	/* FORCE_SYNC | DONT_SYNC: EINVAL */
#define T_STATX_BASIC_STATS	0x7ffU
#define T_STATX_RESERVED	0x80000000U
#define T_FILE			"/tmp/statx.file"
#define T_LINK			"/tmp/statx.link"
#define T_DANGLING		"/tmp/statx.dangling"
#define T_DATA			"seven b"
#define T_MODE			0640

struct t_ts {
	int64_t sec;
	uint32_t nsec;
	int32_t reserved;
};

/* Linux's struct statx: 256 bytes. */
struct t_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct t_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

static long sx(int dirfd, const char *path, int flags, unsigned mask, struct t_statx *b)
{
	memset(b, 0, sizeof(*b));
	return raw6(SYS_statx, dirfd, (long)path, flags, mask, (long)b, 0);
}

static long fa2(const char *path, int mode, int flags)
{
	return raw6(SYS_faccessat2, T_AT_FDCWD, (long)path, mode, flags, 0, 0);
}

static void test_statx(int fd)
{
	struct t_statx b;
	struct stat st;

	check(fstat(fd, &st) == 0 && sx(T_AT_FDCWD, T_FILE, 0, T_STATX_BASIC_STATS, &b) == 0 &&
	      (b.mask & T_STATX_BASIC_STATS) == T_STATX_BASIC_STATS, "statx: the basic stats");
	check(b.ino == (uint64_t)st.st_ino && b.nlink == st.st_nlink && b.uid == st.st_uid &&
	      b.gid == st.st_gid && b.size == sizeof(T_DATA) - 1 &&
	      b.mode == (S_IFREG | T_MODE) && b.mtime.sec == (int64_t)st.st_mtime &&
	      b.blksize == (uint32_t)st.st_blksize, "statx agrees with fstat");
	check(sx(fd, "", T_AT_EMPTY_PATH, T_STATX_BASIC_STATS, &b) == 0 &&
	      b.ino == (uint64_t)st.st_ino, "statx: AT_EMPTY_PATH on a descriptor");
	check(sx(T_AT_FDCWD, T_LINK, T_AT_SYMLINK_NOFOLLOW, T_STATX_BASIC_STATS, &b) == 0 &&
	      S_ISLNK(b.mode) && sx(T_AT_FDCWD, T_LINK, 0, T_STATX_BASIC_STATS, &b) == 0 &&
	      S_ISREG(b.mode), "statx: AT_SYMLINK_NOFOLLOW stats the link");
	check(sx(T_AT_FDCWD, T_FILE, 0x4, T_STATX_BASIC_STATS, &b) == -EINVAL &&
	      sx(T_AT_FDCWD, T_FILE, T_AT_STATX_SYNC_TYPE, T_STATX_BASIC_STATS, &b) == -EINVAL &&
	      sx(T_AT_FDCWD, T_FILE, 0, T_STATX_RESERVED, &b) == -EINVAL,
	      "statx: unknown flags, both sync types, the reserved mask bit: EINVAL");
	check(sx(T_AT_FDCWD, "/tmp/statx.none", 0, T_STATX_BASIC_STATS, &b) == -ENOENT &&
	      raw6(SYS_statx, T_AT_FDCWD, (long)T_FILE, 0, T_STATX_BASIC_STATS, 1, 0) == -EFAULT,
	      "statx: ENOENT, EFAULT");
}

static int nobody_access(void)
{
	/* T_FILE is root's, mode 0640: nobody may not read it. */
	return fa2(T_FILE, R_OK, 0) == -EACCES && fa2(T_FILE, R_OK, T_AT_EACCESS) == -EACCES &&
	       fa2(T_FILE, F_OK, 0) == 0 ? 0 : 1;
}

static void test_faccessat2(void)
{
	check(fa2(T_FILE, R_OK | W_OK, 0) == 0 && fa2(T_FILE, R_OK, T_AT_EACCESS) == 0,
	      "faccessat2: R_OK|W_OK, AT_EACCESS");
	check(fa2(T_DANGLING, F_OK, 0) == -ENOENT &&
	      fa2(T_DANGLING, F_OK, T_AT_SYMLINK_NOFOLLOW) == 0,
	      "faccessat2: AT_SYMLINK_NOFOLLOW checks the link itself");
	check(fa2(T_FILE, R_OK, 0x1) == -EINVAL && fa2(T_FILE, 8, 0) == -EINVAL,
	      "faccessat2: unknown flag, unknown mode: EINVAL");
	check(raw6(SYS_faccessat2, T_AT_FDCWD, 1, F_OK, 0, 0, 0) == -EFAULT, "faccessat2: EFAULT");
	if (getuid() == 0 && chown(T_FILE, 0, 0) == 0)
		check_as_nobody(nobody_access, "faccessat2 as nobody: EACCES on a 0640 root file");
	else
		skip("faccessat2 as nobody: not root");
}

int main(void)
{
	int fd;

	tap_plan(11);
	unlink(T_FILE);
	unlink(T_LINK);
	unlink(T_DANGLING);
	fd = open(T_FILE, O_RDWR | O_CREAT | O_EXCL, T_MODE);
	if (fd < 0 || write(fd, T_DATA, sizeof(T_DATA) - 1) != sizeof(T_DATA) - 1 ||
	    fchmod(fd, T_MODE) || symlink(T_FILE, T_LINK) || symlink("/tmp/statx.none", T_DANGLING)) {
		diag("cannot set up %s: %s", T_FILE, strerror(errno));
		return 1;
	}
	test_statx(fd);
	test_faccessat2();
	close(fd);
	unlink(T_FILE);
	unlink(T_LINK);
	unlink(T_DANGLING);
	return tap_done();
}
