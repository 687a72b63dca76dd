/*
 * fat_file.c: file contents. A file is the chain of clusters its entry
 * starts (fatgen103 "FAT Data Structure"); its pages are read and
 * written through the block device's buffers (block/buffer.h), never
 * around them. write(2) is page_cache_write: prepare_write extends the
 * chain to cover the bytes (new clusters zeroed, so a full volume fails
 * the write with ENOSPC), and the written pages are copied into the
 * buffers at once (dirty there until bdev_sync). Truncation frees the
 * clusters past the new size or adds zeroed ones.
 *
 * Locking: i_rwsem (the VFS's) around size and chain changes; map_lock
 * around the cluster cache bmap keeps (readpage runs without i_rwsem on
 * a page fault); fat_lock inside fat_table.c.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include "fat.h"

int fat_file_bmap(struct fat_sb *fs, struct fat_inode *fi, uint32_t idx, uint32_t *cluster)
{
	uint32_t from = 0, c = fi->start;
	int err;

	*cluster = 0;
	if (!c || idx > fs->g.clusters)
		return 0;
	/* Start from the nearest cached cluster at or before idx. */
	spin_lock(&fi->map_lock);
	for (unsigned i = 0; i < ARRAY_SIZE(fi->map); i++) {
		if (fi->map[i].cluster && fi->map[i].index <= idx && fi->map[i].index >= from) {
			from = fi->map[i].index;
			c = fi->map[i].cluster;
		}
	}
	spin_unlock(&fi->map_lock);
	if (from == 0 && !fat_cluster_valid(fs, c))
		return fat_corrupt(fs, "first cluster out of range", c);
	for (; from < idx && c; from++) {
		err = fat_ent_next(fs, c, &c);
		if (err)
			return err;
	}
	if (c) {
		spin_lock(&fi->map_lock);
		if (fi->map[0].index != idx || !fi->map[0].cluster) {
			fi->map[1] = fi->map[0];
			fi->map[0].index = idx;
			fi->map[0].cluster = c;
		}
		spin_unlock(&fi->map_lock);
	}
	*cluster = c;
	return 0;
}

static void fat_file_forget_map(struct fat_inode *fi)
{
	spin_lock(&fi->map_lock);
	fi->map[0].cluster = fi->map[1].cluster = 0;
	spin_unlock(&fi->map_lock);
}

/*
 * Where a page's walk over the chain stands: a page of small clusters
 * follows the chain from its first cluster instead of asking bmap for
 * each (which would restart from the cache's entries behind it).
 */
struct fat_walk {
	uint32_t idx;		/* cluster index in the file of cluster */
	uint32_t cluster;	/* 0: not started */
};

/* The buffer of byte off of the file (its cluster allocated) into *bh. */
static int fat_file_buffer(struct fat_sb *fs, struct fat_inode *fi, uint64_t off,
			   struct fat_walk *w, struct buffer *bh)
{
	uint32_t cs = fs->g.cluster_size, idx = (uint32_t)(off / cs);
	int err = 0;

	if (!w->cluster || idx < w->idx) {
		err = fat_file_bmap(fs, fi, idx, &w->cluster);
		w->idx = idx;
	}
	while (!err && w->cluster && w->idx < idx) {
		err = fat_ent_next(fs, w->cluster, &w->cluster);
		w->idx++;
	}
	if (err)
		return err;
	if (!w->cluster) {
		pr_err("FAT-fs (%s): file at entry %llu is shorter than its size %llu\n",
		       fs->bdev->name, (unsigned long long)fi->dirent_pos,
		       (unsigned long long)fi->vfs.size);
		return -EIO;
	}
	return buffer_read(fs->bdev, (fat_cluster_byte(fs, w->cluster) + off % cs) / fs->data_bs,
			   fs->data_bs, bh);
}

static int fat_readpage(struct address_space *m, uint64_t index, uint64_t frame)
{
	struct inode *ino = m->host;
	struct fat_sb *fs = FAT_SB(ino->sb);
	uint8_t *page = phys_to_virt(frame);
	uint64_t base = index * PAGE_SIZE, size = ino->size;
	struct fat_walk w = { 0, 0 };

	for (uint32_t o = 0; o < PAGE_SIZE; o += fs->data_bs) {
		struct buffer bh;
		int err;

		if (base + o >= size) {
			memset(page + o, 0, PAGE_SIZE - o);
			break;
		}
		err = fat_file_buffer(fs, FAT_I(ino), base + o, &w, &bh);
		if (err)
			return err;
		memcpy(page + o, bh.data, fs->data_bs);
		buffer_release(&bh);
	}
	/* Bytes past the end read as zeros, whatever the cluster's tail holds. */
	if (size > base && size - base < PAGE_SIZE)
		memset(page + (size - base), 0, PAGE_SIZE - (size - base));
	return 0;
}

static int fat_writepage(struct address_space *m, uint64_t index, uint64_t frame)
{
	struct inode *ino = m->host;
	struct fat_sb *fs = FAT_SB(ino->sb);
	const uint8_t *page = phys_to_virt(frame);
	uint64_t base = index * PAGE_SIZE, size = ino->size;
	struct fat_walk w = { 0, 0 };

	if (fs->rdonly)
		return -EROFS;
	for (uint32_t o = 0; o < PAGE_SIZE && base + o < size; o += fs->data_bs) {
		struct buffer bh;
		int err = fat_file_buffer(fs, FAT_I(ino), base + o, &w, &bh);

		if (err)
			return err;
		memcpy(bh.data, page + o, fs->data_bs);
		buffer_mark_dirty(&bh);
		buffer_release(&bh);
	}
	return 0;
}

/* The chain's length, counted once (i_rwsem held). */
static int fat_file_nr_clusters(struct fat_sb *fs, struct fat_inode *fi, uint32_t *n)
{
	int err;

	if (!fi->nr_known) {
		err = fat_chain_length(fs, fi->start, &fi->nr_clusters);
		if (err)
			return err;
		fi->nr_known = true;
	}
	*n = fi->nr_clusters;
	return 0;
}

/* Grows the chain to want clusters, zeroed (i_rwsem held). */
static int fat_file_extend(struct fat_sb *fs, struct fat_inode *fi, uint32_t want)
{
	uint32_t have, last = 0, c;
	int err = fat_file_nr_clusters(fs, fi, &have);

	if (err || have >= want)
		return err;
	/*
	 * The tail is kept apart from bmap's cache, which stays where the
	 * writer's pages are (asking bmap for the tail would send every
	 * writepage back to the chain's start: quadratic appends).
	 */
	if (have && fi->tail_cluster) {
		last = fi->tail_cluster;
	} else if (have) {
		err = fat_file_bmap(fs, fi, have - 1, &last);
		if (err)
			return err;
		if (!last)
			return fat_corrupt(fs, "cluster chain shorter than counted", have);
		fi->tail_cluster = last;
	}
	while (have < want) {
		err = fat_cluster_alloc(fs, last, true, &c);
		if (err)
			break;
		if (!fi->start) {
			mutex_lock(&fs->dirent_lock);
			fi->start = c;
			mutex_unlock(&fs->dirent_lock);
		}
		last = c;
		fi->tail_cluster = c;
		fi->nr_clusters = ++have;
		fi->vfs.bytes_alloc = (uint64_t)have * fs->g.cluster_size;
	}
	if (have > 0 && fi->vfs.ino != FAT_ROOT_INO)
		fat_inode_write(&fi->vfs, false);	/* the first cluster in its entry */
	return err;
}

static int fat_prepare_write(struct address_space *m, uint64_t index, uint32_t off,
			     uint32_t len)
{
	struct inode *ino = m->host;
	struct fat_sb *fs = FAT_SB(ino->sb);
	uint64_t end = index * PAGE_SIZE + off + len;

	if (fs->rdonly)
		return -EROFS;
	if (end > FAT_MAX_FILE_SIZE)
		return -EFBIG;
	return fat_file_extend(fs, FAT_I(ino),
			       (uint32_t)((end + fs->g.cluster_size - 1) / fs->g.cluster_size));
}

/* Zeroes the file's bytes on the disk from off to the end of off's cluster. */
static int fat_file_zero_tail(struct fat_sb *fs, struct fat_inode *fi, uint64_t off)
{
	uint32_t cs = fs->g.cluster_size;
	struct fat_walk w = { 0, 0 };

	while (off % cs) {
		struct buffer bh;
		uint32_t in = (uint32_t)(off % fs->data_bs);
		int err = fat_file_buffer(fs, fi, off, &w, &bh);

		if (err)
			return err;
		memset(bh.data + in, 0, fs->data_bs - in);
		buffer_mark_dirty(&bh);
		buffer_release(&bh);
		off += fs->data_bs - in;
	}
	return 0;
}

/* Frees the clusters of the chain from index keep on (i_rwsem held). */
static int fat_file_free_from(struct fat_sb *fs, struct fat_inode *fi, uint32_t keep)
{
	uint32_t last = 0, next = 0;
	int err = 0;

	if (keep) {
		err = fat_file_bmap(fs, fi, keep - 1, &last);
		if (!err && last)
			err = fat_ent_next(fs, last, &next);
		if (!err && last && next)
			err = fat_chain_free(fs, last, next);
	} else if (fi->start) {
		err = fat_chain_free(fs, 0, fi->start);
		mutex_lock(&fs->dirent_lock);
		fi->start = 0;
		mutex_unlock(&fs->dirent_lock);
	}
	fat_file_forget_map(fi);
	fi->nr_known = false;
	fi->tail_cluster = 0;
	if (!err)
		fi->vfs.bytes_alloc = (uint64_t)keep * fs->g.cluster_size;
	return err;
}

/*
 * A write or an extension that failed half way may leave clusters past
 * the size: they go, so that the chain matches the size as fsck wants.
 */
static void fat_file_trim(struct fat_sb *fs, struct fat_inode *fi, uint64_t size)
{
	uint32_t cs = fs->g.cluster_size, keep = (uint32_t)((size + cs - 1) / cs);

	if (fi->nr_known && fi->nr_clusters > keep) {
		fat_file_free_from(fs, fi, keep);
		fat_inode_write(&fi->vfs, false);
	}
}

int fat_file_truncate(struct inode *ino, uint64_t size)
{
	struct fat_sb *fs = FAT_SB(ino->sb);
	struct fat_inode *fi = FAT_I(ino);
	uint32_t cs = fs->g.cluster_size, keep = (uint32_t)((size + cs - 1) / cs);
	int err = 0;

	if (fs->rdonly)
		return -EROFS;
	if (size > FAT_MAX_FILE_SIZE)
		return -EFBIG;
	if (size > ino->size) {
		if (ino->size % cs) {
			err = fat_file_zero_tail(fs, fi, ino->size);
			if (err)
				return err;
		}
		err = fat_file_extend(fs, fi, keep);
		if (err) {
			fat_file_trim(fs, fi, ino->size);
			return err;
		}
	} else if (size < ino->size) {
		uint64_t frame;

		page_cache_truncate(&ino->i_data, (size + PAGE_SIZE - 1) / PAGE_SIZE);
		/* The cached tail of the last page must read as zeros if the file grows. */
		if (size % PAGE_SIZE) {
			frame = page_cache_lookup(&ino->i_data, size / PAGE_SIZE);
			if (frame) {
				memset((uint8_t *)phys_to_virt(frame) + size % PAGE_SIZE, 0,
				       PAGE_SIZE - size % PAGE_SIZE);
				vm_frame_put(frame);
			}
		}
		err = fat_file_free_from(fs, fi, keep);
		if (err)
			return err;
		ino->bytes_alloc = (uint64_t)keep * cs;
	}
	ino->size = size;
	inode_touch(ino, true);
	return fat_inode_write(ino, false);
}

static long fat_file_read(struct file *f, struct uio *u, uint64_t *pos)
{
	struct inode *ino = f->inode;
	long r;

	inode_lock_shared(ino);
	r = page_cache_read(&ino->i_data, u, *pos, ino->size);
	inode_unlock_shared(ino);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long fat_file_write(struct file *f, struct uio *u, uint64_t *pos)
{
	struct inode *ino = f->inode;
	struct fat_sb *fs = FAT_SB(ino->sb);
	uint64_t size;
	long r;
	int err;

	if (fs->rdonly)
		return -EROFS;
	inode_lock(ino);
	r = generic_write_checks(f, u, pos);
	if (r)
		goto out;
	if (u->resid && *pos >= FAT_MAX_FILE_SIZE) {
		r = -EFBIG;
		goto out;
	}
	if (u->resid > FAT_MAX_FILE_SIZE - *pos)
		u->resid = (size_t)(FAT_MAX_FILE_SIZE - *pos);
	/* A gap after the end: the old last cluster's tail must read as zeros. */
	if (*pos > ino->size && ino->size % fs->g.cluster_size) {
		r = fat_file_zero_tail(fs, FAT_I(ino), ino->size);
		if (r)
			goto out;
	}
	size = ino->size;
	r = page_cache_write(&ino->i_data, u, *pos, &size);
	if (r <= 0 || (uint64_t)r < u->resid + (uint64_t)r)
		fat_file_trim(fs, FAT_I(ino), size);
	if (r > 0) {
		ino->size = size;
		err = page_cache_writeback(&ino->i_data, *pos / PAGE_SIZE,
					   (*pos + (uint64_t)r - 1) / PAGE_SIZE);
		inode_touch(ino, true);
		if (!err)
			err = fat_inode_write(ino, false);
		if (err)
			r = err;
		else
			*pos += (uint64_t)r;
	}
out:
	inode_unlock(ino);
	return r;
}

static long fat_file_lseek(struct file *f, int64_t off, int whence)
{
	return generic_file_lseek(f, off, whence, NULL);
}

static int fat_file_mmap(struct file *f __unused, bool shared __unused)
{
	return 0;
}

static int fat_file_fsync(struct file *f, bool datasync __unused)
{
	struct inode *ino = f->inode;
	struct fat_sb *fs = FAT_SB(ino->sb);
	int err;

	if (fs->rdonly)
		return 0;
	err = page_cache_writeback(&ino->i_data, 0, UINT64_MAX);
	if (!err)
		err = fat_inode_write(ino, true);
	if (!err)
		err = fat_fsinfo_write(fs);
	if (!err)
		err = bdev_sync(fs->bdev);
	return err;
}

const struct file_ops fat_file_ops = {
	.read = fat_file_read,
	.write = fat_file_write,
	.lseek = fat_file_lseek,
	.fsync = fat_file_fsync,
	.mmap = fat_file_mmap,
};

const struct address_space_ops fat_aops = {
	.readpage = fat_readpage,
	.writepage = fat_writepage,
	.prepare_write = fat_prepare_write,
};

const struct inode_operations fat_file_inode_ops = {
	.setattr = fat_inode_setattr,
};
