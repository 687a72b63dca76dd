/*
 * bdev_info.h: snapshots of the registered block devices for the files
 * that describe them (/proc/partitions, /sys/block, /sys/class/block,
 * /sys/dev/block). A snapshot is copied under genhd_lock, so a reader
 * never holds a pointer to a partition that a rescan may take away;
 * gendisks themselves are never removed.
 */
#ifndef BLOCK_BDEV_INFO_H
#define BLOCK_BDEV_INFO_H

#include <stdint.h>
#include <block/block.h>

#define BDEV_SECTOR_SIZE	512	/* the unit of /proc/partitions (>> 1), sysfs size */

struct bdev_info {
	struct gendisk *disk;
	dev_t dev;
	char name[BLK_NAME_MAX];
	unsigned partno;		/* 0: the whole disk */
	uint64_t start, blocks;		/* in the disk's logical blocks */
};

/* Partition partno (0: the whole disk) of disk: 0, or -ENOENT. */
int genhd_bdev_info(struct gendisk *disk, unsigned partno, struct bdev_info *out);
/* The block device numbered dev: 0, or -ENOENT. */
int genhd_bdev_info_dev(dev_t dev, struct bdev_info *out);

/* A snapshot's start and size in 512-byte sectors (sysfs, /proc/partitions). */
static inline uint64_t bdev_info_sectors(const struct bdev_info *i)
{
	return i->blocks * (i->disk->block_size / BDEV_SECTOR_SIZE);
}

static inline uint64_t bdev_info_start_sector(const struct bdev_info *i)
{
	return i->start * (i->disk->block_size / BDEV_SECTOR_SIZE);
}

#endif /* BLOCK_BDEV_INFO_H */
