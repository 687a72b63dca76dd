/*
 * copy_range.c: copy_file_range(2) as Linux 6.1: file positions or offset
 * pointers, the copy stopping at the source's end, and the errors (flags,
 * EBADF for the wrong access modes and O_APPEND, EISDIR, EINVAL for a
 * pipe and overlapping ranges of one file, EOVERFLOW, EFAULT,
 * EXDEV across file systems). Raw system calls. Prints TAP; runs on the
 * host, in Basalt and under Linux (the EXDEV check needs root to mount a
 * tmpfs, and on the host a mount namespace of its own).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "abi_tap.h"

#define PLAN		17
#define GUEST_MARK	"/abi/list"
#define BASE		"/tmp/abi-copy-range"
#define FILE_A		BASE "/a"
#define FILE_B		BASE "/b"
#define FILE_C		BASE "/c"
#define MNT		BASE "/m"
#define SIZE		10000
#define FAR_OFFSET	20000

static char pattern[SIZE], got[SIZE];

static long cfr(int in, int64_t *off_in, int out, int64_t *off_out, size_t len, unsigned flags)
{
	return raw6(SYS_copy_file_range, in, (long)off_in, out, (long)off_out, (long)len, flags);
}

static int same_bytes(const char *path, off_t at, const char *want, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : pread(fd, got, len, at);

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)len && !memcmp(got, want, len);
}

static void test_copies(void)
{
	int a = open(FILE_A, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int b = open(FILE_B, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int c = open(FILE_C, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int64_t oi, oo;

	for (size_t i = 0; i < SIZE; i++)
		pattern[i] = (char)('a' + i % 23);
	check(a >= 0 && b >= 0 && c >= 0 && write(a, pattern, SIZE) == SIZE &&
	      lseek(a, 0, SEEK_SET) == 0, "set up the files");
	check(cfr(a, NULL, b, NULL, SIZE, 0) == SIZE && lseek(a, 0, SEEK_CUR) == SIZE &&
	      lseek(b, 0, SEEK_CUR) == SIZE && same_bytes(FILE_B, 0, pattern, SIZE),
	      "file positions: the whole file copied, both positions moved");
	oi = 100;
	oo = 0;
	check(cfr(a, &oi, c, &oo, 50, 0) == 50 && oi == 150 && oo == 50 &&
	      lseek(c, 0, SEEK_CUR) == 0 && lseek(a, 0, SEEK_CUR) == SIZE &&
	      same_bytes(FILE_C, 0, pattern + 100, 50),
	      "offset pointers: they move, the positions stay");
	oi = SIZE - 10;
	oo = 0;
	check(cfr(a, &oi, c, &oo, 100, 0) == 10 && oi == SIZE, "stops at the source's end");
	check(cfr(a, NULL, c, NULL, 100, 0) == 0, "at the source's end: 0");
	oi = 0;
	oo = FAR_OFFSET;
	check(cfr(a, &oi, a, &oo, 100, 0) == 100 && same_bytes(FILE_A, FAR_OFFSET, pattern, 100),
	      "one file, ranges apart");
	oi = 0;
	oo = 10;
	check(cfr(a, &oi, a, &oo, 100, 0) == -EINVAL, "one file, overlapping ranges: EINVAL");
	oi = 0;
	check(cfr(a, &oi, b, NULL, 10, 1) == -EINVAL, "flags: EINVAL");
	oi = -1;
	check(cfr(a, &oi, b, NULL, 10, 0) == -EOVERFLOW, "offset -1: the range wraps: EOVERFLOW");
	check(cfr(a, (int64_t *)8, b, NULL, 10, 0) == -EFAULT, "a bad offset pointer: EFAULT");
	close(a);
	close(b);
	close(c);
}

static void test_errors(void)
{
	int rd = open(FILE_A, O_RDONLY), wr = open(FILE_B, O_WRONLY);
	int app = open(FILE_C, O_WRONLY | O_APPEND), dir = open(BASE, O_RDONLY | O_DIRECTORY);
	int p[2] = { -1, -1 };

	check(cfr(wr, NULL, rd, NULL, 10, 0) == -EBADF, "write-only in, read-only out: EBADF");
	check(cfr(rd, NULL, app, NULL, 10, 0) == -EBADF, "O_APPEND out: EBADF");
	check(cfr(-1, NULL, wr, NULL, 10, 0) == -EBADF && cfr(rd, NULL, 999, NULL, 10, 0) == -EBADF,
	      "a bad fd: EBADF");
	check(cfr(rd, NULL, dir, NULL, 10, 0) == -EISDIR && cfr(dir, NULL, wr, NULL, 10, 0) == -EISDIR,
	      "a directory: EISDIR");
	check(pipe(p) == 0 && cfr(p[0], NULL, wr, NULL, 10, 0) == -EINVAL &&
	      cfr(rd, NULL, p[1], NULL, 10, 0) == -EINVAL, "a pipe: EINVAL");
	close(p[0]);
	close(p[1]);
	close(rd);
	close(wr);
	close(app);
	close(dir);
}

/* A file on another tmpfs: EXDEV (Linux 5.19 on: the same super block). */
static void test_cross_fs(void)
{
	int guest = access(GUEST_MARK, F_OK) == 0, in, out;

	if (getuid() != 0) {
		skip("mount(2) needs root");
		skip("mount(2) needs root");
		return;
	}
	if (!guest && (syscall(SYS_unshare, CLONE_NEWNS) != 0 ||
		       mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)) {
		skip("no mount namespace of our own (errno %d)", errno);
		skip("no mount namespace of our own");
		return;
	}
	mkdir(MNT, 0755);
	check(mount("abicfr", MNT, "tmpfs", 0, NULL) == 0, "mount a tmpfs");
	in = open(FILE_A, O_RDONLY);
	out = open(MNT "/x", O_RDWR | O_CREAT, 0644);
	check(cfr(in, NULL, out, NULL, 10, 0) == -EXDEV, "across file systems: EXDEV");
	close(in);
	close(out);
	unlink(MNT "/x");
	umount(MNT);
	rmdir(MNT);
}

int main(void)
{
	tap_plan(PLAN);
	mkdir(BASE, 0755);
	test_copies();
	test_errors();
	test_cross_fs();
	unlink(FILE_A);
	unlink(FILE_B);
	unlink(FILE_C);
	rmdir(BASE);
	if (tap_no != PLAN)
		diag("plan %d, ran %d", PLAN, tap_no);
	return tap_done();
}
