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
#include <fs/vfs.h>
#include <mm/mm.h>
#include <sched/mutex.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#define GENHD_MAX_DISKS		32
#define GENHD_SD_MAX		26	/* sda..sdz */
#define GENHD_NODE_MODE		(S_IFBLK | 0660)

/* guards: genhd_disks, genhd_ndisks, genhd_bdevs, genhd_sd_count, genhd_blkext_next */
static struct mutex genhd_lock = MUTEX_INIT(genhd_lock);
static struct gendisk *genhd_disks[GENHD_MAX_DISKS];
static unsigned genhd_ndisks;
static struct list_node genhd_bdevs = { &genhd_bdevs, &genhd_bdevs };
static unsigned genhd_sd_count;
static unsigned genhd_blkext_next;

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
		minor = genhd_blkext_next++;
	mutex_unlock(&genhd_lock);
	pr_info(" %s: p%u start %llu, %llu blocks\n", disk->name, partno,
		(unsigned long long)start, (unsigned long long)blocks);
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
		disk->first_minor = genhd_blkext_next++;
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
