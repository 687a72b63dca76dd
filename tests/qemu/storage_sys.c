/*
 * storage_sys.c: run by abi-init inside Basalt after storage_check, on
 * the disks tests/qemu/run-storage.sh sets up: what describes the disks
 * rather than their bytes. /proc/partitions against the text Linux's
 * show_partition prints for that layout; the sysfs files of every disk
 * and partition (dev, size, start, partition, queue/logical_block_size,
 * uevent, the links of /sys/class/block and /sys/dev/block); the
 * ioctls HDIO_GETGEO (Linux's made-up geometries: libata's 255 heads
 * and 63 sectors, NVMe's 64 and 32), BLKROGET and BLKDISCARD; and
 * BLKRRPART: EINVAL on a partition, EBUSY while one is open, a rescan
 * that keeps the numbers, and a table written to sdb that makes sdb1
 * appear and, once the old sector is back, go (the image ends as it was).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../abi/abi_tap.h"

#define SECTOR		512
#define TEXT_MAX	4096
#define MBR_TABLE	446	/* the four entries, 16 bytes each */
#define MBR_ENTRY	16
#define MBR_SIG		510	/* 0x55 0xAA */
#define SDB_PART_START	64	/* the partition written to sdb */
#define SDB_PART_SECTORS 512

struct dev {
	const char *name;
	const char *disk;	/* NULL for a disk */
	unsigned major, minor;
	unsigned long long start, sectors;	/* 512-byte sectors */
	unsigned partno;
	unsigned block_size;
};

/* run-storage.sh's layout, in registration order (AHCI ports, then NVMe). */
static const struct dev devs[] = {
	{ "sda", NULL, 8, 0, 0, 32768, 0, 512 },
	{ "sda1", "sda", 8, 1, 2048, 8192, 1, 512 },
	{ "sda2", "sda", 8, 2, 10240, 8192, 2, 512 },
	{ "sdb", NULL, 8, 16, 0, 2048, 0, 512 },
	{ "sdc", NULL, 8, 32, 0, 2048, 0, 512 },
	{ "nvme0n1", NULL, 259, 0, 0, 32768, 0, 512 },
	{ "nvme0n1p1", "nvme0n1", 259, 1, 2048, 4096, 1, 512 },
	{ "nvme0n1p2", "nvme0n1", 259, 2, 8192, 2, 2, 512 },
	{ "nvme0n1p5", "nvme0n1", 259, 3, 10240, 2048, 5, 512 },
	{ "nvme0n1p6", "nvme0n1", 259, 4, 14336, 18432, 6, 512 },
	{ "nvme1n1", NULL, 259, 5, 0, 2048, 0, 4096 },
	{ "nvme2n1", NULL, 259, 6, 0, 2048, 0, 512 },
};
#define NDEVS	(sizeof(devs) / sizeof(devs[0]))

/* The whole file at path, NUL-terminated, into buf: its length or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return (long)len;
}

/* Whether the file at path holds exactly want. */
static int file_is(const char *path, const char *want)
{
	char buf[TEXT_MAX];

	return slurp(path, buf, sizeof(buf)) >= 0 && !strcmp(buf, want);
}

/* Linux's show_partition: "%4d  %7d %10llu %s" after a header and a blank line. */
static void partitions_text(char *out, size_t size)
{
	size_t len = (size_t)snprintf(out, size, "major minor  #blocks  name\n\n");

	for (size_t i = 0; i < NDEVS; i++)
		len += (size_t)snprintf(out + len, size - len, "%4u  %7u %10llu %s\n",
					devs[i].major, devs[i].minor, devs[i].sectors >> 1,
					devs[i].name);
}

static void check_proc_partitions(const char *when)
{
	char want[TEXT_MAX], got[TEXT_MAX];

	partitions_text(want, sizeof(want));
	check(slurp("/proc/partitions", got, sizeof(got)) >= 0 && !strcmp(got, want),
	      "/proc/partitions is Linux's text for the disks %s", when);
	if (strcmp(got, want))
		diag("got:\n%s", got);
}

/* One device's sysfs directory (through /sys/class/block) and its /sys/dev/block link. */
static void check_sysfs_dev(const struct dev *d)
{
	char path[256], want[256], *p = path;
	int ok = 1;

	snprintf(path, sizeof(path), "/sys/class/block/%s/", d->name);
	p = path + strlen(path);
	strcpy(p, "dev");
	snprintf(want, sizeof(want), "%u:%u\n", d->major, d->minor);
	ok &= file_is(path, want);
	strcpy(p, "size");
	snprintf(want, sizeof(want), "%llu\n", d->sectors);
	ok &= file_is(path, want);
	strcpy(p, "ro");
	ok &= file_is(path, "0\n");
	strcpy(p, "uevent");
	snprintf(want, sizeof(want), "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\nDEVTYPE=%s\n%s",
		 d->major, d->minor, d->name, d->disk ? "partition" : "disk", "");
	if (d->disk)
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "PARTN=%u\n",
			 d->partno);
	ok &= file_is(path, want);
	if (d->disk) {
		strcpy(p, "start");
		snprintf(want, sizeof(want), "%llu\n", d->start);
		ok &= file_is(path, want);
		strcpy(p, "partition");
		snprintf(want, sizeof(want), "%u\n", d->partno);
		ok &= file_is(path, want);
		/* The disk's directory holds the partition's. */
		snprintf(path, sizeof(path), "/sys/block/%s/%s/dev", d->disk, d->name);
		snprintf(want, sizeof(want), "%u:%u\n", d->major, d->minor);
		ok &= file_is(path, want);
	} else {
		strcpy(p, "removable");
		ok &= file_is(path, "0\n");
		snprintf(path, sizeof(path), "/sys/block/%s/queue/logical_block_size", d->name);
		snprintf(want, sizeof(want), "%u\n", d->block_size);
		ok &= file_is(path, want);
	}
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/dev", d->major, d->minor);
	snprintf(want, sizeof(want), "%u:%u\n", d->major, d->minor);
	ok &= file_is(path, want);
	check(ok, "sysfs: %s's dev, size, ro, uevent%s agree with the layout", d->name,
	      d->disk ? ", start, partition" : ", removable, queue/logical_block_size");
}

static void check_sysfs(void)
{
	char buf[TEXT_MAX];
	struct stat st;

	mkdir("/sys", 0755);
	check(mount("sysfs", "/sys", "sysfs", 0, NULL) == 0 || errno == EBUSY,
	      "sysfs mounts on /sys");
	for (size_t i = 0; i < NDEVS; i++)
		check_sysfs_dev(&devs[i]);
	check(readlink("/sys/block/sda", buf, sizeof(buf)) > 0 && lstat("/sys/block/sda", &st) == 0 &&
	      S_ISLNK(st.st_mode), "/sys/block/sda is a link");
	check(stat("/sys/block/sda1", &st) == -1 && errno == ENOENT,
	      "/sys/block lists disks only (no sda1)");
}

static void check_geo(const char *path, unsigned heads, unsigned sectors,
		      unsigned cylinders, unsigned long start)
{
	struct hd_geometry geo;
	int fd = open(path, O_RDONLY);

	memset(&geo, 0xff, sizeof(geo));
	check(fd >= 0 && ioctl(fd, HDIO_GETGEO, &geo) == 0 && geo.heads == heads &&
	      geo.sectors == sectors && geo.cylinders == cylinders && geo.start == start,
	      "%s: HDIO_GETGEO %u/%u/%u start %lu (got %u/%u/%u start %lu)", path, cylinders,
	      heads, sectors, start, geo.cylinders, geo.heads, geo.sectors, geo.start);
	if (fd >= 0)
		close(fd);
}

static void check_ioctls(void)
{
	int fd, ro = -1;
	uint64_t range[2] = { 0, SECTOR };

	/* libata: 255 heads, 63 sectors; 32768 / (255 * 63) = 2 cylinders. */
	check_geo("/dev/sda", 255, 63, 2, 0);
	check_geo("/dev/sda2", 255, 63, 2, 10240);
	/* NVMe: 64 heads, 32 sectors; 32768 >> 11 = 16 cylinders. */
	check_geo("/dev/nvme0n1", 64, 32, 16, 0);
	check_geo("/dev/nvme0n1p5", 64, 32, 16, 10240);
	/* 256 blocks of 4096 bytes: 2048 sectors, 1 cylinder. */
	check_geo("/dev/nvme1n1", 64, 32, 1, 0);
	fd = open("/dev/sda", O_RDONLY);
	errno = 0;
	check(ioctl(fd, HDIO_GETGEO, NULL) == -1 && errno == EINVAL,
	      "HDIO_GETGEO with a NULL pointer is EINVAL");
	errno = 0;
	check(ioctl(fd, HDIO_GETGEO, (void *)8) == -1 && errno == EFAULT,
	      "HDIO_GETGEO with a bad pointer is EFAULT");
	check(ioctl(fd, BLKROGET, &ro) == 0 && ro == 0, "BLKROGET is 0");
	errno = 0;
	check(ioctl(fd, BLKDISCARD, range) == -1 && errno == EBADF,
	      "BLKDISCARD on a read-only descriptor is EBADF");
	close(fd);
	fd = open("/dev/nvme1n1", O_RDWR);
	errno = 0;
	check(fd >= 0 && ioctl(fd, BLKDISCARD, range) == -1 && errno == EOPNOTSUPP,
	      "BLKDISCARD without discard support is EOPNOTSUPP");
	close(fd);
}

static int rrpart(const char *path)
{
	int fd = open(path, O_RDONLY), rc;

	if (fd < 0)
		return -1;
	rc = ioctl(fd, BLKRRPART);
	if (rc)
		rc = -errno;
	close(fd);
	return rc;
}

static int node_is(const char *path, unsigned major, unsigned minor)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISBLK(st.st_mode) && major(st.st_rdev) == major &&
	       minor(st.st_rdev) == minor;
}

static void check_rescan(void)
{
	unsigned char old[SECTOR], mbr[SECTOR], *e = mbr + MBR_TABLE;
	uint64_t size = 0;
	struct stat st;
	int fd, busy;

	check(rrpart("/dev/sda1") == -EINVAL, "BLKRRPART on a partition is EINVAL");
	fd = open("/dev/sda2", O_RDONLY);
	busy = rrpart("/dev/sda");
	check(fd >= 0 && busy == -EBUSY, "BLKRRPART while sda2 is open is EBUSY (got %d)", busy);
	close(fd);
	check(rrpart("/dev/nvme0n1") == 0, "BLKRRPART on nvme0n1 with no partition open");
	check(node_is("/dev/nvme0n1p6", 259, 4) && node_is("/dev/nvme0n1p1", 259, 1),
	      "the rescan gives nvme0n1's partitions their numbers again");
	check_proc_partitions("after the rescan");

	/* A table on sdb (it had none): one Linux partition, sectors 64..575. */
	fd = open("/dev/sdb", O_RDWR);
	memset(mbr, 0, sizeof(mbr));
	e[4] = 0x83;
	e[8] = SDB_PART_START;
	e[12] = SDB_PART_SECTORS & 0xff;
	e[13] = SDB_PART_SECTORS >> 8;
	mbr[MBR_SIG] = 0x55;
	mbr[MBR_SIG + 1] = 0xaa;
	check(fd >= 0 && pread(fd, old, SECTOR, 0) == SECTOR &&
	      pwrite(fd, mbr, SECTOR, 0) == SECTOR && fsync(fd) == 0,
	      "an MBR written to sdb");
	check(ioctl(fd, BLKRRPART) == 0, "BLKRRPART on sdb, its own descriptor open");
	check(node_is("/dev/sdb1", 8, 17), "/dev/sdb1 appeared as 8:17");
	{
		int p = open("/dev/sdb1", O_RDONLY);

		check(p >= 0 && ioctl(p, BLKGETSIZE64, &size) == 0 &&
		      size == SDB_PART_SECTORS * SECTOR, "sdb1 has the table's size");
		if (p >= 0)
			close(p);
	}
	check(file_is("/sys/block/sdb/sdb1/start", "64\n") &&
	      file_is("/sys/class/block/sdb1/size", "512\n"), "sysfs shows sdb1");
	check(pwrite(fd, old, SECTOR, 0) == SECTOR && fsync(fd) == 0 &&
	      ioctl(fd, BLKRRPART) == 0, "the old sector 0 back, BLKRRPART again");
	check(stat("/dev/sdb1", &st) == -1 && errno == ENOENT, "/dev/sdb1 is gone");
	check(stat("/sys/class/block/sdb1", &st) == -1 && errno == ENOENT &&
	      stat("/sys/block/sdb/sdb1", &st) == -1 && errno == ENOENT,
	      "sysfs no longer shows sdb1");
	close(fd);
	check_proc_partitions("at the end");
}

int main(void)
{
	/* partitions, sysfs (mount, each device, 2), ioctls, rescan (5 + 8 + 1) */
	tap_plan((int)(1 + 1 + NDEVS + 2 + 10 + 14));
	check_proc_partitions("at boot");
	check_sysfs();
	check_ioctls();
	check_rescan();
	return tap_failures ? 1 : 0;
}
