/*
 * fat_namei.c: creating, removing and renaming names. A new file's
 * entry gets ATTR_ARCHIVE and the current time as its creation, write
 * and access stamps; a new directory gets a zeroed cluster whose first
 * two entries are "." (itself) and ".." (its parent, 0 for the root)
 * (fatgen103 "FAT Directory Structure"). Files have no other owner or
 * permissions than the mount's (the mode asked for is not stored, as
 * on Linux). rename adds the new name first, then removes the old one,
 * so a crash between leaves two names, never none.
 *
 * Locking: the VFS holds the directories' i_rwsem for writing (and the
 * victim's); dirent_lock while an inode's entry moves or goes.
 */
#include <basalt/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include "fat.h"

static int fat_dirent_read(struct fat_sb *fs, uint64_t pos, struct fat_dirent *out)
{
	uint32_t ss = fs->g.sector_size;
	struct buffer bh;
	int err = buffer_read(fs->bdev, pos / ss, ss, &bh);

	if (err)
		return err;
	memcpy(out, bh.data + pos % ss, sizeof(*out));
	buffer_release(&bh);
	return 0;
}

/* A short entry's template: attributes and the current time. */
static void fat_namei_template(struct inode *dir, uint8_t attr, uint32_t start,
			       struct fat_dirent *de)
{
	struct vfs_time now = vfs_now();
	struct inode tmp = { .mtime = now, .ctime = now, .atime = now, .sb = dir->sb };

	memset(de, 0, sizeof(*de));
	de->attr = attr;
	de->fst_clus_lo = (uint16_t)start;
	de->fst_clus_hi = FAT_SB(dir->sb)->g.type == 32 ? (uint16_t)(start >> 16) : 0;
	fat_inode_stamp(&tmp, de);
}

/* Makes the entry and the inode of a new name d in dir. */
static int fat_namei_new(struct inode *dir, struct dentry *d, struct fat_dirent *de)
{
	struct fat_sb *fs = FAT_SB(dir->sb);
	struct fat_slot *s = kmalloc(sizeof(*s));
	struct inode *ino;
	int err;

	if (!s)
		return -ENOMEM;
	err = fat_dirent_add(fs, FAT_I(dir), d->name, d->name_len, de, &s->disk_pos);
	if (!err) {
		err = fat_dirent_read(fs, s->disk_pos, &s->de);
		s->len = MIN(d->name_len, sizeof(s->name) - 1);
		memcpy(s->name, d->name, s->len);
		s->name[s->len] = '\0';
	}
	if (!err) {
		ino = fat_inode_get(fs, s, &err);
		if (ino) {
			dentry_instantiate(d, ino);
			inode_touch(dir, true);
			fat_inode_write(dir, false);
		}
	}
	kfree(s);
	return err;
}

static int fat_create(struct inode *dir, struct dentry *d, unsigned mode,
		      uint32_t uid __unused, uint32_t gid __unused)
{
	struct fat_sb *fs = FAT_SB(dir->sb);
	struct fat_dirent de;
	uint8_t attr = FAT_ATTR_ARCHIVE;

	if (fs->rdonly)
		return -EROFS;
	/* Linux's fat_make_attrs: a mode with no write bit makes a read-only file. */
	if (!(mode & FAT_S_W) && (~fs->opts.fmask & FAT_S_W))
		attr |= FAT_ATTR_READ_ONLY;
	fat_namei_template(dir, attr, 0, &de);
	return fat_namei_new(dir, d, &de);
}

static int fat_mknod(struct inode *dir, struct dentry *d, unsigned mode, dev_t rdev __unused,
		     uint32_t uid, uint32_t gid)
{
	/* FAT holds regular files and directories only (Linux: EPERM for the rest). */
	if (!S_ISREG(mode))
		return -EPERM;
	return fat_create(dir, d, mode, uid, gid);
}

/* Writes "." and ".." into the new directory's first cluster. */
static int fat_namei_dots(struct fat_sb *fs, struct inode *dir, uint32_t c,
			  const struct fat_dirent *tmpl)
{
	uint32_t ss = fs->g.sector_size, parent = FAT_I(dir)->start;
	struct fat_dirent *de;
	struct buffer bh;
	int err = buffer_read(fs->bdev, fat_cluster_sector(fs, c), ss, &bh);

	if (err)
		return err;
	/* ".." of a directory in the root names cluster 0, even on FAT32. */
	if (dir->ino == FAT_ROOT_INO)
		parent = 0;
	de = (struct fat_dirent *)bh.data;
	de[0] = *tmpl;
	memcpy(de[0].name, ".          ", FAT_NAME_LEN);
	de[1] = *tmpl;
	memcpy(de[1].name, "..         ", FAT_NAME_LEN);
	de[1].fst_clus_lo = (uint16_t)parent;
	de[1].fst_clus_hi = fs->g.type == 32 ? (uint16_t)(parent >> 16) : 0;
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	return 0;
}

static int fat_mkdir(struct inode *dir, struct dentry *d, unsigned mode __unused,
		     uint32_t uid __unused, uint32_t gid __unused)
{
	struct fat_sb *fs = FAT_SB(dir->sb);
	struct fat_dirent de;
	uint32_t c;
	int err;

	if (fs->rdonly)
		return -EROFS;
	err = fat_cluster_alloc(fs, 0, true, &c);
	if (err)
		return err;
	fat_namei_template(dir, FAT_ATTR_DIRECTORY, c, &de);
	err = fat_namei_dots(fs, dir, c, &de);
	if (!err)
		err = fat_namei_new(dir, d, &de);
	if (err) {
		fat_chain_free(fs, 0, c);
		return err;
	}
	dir->nlink++;
	return 0;
}

/* The slot of d's entry in dir, checked to be its inode's. */
static int fat_namei_find(struct fat_sb *fs, struct inode *dir, struct dentry *d,
			  struct fat_slot *s)
{
	int r = fat_dir_find(fs, FAT_I(dir), d->name, d->name_len, s);

	if (r < 0)
		return r;
	if (!r || s->disk_pos != FAT_I(d->inode)->dirent_pos)
		return fat_corrupt(fs, "entry moved under a cached name at", s->disk_pos);
	return 0;
}

/* Removes d's entry; its inode becomes an orphan freed at its last use. */
static int fat_namei_remove(struct inode *dir, struct dentry *d)
{
	struct fat_sb *fs = FAT_SB(dir->sb);
	struct fat_inode *fi = FAT_I(d->inode);
	struct fat_slot *s = kmalloc(sizeof(*s));
	int err;

	if (!s)
		return -ENOMEM;
	if (fs->rdonly) {
		err = -EROFS;
		goto out;
	}
	err = fat_namei_find(fs, dir, d, s);
	if (!err)
		err = fat_dirent_remove(fs, FAT_I(dir), s);
	if (err)
		goto out;
	mutex_lock(&fs->dirent_lock);
	fat_inode_moved(fs, fi, 0);
	fi->unlinked = true;
	mutex_unlock(&fs->dirent_lock);
	simple_unlink_name(dir, d);
	fat_inode_write(dir, false);
out:
	kfree(s);
	return err;
}

static int fat_unlink(struct inode *dir, struct dentry *d)
{
	return fat_namei_remove(dir, d);
}

static int fat_rmdir(struct inode *dir, struct dentry *d)
{
	struct fat_sb *fs = FAT_SB(dir->sb);
	int r = fat_dir_not_empty(fs, FAT_I(d->inode));

	if (r)
		return r < 0 ? r : -ENOTEMPTY;
	r = fat_namei_remove(dir, d);
	if (!r)
		dentry_prune_tree(d, false);
	return r;
}

struct fat_dotdot_arg {
	struct fat_sb *fs;
	uint32_t parent;
};

static void fat_namei_set_dotdot(struct fat_dirent *de, void *arg)
{
	struct fat_dotdot_arg *a = arg;

	if (memcmp(de->name, "..         ", FAT_NAME_LEN))
		return;
	de->fst_clus_lo = (uint16_t)a->parent;
	de->fst_clus_hi = a->fs->g.type == 32 ? (uint16_t)(a->parent >> 16) : 0;
}

/* A directory's ".." entry now names parent (its first cluster, 0 for the root). */
static int fat_namei_reparent(struct fat_sb *fs, struct inode *dir, struct inode *parent)
{
	struct fat_dotdot_arg a = { fs, parent->ino == FAT_ROOT_INO ? 0 : FAT_I(parent)->start };

	return fat_dirent_update(fs, fat_cluster_byte(fs, FAT_I(dir)->start) + FAT_DIRENT_SIZE,
				 fat_namei_set_dotdot, &a);
}

/*
 * RENAME_EXCHANGE (Linux's vfat_rename_exchange, since 6.0): the names
 * stay where they are and the two inodes swap entries: each entry gets
 * the other's attributes, first cluster, size and times; a directory
 * that changes parent gets its ".." rewritten.
 */
static int fat_rename_exchange(struct fat_sb *fs, struct inode *odir, struct dentry *old,
			       struct inode *ndir, struct dentry *new)
{
	struct inode *a = old->inode, *b = new->inode;
	uint64_t pa, pb;
	int err;

	mutex_lock(&fs->dirent_lock);
	pa = FAT_I(a)->dirent_pos;
	pb = FAT_I(b)->dirent_pos;
	/* Through an orphan number: one inode number is never held twice. */
	fat_inode_moved(fs, FAT_I(a), 0);
	fat_inode_moved(fs, FAT_I(b), pa);
	fat_inode_moved(fs, FAT_I(a), pb);
	mutex_unlock(&fs->dirent_lock);
	err = fat_inode_write(a, false);
	if (!err)
		err = fat_inode_write(b, false);
	if (!err && odir != ndir && S_ISDIR(a->mode))
		err = fat_namei_reparent(fs, a, ndir);
	if (!err && odir != ndir && S_ISDIR(b->mode))
		err = fat_namei_reparent(fs, b, odir);
	if (err)
		return err;
	simple_rename(odir, old, ndir, new, RENAME_EXCHANGE);
	fat_inode_write(odir, false);
	if (ndir != odir)
		fat_inode_write(ndir, false);
	return 0;
}

static int fat_rename(struct inode *odir, struct dentry *old, struct inode *ndir,
		      struct dentry *new, unsigned flags)
{
	struct fat_sb *fs = FAT_SB(odir->sb);
	struct inode *ino = old->inode, *victim = new->inode;
	struct fat_inode *fi = FAT_I(ino);
	struct fat_slot *s, *vs = NULL;
	struct fat_dirent de;
	uint64_t new_pos;
	int err;

	if (fs->rdonly)
		return -EROFS;
	/* vfat has it, msdos not (Linux's msdos_rename: EINVAL). */
	if ((flags & RENAME_EXCHANGE) && !fs->opts.isvfat)
		return -EINVAL;
	if (flags & RENAME_EXCHANGE)
		return fat_rename_exchange(fs, odir, old, ndir, new);
	if (victim && S_ISDIR(victim->mode)) {
		err = fat_dir_not_empty(fs, FAT_I(victim));
		if (err)
			return err < 0 ? err : -ENOTEMPTY;
	}
	s = kmalloc(2 * sizeof(*s));
	if (!s)
		return -ENOMEM;
	err = fat_namei_find(fs, odir, old, s);
	if (!err && victim) {
		vs = s + 1;
		err = fat_namei_find(fs, ndir, new, vs);
		/* The victim's entry goes first: its short name may be the one reused. */
		if (!err)
			err = fat_dirent_remove(fs, FAT_I(ndir), vs);
		if (!err) {
			mutex_lock(&fs->dirent_lock);
			fat_inode_moved(fs, FAT_I(victim), 0);
			FAT_I(victim)->unlinked = true;
			mutex_unlock(&fs->dirent_lock);
		}
	}
	if (err)
		goto out;
	err = fat_inode_write(ino, false);
	if (err)
		goto out;
	mutex_lock(&fs->dirent_lock);
	err = fat_dirent_read(fs, fi->dirent_pos, &de);
	if (!err)
		err = fat_dirent_add(fs, FAT_I(ndir), new->name, new->name_len, &de, &new_pos);
	if (!err) {
		err = fat_dirent_remove(fs, FAT_I(odir), s);
		fat_inode_moved(fs, fi, new_pos);
	}
	mutex_unlock(&fs->dirent_lock);
	if (err)
		goto out;
	if (S_ISDIR(ino->mode) && odir != ndir)
		err = fat_namei_reparent(fs, ino, ndir);
	simple_rename(odir, old, ndir, new, flags);
	fat_inode_write(odir, false);
	if (ndir != odir)
		fat_inode_write(ndir, false);
out:
	kfree(s);
	return err;
}

const struct inode_operations fat_dir_inode_ops = {
	.lookup = fat_dir_lookup,
	.create = fat_create,
	.mkdir = fat_mkdir,
	.mknod = fat_mknod,
	.unlink = fat_unlink,
	.rmdir = fat_rmdir,
	.rename = fat_rename,
	.setattr = fat_inode_setattr,
};
