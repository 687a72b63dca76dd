/*
 * inode.c: ext2 inodes between the disk's inode tables and the inode
 * cache: reading one in (inode_iget, then validated and filled), writing
 * it back into its slot, freeing a deleted one at its last reference,
 * setattr (truncate's size change) and stat.
 *
 * [Poirier §5.1 "Locating an Inode"]: inode n lives in group (n - 1) /
 * s_inodes_per_group, at index (n - 1) % s_inodes_per_group of that
 * group's inode table, each slot s_inode_size bytes.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include "ext2.h"

/* ext2 stores device numbers as Linux's old (8:8) or new encoding [Poirier §3.5 i_block]. */
#define EXT2_OLD_DEV_MAX	256

struct inode *ext2_alloc_inode(struct super_block *sb __unused)
{
	struct ext2_inode_info *ei = kzalloc(sizeof(*ei));

	if (!ei)
		return NULL;
	mutex_init(&ei->map_lock);
	list_init(&ei->sb_link);
	return &ei->vfs;
}

void ext2_free_inode(struct inode *ino)
{
	kfree(EXT2_I(ino));
}

int ext2_check_rw(struct super_block *sb)
{
	return EXT2_SB(sb)->rdonly ? -EROFS : 0;
}

/* The buffer and byte offset of inode number ino's slot. */
static int ext2_inode_slot(struct super_block *sb, uint32_t ino, struct buffer *bh,
			   uint32_t *off)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t ipg = sbi->es.s_inodes_per_group, group, index, table;
	struct ext2_group_desc *gd;
	struct buffer gbh;
	int err;

	if (!ino || ino > sbi->es.s_inodes_count)
		return ext2_corrupt(sb, "inode number out of range", ino);
	group = (ino - 1) / ipg;
	index = (ino - 1) % ipg;
	err = ext2_gd_get(sbi, group, &gbh, &gd);
	if (err)
		return err;
	table = gd->bg_inode_table;
	buffer_release(&gbh);
	*off = index % sbi->geo.inodes_per_block * sbi->geo.inode_size;
	return ext2_bread(sb, table + index / sbi->geo.inodes_per_block, bh);
}

static dev_t ext2_decode_dev(const struct ext2_inode *raw)
{
	uint32_t old = raw->i_block[0];

	if (old)	/* old encoding: major in bits 8..15, minor below */
		return DEV_MAKE((old >> 8) & 0xff, old & 0xff);
	return (dev_t)raw->i_block[1];	/* new: Linux's user-space encoding */
}

void ext2_set_ops(struct inode *ino)
{
	switch (ino->mode & S_IFMT) {
	case S_IFDIR:
		ino->i_op = &ext2_dir_iops;
		ino->i_fop = &ext2_dir_file_ops;
		break;
	case S_IFREG:
		ino->i_op = &ext2_file_iops;
		ino->i_fop = &ext2_file_ops;
		ino->i_data.a_ops = &ext2_aops;
		break;
	case S_IFLNK:
		ino->i_op = &ext2_symlink_iops;
		break;
	default:
		ino->i_op = &ext2_special_iops;
		break;
	}
}

static int ext2_fill_inode(struct inode *ino, const struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	const char *why = NULL;
	int err = ext2_check_inode(&sbi->es, &sbi->geo, raw, (uint32_t)ino->ino, &why);

	if (err)
		return ext2_corrupt(ino->sb, why, ino->ino);
	if (!raw->i_links_count && (!raw->i_mode || raw->i_dtime))
		return ext2_corrupt(ino->sb, "deleted inode referenced", ino->ino);
	ino->mode = raw->i_mode;
	ino->uid = raw->i_uid;
	ino->gid = raw->i_gid;
	if (!EXT2_SB(ino->sb)->opts.nouid32) {	/* nouid32: the high halves unused */
		ino->uid |= (uint32_t)raw->l_i_uid_high << 16;
		ino->gid |= (uint32_t)raw->l_i_gid_high << 16;
	}
	ino->nlink = raw->i_links_count;
	ino->size = raw->i_size;
	if (S_ISREG(ino->mode))	/* large_file: the high half [Poirier §3.5 i_dir_acl] */
		ino->size |= (uint64_t)raw->i_size_high << 32;
	if (S_ISREG(ino->mode) && ino->size > ext2_max_size(sbi->geo.block_size))
		return ext2_corrupt(ino->sb, "file size past the largest", ino->ino);
	ino->atime = (struct vfs_time){ .sec = raw->i_atime };
	ino->mtime = (struct vfs_time){ .sec = raw->i_mtime };
	ino->ctime = (struct vfs_time){ .sec = raw->i_ctime };
	ino->bytes_alloc = (uint64_t)raw->i_blocks * EXT2_SECTOR_SIZE;
	if (S_ISCHR(ino->mode) || S_ISBLK(ino->mode))
		ino->rdev = ext2_decode_dev(raw);
	memcpy(ei->i_block, raw->i_block, sizeof(ei->i_block));
	ei->i_blocks = raw->i_blocks;
	ei->i_flags = raw->i_flags;
	ei->i_file_acl = raw->i_file_acl;
	ei->i_generation = raw->i_generation;
	ei->i_dtime = raw->i_dtime;
	ei->group = (uint32_t)((ino->ino - 1) / sbi->es.s_inodes_per_group);
	ext2_set_ops(ino);
	return 0;
}

/* Puts a live inode on its super block's list (sync writes its pages). */
static void ext2_inode_link(struct inode *ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);

	mutex_lock(&sbi->inodes_lock);
	list_add_tail(&sbi->inodes, &EXT2_I(ino)->sb_link);
	mutex_unlock(&sbi->inodes_lock);
}

int ext2_iget(struct super_block *sb, uint32_t num, struct inode **out)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct inode *ino;
	struct buffer bh;
	uint32_t off;
	int err;

	/* Linux's ext2_iget: only the root and the ordinary inodes are files. */
	if ((num != EXT2_ROOT_INO && num < sbi->geo.first_ino) || num > sbi->es.s_inodes_count)
		return ext2_corrupt(sb, "bad inode number", num);
	ino = inode_iget(sb, num);
	if (!ino)
		return -ENOMEM;
	if (!(ino->state & INODE_NEW)) {
		*out = ino;
		return 0;
	}
	err = ext2_inode_slot(sb, num, &bh, &off);
	if (!err) {
		err = ext2_fill_inode(ino, (const struct ext2_inode *)(bh.data + off));
		buffer_release(&bh);
	}
	if (err) {
		inode_new_failed(ino);
		return err;
	}
	ext2_inode_link(ino);
	inode_new_done(ino);
	*out = ino;
	return 0;
}

/* Fills the slot raw (inode_size bytes) from the inode. */
static void ext2_fill_raw(struct inode *ino, struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(ino);

	raw->i_mode = (uint16_t)ino->mode;
	if (EXT2_SB(ino->sb)->opts.nouid32) {
		/* Linux's fs_high2lowuid: an id past 16 bits is the overflow id. */
		raw->i_uid = ino->uid > UINT16_MAX ? EXT2_OVERFLOW_ID : (uint16_t)ino->uid;
		raw->i_gid = ino->gid > UINT16_MAX ? EXT2_OVERFLOW_ID : (uint16_t)ino->gid;
		raw->l_i_uid_high = 0;
		raw->l_i_gid_high = 0;
	} else {
		raw->i_uid = (uint16_t)ino->uid;
		raw->l_i_uid_high = (uint16_t)(ino->uid >> 16);
		raw->i_gid = (uint16_t)ino->gid;
		raw->l_i_gid_high = (uint16_t)(ino->gid >> 16);
	}
	raw->i_links_count = (uint16_t)ino->nlink;
	raw->i_size = (uint32_t)ino->size;
	if (S_ISREG(ino->mode))
		raw->i_size_high = (uint32_t)(ino->size >> 32);
	raw->i_atime = (uint32_t)ino->atime.sec;
	raw->i_mtime = (uint32_t)ino->mtime.sec;
	raw->i_ctime = (uint32_t)ino->ctime.sec;
	raw->i_dtime = ei->i_dtime;
	raw->i_blocks = ei->i_blocks;
	raw->i_flags = ei->i_flags;
	raw->i_file_acl = ei->i_file_acl;
	raw->i_generation = ei->i_generation;
	if (S_ISCHR(ino->mode) || S_ISBLK(ino->mode)) {
		unsigned major = DEV_MAJOR(ino->rdev), minor = DEV_MINOR(ino->rdev);

		memset(raw->i_block, 0, sizeof(raw->i_block));
		/* Linux's ext2_write_inode: the old encoding when it fits. */
		if (major < EXT2_OLD_DEV_MAX && minor < EXT2_OLD_DEV_MAX)
			raw->i_block[0] = major << 8 | minor;
		else
			raw->i_block[1] = ino->rdev;
	} else {
		memcpy(raw->i_block, ei->i_block, sizeof(raw->i_block));
	}
	ino->bytes_alloc = (uint64_t)ei->i_blocks * EXT2_SECTOR_SIZE;
}

int ext2_write_inode_locked(struct inode *ino)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct buffer bh;
	uint32_t off;
	int err;

	if (EXT2_SB(ino->sb)->rdonly)
		return 0;
	err = ext2_inode_slot(ino->sb, (uint32_t)ino->ino, &bh, &off);
	if (err)
		return err;
	if (ei->fresh) {
		/* A new inode: no byte of a deleted one survives (Linux's EXT2_STATE_NEW). */
		memset(bh.data + off, 0, EXT2_SB(ino->sb)->geo.inode_size);
		ei->fresh = false;
	}
	ext2_fill_raw(ino, (struct ext2_inode *)(bh.data + off));
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	return 0;
}

int ext2_inode_sync(struct inode *ino)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	int err;

	mutex_lock(&ei->map_lock);
	err = ext2_write_inode_locked(ino);
	mutex_unlock(&ei->map_lock);
	return err;
}

/*
 * Writeback of a dirty inode (an atime change): the slot into the
 * device's cache, which sync_fs, fsync and the flusher write; a
 * bdev_sync per inode would make sync(2) write the device once per file.
 */
int ext2_write_inode(struct inode *ino, bool wait __unused)
{
	return ext2_inode_sync(ino);
}

/*
 * A deleted inode's extended attribute block (i_file_acl): shared by
 * h_refcount inodes, freed by the last (Linux's ext2_xattr_delete_inode;
 * the block starts with the magic and the count, fs/ext2/xattr.h).
 */
static void ext2_release_xattr_block(struct inode *ino)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	uint32_t b = ei->i_file_acl, *hdr;
	struct buffer bh;
	bool last = false;

	if (!b)
		return;
	ei->i_file_acl = 0;
	if (ext2_bread(ino->sb, b, &bh))
		return;
	hdr = (uint32_t *)bh.data;
	if (hdr[0] != EXT2_XATTR_MAGIC || !hdr[1]) {
		ext2_corrupt(ino->sb, "bad extended attribute block", b);
	} else if (hdr[1] == 1) {
		last = true;
	} else {
		hdr[1]--;
		buffer_mark_dirty(&bh);
	}
	buffer_release(&bh);
	if (last && !ext2_free_block(sbi, b))
		ei->i_blocks -= MIN(ei->i_blocks, sbi->geo.block_size / EXT2_SECTOR_SIZE);
}

/* An unlinked inode's last reference: its blocks and its number go. */
static void ext2_delete_inode(struct inode *ino)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	bool is_dir = S_ISDIR(ino->mode);
	uint32_t ea;

	page_cache_truncate(&ino->i_data, 0);
	mutex_lock(&ei->map_lock);
	ea = ei->i_file_acl ? sbi->geo.block_size / EXT2_SECTOR_SIZE : 0;
	/* A fast symlink's i_block is its text, not block numbers. */
	if (S_ISREG(ino->mode) || S_ISDIR(ino->mode) ||
	    (S_ISLNK(ino->mode) && ei->i_blocks != ea))
		ext2_truncate_blocks(ino, 0);
	ext2_release_xattr_block(ino);
	ino->size = 0;
	ei->i_dtime = (uint32_t)vfs_now().sec;
	ext2_write_inode_locked(ino);
	mutex_unlock(&ei->map_lock);
	ext2_free_inode_num(sbi, (uint32_t)ino->ino, is_dir);
}

void ext2_evict_inode(struct inode *ino)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	bool wrote;

	if (!list_node_linked(&ei->sb_link))
		return;		/* never read in (a failed iget) */
	/* Off the list first: a sync never writes pages of an inode going away. */
	mutex_lock(&sbi->inodes_lock);
	list_del(&ei->sb_link);
	mutex_unlock(&sbi->inodes_lock);
	wrote = !ino->nlink || ino->i_data.nrdirty;
	if (sbi->rdonly)
		return;
	if (ino->nlink) {
		page_cache_writeback(&ino->i_data, 0, PAGE_CACHE_MAX_PAGES - 1);
		ext2_inode_sync(ino);
	} else {
		ext2_delete_inode(ino);
	}
	/* After umount (MNT_DETACH), nobody else will write what changed. */
	if (sbi->put_done && wrote)
		bdev_sync(sbi->bdev);
}

int ext2_note_size(struct inode *ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	struct ext2_super_block *es = &sbi->es;
	int err = 0;

	if (ino->size <= EXT2_SMALL_FILE_MAX ||
	    (es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE))
		return 0;
	/*
	 * The first file past 2 GiB sets large_file in the superblock, as
	 * Linux's ext2_update_dynamic_rev and ext2_write_inode do, so that
	 * e2fsck and older drivers know i_size_high is a size.
	 */
	mutex_lock(&sbi->alloc_lock);
	es->s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
	err = ext2_sb_write(sbi, false);
	mutex_unlock(&sbi->alloc_lock);
	return err;
}

/* Truncate's size change of a regular file (i_rwsem held). */
static int ext2_set_size(struct inode *ino, uint64_t size)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	uint32_t bs = ext2_bsize(ino->sb);
	int err = 0;

	if (size > ext2_file_max(ino->sb))
		return -EFBIG;
	if (size < ino->size) {
		uint64_t keep = (size + PAGE_SIZE - 1) / PAGE_SIZE, frame = 0;

		page_cache_truncate(&ino->i_data, keep);
		/*
		 * The tail of the last page (and so of its block on the disk)
		 * must read as zeros if the file grows again.
		 */
		if (size % PAGE_SIZE) {
			err = page_cache_get(&ino->i_data, size / PAGE_SIZE, false, &frame);
			if (err)
				return err;
			if (frame) {
				memset((uint8_t *)phys_to_virt(frame) + size % PAGE_SIZE, 0,
				       PAGE_SIZE - size % PAGE_SIZE);
				page_cache_mark_dirty(&ino->i_data, size / PAGE_SIZE);
				vm_frame_put(frame);
			}
		}
		mutex_lock(&ei->map_lock);
		err = ext2_truncate_blocks(ino, (size + bs - 1) / bs);
		ino->size = size;
		mutex_unlock(&ei->map_lock);
		return err;
	}
	ino->size = size;	/* growing: a hole */
	return ext2_note_size(ino);
}

int ext2_setattr(struct dentry *d, const struct vfs_iattr *attr)
{
	struct inode *ino = d->inode;
	struct vfs_iattr rest = *attr;
	int err = ext2_check_rw(ino->sb);

	if (err)
		return err;
	if (attr->valid & ATTR_SIZE) {
		if (!S_ISREG(ino->mode))
			return -EINVAL;
		err = ext2_set_size(ino, attr->size);
		if (err)
			return err;
		rest.valid &= ~ATTR_SIZE;
	}
	err = inode_setattr(d, &rest);
	if (!err)
		err = ext2_inode_sync(ino);
	return err;
}

int ext2_getattr(const struct path *p, struct stat *st)
{
	struct inode *ino = p->dentry->inode;

	inode_stat(ino, st);
	st->st_blksize = ext2_bsize(ino->sb);	/* Linux: the file system's block size */
	return 0;
}
