/*
 * fat_dir.c: reading directories (fatgen103 "FAT Directory Structure",
 * "FAT Long Directory Entries"). A directory is a run of 32-byte
 * entries: the fixed root region of FAT12/16, or a cluster chain (FAT32's
 * root and every subdirectory). A name is its short entry with, on vfat,
 * the long entries just before it whose checksum matches; a name whose
 * long entries are broken shows its short name, as Linux does. The
 * first entry whose DIR_Name[0] is 0 ends the directory.
 *
 * Lookups are case-insensitive (ASCII, as Linux's vfat with utf8) on the
 * long name or the short one; msdos compares 8.3 forms. readdir's
 * positions are 2 + the byte offset of a name's first entry, after "."
 * and ".." at 0 and 1; inode numbers are the short entry's device
 * offset / 32 (fat_inode.c).
 *
 * Locking: the caller holds the directory's i_rwsem (shared at least).
 */
#include <basalt/string.h>
#include <uapi/errno.h>
#include <uapi/dirent.h>
#include "fat.h"

#define FAT_DIR_POS_FIRST	2	/* readdir positions 0 and 1 are "." and ".." */

void fat_dir_cursor_init(struct fat_dir_cursor *c, struct fat_sb *fs,
			 struct fat_inode *dir, uint64_t pos)
{
	c->fs = fs;
	c->dir = dir;
	c->pos = pos;
	c->cluster = 0;
	c->cluster_idx = 0;
	c->have_bh = false;
}

void fat_dir_cursor_done(struct fat_dir_cursor *c)
{
	if (c->have_bh)
		buffer_release(&c->bh);
	c->have_bh = false;
}

/* Whether dir is FAT12/16's fixed root region. */
static bool fat_dir_fixed_root(const struct fat_sb *fs, const struct fat_inode *dir)
{
	return fs->g.type != 32 && dir->vfs.ino == FAT_ROOT_INO;
}

/* The device sector holding directory offset c->pos: 0 past the end. */
static int fat_dir_sector(struct fat_dir_cursor *c, uint64_t *sector)
{
	struct fat_sb *fs = c->fs;
	uint32_t cs = fs->g.cluster_size, idx;
	int err;

	*sector = 0;
	if (c->pos >= (uint64_t)FAT_DIR_MAX_ENTRIES * FAT_DIRENT_SIZE)
		return 0;
	if (fat_dir_fixed_root(fs, c->dir)) {
		if (c->pos >= (uint64_t)fs->g.root_entries * FAT_DIRENT_SIZE)
			return 0;
		*sector = fs->g.root_start + c->pos / fs->g.sector_size;
		return 0;
	}
	idx = (uint32_t)(c->pos / cs);
	if (!c->cluster || idx < c->cluster_idx) {
		err = fat_chain_get(fs, c->dir->start, idx, &c->cluster);
		if (err)
			return err;
		c->cluster_idx = idx;
	}
	while (c->cluster && c->cluster_idx < idx) {
		err = fat_ent_next(fs, c->cluster, &c->cluster);
		if (err)
			return err;
		c->cluster_idx++;
	}
	if (!c->cluster)
		return 0;
	*sector = fat_cluster_sector(fs, c->cluster) + (c->pos % cs) / fs->g.sector_size;
	return 0;
}

int fat_dir_next_raw(struct fat_dir_cursor *c, struct fat_dirent **de, uint64_t *disk_pos)
{
	uint32_t ss = c->fs->g.sector_size;
	uint64_t sector;
	int err = fat_dir_sector(c, &sector);

	if (err)
		return err;
	if (!sector)
		return 0;
	if (c->have_bh && c->bh.block != sector)
		fat_dir_cursor_done(c);
	if (!c->have_bh) {
		err = buffer_read(c->fs->bdev, sector, ss, &c->bh);
		if (err)
			return err;
		c->have_bh = true;
	}
	*de = (struct fat_dirent *)(c->bh.data + c->pos % ss);
	*disk_pos = sector * ss + c->pos % ss;
	c->pos += FAT_DIRENT_SIZE;
	return 1;
}

static bool fat_dirent_is_dot(const struct fat_dirent *de)
{
	return !memcmp(de->name, ".          ", FAT_NAME_LEN) ||
	       !memcmp(de->name, "..         ", FAT_NAME_LEN);
}

/*
 * Whether a name read from the disk can be a name in a path: not empty,
 * not "." or "..", no '/' (a corrupted entry is skipped, as if free).
 */
static bool fat_dir_name_ok(const char *name, size_t len)
{
	if (!len || (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == '\0')
			return false;
	return true;
}

int fat_dir_next_slot(struct fat_dir_cursor *c, struct fat_slot *s)
{
	struct fat_lfn_state lfn;
	uint64_t lfn_pos = 0;
	bool vfat = c->fs->opts.isvfat;

	fat_lfn_reset(&lfn);
	for (;;) {
		struct fat_dirent *de;
		uint64_t disk_pos, pos = c->pos;
		int r = fat_dir_next_raw(c, &de, &disk_pos);

		if (r <= 0)
			return r;
		if (de->name[0] == FAT_DIRENT_END)
			return 0;
		if (de->name[0] == FAT_DIRENT_FREE) {
			fat_lfn_reset(&lfn);
			continue;
		}
		if ((de->attr & FAT_ATTR_LONG_NAME_MASK) == FAT_ATTR_LONG_NAME) {
			const struct fat_lfn_entry *e = (const void *)de;

			if (vfat && fat_lfn_add(&lfn, e) && (e->ord & FAT_LFN_LAST))
				lfn_pos = pos;
			continue;
		}
		if ((de->attr & FAT_ATTR_VOLUME_ID) || fat_dirent_is_dot(de)) {
			fat_lfn_reset(&lfn);
			continue;
		}
		s->de = *de;
		s->pos = pos;
		s->disk_pos = disk_pos;
		fat_short_display(de, true, !vfat, s->short_name);
		s->len = vfat ? fat_lfn_finish(&lfn, de, s->name) : 0;
		s->first_pos = s->len ? lfn_pos : pos;
		if (s->len && !fat_dir_name_ok(s->name, s->len))
			s->len = 0;
		if (!s->len) {
			s->len = strlen(s->short_name);
			memcpy(s->name, s->short_name, s->len + 1);
		}
		if (!fat_dir_name_ok(s->name, s->len))
			continue;
		return 1;
	}
}

int fat_dir_find(struct fat_sb *fs, struct fat_inode *dir, const char *name, size_t len,
		 struct fat_slot *s)
{
	struct fat_dir_cursor c;
	uint8_t form[FAT_NAME_LEN];
	int r;

	if (fs->opts.isvfat) {
		len = fat_name_strip_len(name, len);
		if (!len)
			return 0;
	} else if (fat_msdos_format_name(name, len, form)) {
		return 0;
	}
	fat_dir_cursor_init(&c, fs, dir, 0);
	while ((r = fat_dir_next_slot(&c, s)) > 0) {
		if (!fs->opts.isvfat) {
			if (!memcmp(s->de.name, form, FAT_NAME_LEN))
				break;
		} else if (fat_name_eq(s->name, s->len, name, len, fs->opts.fold) ||
			   fat_name_eq(s->short_name, strlen(s->short_name), name, len,
				       fs->opts.fold)) {
			break;
		}
	}
	fat_dir_cursor_done(&c);
	return r;
}

int fat_dir_count_subdirs(struct fat_sb *fs, struct fat_inode *dir, unsigned *count)
{
	struct fat_dir_cursor c;
	struct fat_dirent *de;
	uint64_t disk_pos;
	int r;

	*count = 0;
	fat_dir_cursor_init(&c, fs, dir, 0);
	while ((r = fat_dir_next_raw(&c, &de, &disk_pos)) > 0) {
		if (de->name[0] == FAT_DIRENT_END)
			break;
		if (de->name[0] == FAT_DIRENT_FREE || fat_dirent_is_dot(de) ||
		    (de->attr & FAT_ATTR_LONG_NAME_MASK) == FAT_ATTR_LONG_NAME ||
		    (de->attr & FAT_ATTR_VOLUME_ID))
			continue;
		if (de->attr & FAT_ATTR_DIRECTORY)
			(*count)++;
	}
	fat_dir_cursor_done(&c);
	return r < 0 ? r : 0;
}

int fat_dir_not_empty(struct fat_sb *fs, struct fat_inode *dir)
{
	struct fat_dir_cursor c;
	struct fat_slot *s = kmalloc(sizeof(*s));
	int r;

	if (!s)
		return -ENOMEM;
	fat_dir_cursor_init(&c, fs, dir, 0);
	r = fat_dir_next_slot(&c, s);
	fat_dir_cursor_done(&c);
	kfree(s);
	return r;
}

int fat_dir_lookup(struct inode *dir, struct dentry *d)
{
	struct fat_sb *fs = FAT_SB(dir->sb);
	struct fat_slot *s = kmalloc(sizeof(*s));
	struct inode *ino;
	int r, err = 0;

	if (!s)
		return -ENOMEM;
	r = fat_dir_find(fs, FAT_I(dir), d->name, d->name_len, s);
	if (r > 0) {
		ino = fat_inode_get(fs, s, &err);
		if (ino)
			dentry_instantiate(d, ino);
	} else {
		err = r;
	}
	kfree(s);
	return err;
}

static int fat_dir_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct fat_sb *fs = FAT_SB(dir->sb);
	struct fat_dir_cursor c;
	struct fat_slot *s;
	int r;

	if (!dir_emit_dots(f, ctx))
		return 0;
	s = kmalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	fat_dir_cursor_init(&c, fs, FAT_I(dir), ctx->pos - FAT_DIR_POS_FIRST);
	while ((r = fat_dir_next_slot(&c, s)) > 0) {
		unsigned type = (s->de.attr & FAT_ATTR_DIRECTORY) ? DT_DIR : DT_REG;

		if (!dir_emit(ctx, s->name, s->len, s->disk_pos >> FAT_DIRENT_SHIFT, type,
			      s->pos + FAT_DIRENT_SIZE + FAT_DIR_POS_FIRST))
			break;
	}
	fat_dir_cursor_done(&c);
	kfree(s);
	if (!r)
		ctx->pos = c.pos + FAT_DIR_POS_FIRST;
	return r < 0 ? r : 0;
}

/* fsync(2) of a directory: its entries are in the device's buffers. */
static int fat_dir_fsync(struct file *f, bool datasync __unused)
{
	struct fat_sb *fs = FAT_SB(f->inode->sb);
	int err;

	if (fs->rdonly)
		return 0;
	err = fat_fsinfo_write(fs);
	return err ? err : bdev_sync(fs->bdev);
}

const struct file_ops fat_dir_file_ops = {
	.iterate = fat_dir_iterate,
	.lseek = simple_dir_lseek,
	.fsync = fat_dir_fsync,
};
