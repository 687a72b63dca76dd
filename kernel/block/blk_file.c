/*
 * blk_file.c: the file operations of block device nodes (/dev/sda,
 * /dev/nvme0n1p1). Reads and writes go through the device's page cache
 * (bdev_cache.c), the one a mounted file system reads its blocks from,
 * so mkfs, fsck and a mount see the same bytes. A write lands in the
 * cache and reaches the disk at writeback: fsync (which then flushes the
 * device's volatile write cache: FLUSH CACHE EXT, NVMe Flush), O_SYNC,
 * sync(2) or the flusher thread; a disk error on the way is reported by
 * that fsync, as on Linux. The other ioctls are blk_ioctl.c's. Linux's answers at the edges: a read at or
 * past the end returns 0, a write there -ENOSPC, a read or write across
 * it is cut.
 *
 * Locking: the cache's (page_cache.h), and the device's cache_rwsem
 * held for reading around each copy, which keeps reclaim from dropping a
 * page page_cache_read peeks at without a reference.
 */
#include <basalt/string.h>
#include <block/block.h>
#include <block/blk_ioctl.h>
#include <block/buffer.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/fs.h>
#include <user/user.h>

#define BLK_SECTOR_SIZE		512	/* BLKGETSIZE's unit */

static int blk_file_open(struct inode *ino, struct file *f)
{
	struct block_device *b = bdev_lookup(ino->rdev);

	int err;

	if (!b)
		return -ENXIO;
	/* A partition's opener keeps BLKRRPART from dropping it (blk_rescan.c). */
	err = blk_part_get(b);
	if (err)
		return err;
	f->priv = b;
	return 0;
}

static void blk_file_release(struct file *f)
{
	if (f->priv)
		blk_part_put(f->priv);
}

static long blk_file_read(struct file *f, struct uio *u, uint64_t *pos)
{
	struct block_device *b = f->priv;
	long r;

	down_read(&b->cache_rwsem);
	r = page_cache_read(&b->mapping, u, *pos, bdev_size(b));
	up_read(&b->cache_rwsem);

	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

/*
 * A write ends at the device's end (ENOSPC at or past it, as Linux's
 * blkdev_write_iter); the rest of a partly written page is read first
 * (the cache's readpage), so its other bytes are kept. O_SYNC and
 * O_DSYNC write the pages back and flush the disk before returning.
 */
static long blk_file_write(struct file *f, struct uio *u, uint64_t *pos)
{
	struct block_device *b = f->priv;
	uint64_t size = bdev_size(b), end = size, start = *pos;
	size_t beyond = 0;
	long r;

	if (u->resid == 0)
		return 0;
	if (*pos >= size)
		return -ENOSPC;
	if (u->resid > size - *pos) {
		beyond = u->resid - (size_t)(size - *pos);
		u->resid -= beyond;
	}
	down_read(&b->cache_rwsem);
	r = page_cache_write(&b->mapping, u, *pos, &end);
	up_read(&b->cache_rwsem);
	u->resid += beyond;
	if (r <= 0)
		return r;
	*pos += (uint64_t)r;
	if (f->flags & (O_SYNC | O_DSYNC)) {
		int err = page_cache_writeback(&b->mapping, start / PAGE_SIZE,
					       (*pos - 1) / PAGE_SIZE);

		if (!err)
			err = blk_flush(b->disk);
		if (err)
			return err;
	}
	return r;
}

/*
 * lseek(2) on a block device, as Linux's blkdev_llseek (fixed_size_llseek):
 * SEEK_END is from the device's size, a position past the end is EINVAL,
 * and the device is all data (SEEK_DATA: ENXIO at the end, SEEK_HOLE: the end).
 */
static long blk_file_lseek(struct file *f, int64_t off, int whence)
{
	struct block_device *b = f->priv;
	int64_t base, size = (int64_t)bdev_size(b);

	switch (whence) {
	case SEEK_DATA:
		if (off < 0)
			return -EINVAL;
		if (off >= size)
			return -ENXIO;
		f->pos = (uint64_t)off;
		return off;
	case SEEK_HOLE:
		if (off < 0)
			return -EINVAL;
		if (off >= size)
			return -ENXIO;
		f->pos = (uint64_t)size;
		return size;
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		base = size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0 || base + off > size)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

static long blk_file_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct block_device *b = f->priv;
	uint64_t size = bdev_size(b), sectors = size / BLK_SECTOR_SIZE;
	int bs = (int)b->disk->block_size;

	switch (cmd) {
	case BLKGETSIZE64:
		return copy_to_user((void __user *)arg, &size, sizeof(size));
	case BLKGETSIZE:
		return copy_to_user((void __user *)arg, &sectors, sizeof(sectors));
	case BLKSSZGET:
	case BLKPBSZGET:
		return copy_to_user((void __user *)arg, &bs, sizeof(bs));
	case BLKFLSBUF:
		/*
		 * As Linux's blkdev_flushbuf: privileged (CAP_SYS_ADMIN, which
		 * only root has here, else EACCES), writes the device back and
		 * drops its cached pages nobody holds, so the next read goes
		 * to the disk (blockdev --flushbufs, cold-read benchmarks).
		 */
		if (vfs_cred()->euid != 0)
			return -EACCES;
		return bdev_flush_buffers(b);
	default:
		return blk_ioctl(f, b, cmd, arg);
	}
}

static int blk_file_fsync(struct file *f, bool datasync __unused)
{
	struct block_device *b = f->priv;

	return bdev_sync(b);
}

const struct file_ops blk_file_ops = {
	.open = blk_file_open,
	.release = blk_file_release,
	.read = blk_file_read,
	.write = blk_file_write,
	.lseek = blk_file_lseek,
	.ioctl = blk_file_ioctl,
	.fsync = blk_file_fsync,
};
