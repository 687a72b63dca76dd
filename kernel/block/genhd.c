/*
 * genhd.c: the registered disks and their block devices (the whole disk
 * and each partition), with Linux's names and numbers
 * (Documentation/admin-guide/devices.txt): SCSI/SATA disks are block
 * major 8, 16 minors each (sda 8:0, sda1 8:1 ... sdb 8:16); NVMe
 * namespaces and their partitions take minors of the dynamic major 259
 * ("blkext") in the order they appear (nvme0n1 259:0, nvme0n1p1 259:1).
 * Partition names follow Linux's disk_name(): a digit after a disk name
 * that ends in a digit gets a "p" (nvme0n1p1), else not (sda1).
 *
 * Each block device gets a node in devtmpfs (mode 0660, as udev makes
 * disk nodes); the node's file operations are blk_file.c's, registered
 * with the VFS for both majors (fs/blkdev.c).
 *
 * Locking: genhd_lock (a mutex: scanning sleeps on I/O) guards
 * genhd_disks, genhd_bdevs and the numbering. devfs_add_node takes
 * vfs_lock, so it is called without genhd_lock.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <block/block.h>
#include <block/bdev_info.h>
#include <block/buffer.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <sched/mutex.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#define GENHD_MAX_DISKS		32
#define GENHD_SD_MAX		26	/* sda..sdz */
#define GENHD_NODE_MODE		(S_IFBLK | 0660)
#define GENHD_BLKEXT_MINORS	1024	/* 259:0..1023: 64 disks' worth of partitions */

/* guards: genhd_disks, genhd_ndisks, genhd_bdevs, genhd_sd_count, genhd_blkext_minors */
static struct mutex genhd_lock = MUTEX_INIT(genhd_lock);
static struct gendisk *genhd_disks[GENHD_MAX_DISKS];
static unsigned genhd_ndisks;
static struct list_node genhd_bdevs = { &genhd_bdevs, &genhd_bdevs };
static unsigned genhd_sd_count;
/* blkext minors taken (a bit each); a rescan frees its partitions' */
static uint8_t genhd_blkext_minors[GENHD_BLKEXT_MINORS / 8];
/* Removed partitions (blk_rescan): kept, never freed (see genhd_del_partitions). */
static struct list_node genhd_retired = { &genhd_retired, &genhd_retired };

/*
 * The least free blkext minor, taken (genhd_lock held): the numbers
 * Linux's blk_alloc_ext_minor (an IDA) gives, the same again after a
 * rescan.
 */
static unsigned genhd_blkext_free_minor(void)
{
	for (unsigned m = 0; m < GENHD_BLKEXT_MINORS; m++) {
		if (!(genhd_blkext_minors[m / 8] & (1u << (m % 8)))) {
			genhd_blkext_minors[m / 8] |= (uint8_t)(1u << (m % 8));
			return m;
		}
	}
	return GENHD_BLKEXT_MINORS;	/* none left: genhd_add_bdev refuses it */
}

void block_init(void)
{
	int err = blkdev_register(BLK_MAJOR_SD, &blk_file_ops, "sd");

	if (!err)
		err = blkdev_register(BLK_MAJOR_BLKEXT, &blk_file_ops, "blkext");
	if (err)
		pr_err("block: cannot register the block majors: error %d\n", err);
	blk_watchdog_start();
	bdev_cache_shrinker_register();
}

struct gendisk *genhd_disk_at(unsigned i)
{
	struct gendisk *d = NULL;

	mutex_lock(&genhd_lock);
	if (i < genhd_ndisks)
		d = genhd_disks[i];
	mutex_unlock(&genhd_lock);
	return d;
}

void block_shutdown(void)
{
	struct gendisk *disk;

	for (unsigned i = 0; (disk = genhd_disk_at(i)) != NULL; i++) {
		int err;

		/* Only a disk written since its last flush has anything cached. */
		if (!__atomic_load_n(&disk->unflushed, __ATOMIC_RELAXED))
			continue;
		/* Linux's sd says "[sda] Synchronizing SCSI cache" here. */
		pr_info("block: %s: synchronizing the write cache\n", disk->name);
		err = blk_flush(disk);
		if (err)
			pr_warn("block: %s: the cache flush at shutdown failed: error %d\n",
				disk->name, err);
	}
}

struct block_device *bdev_at(unsigned i)
{
	struct block_device *found = NULL;
	struct list_node *n;

	mutex_lock(&genhd_lock);
	list_for_each(n, &genhd_bdevs) {
		if (i-- == 0) {
			found = list_entry(n, struct block_device, link);
			break;
		}
	}
	mutex_unlock(&genhd_lock);
	return found;
}

struct gendisk *genhd_find(const char *name)
{
	struct gendisk *d = NULL;

	mutex_lock(&genhd_lock);
	for (unsigned i = 0; i < genhd_ndisks && !d; i++)
		if (!strcmp(genhd_disks[i]->name, name))
			d = genhd_disks[i];
	mutex_unlock(&genhd_lock);
	return d;
}

struct block_device *bdev_lookup(dev_t dev)
{
	struct block_device *found = NULL;
	struct list_node *n;

	mutex_lock(&genhd_lock);
	for (n = genhd_bdevs.next; n != &genhd_bdevs && !found; n = n->next) {
		struct block_device *b = list_entry(n, struct block_device, link);

		if (b->dev == dev)
			found = b;
	}
	mutex_unlock(&genhd_lock);
	return found;
}

void genhd_set_partuuid(struct gendisk *disk, unsigned partno, const char *uuid)
{
	struct list_node *n;

	mutex_lock(&genhd_lock);
	for (n = genhd_bdevs.next; n != &genhd_bdevs; n = n->next) {
		struct block_device *b = list_entry(n, struct block_device, link);

		if (b->disk == disk && b->partno == partno)
			strlcpy(b->partuuid, uuid, sizeof(b->partuuid));
	}
	mutex_unlock(&genhd_lock);
}

static bool genhd_uuid_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

struct block_device *bdev_find_partuuid(const char *uuid, int offset)
{
	struct block_device *found = NULL, *b;
	struct list_node *n;

	mutex_lock(&genhd_lock);
	for (n = genhd_bdevs.next; n != &genhd_bdevs && !found; n = n->next) {
		b = list_entry(n, struct block_device, link);
		if (b->partuuid[0] && genhd_uuid_equal(b->partuuid, uuid))
			found = b;
	}
	if (found && offset) {
		long want = (long)found->partno + offset;
		struct gendisk *disk = found->disk;

		found = NULL;
		for (n = genhd_bdevs.next; n != &genhd_bdevs && !found; n = n->next) {
			b = list_entry(n, struct block_device, link);
			if (b->disk == disk && (long)b->partno == want)
				found = b;
		}
	}
	mutex_unlock(&genhd_lock);
	return found;
}

/* Adds a block device and its node (genhd_lock not held). */
static int genhd_add_bdev(struct gendisk *disk, unsigned partno, dev_t dev,
			  uint64_t start, uint64_t blocks)
{
	struct block_device *b = kzalloc(sizeof(*b));
	size_t len = strlen(disk->name);
	int err;

	if (!b)
		return -ENOMEM;
	b->disk = disk;
	b->dev = dev;
	b->partno = partno;
	b->start = start;
	b->blocks = blocks;
	bdev_cache_init(b);
	if (partno == 0)
		strlcpy(b->name, disk->name, sizeof(b->name));
	else if (len && disk->name[len - 1] >= '0' && disk->name[len - 1] <= '9')
		snprintf(b->name, sizeof(b->name), "%sp%u", disk->name, partno);
	else
		snprintf(b->name, sizeof(b->name), "%s%u", disk->name, partno);
	mutex_lock(&genhd_lock);
	list_add_tail(&genhd_bdevs, &b->link);
	mutex_unlock(&genhd_lock);
	err = devfs_add_node(b->name, GENHD_NODE_MODE, dev);
	if (err)
		pr_warn("block: cannot make /dev/%s: error %d\n", b->name, err);
	return 0;
}

int genhd_add_partition(struct gendisk *disk, unsigned partno, uint64_t start,
			uint64_t blocks)
{
	unsigned minor;

	if (partno == 0 || partno > BLK_MAX_PARTITIONS || start >= disk->capacity ||
	    blocks == 0 || blocks > disk->capacity - start)
		return -EINVAL;
	mutex_lock(&genhd_lock);
	if (disk->major == BLK_MAJOR_SD)
		minor = disk->first_minor + partno;
	else
		minor = genhd_blkext_free_minor();
	mutex_unlock(&genhd_lock);
	if (minor == GENHD_BLKEXT_MINORS)
		return -ENOSPC;
	pr_info(" %s: p%u start %llu, %llu blocks\n", disk->name, partno,
		(unsigned long long)start, (unsigned long long)blocks);
	blk_stats_reset(disk, partno);
	return genhd_add_bdev(disk, partno, DEV_MAKE(disk->major, minor), start, blocks);
}

int genhd_add_disk(struct gendisk *disk, unsigned kind)
{
	int err = 0;

	if (!disk->ops || !disk->ops->submit || !disk->ops->recover ||
	    (disk->block_size != 512 && disk->block_size != 4096) || !disk->capacity)
		return -EINVAL;
	mutex_lock(&genhd_lock);
	if (genhd_ndisks == GENHD_MAX_DISKS) {
		err = -ENOSPC;
	} else if (kind == GENHD_KIND_SD) {
		if (genhd_sd_count == GENHD_SD_MAX) {
			err = -ENOSPC;
		} else {
			snprintf(disk->name, sizeof(disk->name), "sd%c", 'a' + genhd_sd_count);
			disk->major = BLK_MAJOR_SD;
			disk->first_minor = genhd_sd_count++ * BLK_SD_MINORS;
		}
	} else {
		disk->major = BLK_MAJOR_BLKEXT;
		disk->first_minor = genhd_blkext_free_minor();
		if (disk->first_minor == GENHD_BLKEXT_MINORS)
			err = -ENOSPC;
	}
	if (!err)
		genhd_disks[genhd_ndisks++] = disk;
	mutex_unlock(&genhd_lock);
	if (err)
		return err;
	pr_info("%s: %llu %u-byte logical blocks (%llu MB) [%s] %u:%u\n", disk->name,
		(unsigned long long)disk->capacity, disk->block_size,
		(unsigned long long)(disk->capacity * disk->block_size / 1000000),
		disk->model, disk->major, disk->first_minor);
	err = genhd_add_bdev(disk, 0, DEV_MAKE(disk->major, disk->first_minor), 0,
			     disk->capacity);
	if (err)
		return err;
	partition_scan(disk);
	return 0;
}

/* ---- snapshots (bdev_info.h) --------------------------------------------- */

static void genhd_snapshot(const struct block_device *b, struct bdev_info *out)
{
	out->disk = b->disk;
	out->dev = b->dev;
	strlcpy(out->name, b->name, sizeof(out->name));
	out->partno = b->partno;
	out->start = b->start;
	out->blocks = b->blocks;
}

int genhd_bdev_info(struct gendisk *disk, unsigned partno, struct bdev_info *out)
{
	struct block_device *b;
	int err = -ENOENT;

	mutex_lock(&genhd_lock);
	list_for_each_entry(b, &genhd_bdevs, link) {
		if (b->disk == disk && b->partno == partno) {
			genhd_snapshot(b, out);
			err = 0;
			break;
		}
	}
	mutex_unlock(&genhd_lock);
	return err;
}

int genhd_bdev_info_dev(dev_t dev, struct bdev_info *out)
{
	struct block_device *b;
	int err = -ENOENT;

	mutex_lock(&genhd_lock);
	list_for_each_entry(b, &genhd_bdevs, link) {
		if (b->dev == dev) {
			genhd_snapshot(b, out);
			err = 0;
			break;
		}
	}
	mutex_unlock(&genhd_lock);
	return err;
}

/* ---- partition removal (blk_rescan.c) ------------------------------------ */

/*
 * Takes disk's partitions away: out of the device list (bdev_lookup no
 * longer finds them), their blkext minors freed, their /dev nodes
 * removed, their page caches written back and dropped. The structures
 * stay allocated on genhd_retired: a file system mounted through
 * bdev_lookup_path holds its pointer without a reference count, so
 * freeing would be a use after free (blk_rescan refuses while a
 * partition is open, not while one is mounted that way).
 */
void genhd_del_partitions(struct gendisk *disk)
{
	struct list_node gone = { &gone, &gone };
	struct block_device *b, *next;

	mutex_lock(&genhd_lock);
	list_for_each_entry_safe(b, next, &genhd_bdevs, link) {
		if (b->disk != disk || b->partno == 0)
			continue;
		list_del(&b->link);
		list_add_tail(&gone, &b->link);
		if (disk->major == BLK_MAJOR_BLKEXT) {
			unsigned m = DEV_MINOR(b->dev);

			genhd_blkext_minors[m / 8] &= (uint8_t)~(1u << (m % 8));
		}
	}
	mutex_unlock(&genhd_lock);
	list_for_each_entry_safe(b, next, &gone, link) {
		int err = bdev_sync(b);

		if (err)
			pr_warn("%s: writing back before the rescan failed: error %d\n", b->name, err);
		page_cache_truncate(&b->mapping, 0);
		devfs_remove_node(b->name);
		list_del(&b->link);
		mutex_lock(&genhd_lock);
		list_add_tail(&genhd_retired, &b->link);
		mutex_unlock(&genhd_lock);
	}
}
