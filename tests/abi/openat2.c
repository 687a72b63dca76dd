/*
 * openat2.c: openat2(2) as Linux checks its arguments (the extensible
 * struct's size, unknown flags, mode and flag combinations, E2BIG for an
 * unknown non-zero tail) and restricts path resolution: RESOLVE_NO_SYMLINKS,
 * RESOLVE_NO_MAGICLINKS (/proc/self/fd/N), RESOLVE_NO_XDEV (the /proc
 * mount), RESOLVE_BENEATH and RESOLVE_IN_ROOT (".." and absolute paths
 * and links), RESOLVE_CACHED (EAGAIN when creating or truncating). Raw
 * system calls with Linux's values, so both libcs make the same calls.
 * Prints TAP; runs on the host, in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi_tap.h"

#ifndef SYS_openat2
#define SYS_openat2		437
#endif
#define LINUX_AT_FDCWD		(-100)		/* newlib's AT_FDCWD differs */
#define L_O_RDONLY		00
#define L_O_RDWR		02
#define L_O_CREAT		0100
#define L_O_EXCL		0200
#define L_O_TRUNC		01000
#define L_O_DIRECTORY		0200000
#define L_O_NOFOLLOW		0400000
#define L_O_CLOEXEC		02000000
#define L_O_PATH		010000000
#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20
#define RESOLVE_UNKNOWN		0x40
#define OPEN_HOW_SIZE_VER0	24
#define BIG_HOW_SIZE		64
#define BAD_PTR			16

struct open_how_big {
	uint64_t flags, mode, resolve;
	uint8_t tail[BIG_HOW_SIZE - OPEN_HOW_SIZE_VER0];
};

static long o2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve)
{
	struct open_how_big how = { flags, mode, resolve, { 0 } };

	return raw6(SYS_openat2, dirfd, (long)path, (long)&how, OPEN_HOW_SIZE_VER0, 0, 0);
}

/* An open that must succeed; the descriptor is closed. */
static int o2_ok(int dirfd, const char *path, uint64_t flags, uint64_t resolve)
{
	long fd = o2(dirfd, path, flags, 0, resolve);

	if (fd < 0) {
		diag("openat2(%s, %#llx): %s", path, (unsigned long long)resolve,
		     strerror((int)-fd));
		return 0;
	}
	close((int)fd);
	return 1;
}

/* Whether fd is the directory dir (same device and inode). */
static int same_file(long fd, const char *dir)
{
	struct stat a, b;
	int ok = fd >= 0 && !fstat((int)fd, &a) && !stat(dir, &b) &&
		 a.st_dev == b.st_dev && a.st_ino == b.st_ino;

	if (fd >= 0)
		close((int)fd);
	return ok;
}

static void check_args(int dfd)
{
	struct open_how_big how = { L_O_RDONLY, 0, 0, { 0 } };

	check(raw6(SYS_openat2, dfd, (long)"sub", (long)&how, OPEN_HOW_SIZE_VER0 - 8, 0, 0) ==
	      -EINVAL, "size below OPEN_HOW_SIZE_VER0 is EINVAL");
	how.tail[3] = 1;
	check(raw6(SYS_openat2, dfd, (long)"sub", (long)&how, BIG_HOW_SIZE, 0, 0) == -E2BIG,
	      "a larger struct with a non-zero tail is E2BIG");
	how.tail[3] = 0;
	{
		long fd = raw6(SYS_openat2, dfd, (long)"sub", (long)&how, BIG_HOW_SIZE, 0, 0);

		check(fd >= 0, "a larger struct with a zero tail opens");
		if (fd >= 0)
			close((int)fd);
	}
	check(raw6(SYS_openat2, dfd, (long)"sub", BAD_PTR, OPEN_HOW_SIZE_VER0, 0, 0) == -EFAULT,
	      "a bad struct pointer is EFAULT");
	check(o2(dfd, "sub", 1ULL << 40, 0, 0) == -EINVAL, "an upper flag bit is EINVAL");
	check(o2(dfd, "sub", 0, 0, RESOLVE_UNKNOWN) == -EINVAL, "an unknown RESOLVE_ bit is EINVAL");
	check(o2(dfd, "sub", 0, 0, RESOLVE_BENEATH | RESOLVE_IN_ROOT) == -EINVAL,
	      "RESOLVE_BENEATH with RESOLVE_IN_ROOT is EINVAL");
	check(o2(dfd, "sub", 0, 0644, 0) == -EINVAL, "a mode without O_CREAT is EINVAL");
	check(o2(dfd, "new0", L_O_CREAT | L_O_RDWR, 010644, 0) == -EINVAL,
	      "an O_CREAT mode with file type bits is EINVAL");
	check(o2(dfd, "sub", L_O_PATH | L_O_RDWR, 0, 0) == -EINVAL, "O_PATH | O_RDWR is EINVAL");
	check(o2(dfd, "sub/file", L_O_RDWR | L_O_TRUNC, 0, RESOLVE_CACHED) == -EAGAIN,
	      "RESOLVE_CACHED with O_TRUNC is EAGAIN");
	check(o2(dfd, "sub/new1", L_O_CREAT | L_O_RDWR, 0600, RESOLVE_CACHED) == -EAGAIN,
	      "RESOLVE_CACHED with O_CREAT is EAGAIN");
	check(o2(-1, "sub", 0, 0, 0) == -EBADF, "a bad dirfd is EBADF");
	check(o2(dfd, "sub/file/x", 0, 0, 0) == -ENOTDIR, "a file in the middle is ENOTDIR");
	check(o2_ok(dfd, "sub/file", L_O_RDONLY | L_O_CLOEXEC, 0), "a plain openat2 opens");
}

static void check_links(int dfd)
{
	struct stat st;
	char magic[64];
	long fd;

	check(o2(dfd, "sub/link_rel", 0, 0, RESOLVE_NO_SYMLINKS) == -ELOOP,
	      "RESOLVE_NO_SYMLINKS: a final link is ELOOP");
	check(o2(dfd, "link_dir/file", 0, 0, RESOLVE_NO_SYMLINKS) == -ELOOP,
	      "RESOLVE_NO_SYMLINKS: a link in the middle is ELOOP");
	check(o2_ok(dfd, "sub/link_rel", 0, 0), "without it the link is followed");
	check(o2_ok(dfd, "sub/link_rel", L_O_PATH | L_O_NOFOLLOW, RESOLVE_NO_SYMLINKS),
	      "RESOLVE_NO_SYMLINKS: O_PATH | O_NOFOLLOW opens the link itself");
	check(o2(dfd, "sub/link_rel", L_O_CREAT | L_O_RDWR, 0600, RESOLVE_NO_SYMLINKS) == -ELOOP,
	      "RESOLVE_NO_SYMLINKS: O_CREAT through a link is ELOOP");
	check(o2_ok(dfd, "sub/link_rel", 0, RESOLVE_NO_MAGICLINKS),
	      "RESOLVE_NO_MAGICLINKS follows an ordinary link");

	fd = o2(dfd, "sub/file", L_O_RDONLY, 0, 0);
	snprintf(magic, sizeof(magic), "/proc/self/fd/%ld", fd);
	if (fd < 0 || stat("/proc/self/fd", &st)) {
		for (int i = 0; i < 4; i++)
			skip("no /proc/self/fd");
	} else {
		check(o2(LINUX_AT_FDCWD, magic, 0, 0, RESOLVE_NO_MAGICLINKS) == -ELOOP,
		      "RESOLVE_NO_MAGICLINKS: /proc/self/fd/N is ELOOP");
		check(o2(LINUX_AT_FDCWD, magic, 0, 0, RESOLVE_NO_SYMLINKS) == -ELOOP,
		      "RESOLVE_NO_SYMLINKS: /proc/self/fd/N is ELOOP");
		check(o2_ok(LINUX_AT_FDCWD, magic, 0, 0), "without them it opens the file");
		{
			long pfd = o2(LINUX_AT_FDCWD, "/proc", L_O_DIRECTORY, 0, 0);

			snprintf(magic, sizeof(magic), "self/fd/%ld", fd);
			check(pfd >= 0 && o2(pfd, magic, 0, 0, RESOLVE_BENEATH) == -EXDEV,
			      "RESOLVE_BENEATH: a magic link is EXDEV");
			if (pfd >= 0)
				close((int)pfd);
		}
	}
	if (fd >= 0)
		close((int)fd);
}

static void check_scopes(int dfd, const char *dir)
{
	char sub[256];

	snprintf(sub, sizeof(sub), "%s/sub", dir);
	check(o2_ok(dfd, "sub/file", 0, RESOLVE_BENEATH), "RESOLVE_BENEATH: sub/file opens");
	check(o2_ok(dfd, "sub/../sub/./file", 0, RESOLVE_BENEATH),
	      "RESOLVE_BENEATH: \"..\" that stays below opens");
	check(o2(dfd, "../x", 0, 0, RESOLVE_BENEATH) == -EXDEV,
	      "RESOLVE_BENEATH: \"..\" out of dirfd is EXDEV");
	check(o2(dfd, "sub/../..", 0, 0, RESOLVE_BENEATH) == -EXDEV,
	      "RESOLVE_BENEATH: \"..\" back past dirfd is EXDEV");
	check(o2(dfd, "/", 0, 0, RESOLVE_BENEATH) == -EXDEV,
	      "RESOLVE_BENEATH: an absolute path is EXDEV");
	check(o2(dfd, "link_abs", 0, 0, RESOLVE_BENEATH) == -EXDEV,
	      "RESOLVE_BENEATH: a link to \"/\" is EXDEV");
	check(o2(dfd, "link_up/x", 0, 0, RESOLVE_BENEATH) == -EXDEV,
	      "RESOLVE_BENEATH: a link to \"../..\" is EXDEV");
	check(o2(dfd, "sub/new2", L_O_CREAT | L_O_EXCL | L_O_RDWR, 0600, RESOLVE_BENEATH) >= 0,
	      "RESOLVE_BENEATH: O_CREAT below dirfd creates");
	check(o2(dfd, "../openat2-out", L_O_CREAT | L_O_RDWR, 0600, RESOLVE_BENEATH) == -EXDEV,
	      "RESOLVE_BENEATH: O_CREAT above dirfd is EXDEV");

	check(same_file(o2(dfd, "/sub", L_O_DIRECTORY, 0, RESOLVE_IN_ROOT), sub),
	      "RESOLVE_IN_ROOT: \"/sub\" is dirfd's sub");
	check(same_file(o2(dfd, "../../../sub", L_O_DIRECTORY, 0, RESOLVE_IN_ROOT), sub),
	      "RESOLVE_IN_ROOT: \"..\" stops at dirfd");
	check(same_file(o2(dfd, "link_abs", L_O_DIRECTORY, 0, RESOLVE_IN_ROOT), dir),
	      "RESOLVE_IN_ROOT: a link to \"/\" is dirfd");
	check(same_file(o2(dfd, "link_up/sub", L_O_DIRECTORY, 0, RESOLVE_IN_ROOT), sub),
	      "RESOLVE_IN_ROOT: a link to \"../..\" stays in dirfd");
	check(o2(dfd, "link_abs/sub/new3", L_O_CREAT | L_O_RDWR, 0600, RESOLVE_IN_ROOT) >= 0 &&
	      access("sub/new3", F_OK) == 0,
	      "RESOLVE_IN_ROOT: O_CREAT through a link to \"/\" creates in dirfd");
	check(o2(LINUX_AT_FDCWD, "../..", 0, 0, RESOLVE_BENEATH) == -EXDEV,
	      "RESOLVE_BENEATH from the cwd (AT_FDCWD): \"..\" is EXDEV");
	check(same_file(o2(LINUX_AT_FDCWD, "/sub", L_O_DIRECTORY, 0, RESOLVE_IN_ROOT), sub),
	      "RESOLVE_IN_ROOT from the cwd: \"/sub\" is the cwd's sub");
}

static void check_xdev(int dfd)
{
	long root = o2(LINUX_AT_FDCWD, "/", L_O_DIRECTORY, 0, 0);
	long proc = o2(LINUX_AT_FDCWD, "/proc", L_O_DIRECTORY, 0, 0);
	struct stat a, b;

	if (root < 0 || proc < 0 || fstat((int)root, &a) || fstat((int)proc, &b) ||
	    a.st_dev == b.st_dev) {
		for (int i = 0; i < 6; i++)
			skip("/proc is not a mount of its own");
	} else {
		check(o2((int)root, "proc/self", L_O_DIRECTORY, 0, RESOLVE_NO_XDEV) == -EXDEV,
		      "RESOLVE_NO_XDEV: into the /proc mount is EXDEV");
		check(o2_ok((int)root, "proc/self", L_O_DIRECTORY, 0),
		      "without it proc/self opens");
		check(o2((int)proc, "..", L_O_DIRECTORY, 0, RESOLVE_NO_XDEV) == -EXDEV,
		      "RESOLVE_NO_XDEV: \"..\" out of the /proc mount is EXDEV");
		check(o2_ok((int)proc, "self/..", L_O_DIRECTORY, RESOLVE_NO_XDEV),
		      "RESOLVE_NO_XDEV: \"..\" inside the mount opens");
		check(o2_ok((int)proc, "/", L_O_DIRECTORY, RESOLVE_NO_XDEV),
		      "RESOLVE_NO_XDEV: an absolute path from another mount's dirfd opens");
		check(o2(dfd, "link_proc/self", L_O_DIRECTORY, 0, RESOLVE_NO_XDEV) == -EXDEV,
		      "RESOLVE_NO_XDEV: a link to /proc is EXDEV");
	}
	if (root >= 0)
		close((int)root);
	if (proc >= 0)
		close((int)proc);
}

static void check_cached(int dfd)
{
	struct stat st;
	long fd;

	/* The stat brings every component into the dentry cache. */
	if (stat("sub/file", &st))
		diag("stat sub/file: %s", strerror(errno));
	fd = o2(dfd, "sub/file", L_O_RDONLY, 0, RESOLVE_CACHED);
	check(fd >= 0, "RESOLVE_CACHED: a cached path opens (%ld)", fd);
	if (fd >= 0)
		close((int)fd);
}

int main(void)
{
	char dir[128];
	int dfd, fd;

	tap_plan(48);
	snprintf(dir, sizeof(dir), "/tmp/openat2.%d", (int)getpid());
	if (mkdir(dir, 0755) || chdir(dir) || mkdir("sub", 0755) ||
	    (fd = open("sub/file", O_CREAT | O_WRONLY, 0644)) < 0 ||
	    symlink("file", "sub/link_rel") || symlink("sub", "link_dir") ||
	    symlink("/", "link_abs") || symlink("../..", "link_up") ||
	    symlink("/proc", "link_proc")) {
		diag("cannot set up %s: %s", dir, strerror(errno));
		return tap_done();
	}
	close(fd);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	check_args(dfd);
	check_links(dfd);
	check_scopes(dfd, dir);
	check_xdev(dfd);
	check_cached(dfd);
	close(dfd);
	unlink("sub/new2");
	unlink("sub/new3");
	unlink("sub/link_rel");
	unlink("sub/file");
	rmdir("sub");
	unlink("link_dir");
	unlink("link_abs");
	unlink("link_up");
	unlink("link_proc");
	chdir("/");
	rmdir(dir);
	return tap_done();
}
