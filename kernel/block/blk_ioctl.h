/*
 * blk_ioctl.h: block device ioctls beyond the sizes (blk_ioctl.c) and
 * the partition rescan of BLKRRPART (blk_rescan.c), with the open
 * counts of partitions it checks.
 */
#ifndef BLOCK_BLK_IOCTL_H
#define BLOCK_BLK_IOCTL_H

#include <stdint.h>
#include <block/block.h>

/* blk_ioctl.c: HDIO_GETGEO, BLKROGET, BLKDISCARD, BLKRRPART; else -ENOTTY. */
long blk_ioctl(struct file *f, struct block_device *b, unsigned cmd, uint64_t arg);

/* blk_rescan.c */
/*
 * A partition's opener (its device file's open, a file system mounted
 * on it): 0, or -ENXIO if a rescan took the partition away meanwhile.
 * Each success is paired with blk_part_put. The whole disk needs none.
 */
int blk_part_get(struct block_device *b);
void blk_part_put(struct block_device *b);
/*
 * BLKRRPART on b, as Linux's disk_scan_partitions: EACCES for a
 * non-root caller, EINVAL on a partition, EBUSY while a partition of
 * the disk is open; else the partitions are dropped and the table read
 * again. 0 or a negative errno.
 */
long blk_rescan(struct block_device *b);

/* genhd.c: drops disk's partitions (blk_rescan, its lock held). */
void genhd_del_partitions(struct gendisk *disk);

#endif /* BLOCK_BLK_IOCTL_H */
