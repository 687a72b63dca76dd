/*
 * block.c: the disks and partitions in sysfs, as Linux's block/genhd.c,
 * partitions/core.c and blk-sysfs.c show them. A disk's directory is
 * /sys/devices/virtual/block/NAME (Linux puts it below its controller's
 * device, .../0000:00:1f.2/ata1/.../block/sda: Basalt has no device tree
 * for the controllers' children yet), with:
 *
 *   dev        "MAJOR:MINOR"
 *   size       the size in 512-byte sectors, whatever the block size
 *   ro, removable   "0": Basalt's disks are writable and fixed
 *   stat       the I/O statistics (block/blk_stats.c), as /proc/diskstats
 *   uevent     MAJOR, MINOR, DEVNAME, DEVTYPE=disk (what mdev reads)
 *   queue/     logical_block_size, physical_block_size, hw_sector_size
 *   NAMEp/     a directory per partition: dev, partition (its number),
 *              start and size (512-byte sectors), ro, uevent
 *              (DEVTYPE=partition, PARTN)
 *   subsystem  a link to class/block
 *
 * /sys/block/NAME links to every disk's directory; /sys/class/block/NAME
 * and /sys/dev/block/MAJOR:MINOR to every disk's and partition's.
 * Partitions are read from snapshots (block/bdev_info.h) on each access:
 * the directories that list them are dynamic (sysfs.h).
 */
#include <fs/sysfs/sysfs.h>
#include <basalt/compiler.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <block/bdev_info.h>
#include <uapi/errno.h>


static struct gendisk *sysfs_disk(const struct sysfs_node *n)
{
	return (struct gendisk *)n->obj;
}

/* The snapshot of the disk's or partition's device a node is about. */
static int sysfs_bdev(const struct sysfs_node *n, struct bdev_info *info)
{
	return genhd_bdev_info(sysfs_disk(n), n->arg, info);
}

/* The k-th block device: disks in registration order, each with its partitions. */
static int sysfs_bdev_nth(unsigned k, struct bdev_info *info)
{
	struct gendisk *disk;

	for (unsigned i = 0; (disk = genhd_disk_at(i)) != NULL; i++)
		for (unsigned part = 0; part <= BLK_MAX_PARTITIONS; part++)
			if (!genhd_bdev_info(disk, part, info) && k-- == 0)
				return 0;
	return -ENOENT;
}

/* ---- attributes of disks and partitions ---------------------------------- */

static int sysfs_block_dev(const struct sysfs_node *n, struct sysfs_buf *b)
{
	struct bdev_info info;
	int err = sysfs_bdev(n, &info);

	if (!err)
		sysfs_printf(b, "%u:%u\n", DEV_MAJOR(info.dev), DEV_MINOR(info.dev));
	return err;
}

static int sysfs_block_size(const struct sysfs_node *n, struct sysfs_buf *b)
{
	struct bdev_info info;
	int err = sysfs_bdev(n, &info);

	if (!err)
		sysfs_printf(b, "%llu\n", (unsigned long long)bdev_info_sectors(&info));
	return err;
}

static int sysfs_block_start(const struct sysfs_node *n, struct sysfs_buf *b)
{
	struct bdev_info info;
	int err = sysfs_bdev(n, &info);

	if (!err)
		sysfs_printf(b, "%llu\n", (unsigned long long)bdev_info_start_sector(&info));
	return err;
}

static int sysfs_block_partition(const struct sysfs_node *n, struct sysfs_buf *b)
{
	struct bdev_info info;
	int err = sysfs_bdev(n, &info);

	if (!err)
		sysfs_printf(b, "%u\n", info.partno);
	return err;
}

/* Linux's part_stat_show: the 17 numbers of iostats.rst, each "%8llu" and a space. */
static int sysfs_block_stat(const struct sysfs_node *n, struct sysfs_buf *b)
{
	struct bdev_info info;
	struct blk_stats stats;
	uint64_t fields[BLK_STATS_FIELDS];
	int err = sysfs_bdev(n, &info);

	if (err)
		return err;
	blk_stats_read(info.disk, info.partno, &stats);
	blk_stats_fields(&stats, fields);
	for (unsigned f = 0; f < BLK_STATS_FIELDS; f++)
		sysfs_printf(b, f + 1 < BLK_STATS_FIELDS ? "%8llu " : "%8llu\n",
			     (unsigned long long)fields[f]);
	return 0;
}

/* ro and removable: no read-only or removable disks yet. */
static int sysfs_block_zero(const struct sysfs_node *n, struct sysfs_buf *b)
{
	struct bdev_info info;
	int err = sysfs_bdev(n, &info);

	if (!err)
		sysfs_printf(b, "0\n");
	return err;
}

/* Linux's dev_uevent for a block device, and part_uevent's PARTN. */
static int sysfs_block_uevent(const struct sysfs_node *n, struct sysfs_buf *b)
{
	struct bdev_info info;
	int err = sysfs_bdev(n, &info);

	if (err)
		return err;
	sysfs_printf(b, "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\nDEVTYPE=%s\n", DEV_MAJOR(info.dev),
		     DEV_MINOR(info.dev), info.name, info.partno ? "partition" : "disk");
	if (info.partno)
		sysfs_printf(b, "PARTN=%u\n", info.partno);
	return 0;
}

static int sysfs_block_subsystem(const struct sysfs_node *n, struct sysfs_buf *b)
{
	/* From devices/virtual/block/NAME (a partition: one level deeper) to /sys. */
	sysfs_printf(b, "%s../../../../class/block", n->arg ? "../" : "");
	return 0;
}

static int sysfs_queue_logical(const struct sysfs_node *n, struct sysfs_buf *b)
{
	sysfs_printf(b, "%u\n", sysfs_disk(n)->block_size);
	return 0;
}

static const struct sysfs_attr sysfs_disk_files[] = {
	{ "dev", sysfs_block_dev, NULL },
	{ "removable", sysfs_block_zero, NULL },
	{ "ro", sysfs_block_zero, NULL },
	{ "size", sysfs_block_size, NULL },
	{ "stat", sysfs_block_stat, NULL },
	{ "uevent", sysfs_block_uevent, NULL },
};

static const struct sysfs_attr sysfs_part_files[] = {
	{ "dev", sysfs_block_dev, NULL },
	{ "partition", sysfs_block_partition, NULL },
	{ "ro", sysfs_block_zero, NULL },
	{ "size", sysfs_block_size, NULL },
	{ "start", sysfs_block_start, NULL },
	{ "stat", sysfs_block_stat, NULL },
	{ "uevent", sysfs_block_uevent, NULL },
};

static const struct sysfs_attr sysfs_block_links[] = {
	{ "subsystem", sysfs_block_subsystem, NULL },
};

/*
 * queue/: the sizes Linux's blk-sysfs.c gives. Basalt's drivers report
 * one block size: the physical one is taken to be the logical one, as
 * BLKPBSZGET does.
 */
static const struct sysfs_attr sysfs_queue_files[] = {
	{ "hw_sector_size", sysfs_queue_logical, NULL },
	{ "logical_block_size", sysfs_queue_logical, NULL },
	{ "physical_block_size", sysfs_queue_logical, NULL },
};

static int sysfs_queue_child(const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e)
{
	unsigned rest;

	return sysfs_child_attrs(sysfs_queue_files, ARRAY_SIZE(sysfs_queue_files), SYSFS_FILE,
				 dir, i, e, &rest);
}

static const struct sysfs_dir_ops sysfs_queue_dir = {
	.child = sysfs_queue_child,
};

static int sysfs_part_child(const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e)
{
	unsigned rest;

	if (!sysfs_child_attrs(sysfs_part_files, ARRAY_SIZE(sysfs_part_files), SYSFS_FILE, dir,
			       i, e, &rest))
		return 0;
	return sysfs_child_attrs(sysfs_block_links, ARRAY_SIZE(sysfs_block_links), SYSFS_LINK,
				 dir, rest, e, &rest);
}

static const struct sysfs_dir_ops sysfs_part_dir = {
	.child = sysfs_part_child,
};

/* A disk's directory: files, links, queue/, then its partitions. */
static int sysfs_disk_child(const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e)
{
	struct gendisk *disk = sysfs_disk(dir);
	struct bdev_info info;
	unsigned rest;

	if (!sysfs_child_attrs(sysfs_disk_files, ARRAY_SIZE(sysfs_disk_files), SYSFS_FILE, dir,
			       i, e, &rest))
		return 0;
	if (!sysfs_child_attrs(sysfs_block_links, ARRAY_SIZE(sysfs_block_links), SYSFS_LINK,
			       dir, rest, e, &rest))
		return 0;
	if (rest == 0) {
		sysfs_entry_dir(e, "queue", &sysfs_queue_dir, disk, 0);
		return 0;
	}
	rest--;
	for (unsigned part = 1; part <= BLK_MAX_PARTITIONS; part++) {
		if (genhd_bdev_info(disk, part, &info) || rest-- != 0)
			continue;
		sysfs_entry_dir(e, info.name, &sysfs_part_dir, disk, part);
		return 0;
	}
	return -ENOENT;
}

static const struct sysfs_dir_ops sysfs_disk_dir = {
	.child = sysfs_disk_child,
	.dynamic = true,
};

/* devices/virtual/block: a directory per disk. */
static int sysfs_virtual_block_child(const struct sysfs_node *dir __unused, unsigned i,
				     struct sysfs_entry *e)
{
	struct gendisk *disk = genhd_disk_at(i);

	if (!disk)
		return -ENOENT;
	sysfs_entry_dir(e, disk->name, &sysfs_disk_dir, disk, 0);
	return 0;
}

const struct sysfs_dir_ops sysfs_virtual_block_dir = {
	.child = sysfs_virtual_block_child,
};

/* ---- the links ----------------------------------------------------------- */

/* prefix, then the disk's or partition's directory below devices/virtual/block. */
static int sysfs_block_link_to(const struct sysfs_node *n, struct sysfs_buf *b,
			       const char *prefix)
{
	struct bdev_info info;
	int err = sysfs_bdev(n, &info);

	if (err)
		return err;
	if (info.partno)
		sysfs_printf(b, "%sdevices/virtual/block/%s/%s", prefix, info.disk->name,
			     info.name);
	else
		sysfs_printf(b, "%sdevices/virtual/block/%s", prefix, info.name);
	return 0;
}

static int sysfs_block_top_link(const struct sysfs_node *n, struct sysfs_buf *b)
{
	return sysfs_block_link_to(n, b, "../");
}

static int sysfs_block_class_link(const struct sysfs_node *n, struct sysfs_buf *b)
{
	return sysfs_block_link_to(n, b, "../../");
}

/* The links' attributes: each link's name is its device's. */
static const struct sysfs_attr sysfs_block_top_attr = { "", sysfs_block_top_link, NULL };
static const struct sysfs_attr sysfs_block_class_attr = { "", sysfs_block_class_link, NULL };

/* /sys/block: the disks. */
static int sysfs_block_child(const struct sysfs_node *dir __unused, unsigned i,
			     struct sysfs_entry *e)
{
	struct gendisk *disk = genhd_disk_at(i);

	if (!disk)
		return -ENOENT;
	sysfs_entry_attr(e, SYSFS_LINK, &sysfs_block_top_attr, disk, 0);
	strlcpy(e->name, disk->name, sizeof(e->name));
	return 0;
}

const struct sysfs_dir_ops sysfs_block_dir = {
	.child = sysfs_block_child,
};

/* class/block: every disk and partition, by name. */
static int sysfs_class_block_child(const struct sysfs_node *dir __unused, unsigned i,
				   struct sysfs_entry *e)
{
	struct bdev_info info;
	int err = sysfs_bdev_nth(i, &info);

	if (err)
		return err;
	sysfs_entry_attr(e, SYSFS_LINK, &sysfs_block_class_attr, info.disk, info.partno);
	strlcpy(e->name, info.name, sizeof(e->name));
	return 0;
}

const struct sysfs_dir_ops sysfs_class_block_dir = {
	.child = sysfs_class_block_child,
	.dynamic = true,
};

/* dev/block: every disk and partition, by "MAJOR:MINOR" (what mdev and blkid use). */
static int sysfs_dev_block_child(const struct sysfs_node *dir __unused, unsigned i,
				 struct sysfs_entry *e)
{
	struct bdev_info info;
	int err = sysfs_bdev_nth(i, &info);

	if (err)
		return err;
	sysfs_entry_attr(e, SYSFS_LINK, &sysfs_block_class_attr, info.disk, info.partno);
	snprintf(e->name, sizeof(e->name), "%u:%u", DEV_MAJOR(info.dev), DEV_MINOR(info.dev));
	return 0;
}

const struct sysfs_dir_ops sysfs_dev_block_dir = {
	.child = sysfs_dev_block_child,
	.dynamic = true,
};
