/*
 * sync_range.c: sync_file_range(2) as Linux answers it: written ranges
 * and whole files (nbytes 0), the WAIT flags alone, and its errors:
 * EINVAL for unknown flags, a negative offset or length and a range past
 * the largest offset; ESPIPE on a pipe; EBADF on a closed descriptor.
 * Then the data is there: read back after the sync.
 *
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "abi_tap.h"

#define PLAN		11
#define RANGE_WAIT_BEFORE	1
#define RANGE_WRITE		2
#define RANGE_WAIT_AFTER	4
#define DATA_BYTES	10000

static long sync_range(int fd, int64_t off, int64_t len, unsigned flags)
{
	return syscall(SYS_sync_file_range, fd, off, len, flags);
}

/* Whether the call failed with want. */
static int fails(long r, int want)
{
	return r == -1 && errno == want;
}

int main(void)
{
	char path[] = "/tmp/sync_range.XXXXXX", buf[DATA_BYTES], back[DATA_BYTES];
	int fd = mkstemp(path), p[2];

	tap_plan(PLAN);
	memset(buf, 'r', sizeof(buf));
	check(fd >= 0 && write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "a file written");
	check(sync_range(fd, 0, 4096, RANGE_WRITE) == 0, "SYNC_FILE_RANGE_WRITE of its first page");
	check(sync_range(fd, 4096, 0, RANGE_WAIT_BEFORE | RANGE_WRITE | RANGE_WAIT_AFTER) == 0,
	      "all three flags, to the end (nbytes 0)");
	check(sync_range(fd, 0, 0, 0) == 0, "no flags: nothing to do, 0");
	check(fails(sync_range(fd, 0, 4096, 8), EINVAL), "an unknown flag is EINVAL");
	check(fails(sync_range(fd, -1, 4096, RANGE_WRITE), EINVAL), "a negative offset is EINVAL");
	check(fails(sync_range(fd, 0, -1, RANGE_WRITE), EINVAL), "a negative length is EINVAL");
	check(fails(sync_range(fd, INT64_MAX, 2, RANGE_WRITE), EINVAL),
	      "a range past the largest offset is EINVAL");
	check(pipe(p) == 0 && fails(sync_range(p[0], 0, 0, RANGE_WRITE), ESPIPE),
	      "a pipe is ESPIPE");
	check(pread(fd, back, sizeof(back), 0) == (ssize_t)sizeof(back) &&
	      !memcmp(buf, back, sizeof(back)), "the bytes read back");
	close(fd);
	unlink(path);
	check(fails(sync_range(fd, 0, 0, RANGE_WRITE), EBADF), "a closed descriptor is EBADF");
	return tap_done();
}
