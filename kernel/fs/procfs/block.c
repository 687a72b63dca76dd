/*
 * block.c: /proc/partitions and /proc/diskstats.
 *
 * /proc/partitions: the block devices and their sizes, in the
 * format of Linux's show_partition (block/genhd.c): a header, a blank
 * line, then one line per disk and per partition, in the order the
 * disks were registered and each disk's partitions by number:
 * "%4d  %7d %10llu %s" with the major, the minor, the size in 1 KiB
 * blocks and the name. Disks of no capacity and empty partitions are
 * left out, as Linux does.
 *
 * /proc/diskstats: Linux's diskstats_show, the same devices (a disk even
 * of no capacity, no empty partition), "%4d %7d %s" with the major, the
 * minor and the name, then the 17 numbers of iostats.rst each after a
 * space (block/blk_stats.c).
 */
#include <fs/procfs/procfs.h>
#include <block/bdev_info.h>

#define PROCFS_PART_KIB_SHIFT	1	/* 512-byte sectors to 1 KiB blocks */

int procfs_show_partitions(struct procfs_buf *b, struct process *p __unused)
{
	struct gendisk *disk;
	struct bdev_info info;

	procfs_printf(b, "major minor  #blocks  name\n\n");
	for (unsigned i = 0; (disk = genhd_disk_at(i)) != NULL; i++) {
		if (!disk->capacity)
			continue;
		for (unsigned part = 0; part <= BLK_MAX_PARTITIONS; part++) {
			uint64_t sectors;

			if (genhd_bdev_info(disk, part, &info))
				continue;
			sectors = bdev_info_sectors(&info);
			if (!sectors)
				continue;
			procfs_printf(b, "%4u  %7u %10llu %s\n", DEV_MAJOR(info.dev),
				      DEV_MINOR(info.dev),
				      (unsigned long long)(sectors >> PROCFS_PART_KIB_SHIFT),
				      info.name);
		}
	}
	return 0;
}

int procfs_show_diskstats(struct procfs_buf *b, struct process *p __unused)
{
	struct gendisk *disk;
	struct bdev_info info;

	for (unsigned i = 0; (disk = genhd_disk_at(i)) != NULL; i++) {
		for (unsigned part = 0; part <= BLK_MAX_PARTITIONS; part++) {
			struct blk_stats stats;
			uint64_t fields[BLK_STATS_FIELDS];

			if (genhd_bdev_info(disk, part, &info))
				continue;
			if (part && !bdev_info_sectors(&info))
				continue;
			blk_stats_read(disk, part, &stats);
			blk_stats_fields(&stats, fields);
			procfs_printf(b, "%4u %7u %s", DEV_MAJOR(info.dev), DEV_MINOR(info.dev),
				      info.name);
			for (unsigned f = 0; f < BLK_STATS_FIELDS; f++)
				procfs_printf(b, " %llu", (unsigned long long)fields[f]);
			procfs_printf(b, "\n");
		}
	}
	return 0;
}
