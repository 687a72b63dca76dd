/*
 * file.c: regular files. Their contents live in the file's page cache
 * (mm/page_cache.h), filled from and written to the block device's
 * buffers block by block (block/buffer.h: never around the device's
 * cache): readpage copies each mapped block in and zeroes holes and the
 * part past the end of the file; prepare_write allocates the blocks under
 * a write before its bytes are copied, so a full disk fails write(2) with
 * ENOSPC; writepage copies the page's blocks into their buffers and marks
 * them dirty, for fsync, sync and umount (bdev_sync) to write.
 */
#include <basalt/string.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include "ext2.h"

static int ext2_readpage(struct address_space *m, uint64_t index, uint64_t frame)
{
	struct inode *ino = m->host;
	struct ext2_inode_info *ei = EXT2_I(ino);
	uint32_t bs = ext2_bsize(ino->sb), per_page = PAGE_SIZE / bs;
	uint8_t *page = phys_to_virt(frame);
	int err = 0;

	for (uint32_t i = 0; i < per_page && !err; i++) {
		uint64_t lblk = index * per_page + i;
		uint32_t pb = 0;
		struct buffer bh;

		if (lblk * bs < __atomic_load_n(&ino->size, __ATOMIC_RELAXED)) {
			mutex_lock(&ei->map_lock);
			err = ext2_bmap(ino, lblk, false, &pb, NULL);
			mutex_unlock(&ei->map_lock);
		}
		if (!err && pb)
			err = ext2_bread(ino->sb, pb, &bh);
		if (err)
			break;
		if (pb) {
			memcpy(page + i * bs, bh.data, bs);
			buffer_release(&bh);
		} else {
			memset(page + i * bs, 0, bs);	/* a hole, or past the end */
		}
	}
	return err;
}

static int ext2_prepare_write(struct address_space *m, uint64_t index, uint32_t off,
			      uint32_t len)
{
	struct inode *ino = m->host;
	struct ext2_inode_info *ei = EXT2_I(ino);
	uint32_t bs = ext2_bsize(ino->sb), per_page = PAGE_SIZE / bs;
	int err = ext2_check_rw(ino->sb);

	mutex_lock(&ei->map_lock);
	for (uint32_t i = off / bs; !err && i <= (off + len - 1) / bs; i++) {
		uint32_t pb;

		err = ext2_bmap(ino, index * per_page + i, true, &pb, NULL);
	}
	mutex_unlock(&ei->map_lock);
	return err;
}

/* Whether bytes [0, n) of p are all zero (a hole written by nobody stays one). */
static bool ext2_all_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static int ext2_writepage(struct address_space *m, uint64_t index, uint64_t frame)
{
	struct inode *ino = m->host;
	struct ext2_inode_info *ei = EXT2_I(ino);
	uint32_t bs = ext2_bsize(ino->sb), per_page = PAGE_SIZE / bs;
	const uint8_t *page = phys_to_virt(frame);
	int err = ext2_check_rw(ino->sb);

	/*
	 * map_lock across the copies: a truncate (which changes the size
	 * and frees blocks under it) cannot free a block between its lookup
	 * here and the copy into it, which could land in another file's
	 * block (the flusher writes pages without i_rwsem).
	 */
	mutex_lock(&ei->map_lock);
	for (uint32_t i = 0; i < per_page && !err; i++) {
		uint64_t lblk = index * per_page + i;
		uint32_t pb;
		struct buffer bh;

		if (lblk * bs >= ino->size)
			break;
		err = ext2_bmap(ino, lblk, false, &pb, NULL);
		/* A shared mapping wrote into a hole: it gets its block now. */
		if (!err && !pb && !ext2_all_zero(page + i * bs, bs)) {
			err = ext2_bmap(ino, lblk, true, &pb, NULL);
			if (!err)
				err = ext2_write_inode_locked(ino);
		}
		if (err || !pb)
			continue;
		err = ext2_bread(ino->sb, pb, &bh);
		if (err)
			break;
		memcpy(bh.data, page + i * bs, bs);
		buffer_mark_dirty(&bh);
		buffer_release(&bh);
	}
	mutex_unlock(&ei->map_lock);
	return err;
}

const struct address_space_ops ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
	.prepare_write = ext2_prepare_write,
};

static long ext2_file_read(struct file *f, struct uio *u, uint64_t *pos)
{
	struct inode *ino = f->inode;
	long r;

	inode_lock_shared(ino);
	r = page_cache_read(&ino->i_data, u, *pos, ino->size);
	if (r > 0 && !(f->flags & O_NOATIME) && !EXT2_SB(ino->sb)->rdonly) {
		int64_t before = ino->atime.sec;

		inode_accessed(ino);
		if (ino->atime.sec != before)
			inode_mark_dirty(ino);	/* relatime moved it: written back later */
	}
	inode_unlock_shared(ino);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long ext2_file_write(struct file *f, struct uio *u, uint64_t *pos)
{
	struct inode *ino = f->inode;
	long r = ext2_check_rw(ino->sb);

	if (r)
		return r;
	inode_lock(ino);
	uint64_t max = ext2_file_max(ino->sb);

	r = generic_write_checks(f, u, pos);
	if (!r && *pos + u->resid > max) {
		if (*pos >= max)
			r = -EFBIG;
		else
			u->resid = (size_t)(max - *pos);
	}
	if (!r)
		r = page_cache_write(&ino->i_data, u, *pos, &ino->size);
	if (r > 0) {
		inode_touch(ino, true);
		*pos += (uint64_t)r;
		ext2_note_size(ino);
	}
	/* The size and i_block (blocks allocated even by a failed copy) to the slot. */
	ext2_inode_sync(ino);
	inode_unlock(ino);
	return r;
}

static int ext2_file_fsync(struct file *f, bool datasync)
{
	struct inode *ino = f->inode;
	int err, r;

	if (EXT2_SB(ino->sb)->rdonly)
		return 0;
	(void)datasync;
	err = page_cache_writeback(&ino->i_data, 0, PAGE_CACHE_MAX_PAGES - 1);
	r = ext2_inode_sync(ino);
	if (!err)
		err = r;
	/*
	 * The inode's metadata blocks are not tracked apart from the others:
	 * the whole device's dirty blocks go, then its write cache (more
	 * than Linux's ext2 writes, never less).
	 */
	r = bdev_sync(EXT2_SB(ino->sb)->bdev);
	return err ? err : r;
}

/* Both kinds of mapping map the cache's frames (vm_fault.c, file_get_page). */
static int ext2_file_mmap(struct file *f __unused, bool shared __unused)
{
	return 0;
}

const struct file_ops ext2_file_ops = {
	.read = ext2_file_read,
	.write = ext2_file_write,
	.fsync = ext2_file_fsync,
	.mmap = ext2_file_mmap,
};

const struct inode_operations ext2_file_iops = {
	.setattr = ext2_setattr,
	.getattr = ext2_getattr,
};
