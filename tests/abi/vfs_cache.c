/*
 * vfs_cache.c: the dentry and inode caches as /proc shows them, and
 * /proc/sys/vm/drop_caches, as on Linux:
 *
 * - fs/dentry-state has six numbers; looking up names that do not exist
 *   adds (negative) dentries to it; fs/inode-nr has two;
 * - root writing 2 (or 3) to vm/drop_caches frees the unused ones, so
 *   nr_unused goes down, and a file in a memory file system (/tmp on
 *   tmpfs, or a disk) is still there with its bytes;
 * - 0 is EINVAL; the file is 0200: nobody cannot open it (EACCES).
 *
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "abi_tap.h"

#define PLAN		9
#define NEGATIVE_NAMES	300
#define DROP_CACHES	"/proc/sys/vm/drop_caches"

/* The numbers of a /proc file: how many were read into v (at most max). */
static int read_numbers(const char *path, long long *v, int max)
{
	FILE *f = fopen(path, "r");
	int n = 0;

	if (!f)
		return -1;
	while (n < max && fscanf(f, "%lld", &v[n]) == 1)
		n++;
	fclose(f);
	return n;
}

/* Writes text to drop_caches: 0 or the errno. */
static int write_drop(const char *text)
{
	int fd = open(DROP_CACHES, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) < 0)
		err = errno;
	close(fd);
	return err;
}

static int nobody_opens(void)
{
	int fd = open(DROP_CACHES, O_WRONLY);

	return fd < 0 && errno == EACCES ? 0 : 1;
}

int main(void)
{
	char path[] = "/tmp/vfs_cache.XXXXXX", name[64], back[8] = { 0 };
	long long before[6], grown[6], after[6], inodes[2];
	struct stat st;
	int fd, n;

	tap_plan(PLAN);
	n = read_numbers("/proc/sys/fs/dentry-state", before, 6);
	check(n == 6, "fs/dentry-state has six numbers (%d)", n);
	n = read_numbers("/proc/sys/fs/inode-nr", inodes, 2);
	check(n == 2 && inodes[0] >= inodes[1], "fs/inode-nr has two: cached >= unused");
	for (int i = 0; i < NEGATIVE_NAMES; i++) {
		snprintf(name, sizeof(name), "/tmp/vfs_cache-none-%d-%d", (int)getpid(), i);
		stat(name, &st);
	}
	read_numbers("/proc/sys/fs/dentry-state", grown, 6);
	check(grown[0] > before[0] || grown[1] > before[1],
	      "names that do not exist are cached (%lld -> %lld dentries)", before[0], grown[0]);
	fd = mkstemp(path);
	check(fd >= 0 && write(fd, "kept", 4) == 4, "a file in /tmp");
	close(fd);
	check(write_drop("2\n") == 0, "root writes 2 to vm/drop_caches");
	read_numbers("/proc/sys/fs/dentry-state", after, 6);
	check(after[1] < grown[1], "the unused dentries went (%lld -> %lld)", grown[1], after[1]);
	fd = open(path, O_RDONLY);
	check(fd >= 0 && read(fd, back, sizeof(back)) == 4 && !memcmp(back, "kept", 4),
	      "the file is still there with its bytes");
	close(fd);
	unlink(path);
	/* Linux 6.1 also refuses 5 and up; later kernels take them (6.18 does). */
	check(write_drop("0") == EINVAL, "0: EINVAL");
	check_as_nobody(nobody_opens, "nobody cannot open vm/drop_caches: EACCES");
	return tap_done();
}
