/*
 * bench_raw.h: the raw-device rows of make bench (issue 12), part of
 * bench-init.c: sequential reads of a whole disk in 1 MiB blocks, as
 * `dd if=/dev/DISK of=/dev/null bs=1M count=32` after
 * `blockdev --flushbufs`, on each controller:
 *
 *   raw_read_nvme_32m   /dev/nvme0n1 (run-bench.sh's ext2 image)
 *   raw_read_ahci_32m   /dev/sda (an empty image on an AHCI port)
 *
 * Each iteration opens the disk, drops its cached pages with BLKFLSBUF
 * (so the reads reach the controller, on both kernels), reads 32 MiB and
 * closes it. Under Linux the disks appear once bench_disk.h's modules
 * are loaded and probed (asynchronously): bench_raw_open waits for them.
 */
#ifndef TESTS_BENCH_BENCH_RAW_H
#define TESTS_BENCH_BENCH_RAW_H

#include <fcntl.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define BENCH_RAW_NVME		"/dev/nvme0n1"
#define BENCH_RAW_AHCI		"/dev/sda"
#define BENCH_RAW_BLOCK		(1u << 20)
#define BENCH_RAW_SPAN		(32u << 20)
#define BENCH_RAW_WAIT_S	30

/* The disk opened read-only, waiting for its node; -1 when it never comes. */
static int bench_raw_open(const char *dev)
{
	struct stat st;

	for (int waited = 0; stat(dev, &st); waited++) {
		if (waited == BENCH_RAW_WAIT_S)
			return -1;
		sleep(1);
	}
	return open(dev, O_RDONLY | O_CLOEXEC);
}

static int bench_raw_read(const char *dev, unsigned n)
{
	char *block = malloc(BENCH_RAW_BLOCK);

	if (!block)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		int fd = bench_raw_open(dev);
		size_t done = 0;

		if (fd < 0 || ioctl(fd, BLKFLSBUF, 0)) {
			if (fd >= 0)
				close(fd);
			free(block);
			return -1;
		}
		while (done < BENCH_RAW_SPAN && read(fd, block, BENCH_RAW_BLOCK) == BENCH_RAW_BLOCK)
			done += BENCH_RAW_BLOCK;
		close(fd);
		if (done != BENCH_RAW_SPAN) {
			free(block);
			return -1;
		}
	}
	free(block);
	return 0;
}

static int bench_raw_nvme(unsigned n) { return bench_raw_read(BENCH_RAW_NVME, n); }
static int bench_raw_ahci(unsigned n) { return bench_raw_read(BENCH_RAW_AHCI, n); }

#endif /* TESTS_BENCH_BENCH_RAW_H */
