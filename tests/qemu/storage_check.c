/*
 * storage_check.c: run by abi-init inside Basalt booted with an AHCI
 * disk (sda, GPT made by sgdisk) and an NVMe disk (nvme0n1, MBR with an
 * extended partition made by sfdisk), as tests/qemu/run-storage.sh sets
 * up. Every 512-byte sector of both images was filled by the host with
 * text records naming the disk and the sector (disk_record below); the
 * program checks the device nodes' numbers and sizes, reads known
 * sectors through the disks and their partitions, checks the edges of
 * read/write/lseek, reads from several processes at once, and writes
 * records of a second kind (write_record) that the host then finds in
 * the image files (cmp against an expected image).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../abi/abi_tap.h"

#define SECTOR		512
#define RECORD		32	/* 16 records a sector */
#define MIB		(1024 * 1024)
#define DISK_SECTORS	32768	/* 16 MiB images */
#define RECBUF		64	/* room for snprintf's worst case */
#define SMALL_SECTORS	2048	/* the 1 MiB second AHCI disk */
/* run-storage.sh's blkdebug rules fail every read of this sector and
 * every write of the next, on both disks (QEMU's error injection). */
#define BAD_READ_SECTOR	30000
#define BAD_WRITE_SECTOR 31000

struct node {
	const char *path;
	char disk;		/* 'A': the AHCI image, 'N': the NVMe one */
	unsigned major, minor;
	uint64_t start, sectors;
};

/* The layout run-storage.sh gives the images (sgdisk and sfdisk lines). */
static const struct node nodes[] = {
	{ "/dev/sda", 'A', 8, 0, 0, DISK_SECTORS },
	{ "/dev/sda1", 'A', 8, 1, 2048, 8192 },
	{ "/dev/sda2", 'A', 8, 2, 10240, 8192 },
	{ "/dev/sdb", 'C', 8, 16, 0, SMALL_SECTORS },	/* a second port, no table */
	{ "/dev/sdc", 'Z', 8, 32, 0, SMALL_SECTORS },	/* a third, too slow to answer */
	{ "/dev/nvme0n1", 'N', 259, 0, 0, DISK_SECTORS },
	{ "/dev/nvme0n1p1", 'N', 259, 1, 2048, 4096 },
	{ "/dev/nvme0n1p2", 'N', 259, 2, 8192, 2 },	/* extended: 1 KiB shown */
	{ "/dev/nvme0n1p5", 'N', 259, 3, 10240, 2048 },
	{ "/dev/nvme0n1p6", 'N', 259, 4, 14336, 18432 },
	/* A second controller whose namespace has 4096-byte blocks, no table. */
	{ "/dev/nvme1n1", 'K', 259, 5, 0, SMALL_SECTORS },
	/* A third controller, too slow to answer (check_timeout). */
	{ "/dev/nvme2n1", 'Z', 259, 6, 0, SMALL_SECTORS },
};

/* The host's awk prints the same records (run-storage.sh). */
static void disk_record(char disk, uint64_t sector, unsigned r, char out[RECBUF])
{
	snprintf(out, RECBUF, "D:%c L:%010llu R:%02u..........\n", disk,
		 (unsigned long long)sector, r);
}

static void write_record(char disk, uint64_t rec, char out[RECBUF])
{
	snprintf(out, RECBUF, "W:%c R:%012llu.............\n", disk,
		 (unsigned long long)rec);
}

/* The original bytes of disk at [off, off + len). */
static void expect_disk(char disk, uint64_t off, size_t len, char *buf)
{
	char rec[RECBUF];

	for (size_t i = 0; i < len; i++) {
		uint64_t o = off + i;

		disk_record(disk, o / SECTOR, (unsigned)(o % SECTOR / RECORD), rec);
		buf[i] = rec[o % RECORD];
	}
}

static void expect_write(char disk, uint64_t off, size_t len, char *buf)
{
	char rec[RECBUF];

	for (size_t i = 0; i < len; i++) {
		write_record(disk, (off + i) / RECORD, rec);
		buf[i] = rec[(off + i) % RECORD];
	}
}

static const struct node *node_named(const char *path)
{
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		if (!strcmp(nodes[i].path, path))
			return &nodes[i];
	abort();
}

/* Reads len bytes at off of the node and compares with the disk's records. */
static int read_matches(const char *path, uint64_t off, size_t len)
{
	const struct node *n = node_named(path);
	char *got = malloc(len), *want = malloc(len);
	int fd = open(path, O_RDONLY), ok = 0;

	if (fd >= 0 && got && want && pread(fd, got, len, (off_t)off) == (ssize_t)len) {
		expect_disk(n->disk, n->start * SECTOR + off, len, want);
		ok = !memcmp(got, want, len);
	}
	if (fd >= 0)
		close(fd);
	free(got);
	free(want);
	return ok;
}

static void check_nodes(void)
{
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		const struct node *n = &nodes[i];
		struct stat st;
		uint64_t size = 0;
		int fd, rc;

		check(stat(n->path, &st) == 0 && S_ISBLK(st.st_mode) &&
		      major(st.st_rdev) == n->major && minor(st.st_rdev) == n->minor,
		      "%s is block device %u:%u", n->path, n->major, n->minor);
		fd = open(n->path, O_RDONLY);
		rc = fd >= 0 ? ioctl(fd, BLKGETSIZE64, &size) : -1;
		check(rc == 0 && size == n->sectors * SECTOR, "%s: BLKGETSIZE64 %llu (got %llu)",
		      n->path, (unsigned long long)(n->sectors * SECTOR), (unsigned long long)size);
		if (fd >= 0)
			close(fd);
	}
}

static void check_ioctls(void)
{
	int fd = open("/dev/nvme0n1", O_RDONLY), ssz = 0;
	unsigned long sectors = 0;

	check(fd >= 0 && ioctl(fd, BLKSSZGET, &ssz) == 0 && ssz == SECTOR,
	      "nvme0n1: BLKSSZGET is 512");
	check(fd >= 0 && ioctl(fd, BLKGETSIZE, &sectors) == 0 && sectors == DISK_SECTORS,
	      "nvme0n1: BLKGETSIZE is %d sectors", DISK_SECTORS);
	errno = 0;
	check(ioctl(fd, _IO('x', 0x7f), 0) == -1 && errno == ENOTTY,
	      "an unknown ioctl is ENOTTY");
	close(fd);
	fd = open("/dev/sda", O_RDONLY);
	ssz = 0;
	check(fd >= 0 && ioctl(fd, BLKSSZGET, &ssz) == 0 && ssz == SECTOR,
	      "sda: BLKSSZGET is 512");
	close(fd);
	fd = open("/dev/nvme1n1", O_RDONLY);
	ssz = 0;
	check(fd >= 0 && ioctl(fd, BLKSSZGET, &ssz) == 0 && ssz == 4096,
	      "nvme1n1: BLKSSZGET is 4096");
	close(fd);
}

static void check_reads(void)
{
	check(read_matches("/dev/sda", 3000 * SECTOR, SECTOR), "sda: sector 3000");
	check(read_matches("/dev/sda1", 0, SECTOR), "sda1: first sector is disk sector 2048");
	check(read_matches("/dev/sda2", 7 * SECTOR, SECTOR), "sda2: sector 7 is disk sector 10247");
	check(read_matches("/dev/sda1", 700, 1000), "sda1: an unaligned read across sectors");
	check(read_matches("/dev/sda", 1 * MIB + 4096, 300 * 1024),
	      "sda: a 300 KiB read (several requests, scatter-gather)");
	check(read_matches("/dev/nvme0n1", 20000 * SECTOR, SECTOR), "nvme0n1: sector 20000");
	check(read_matches("/dev/nvme0n1p1", 100 * SECTOR, SECTOR),
	      "nvme0n1p1: sector 100 is disk sector 2148");
	check(read_matches("/dev/nvme0n1p5", 0, SECTOR), "nvme0n1p5 (logical): disk sector 10240");
	check(read_matches("/dev/nvme0n1p6", (18432 - 1) * SECTOR, SECTOR),
	      "nvme0n1p6: its last sector");
	check(read_matches("/dev/nvme0n1", 2 * MIB + 512, 300 * 1024),
	      "nvme0n1: a 300 KiB read (PRP lists)");
	check(read_matches("/dev/sdb", 100 * SECTOR, 2 * SECTOR), "sdb: sectors 100 and 101");
	check(read_matches("/dev/nvme1n1", 5000, 10000), "nvme1n1: an unaligned read of 4 KiB blocks");
	/* nvme1 says MDTS 1 (8 KiB): read-ahead must build no bigger requests. */
	check(read_matches("/dev/nvme1n1", 0, 512 * 1024),
	      "nvme1n1: a 512 KiB sequential read in requests within MDTS");
}

/* Injected device errors reach the program as EIO; the disk goes on. */
static void check_errors(const char *path)
{
	int fd = open(path, O_RDWR);
	char buf[SECTOR];

	memset(buf, 'e', sizeof(buf));
	errno = 0;
	check(pread(fd, buf, SECTOR, (off_t)BAD_READ_SECTOR * SECTOR) == -1 && errno == EIO,
	      "%s: a failing sector's read is EIO", path);
	check(read_matches(path, 3000 * SECTOR, SECTOR), "%s: reads work after the error", path);
	/*
	 * A write goes to the cache (as on Linux): the disk's error comes
	 * back from fsync, once; the next fsync has nothing left to report.
	 */
	check(pwrite(fd, buf, SECTOR, (off_t)BAD_WRITE_SECTOR * SECTOR) == SECTOR,
	      "%s: a failing sector's write is cached", path);
	errno = 0;
	check(fsync(fd) == -1 && errno == EIO, "%s: its fsync is EIO", path);
	check(fsync(fd) == 0, "%s: the error is reported once", path);
	check(read_matches(path, (BAD_WRITE_SECTOR + 1) * SECTOR, SECTOR),
	      "%s: reads work after the write error", path);
	close(fd);
}

static void check_edges(void)
{
	int fd = open("/dev/nvme0n1p5", O_RDWR);
	off_t size = 2048 * SECTOR;
	char buf[SECTOR];
	void *volatile bad = (void *)8;	/* never mapped */

	check(lseek(fd, 0, SEEK_END) == size, "lseek SEEK_END is the partition's size");
	check(read(fd, buf, sizeof(buf)) == 0, "read at the end returns 0");
	errno = 0;
	check(write(fd, buf, sizeof(buf)) == -1 && errno == ENOSPC, "write at the end is ENOSPC");
	errno = 0;
	check(lseek(fd, size + 1, SEEK_SET) == -1 && errno == EINVAL,
	      "lseek past the end is EINVAL");
	check(pread(fd, buf, sizeof(buf), size - 100) == 100, "a read across the end is cut");
	errno = 0;
	check(pread(fd, bad, sizeof(buf), 0) == -1 && errno == EFAULT,
	      "a read into a bad pointer is EFAULT");
	close(fd);
}

/* Four processes reading at once: several commands in flight per disk. */
static void check_concurrent(void)
{
	static const char *const paths[] = { "/dev/sda", "/dev/nvme0n1", "/dev/sda2",
					     "/dev/nvme0n1p6" };
	pid_t pids[4];
	int all_ok = 1, status;

	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			int ok = 1;

			for (int k = 0; k < 24; k++) {
				/* sda's first MiB holds the GPT, not records. */
				uint64_t off = (uint64_t)(k * 37 + i) * 4096 + (i == 0 ? MIB : 0);

				if (!read_matches(paths[i], off, 16384)) {
					diag("%s: bytes at %llu differ", paths[i],
					     (unsigned long long)off);
					ok = 0;
				}
			}
			_exit(ok ? 0 : 1);
		}
	}
	for (int i = 0; i < 4; i++)
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			all_ok = 0;
	check(all_ok, "four processes reading two disks at once see the right sectors");
}

/* Writes write records at off of path; the host checks the image. */
static void check_write(const char *path, uint64_t off, size_t len)
{
	const struct node *n = node_named(path);
	char *buf = malloc(len), *back = malloc(len);
	int fd = open(path, O_RDWR);

	expect_write(n->disk, n->start * SECTOR + off, len, buf);
	check(fd >= 0 && pwrite(fd, buf, len, (off_t)off) == (ssize_t)len,
	      "%s: %zu bytes written at %llu", path, len, (unsigned long long)off);
	check(fsync(fd) == 0, "%s: fsync", path);
	check(pread(fd, back, len, (off_t)off) == (ssize_t)len && !memcmp(buf, back, len),
	      "%s: the bytes read back", path);
	check(read_matches(path, off - 64, 64), "%s: the bytes before are kept", path);
	close(fd);
	free(buf);
	free(back);
}

/* Fields of a /proc/diskstats line after the name (iostats.rst). */
enum {
	DS_READS, DS_READS_MERGED, DS_SECTORS_READ, DS_MS_READING,
	DS_WRITES, DS_WRITES_MERGED, DS_SECTORS_WRITTEN, DS_MS_WRITING,
	DS_IN_FLIGHT, DS_MS_IO, DS_MS_WEIGHTED,
	DS_DISCARDS, DS_DISCARDS_MERGED, DS_SECTORS_DISCARDED, DS_MS_DISCARDING,
	DS_FLUSHES, DS_MS_FLUSHING, DS_FIELDS
};

/* name's 17 numbers from /proc/diskstats: 0, or -1 (no such line, or short). */
static int diskstats_get(const char *name, unsigned long long *v)
{
	FILE *f = fopen("/proc/diskstats", "r");
	char line[512], dev[32];
	int found = -1;

	while (f && found && fgets(line, sizeof(line), f)) {
		unsigned major, minor;
		int used = 0, n;
		char *p;

		if (sscanf(line, "%u %u %31s%n", &major, &minor, dev, &used) != 3 ||
		    strcmp(dev, name))
			continue;
		p = line + used;
		for (n = 0; n < DS_FIELDS; n++) {
			int k = 0;

			if (sscanf(p, " %llu%n", &v[n], &k) != 1)
				break;
			p += k;
		}
		found = n == DS_FIELDS && sscanf(p, " %*s") == EOF ? 0 : -1;
	}
	if (f)
		fclose(f);
	return found;
}

/* /sys/block/.../stat: the same 17 numbers; 0 when equal to v. */
static int sysfs_stat_matches(const char *path, const unsigned long long *v)
{
	FILE *f = fopen(path, "r");
	unsigned long long x;
	int n = 0;

	while (f && n < DS_FIELDS && fscanf(f, "%llu", &x) == 1 && x == v[n])
		n++;
	if (f)
		fclose(f);
	return n == DS_FIELDS ? 0 : -1;
}

/*
 * The sda2 write of check_write, 300 KiB (75 adjacent pages), seen in
 * /proc/diskstats: written as a few multi-page requests (not one per
 * page), 600 sectors, counted for sda2 and for sda, and fsync's flush.
 */
static void check_write_stats(void)
{
	unsigned long long part0[DS_FIELDS], part1[DS_FIELDS], disk0[DS_FIELDS], disk1[DS_FIELDS];
	int ok0 = diskstats_get("sda2", part0) == 0 && diskstats_get("sda", disk0) == 0;

	check(ok0, "/proc/diskstats has sda and sda2 lines of 17 numbers");
	check_write("/dev/sda2", 64 * 1024, 300 * 1024);
	check(diskstats_get("sda2", part1) == 0 && diskstats_get("sda", disk1) == 0,
	      "and after the write");
	check(ok0 && part1[DS_SECTORS_WRITTEN] - part0[DS_SECTORS_WRITTEN] == 600,
	      "sda2: 600 sectors written (%llu)",
	      part1[DS_SECTORS_WRITTEN] - part0[DS_SECTORS_WRITTEN]);
	check(ok0 && part1[DS_WRITES] > part0[DS_WRITES] &&
	      part1[DS_WRITES] - part0[DS_WRITES] <= 8,
	      "in a few requests of adjacent pages (%llu for 75 pages)",
	      part1[DS_WRITES] - part0[DS_WRITES]);
	check(ok0 && disk1[DS_WRITES] - disk0[DS_WRITES] >= part1[DS_WRITES] - part0[DS_WRITES] &&
	      disk1[DS_SECTORS_WRITTEN] - disk0[DS_SECTORS_WRITTEN] >= 600,
	      "counted for the whole disk sda too");
	check(ok0 && disk1[DS_FLUSHES] > disk0[DS_FLUSHES], "fsync's cache flush is counted (%llu)",
	      disk1[DS_FLUSHES]);
	check(part1[DS_IN_FLIGHT] == 0 && disk1[DS_MS_WEIGHTED] >= disk1[DS_MS_WRITING],
	      "nothing in flight after fsync; the weighted time covers the writes");
	check((mount("sysfs", "/sys", "sysfs", 0, NULL) == 0 || errno == EBUSY) &&
	      sysfs_stat_matches("/sys/block/sda/sda2/stat", part1) == 0,
	      "/sys/block/sda/sda2/stat says the same");
}

/* The kB of a /proc/meminfo line ("Dirty:"), or -1. */
static long meminfo_kb(const char *field)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	size_t len = strlen(field);
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && sscanf(line + len, " %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static long meminfo_dirty_kb(void)
{
	return meminfo_kb("Dirty:");
}

static int sysctl_write(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = fd >= 0 ? write(fd, value, strlen(value)) : -1;

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

/* Whether Dirty: in /proc/meminfo reaches 0 within tenths / 10 seconds. */
static int dirty_drains(int tenths)
{
	for (int i = 0; i < tenths; i++) {
		if (meminfo_dirty_kb() == 0)
			return 1;
		usleep(100000);
	}
	return meminfo_dirty_kb() == 0;
}

/*
 * Writes without fsync reach the disk anyway: by the flusher thread once
 * they are older than vm.dirty_expire_centisecs (made short here), and
 * by sync(2). run-storage.sh applies both writes to its expected images.
 */
static void check_writeback(void)
{
	const struct node *n = node_named("/dev/sda1");
	char *buf = malloc(10000);
	int fd = open("/dev/sda1", O_RDWR);

	expect_write(n->disk, n->start * SECTOR + 200000, 10000, buf);
	check(fd >= 0 && pwrite(fd, buf, 10000, 200000) == 10000 && meminfo_dirty_kb() > 0,
	      "sda1: a write without fsync leaves dirty pages");
	check(sysctl_write("/proc/sys/vm/dirty_expire_centisecs", "10") == 0 &&
	      sysctl_write("/proc/sys/vm/dirty_writeback_centisecs", "10") == 0,
	      "vm.dirty_expire_centisecs and dirty_writeback_centisecs set to 10");
	check(dirty_drains(50), "the flusher writes them back within 5 s");
	check(sysctl_write("/proc/sys/vm/dirty_expire_centisecs", "3000") == 0 &&
	      sysctl_write("/proc/sys/vm/dirty_writeback_centisecs", "0") == 0,
	      "periodic writeback off (dirty_writeback_centisecs 0)");
	close(fd);
	n = node_named("/dev/nvme0n1p6");
	fd = open("/dev/nvme0n1p6", O_RDWR);
	expect_write(n->disk, n->start * SECTOR + 100000, 3000, buf);
	check(fd >= 0 && pwrite(fd, buf, 3000, 100000) == 3000 && meminfo_dirty_kb() > 0,
	      "nvme0n1p6: a write without fsync leaves dirty pages");
	sync();
	check(meminfo_dirty_kb() == 0, "sync(2) writes them back");
	check(sysctl_write("/proc/sys/vm/dirty_writeback_centisecs", "500") == 0,
	      "dirty_writeback_centisecs back to 500");
	close(fd);
	free(buf);
}

/*
 * Reading a disk fills its cache (Cached: grows); vm.drop_caches 1
 * gives the clean pages back, as on Linux.
 */
static void check_drop_caches(void)
{
	enum { SPAN = 4 << 20 };
	char *buf = malloc(SPAN);
	int fd = open("/dev/sda", O_RDONLY);
	long before, filled, after;

	check(sysctl_write("/proc/sys/vm/drop_caches", "1") == 0, "drop_caches 1 is accepted");
	before = meminfo_kb("Cached:");
	check(fd >= 0 && pread(fd, buf, SPAN, 0) == SPAN, "sda: a 4 MiB read");
	filled = meminfo_kb("Cached:");
	check(filled - before >= 4000, "it is cached (Cached: %ld -> %ld kB)", before, filled);
	check(sysctl_write("/proc/sys/vm/drop_caches", "1") == 0, "drop_caches 1 again");
	after = meminfo_kb("Cached:");
	check(filled - after >= 4000, "the clean pages went back (Cached: %ld kB)", after);
	close(fd);
	free(buf);
}

/*
 * BLKFLSBUF (blockdev --flushbufs) writes a device back and drops its
 * cached pages, so the next read goes to the disk; only a privileged
 * caller may (Linux: CAP_SYS_ADMIN, else EACCES).
 */
static void check_flushbuf(void)
{
	enum { SPAN = 4 << 20, NOBODY = 65534 };
	char *buf = malloc(SPAN);
	int fd = open("/dev/nvme0n1", O_RDONLY);
	long filled, after;
	pid_t child;
	int status = -1;

	check(fd >= 0 && pread(fd, buf, SPAN, 0) == SPAN, "nvme0n1: a 4 MiB read");
	filled = meminfo_kb("Cached:");
	child = fork();
	if (child == 0) {
		if (setuid(NOBODY))
			_exit(2);
		errno = 0;
		_exit(ioctl(fd, BLKFLSBUF, 0) == -1 && errno == EACCES ? 0 : 1);
	}
	check(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "BLKFLSBUF by an unprivileged user: EACCES");
	check(meminfo_kb("Cached:") >= filled - 100, "and the cache stays (Cached: %ld kB)",
	      meminfo_kb("Cached:"));
	check(ioctl(fd, BLKFLSBUF, 0) == 0, "BLKFLSBUF by root");
	after = meminfo_kb("Cached:");
	check(filled - after >= 4000, "drops the clean pages (Cached: %ld -> %ld kB)", filled, after);
	close(fd);
	free(buf);
}

/*
 * sdc and nvme2n1 answer every read after 7 s (QEMU's null-co driver
 * with a latency), longer than the kernel's 5 s timeout: the read must
 * fail with EIO (the port or controller is reset), not hang, and the
 * other disks go on.
 */
static void check_timeout(const char *slow, const char *other)
{
	int fd = open(slow, O_RDONLY);
	char buf[SECTOR];

	errno = 0;
	check(fd >= 0 && pread(fd, buf, SECTOR, 0) == -1 && errno == EIO,
	      "%s: a read the disk does not answer in time fails with EIO", slow);
	check(read_matches(other, 3000 * SECTOR, SECTOR), "%s: still readable after", other);
	close(fd);
}

int main(void)
{
	tap_plan(24 + 5 + 13 + 6 + 1 + 12 + 16 + 7 + 8 + 5 + 5 + 4);
	check_nodes();
	check_ioctls();
	check_reads();
	check_edges();
	check_concurrent();
	check_errors("/dev/sda");
	check_errors("/dev/nvme0n1");
	/* run-storage.sh applies the same three writes to its expected images. */
	check_write("/dev/sda1", 4096 + 100, 70000);
	check_write_stats();		/* check_write of sda2 */
	check_write("/dev/nvme0n1p6", 1000, 5000);
	check_write("/dev/nvme1n1", 4096 + 3000, 6000);	/* two partial 4 KiB blocks */
	check_writeback();
	check_drop_caches();
	check_flushbuf();
	check_timeout("/dev/sdc", "/dev/sda");
	check_timeout("/dev/nvme2n1", "/dev/nvme0n1");
	sync();
	return tap_failures ? 1 : 0;
}
