/*
 * blk_ioctl.c: the block device ioctls beyond the sizes (blk_file.c
 * answers BLKGETSIZE64, BLKGETSIZE, BLKSSZGET, BLKPBSZGET, BLKFLSBUF
 * and hands the others here), with Linux's answers (block/ioctl.c):
 *
 *   HDIO_GETGEO  the fake geometry Linux's drivers make up, for fdisk:
 *                sd disks on libata (AHCI) get ata_std_bios_param's 255
 *                heads and 63 sectors a track, NVMe namespaces
 *                nvme_getgeo's 64 and 32; cylinders is the capacity (in
 *                512-byte sectors) divided by the two, cut to 16 bits;
 *                start is the partition's first sector. A NULL pointer
 *                is EINVAL (blkdev_getgeo), another bad one EFAULT.
 *   BLKROGET     0: no disk is read-only.
 *   BLKDISCARD   EBADF unless open for writing, then EOPNOTSUPP: neither
 *                driver sends DSM/TRIM, so the queue has no discard
 *                limit (blk_ioctl_discard's order).
 *   BLKRRPART    blk_rescan.c.
 */
#include <block/blk_ioctl.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/fs.h>
#include <uapi/hdreg.h>
#include <user/user.h>

#define BLK_GEO_SECTOR_SIZE	512
#define BLK_GEO_ATA_HEADS	255	/* libata's ata_std_bios_param */
#define BLK_GEO_ATA_SECTORS	63
#define BLK_GEO_NVME_HEADS	64	/* nvme_getgeo: 1 << 6 */
#define BLK_GEO_NVME_SECTORS	32	/* 1 << 5 */

static long blk_ioctl_getgeo(struct block_device *b, uint64_t arg)
{
	struct gendisk *disk = b->disk;
	uint64_t sectors = disk->capacity * (disk->block_size / BLK_GEO_SECTOR_SIZE);
	struct hd_geometry geo = { 0 };

	if (!arg)
		return -EINVAL;
	if (disk->major == BLK_MAJOR_SD) {
		geo.heads = BLK_GEO_ATA_HEADS;
		geo.sectors = BLK_GEO_ATA_SECTORS;
	} else {
		geo.heads = BLK_GEO_NVME_HEADS;
		geo.sectors = BLK_GEO_NVME_SECTORS;
	}
	geo.cylinders = (uint16_t)(sectors / ((uint64_t)geo.heads * geo.sectors));
	geo.start = (unsigned long)(b->start * (disk->block_size / BLK_GEO_SECTOR_SIZE));
	return copy_to_user((void __user *)arg, &geo, sizeof(geo));
}

long blk_ioctl(struct file *f, struct block_device *b, unsigned cmd, uint64_t arg)
{
	int ro = 0;

	switch (cmd) {
	case HDIO_GETGEO:
		return blk_ioctl_getgeo(b, arg);
	case BLKROGET:
		return copy_to_user((void __user *)arg, &ro, sizeof(ro));
	case BLKDISCARD:
		if ((f->flags & O_ACCMODE) == O_RDONLY)
			return -EBADF;
		return -EOPNOTSUPP;
	case BLKRRPART:
		return blk_rescan(b);
	default:
		return -ENOTTY;
	}
}
