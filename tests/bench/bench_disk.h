/*
 * bench_disk.h: the ext2 rows of make bench (issue 13), part of
 * bench-init.c. run-bench.sh attaches an empty ext2 image (4 KiB blocks,
 * made by tests/disk/mkimage.sh) as an NVMe namespace; the same workloads
 * run on Basalt's ext2 driver and on Linux's (ext4's driver mounts ext2),
 * each kernel on a fresh copy of the image:
 *
 *   ext2_create         open(O_CREAT|O_EXCL) + close, 1000 files in one
 *                       directory, then syncfs(2): per file
 *   ext2_write_8m       an 8 MiB file written in 64 KiB writes + fsync(2)
 *   ext2_read_cold_8m   umount, mount, read it in 64 KiB reads
 *   ext2_read_warm_8m   read it again (in the page cache)
 *   ext2_unlink         unlink the 1000 files, then syncfs(2): per file
 *
 * Under Linux the drivers are modules (tests/disk/fetch-linux-modules.sh,
 * in the initramfs of both kernels): bench_disk_load_modules loads them
 * with finit_module(2) in /modules/order's order; Basalt's drivers are
 * built in and its finit_module fails with ENOSYS, which stops the loop. A kernel without
 * ext2 prints "### bench: NAME skipped (...)" lines, which run-bench.sh
 * leaves out of its table.
 */
#ifndef TESTS_BENCH_BENCH_DISK_H
#define TESTS_BENCH_BENCH_DISK_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BENCH_DISK_DEV		"/dev/nvme0n1p1"
#define BENCH_DISK_MNT		"/mnt/ext2"
#define BENCH_DISK_DIR		BENCH_DISK_MNT "/many"
#define BENCH_DISK_FILE		BENCH_DISK_MNT "/file"
#define BENCH_DISK_MODULES	"/modules/"
#define BENCH_DISK_ORDER	BENCH_DISK_MODULES "order"
#define BENCH_DISK_WAIT_S	30		/* Linux probes NVMe asynchronously */
#define BENCH_DISK_FILES	1000
#define BENCH_DISK_FILE_SIZE	(8u << 20)
#define BENCH_DISK_CHUNK	(64u << 10)
#define BENCH_DISK_SKIP		1		/* a run function's "skipped" */

static int bench_disk_state;		/* 0 not tried, 1 mounted, -1 no ext2 */
static const char *bench_disk_why = "not mounted";

/* Linux only: the modules of the second initrd, in dependency order. */
static void bench_disk_load_modules(void)
{
	char name[128], path[sizeof(BENCH_DISK_MODULES) + sizeof(name)];
	FILE *order = fopen(BENCH_DISK_ORDER, "r");

	if (!order)
		return;
	while (fscanf(order, "%127s", name) == 1) {
		int fd;
		long rc = -1;

		snprintf(path, sizeof(path), BENCH_DISK_MODULES "%s", name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			rc = syscall(SYS_finit_module, fd, "", 0);
		if (rc && errno == ENOSYS) {	/* Basalt: drivers built in */
			close(fd);
			break;
		}
		if (rc)
			printf("bench-init: loading %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	fclose(order);
}

/* Mounts the benchmark disk once; 0 when it is mounted. */
static int bench_disk_mount(void)
{
	struct stat st;

	if (bench_disk_state)
		return bench_disk_state > 0 ? 0 : -1;
	bench_disk_state = -1;
	for (int waited = 0; stat(BENCH_DISK_DEV, &st); waited++) {
		if (waited == BENCH_DISK_WAIT_S) {
			bench_disk_why = "no " BENCH_DISK_DEV;
			return -1;
		}
		sleep(1);
	}
	mkdir("/mnt", 0755);
	mkdir(BENCH_DISK_MNT, 0755);
	if (mount(BENCH_DISK_DEV, BENCH_DISK_MNT, "ext2", 0, NULL)) {
		bench_disk_why = errno == ENODEV ? "no ext2 in this kernel" : strerror(errno);
		return -1;
	}
	if (mkdir(BENCH_DISK_DIR, 0755)) {
		bench_disk_why = strerror(errno);
		return -1;
	}
	bench_disk_state = 1;
	return 0;
}

static int bench_disk_syncfs(void)
{
	int fd = open(BENCH_DISK_MNT, O_RDONLY | O_DIRECTORY);
	int rc;

	if (fd < 0)
		return -1;
	rc = syncfs(fd);
	close(fd);
	return rc;
}

static int bench_disk_each_file(unsigned n, int create)
{
	char path[sizeof(BENCH_DISK_DIR) + 32];

	if (bench_disk_mount())
		return BENCH_DISK_SKIP;
	for (unsigned i = 0; i < n; i++) {
		snprintf(path, sizeof(path), BENCH_DISK_DIR "/file-%u", i);
		if (create) {
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

			if (fd < 0 || close(fd))
				return -1;
		} else if (unlink(path)) {
			return -1;
		}
	}
	return bench_disk_syncfs();
}

static int bench_disk_create(unsigned n) { return bench_disk_each_file(n, 1); }
static int bench_disk_unlink(unsigned n) { return bench_disk_each_file(n, 0); }

static int bench_disk_write(unsigned n)
{
	static char chunk[BENCH_DISK_CHUNK];

	if (bench_disk_mount())
		return BENCH_DISK_SKIP;
	for (unsigned i = 0; i < n; i++) {
		int fd = open(BENCH_DISK_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			return -1;
		for (size_t done = 0; done < BENCH_DISK_FILE_SIZE; done += sizeof(chunk)) {
			memset(chunk, (int)(done / sizeof(chunk)) + 1, sizeof(chunk));
			if (write(fd, chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk)) {
				close(fd);
				return -1;
			}
		}
		if (fsync(fd) || close(fd))
			return -1;
	}
	return 0;
}

static int bench_disk_read_file(void)
{
	static char chunk[BENCH_DISK_CHUNK];
	int fd = open(BENCH_DISK_FILE, O_RDONLY);
	size_t done = 0;
	ssize_t got;

	if (fd < 0)
		return -1;
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		done += (size_t)got;
	close(fd);
	return got == 0 && done == BENCH_DISK_FILE_SIZE ? 0 : -1;
}

/*
 * Cold: after umount and mount. Linux drops the file's pages with its
 * inode and the block device's cache on the last close (umount); the
 * time includes the mount.
 */
static int bench_disk_read_cold(unsigned n)
{
	if (bench_disk_mount())
		return BENCH_DISK_SKIP;
	for (unsigned i = 0; i < n; i++) {
		if (umount(BENCH_DISK_MNT) || mount(BENCH_DISK_DEV, BENCH_DISK_MNT, "ext2", 0, NULL) ||
		    bench_disk_read_file())
			return -1;
	}
	return 0;
}

static int bench_disk_read_warm(unsigned n)
{
	if (bench_disk_mount())
		return BENCH_DISK_SKIP;
	for (unsigned i = 0; i < n; i++)
		if (bench_disk_read_file())
			return -1;
	return 0;
}

#endif /* TESTS_BENCH_BENCH_DISK_H */
