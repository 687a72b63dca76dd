/*
 * blk_rescan.c: BLKRRPART, re-reading a disk's partition table after a
 * program (fdisk, sfdisk) wrote it, as Linux's disk_scan_partitions and
 * bdev_disk_changed: refused with EBUSY while any partition of the disk
 * is open (Linux's disk->open_partitions) or mounted (a disk file
 * system whose mount source is one of them), else every partition is
 * dropped (genhd_del_partitions: /dev nodes, minors, caches) and the
 * table scanned again (partition_scan), which makes the new ones. The
 * whole disk may be open, by the caller itself in the first place.
 *
 * Locking: blk_rescan_lock (a mutex: the scan sleeps on I/O) guards
 * blk_part_opens and serialises rescans with partition opens, so that
 * no partition is opened while its disk's table is being replaced.
 */
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <block/blk_ioctl.h>
#include <block/buffer.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/mutex.h>
#include <uapi/errno.h>

#define BLK_RESCAN_MAX_DISKS	32	/* genhd.c's GENHD_MAX_DISKS */
#define BLK_RESCAN_MOUNTS	32	/* disk file systems' sources checked */
#define BLK_RESCAN_SOURCE_MAX	128

/* The sources of the mounted disk file systems (FS_REQUIRES_DEV). */
struct blk_rescan_sources {
	unsigned count;
	bool overflowed;
	char path[BLK_RESCAN_MOUNTS][BLK_RESCAN_SOURCE_MAX];
};

struct blk_part_opens {
	struct gendisk *disk;		/* NULL: a free slot */
	unsigned count;			/* its partitions' openers */
};

/* guards: blk_part_opens; held across a whole rescan */
static struct mutex blk_rescan_lock = MUTEX_INIT(blk_rescan_lock);
static struct blk_part_opens blk_part_opens[BLK_RESCAN_MAX_DISKS];

/* disk's slot (made if create), or NULL; blk_rescan_lock held. */
static struct blk_part_opens *blk_opens_of(struct gendisk *disk, bool create)
{
	struct blk_part_opens *free_slot = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(blk_part_opens); i++) {
		if (blk_part_opens[i].disk == disk)
			return &blk_part_opens[i];
		if (!blk_part_opens[i].disk && !free_slot)
			free_slot = &blk_part_opens[i];
	}
	if (create && free_slot)
		free_slot->disk = disk;
	return create ? free_slot : NULL;
}

int blk_part_get(struct block_device *b)
{
	struct blk_part_opens *o;
	int err = 0;

	if (b->partno == 0)
		return 0;
	mutex_lock(&blk_rescan_lock);
	/* Still the partition with that number (a rescan may have dropped it). */
	if (bdev_lookup(b->dev) != b)
		err = -ENXIO;
	else if (!(o = blk_opens_of(b->disk, true)))
		err = -ENOMEM;
	else
		o->count++;
	mutex_unlock(&blk_rescan_lock);
	return err;
}

void blk_part_put(struct block_device *b)
{
	struct blk_part_opens *o;

	if (b->partno == 0)
		return;
	mutex_lock(&blk_rescan_lock);
	o = blk_opens_of(b->disk, false);
	if (o && o->count)
		o->count--;
	mutex_unlock(&blk_rescan_lock);
}

/* vfs_for_each_mount's callback (mount_lock held: copies only). */
static int blk_rescan_source(const struct vfs_mount *m, void *arg)
{
	struct blk_rescan_sources *s = arg;

	if (!m->source || !(m->sb->type->fs_flags & FS_REQUIRES_DEV))
		return 0;
	if (s->count == BLK_RESCAN_MOUNTS || strlen(m->source) >= BLK_RESCAN_SOURCE_MAX) {
		s->overflowed = true;
		return 0;
	}
	strlcpy(s->path[s->count++], m->source, BLK_RESCAN_SOURCE_MAX);
	return 0;
}

/*
 * Whether a file system is mounted on a partition of disk: its mount's
 * source names one of them (Linux counts a mount as an opener; here a
 * mount through bdev_lookup_path takes no count, so the mount table is
 * asked). Checked before blk_rescan_lock, as the lookups take the VFS's
 * locks; a mount made in between is not seen.
 */
static bool blk_rescan_mounted(struct gendisk *disk)
{
	struct blk_rescan_sources *s = kzalloc(sizeof(*s));
	bool busy = false;

	if (!s)
		return true;	/* cannot tell: refuse */
	vfs_for_each_mount(blk_rescan_source, s);
	busy = s->overflowed;
	for (unsigned i = 0; i < s->count && !busy; i++) {
		struct block_device *b;

		if (!bdev_lookup_path(s->path[i], &b) && b->disk == disk && b->partno)
			busy = true;
	}
	kfree(s);
	return busy;
}

long blk_rescan(struct block_device *b)
{
	struct process *me = process_current();
	struct blk_part_opens *o;

	/* Linux: CAP_SYS_ADMIN, which only root has here. */
	if (me && me->cred.euid != 0)
		return -EACCES;
	if (b->partno != 0)
		return -EINVAL;
	if (blk_rescan_mounted(b->disk))
		return -EBUSY;
	mutex_lock(&blk_rescan_lock);
	o = blk_opens_of(b->disk, false);
	if (o && o->count) {
		mutex_unlock(&blk_rescan_lock);
		return -EBUSY;
	}
	genhd_del_partitions(b->disk);
	partition_scan(b->disk);
	mutex_unlock(&blk_rescan_lock);
	return 0;
}
