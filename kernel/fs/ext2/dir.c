/*
 * dir.c: ext2 directories as linked lists of entries [Poirier §4.1]:
 * each block of the directory holds entries whose rec_len chain covers
 * the block exactly; an entry with inode 0 is unused space. A new name
 * takes an unused entry or splits the slack off a used one (its rec_len
 * beyond EXT2_DIR_REC_LEN(name_len)); a removed name is merged into the
 * entry before it in the same block, or marked unused when it is the
 * first, as Linux's ext2_delete_entry, which is what e2fsck expects.
 * A directory grows by a whole block holding one unused entry. Indexed
 * (htree) directories are read as linear ones, which their layout allows
 * [Poirier §4.2]; the index is dropped (EXT2_INDEX_FL cleared) when we
 * change one, as Linux's ext2 does not keep it either.
 *
 * Every entry is checked (ext2_check_dirent) before its name is read.
 * Callers hold the directory's i_rwsem; blocks are mapped under its
 * map_lock.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include "ext2.h"

uint8_t ext2_file_type(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	default: return EXT2_FT_UNKNOWN;
	}
}

static unsigned ext2_dtype(const struct ext2_sb_info *sbi, uint8_t ft)
{
	static const uint8_t types[EXT2_FT_MAX] = {
		[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
		[EXT2_FT_DIR] = DT_DIR, [EXT2_FT_CHRDEV] = DT_CHR, [EXT2_FT_BLKDEV] = DT_BLK,
		[EXT2_FT_FIFO] = DT_FIFO, [EXT2_FT_SOCK] = DT_SOCK, [EXT2_FT_SYMLINK] = DT_LNK,
	};

	return sbi->has_filetype && ft < EXT2_FT_MAX ? types[ft] : DT_UNKNOWN;
}

/* Block n of dir (mapped, read): 0, or an errno; a hole in a directory is corruption. */
static int ext2_dir_block(struct inode *dir, uint64_t n, struct buffer *bh)
{
	struct ext2_inode_info *ei = EXT2_I(dir);
	uint32_t pb;
	int err;

	mutex_lock(&ei->map_lock);
	err = ext2_bmap(dir, n, false, &pb, NULL);
	mutex_unlock(&ei->map_lock);
	if (err)
		return err;
	if (!pb)
		return ext2_corrupt(dir->sb, "hole in directory", dir->ino);
	return ext2_bread(dir->sb, pb, bh);
}

static uint64_t ext2_dir_blocks(struct inode *dir)
{
	return dir->size / ext2_bsize(dir->sb);
}

/* Checks the entry at off of a directory block: 0 or -EUCLEAN, logged. */
static int ext2_dirent_ok(struct inode *dir, const struct buffer *bh, uint32_t off)
{
	const char *why = NULL;
	struct ext2_sb_info *sbi = EXT2_SB(dir->sb);

	if (!ext2_check_dirent(bh->data, sbi->geo.block_size, off, sbi->es.s_inodes_count, &why))
		return 0;
	pr_err(EXT2_LOG_PREFIX "%s: directory %llu, block %llu, offset %u: %s\n",
	       sbi->bdev->name, (unsigned long long)dir->ino, (unsigned long long)bh->block,
	       off, why);
	return -EUCLEAN;
}

static bool ext2_name_is(const struct ext2_dir_entry *de, const char *name, size_t len)
{
	return de->inode && de->name_len == len && !memcmp(de->name, name, len);
}

/*
 * Finds name in dir: *bh holds its block (release it), *off the entry's
 * offset, *prev the previous entry's in the block (-1: first). 1 found,
 * 0 not, or an errno.
 */
static int ext2_dir_search(struct inode *dir, const char *name, size_t len,
			   struct buffer *bh, uint32_t *off, int64_t *prev)
{
	uint32_t bs = ext2_bsize(dir->sb);

	for (uint64_t n = 0; n < ext2_dir_blocks(dir); n++) {
		int64_t last = -1;
		int err = ext2_dir_block(dir, n, bh);

		if (err)
			return err;
		for (uint32_t o = 0; o < bs;) {
			struct ext2_dir_entry *de = (struct ext2_dir_entry *)(bh->data + o);

			err = ext2_dirent_ok(dir, bh, o);
			if (err) {
				buffer_release(bh);
				return err;
			}
			if (ext2_name_is(de, name, len)) {
				*off = o;
				*prev = last;
				return 1;
			}
			last = o;
			o += de->rec_len;
		}
		buffer_release(bh);
	}
	return 0;
}

int ext2_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino)
{
	struct buffer bh;
	uint32_t off;
	int64_t prev;
	int r = ext2_dir_search(dir, name, len, &bh, &off, &prev);

	*ino = 0;
	if (r <= 0)
		return r;
	*ino = ((struct ext2_dir_entry *)(bh.data + off))->inode;
	buffer_release(&bh);
	return 0;
}

static void ext2_dir_fill(struct ext2_sb_info *sbi, struct ext2_dir_entry *de,
			  const char *name, size_t len, uint32_t ino, unsigned mode)
{
	de->inode = ino;
	de->name_len = (uint8_t)len;
	de->file_type = sbi->has_filetype ? ext2_file_type(mode) : 0;
	memcpy(de->name, name, len);
}

/* The directory changed: times, no index any more, the inode to its slot. */
static int ext2_dir_changed(struct inode *dir)
{
	inode_touch(dir, true);
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	return ext2_inode_sync(dir);
}

/* Adds the entry into the block in bh if it has room: true when done. */
static bool ext2_dir_add_in(struct inode *dir, struct buffer *bh, const char *name,
			    size_t len, uint32_t ino, unsigned mode, int *err)
{
	struct ext2_sb_info *sbi = EXT2_SB(dir->sb);
	uint32_t need = EXT2_DIR_REC_LEN(len), bs = sbi->geo.block_size;

	for (uint32_t o = 0; o < bs;) {
		struct ext2_dir_entry *de = (struct ext2_dir_entry *)(bh->data + o);
		uint32_t used;

		*err = ext2_dirent_ok(dir, bh, o);
		if (*err)
			return false;
		used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;
		if (de->rec_len >= used + need) {
			if (used) {
				/* Split: the new entry takes the slack after de. */
				struct ext2_dir_entry *ne = (struct ext2_dir_entry *)(bh->data + o + used);

				ne->rec_len = (uint16_t)(de->rec_len - used);
				de->rec_len = (uint16_t)used;
				de = ne;
			}
			ext2_dir_fill(sbi, de, name, len, ino, mode);
			buffer_mark_dirty(bh);
			return true;
		}
		o += de->rec_len;
	}
	return false;
}

int ext2_dir_add(struct inode *dir, const char *name, size_t len, uint32_t ino, unsigned mode)
{
	struct ext2_inode_info *ei = EXT2_I(dir);
	uint32_t bs = ext2_bsize(dir->sb), pb;
	uint64_t n, blocks = ext2_dir_blocks(dir);
	struct buffer bh;
	struct ext2_dir_entry *de;
	int err = 0;

	if (!len || len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (n = 0; n < blocks; n++) {
		bool done;

		err = ext2_dir_block(dir, n, &bh);
		if (err)
			return err;
		done = ext2_dir_add_in(dir, &bh, name, len, ino, mode, &err);
		buffer_release(&bh);
		if (err)
			return err;
		if (done)
			return ext2_dir_changed(dir);
	}
	/* No room: a new block, one entry covering it. */
	mutex_lock(&ei->map_lock);
	err = ext2_bmap(dir, n, true, &pb, NULL);
	if (!err)
		dir->size += bs;
	mutex_unlock(&ei->map_lock);
	if (err)
		return err;
	err = ext2_bread(dir->sb, pb, &bh);
	if (err)
		return err;
	de = (struct ext2_dir_entry *)bh.data;
	memset(bh.data, 0, bs);
	de->rec_len = (uint16_t)bs;
	ext2_dir_fill(EXT2_SB(dir->sb), de, name, len, ino, mode);
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	return ext2_dir_changed(dir);
}

int ext2_dir_delete(struct inode *dir, const char *name, size_t len)
{
	struct buffer bh;
	uint32_t off;
	int64_t prev;
	int r = ext2_dir_search(dir, name, len, &bh, &off, &prev);
	struct ext2_dir_entry *de;

	if (r <= 0)
		return r ? r : -ENOENT;
	de = (struct ext2_dir_entry *)(bh.data + off);
	if (prev >= 0)
		((struct ext2_dir_entry *)(bh.data + prev))->rec_len += de->rec_len;
	de->inode = 0;
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	return ext2_dir_changed(dir);
}

int ext2_dir_set(struct inode *dir, const char *name, size_t len, uint32_t ino,
		 unsigned mode)
{
	struct buffer bh;
	uint32_t off;
	int64_t prev;
	int r = ext2_dir_search(dir, name, len, &bh, &off, &prev);
	struct ext2_dir_entry *de;

	if (r <= 0)
		return r ? r : -ENOENT;
	de = (struct ext2_dir_entry *)(bh.data + off);
	de->inode = ino;
	de->file_type = EXT2_SB(dir->sb)->has_filetype ? ext2_file_type(mode) : 0;
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	return ext2_dir_changed(dir);
}

int ext2_dir_empty(struct inode *dir)
{
	uint32_t bs = ext2_bsize(dir->sb);

	for (uint64_t n = 0; n < ext2_dir_blocks(dir); n++) {
		struct buffer bh;
		int err = ext2_dir_block(dir, n, &bh);

		if (err)
			return err;
		for (uint32_t o = 0; o < bs;) {
			struct ext2_dir_entry *de = (struct ext2_dir_entry *)(bh.data + o);

			err = ext2_dirent_ok(dir, &bh, o);
			if (err) {
				buffer_release(&bh);
				return err;
			}
			if (de->inode && !ext2_name_is(de, ".", 1) && !ext2_name_is(de, "..", 2)) {
				buffer_release(&bh);
				return 0;
			}
			o += de->rec_len;
		}
		buffer_release(&bh);
	}
	return 1;
}

int ext2_dir_init(struct inode *dir, uint32_t parent)
{
	struct ext2_inode_info *ei = EXT2_I(dir);
	struct ext2_sb_info *sbi = EXT2_SB(dir->sb);
	uint32_t bs = sbi->geo.block_size, pb;
	struct ext2_dir_entry *dot, *dotdot;
	struct buffer bh;
	int err;

	mutex_lock(&ei->map_lock);
	err = ext2_bmap(dir, 0, true, &pb, NULL);
	if (!err)
		dir->size = bs;
	mutex_unlock(&ei->map_lock);
	if (err)
		return err;
	err = ext2_bread(dir->sb, pb, &bh);
	if (err)
		return err;
	memset(bh.data, 0, bs);
	dot = (struct ext2_dir_entry *)bh.data;
	dot->rec_len = EXT2_DIR_REC_LEN(1);
	ext2_dir_fill(sbi, dot, ".", 1, (uint32_t)dir->ino, S_IFDIR);
	dotdot = (struct ext2_dir_entry *)(bh.data + dot->rec_len);
	dotdot->rec_len = (uint16_t)(bs - dot->rec_len);
	ext2_dir_fill(sbi, dotdot, "..", 2, parent, S_IFDIR);
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	return 0;
}

/* getdents64: positions are byte offsets into the directory, as Linux's ext2. */
static int ext2_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct ext2_sb_info *sbi = EXT2_SB(dir->sb);
	uint32_t bs = sbi->geo.block_size;

	while (ctx->pos < dir->size) {
		uint64_t n = ctx->pos / bs;
		uint32_t start = (uint32_t)(ctx->pos % bs);
		struct buffer bh;
		int err = ext2_dir_block(dir, n, &bh);

		if (err)
			return err;
		/* From the block's start: a seek may have left pos inside an entry. */
		for (uint32_t o = 0; o < bs;) {
			struct ext2_dir_entry *de = (struct ext2_dir_entry *)(bh.data + o);
			uint64_t next;

			err = ext2_dirent_ok(dir, &bh, o);
			if (err) {
				buffer_release(&bh);
				return err;
			}
			next = n * bs + o + de->rec_len;
			if (o >= start && de->inode &&
			    !dir_emit(ctx, de->name, de->name_len, de->inode,
				      ext2_dtype(sbi, de->file_type), next)) {
				buffer_release(&bh);
				return 0;
			}
			if (o >= start)
				ctx->pos = next;
			o += de->rec_len;
		}
		buffer_release(&bh);
		ctx->pos = (n + 1) * bs;
	}
	return 0;
}

static int ext2_dir_fsync(struct file *f, bool datasync __unused)
{
	if (EXT2_SB(f->inode->sb)->rdonly)
		return 0;
	return bdev_sync(EXT2_SB(f->inode->sb)->bdev);
}

const struct file_ops ext2_dir_file_ops = {
	.iterate = ext2_iterate,
	.lseek = simple_dir_lseek,
	.fsync = ext2_dir_fsync,
};
