/*
 * blk_file.c: the file operations of block device nodes (/dev/sda,
 * /dev/nvme0n1p1). Reads and writes go straight to the disk, a chunk of
 * up to BLK_FILE_CHUNK_PAGES pages at a time, through bounce pages (the
 * user buffer is copied in or out); a write that covers a logical block
 * only partly reads it first. There is no cache yet: the page cache will
 * replace this, and then fsync will write back what it holds; today
 * fsync flushes the device's volatile write cache (FLUSH CACHE EXT,
 * NVMe Flush). The other ioctls are blk_ioctl.c's. Linux's answers at the edges: a read at or past the end
 * returns 0, a write there -ENOSPC, a read or write across it is cut.
 *
 * Locking: none of its own; each request waits on its queue (block.h).
 * Two writers of one block at once may interleave, as on Linux with
 * O_DIRECT.
 */
#include <basalt/string.h>
#include <block/block.h>
#include <block/blk_ioctl.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/fs.h>
#include <user/user.h>

#define BLK_FILE_CHUNK_PAGES	32	/* 128 KiB a step */
#define BLK_FILE_RQ_PAGES	4	/* split in requests of 16 KiB, in flight together */
#define BLK_FILE_RQS		(BLK_FILE_CHUNK_PAGES / BLK_FILE_RQ_PAGES)
#define BLK_SECTOR_SIZE		512	/* BLKGETSIZE's unit */

struct blk_chunk {
	uint64_t phys[BLK_FILE_CHUNK_PAGES];
};

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

static uint64_t blk_file_size(const struct block_device *b)
{
	return b->blocks * b->disk->block_size;
}

static void blk_chunk_free(struct blk_chunk *c)
{
	for (unsigned i = 0; i < BLK_FILE_CHUNK_PAGES; i++)
		if (c->phys[i])
			pmm_free_page(c->phys[i]);
}

static int blk_chunk_alloc(struct blk_chunk *c)
{
	memset(c, 0, sizeof(*c));
	for (unsigned i = 0; i < BLK_FILE_CHUNK_PAGES; i++) {
		/* Below 4 GiB: AHCI HBAs without 64-bit addressing reach it. */
		c->phys[i] = pmm_alloc_page(GFP_DMA32);
		if (!c->phys[i]) {
			blk_chunk_free(c);
			return -ENOMEM;
		}
	}
	return 0;
}

/*
 * Moves blocks [lba, lba + blocks) of b (relative) to or from the chunk,
 * as several requests of BLK_FILE_RQ_PAGES pages submitted together, so
 * that the driver has several commands in flight (AHCI slots, NVMe
 * queue entries), as readahead and writeback will.
 */
static int blk_chunk_io(struct block_device *b, enum blk_op op, struct blk_chunk *c,
			uint64_t lba, uint32_t blocks)
{
	struct blk_request *rqs[BLK_FILE_RQS];
	uint32_t bs = b->disk->block_size;
	uint64_t bytes = (uint64_t)blocks * bs;
	unsigned n = 0, page = 0;
	int err;

	while (bytes) {
		struct blk_request *rq = kzalloc(sizeof(*rq));

		if (!rq) {
			err = -ENOMEM;
			goto out;
		}
		rqs[n++] = rq;
		rq->op = op;
		rq->lba = b->start + lba;
		for (unsigned i = 0; i < BLK_FILE_RQ_PAGES && bytes; i++) {
			uint32_t len = bytes > PAGE_SIZE ? PAGE_SIZE : (uint32_t)bytes;

			rq->seg[i].phys = c->phys[page++];
			rq->seg[i].len = len;
			rq->nseg = i + 1;
			rq->blocks += len / bs;
			bytes -= len;
		}
		lba += rq->blocks;
	}
	err = blk_execute_batch(b->disk, rqs, n);
out:
	for (unsigned i = 0; i < n; i++)
		kfree(rqs[i]);
	return err;
}

/* Copies between the chunk's pages at byte off and the user's buffer. */
static long blk_chunk_copy(struct blk_chunk *c, size_t off, size_t n, struct uio *u,
			   bool to_user)
{
	size_t done = 0;

	while (done < n) {
		size_t page = (off + done) / PAGE_SIZE, in = (off + done) % PAGE_SIZE;
		size_t len = n - done < PAGE_SIZE - in ? n - done : PAGE_SIZE - in;
		uint8_t *p = (uint8_t *)phys_to_virt(c->phys[page]) + in;
		long got = to_user ? uio_copy_out(u, p, len) : uio_copy_in(u, p, len);

		if (got < 0)
			return done ? (long)done : got;
		done += (size_t)got;
		if ((size_t)got < len)
			break;
	}
	return (long)done;
}

static long blk_file_rw(struct file *f, struct uio *u, uint64_t *pos, bool write)
{
	struct block_device *b = f->priv;
	uint32_t bs = b->disk->block_size;
	uint64_t size = blk_file_size(b), chunk_bytes = BLK_FILE_CHUNK_PAGES * PAGE_SIZE;
	struct blk_chunk c;
	long total = 0;
	int err;

	if (*pos >= size)
		return write && u->resid ? -ENOSPC : 0;
	if (u->resid == 0)
		return 0;
	err = blk_chunk_alloc(&c);
	if (err)
		return err;
	while (u->resid && *pos < size) {
		uint64_t first = *pos / bs * bs, in = *pos - first;
		uint64_t want = u->resid < size - *pos ? u->resid : size - *pos;
		uint64_t span = (in + want + bs - 1) / bs * bs;
		uint32_t blocks;
		long moved;

		if (span > chunk_bytes)
			span = chunk_bytes;
		if (want > span - in)
			want = span - in;
		blocks = (uint32_t)(span / bs);
		/* A partial block to write is read first, to keep its other bytes. */
		if (!write || in || (in + want) % bs) {
			err = blk_chunk_io(b, BLK_OP_READ, &c, first / bs, blocks);
			if (err)
				break;
		}
		moved = blk_chunk_copy(&c, (size_t)in, (size_t)want, u, !write);
		if (moved < 0) {
			err = (int)moved;
			break;
		}
		if (write && moved) {
			uint32_t wblocks = (uint32_t)((in + (uint64_t)moved + bs - 1) / bs);

			err = blk_chunk_io(b, BLK_OP_WRITE, &c, first / bs, wblocks);
			if (err)
				break;
		}
		*pos += (uint64_t)moved;
		total += moved;
		if ((uint64_t)moved < want)
			break;	/* a fault in the user's buffer */
	}
	blk_chunk_free(&c);
	return total ? total : err;
}

static long blk_file_read(struct file *f, struct uio *u, uint64_t *pos)
{
	return blk_file_rw(f, u, pos, false);
}

static long blk_file_write(struct file *f, struct uio *u, uint64_t *pos)
{
	return blk_file_rw(f, u, pos, true);
}

/*
 * lseek(2) on a block device, as Linux's blkdev_llseek (fixed_size_llseek):
 * SEEK_END is from the device's size, a position past the end is EINVAL,
 * and the device is all data (SEEK_DATA: ENXIO at the end, SEEK_HOLE: the end).
 */
static long blk_file_lseek(struct file *f, int64_t off, int whence)
{
	struct block_device *b = f->priv;
	int64_t base, size = (int64_t)blk_file_size(b);

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
	uint64_t size = blk_file_size(b), sectors = size / BLK_SECTOR_SIZE;
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
		return 0;	/* nothing is cached */
	default:
		return blk_ioctl(f, b, cmd, arg);
	}
}

static int blk_file_fsync(struct file *f, bool datasync __unused)
{
	struct block_device *b = f->priv;

	return blk_flush(b->disk);
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
