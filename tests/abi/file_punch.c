/*
 * file_punch.c: holes punched in a mapped file, as Linux makes them
 * (fallocate(2) FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE, and
 * madvise(2) MADV_REMOVE, which is that punch through a mapping):
 *
 * - the whole pages of the range read back as zeros through a shared
 *   mapping that had them mapped, through read(2), and the file keeps
 *   its size while its blocks go (st_blocks); partial pages at the edges
 *   are zeroed only over the range;
 * - a private mapping's copy of a page stays, its pages still shared
 *   with the file read the hole;
 * - PUNCH_HOLE without KEEP_SIZE: EOPNOTSUPP; on a descriptor open
 *   read-only: EBADF;
 * - MADV_REMOVE: zeros in the mapping and the file; EACCES on a private
 *   file mapping, EINVAL on private anonymous memory, ENOMEM for an
 *   unmapped range.
 *
 * The file is in /tmp (tmpfs in Basalt and in the Linux guest; a disk
 * file system with holes on a host).
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "abi_tap.h"

/* Linux's values (uapi/linux/falloc.h, asm-generic/mman-common.h), for libcs without them. */
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE	0x01
#endif
#ifndef FALLOC_FL_PUNCH_HOLE
#define FALLOC_FL_PUNCH_HOLE	0x02
#endif
#ifndef MADV_REMOVE
#define MADV_REMOVE		9
#endif

#define PLAN		17
#define PAGE		4096
#define FILE_PAGES	4
#define EDGE		10	/* a partial punch starts this far into a page */
#define EDGE_LEN	20

#define PUNCH	(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE)

/* fallocate(2) by number: newlib has no wrapper. 0 or the errno. */
static int punch(int fd, int mode, off_t off, off_t len)
{
	return syscall(SYS_fallocate, fd, mode, off, len) == 0 ? 0 : errno;
}

static int file_byte(int fd, off_t off)
{
	uint8_t c;

	return pread(fd, &c, 1, off) == 1 ? c : -1;
}

static long file_blocks(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_blocks;
}

static off_t file_size(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : st.st_size;
}

static int fill_file(const char *path, int fill)
{
	static uint8_t buf[FILE_PAGES * PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return -1;
	memset(buf, fill, sizeof(buf));
	if (pwrite(fd, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void punch_shared(const char *path)
{
	int fd = fill_file(path, 'P'), ro, sum = 0, r;
	volatile uint8_t *m;
	long before, after;

	m = fd < 0 ? MAP_FAILED : mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE,
				      MAP_SHARED, fd, 0);
	check(m != MAP_FAILED, "a %d-page file mapped shared", FILE_PAGES);
	if (m == MAP_FAILED)
		return;
	for (int i = 0; i < FILE_PAGES; i++)
		sum += m[i * PAGE];
	before = file_blocks(fd);
	r = punch(fd, PUNCH, PAGE, 2 * PAGE);
	check(r == 0, "PUNCH_HOLE|KEEP_SIZE of pages 1 and 2 (%d)", r);
	/* Before anything reads the hole: a shared fault there fills tmpfs again. */
	after = file_blocks(fd);
	check(file_size(fd) == FILE_PAGES * PAGE && after < before,
	      "the size stays, the blocks go (%ld -> %ld)", before, after);
	check(sum == 'P' * FILE_PAGES && m[PAGE] == 0 && m[3 * PAGE - 1] == 0,
	      "the mapping reads zeros there (%d)", m[PAGE]);
	check(m[0] == 'P' && m[PAGE - 1] == 'P' && m[3 * PAGE] == 'P',
	      "and the file's bytes around");
	check(file_byte(fd, PAGE) == 0 && file_byte(fd, 2 * PAGE + 5) == 0, "so does read(2)");
	r = punch(fd, PUNCH, 3 * PAGE + EDGE, EDGE_LEN);
	check(r == 0 && m[3 * PAGE + EDGE] == 0 && m[3 * PAGE + EDGE + EDGE_LEN - 1] == 0 &&
	      m[3 * PAGE + EDGE - 1] == 'P' && m[3 * PAGE + EDGE + EDGE_LEN] == 'P',
	      "a partial page is zeroed over the range only (%d)", r);
	r = punch(fd, FALLOC_FL_PUNCH_HOLE, 0, PAGE);
	check(r == EOPNOTSUPP, "PUNCH_HOLE without KEEP_SIZE: EOPNOTSUPP (%d)", r);
	ro = open(path, O_RDONLY);
	r = punch(ro, PUNCH, 0, PAGE);
	check(r == EBADF, "on a descriptor open read-only: EBADF (%d)", r);
	close(ro);
	m[PAGE] = 'Q';
	r = madvise((void *)(m + PAGE), PAGE, MADV_REMOVE) ? errno : 0;
	check(r == 0 && m[PAGE] == 0 && file_byte(fd, PAGE) == 0,
	      "MADV_REMOVE: the mapping and the file read zeros (%d)", r);
	munmap((void *)m, FILE_PAGES * PAGE);
	close(fd);
}

static void punch_private(const char *path)
{
	int fd = fill_file(path, 'R'), r;
	volatile uint8_t *p;

	p = fd < 0 ? MAP_FAILED : mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE, fd, 0);
	check(p != MAP_FAILED, "the file mapped private");
	if (p == MAP_FAILED)
		return;
	p[0] = 'X';		/* a copy */
	(void)p[3 * PAGE];	/* the file's own page */
	check(punch(fd, PUNCH, 0, PAGE) == 0 && punch(fd, PUNCH, 3 * PAGE, PAGE) == 0,
	      "holes punched under a private mapping");
	check(p[0] == 'X' && p[1] == 'R', "its copy of a page stays");
	check(p[3 * PAGE] == 0, "a page it shared with the file reads the hole (%d)",
	      p[3 * PAGE]);
	r = madvise((void *)p, PAGE, MADV_REMOVE) ? errno : 0;
	check(r == EACCES, "MADV_REMOVE on a private file mapping: EACCES (%d)", r);
	munmap((void *)p, FILE_PAGES * PAGE);
	close(fd);
}

static void remove_errors(void)
{
	uint8_t *a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	int r;

	if (a == MAP_FAILED) {
		check(0, "an anonymous mapping");
		return;
	}
	r = madvise(a, PAGE, MADV_REMOVE) ? errno : 0;
	check(r == EINVAL, "MADV_REMOVE on private anonymous memory: EINVAL (%d)", r);
	munmap(a + PAGE, PAGE);
	r = madvise(a + PAGE, PAGE, MADV_REMOVE) ? errno : 0;
	check(r == ENOMEM, "MADV_REMOVE of an unmapped range: ENOMEM (%d)", r);
	munmap(a, PAGE);
}

int main(void)
{
	char path[] = "/tmp/file_punch.XXXXXX";
	int fd;

	tap_plan(PLAN);
	fd = mkstemp(path);
	if (fd < 0) {
		check(0, "a file in /tmp");
		return tap_done();
	}
	close(fd);
	punch_shared(path);
	punch_private(path);
	remove_errors();
	unlink(path);
	return tap_done();
}
