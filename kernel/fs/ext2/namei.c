/*
 * namei.c: ext2's name operations (the directory inode_operations):
 * lookup, create, mkdir, mknod, symlink, link, unlink, rmdir, rename.
 * The VFS has done the permission and type checks and holds the
 * directories' i_rwsem; here the entries change on the disk (dir.c),
 * then the link counts and times (libfs's simple_* rules, which are
 * Linux's) and the inodes go back to their slots.
 */
#include <basalt/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include "ext2.h"

/* Linux's EXT2_LINK_MAX: i_links_count is 16 bits, ext2 stops at 32000. */
#define EXT2_LINK_MAX	32000

static uint32_t ext2_next_generation;	/* atomic: i_generation of new inodes (NFS handles) */

static int ext2_lookup(struct inode *dir, struct dentry *d)
{
	struct inode *ino;
	uint32_t num;
	int err;

	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	err = ext2_dir_find(dir, d->name, d->name_len, &num);
	if (err || !num)
		return err;
	err = ext2_iget(dir->sb, num, &ino);
	if (err)
		return err;
	dentry_instantiate(d, ino);
	return 0;
}

/* A new inode in dir's group: hashed, written, one reference. */
static int ext2_new_inode(struct inode *dir, unsigned mode, dev_t rdev, uint32_t uid,
			  uint32_t gid, struct inode **out)
{
	struct ext2_sb_info *sbi = EXT2_SB(dir->sb);
	struct ext2_inode_info *ei;
	struct inode *ino;
	uint32_t num;
	int err = ext2_check_rw(dir->sb);

	if (err)
		return err;
	err = ext2_new_inode_num(sbi, EXT2_I(dir)->group, S_ISDIR(mode),
				 dir->ino == EXT2_ROOT_INO, &num);
	if (err)
		return err;
	ino = inode_iget(dir->sb, num);
	if (!ino || !(ino->state & INODE_NEW)) {
		if (ino)
			inode_put(ino);
		ext2_free_inode_num(sbi, num, S_ISDIR(mode));
		return ino ? ext2_corrupt(dir->sb, "free inode still in use", num) : -ENOMEM;
	}
	ei = EXT2_I(ino);
	ino->mode = mode;
	ino->uid = uid;
	/* grpid (BSD groups, Linux's ext2_new_inode): the directory's group. */
	ino->gid = sbi->opts.grpid ? dir->gid : gid;
	ino->nlink = S_ISDIR(mode) ? 2 : 1;
	ino->size = 0;
	ino->rdev = rdev;
	ino->atime = ino->mtime = ino->ctime = vfs_now();
	ei->group = (num - 1) / sbi->es.s_inodes_per_group;
	ei->fresh = true;
	ei->i_generation = __atomic_add_fetch(&ext2_next_generation, 1, __ATOMIC_RELAXED);
	ext2_set_ops(ino);
	mutex_lock(&sbi->inodes_lock);
	list_add_tail(&sbi->inodes, &ei->sb_link);
	mutex_unlock(&sbi->inodes_lock);
	inode_new_done(ino);
	err = ext2_inode_sync(ino);
	if (err) {
		ino->nlink = 0;
		inode_put(ino);
		return err;
	}
	*out = ino;
	return 0;
}

/* A new inode failed to get its name: it goes (evicted, freed). */
static void ext2_new_inode_drop(struct inode *ino)
{
	ino->nlink = 0;
	inode_put(ino);
}

/* Names the new inode in dir, or drops it. */
static int ext2_add_nondir(struct inode *dir, struct dentry *d, struct inode *ino)
{
	int err = ext2_dir_add(dir, d->name, d->name_len, (uint32_t)ino->ino, ino->mode);

	if (err) {
		ext2_new_inode_drop(ino);
		return err;
	}
	dentry_instantiate(d, ino);
	return 0;
}

static int ext2_mknod(struct inode *dir, struct dentry *d, unsigned mode, dev_t rdev,
		      uint32_t uid, uint32_t gid)
{
	struct inode *ino;
	int err;

	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	err = ext2_new_inode(dir, mode, rdev, uid, gid, &ino);
	return err ? err : ext2_add_nondir(dir, d, ino);
}

static int ext2_create(struct inode *dir, struct dentry *d, unsigned mode, uint32_t uid,
		       uint32_t gid)
{
	return ext2_mknod(dir, d, mode, 0, uid, gid);
}

static int ext2_symlink(struct inode *dir, struct dentry *d, const char *target, size_t len,
			uint32_t uid, uint32_t gid)
{
	struct inode *ino;
	int err;

	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (len >= ext2_bsize(dir->sb))
		return -ENAMETOOLONG;	/* Linux's ext2_symlink: one block at most */
	err = ext2_new_inode(dir, S_IFLNK | 0777, 0, uid, gid, &ino);
	if (err)
		return err;
	err = ext2_symlink_write(ino, target, len);
	if (err) {
		ext2_new_inode_drop(ino);
		return err;
	}
	return ext2_add_nondir(dir, d, ino);
}

static int ext2_mkdir(struct inode *dir, struct dentry *d, unsigned mode, uint32_t uid,
		      uint32_t gid)
{
	struct inode *ino;
	int err;

	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_new_inode(dir, S_IFDIR | (mode & S_IALLUGO), 0, uid, gid, &ino);
	if (err)
		return err;
	err = ext2_dir_init(ino, (uint32_t)dir->ino);
	if (!err)
		err = ext2_inode_sync(ino);
	if (!err)
		err = ext2_dir_add(dir, d->name, d->name_len, (uint32_t)ino->ino, ino->mode);
	if (err) {
		ext2_new_inode_drop(ino);
		return err;
	}
	dir->nlink++;
	ext2_inode_sync(dir);
	dentry_instantiate(d, ino);
	return 0;
}

static int ext2_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *ino = old->inode;
	int err = ext2_check_rw(dir->sb);

	if (err)
		return err;
	if (d->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (ino->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_dir_add(dir, d->name, d->name_len, (uint32_t)ino->ino, ino->mode);
	if (err)
		return err;
	ino->nlink++;
	inode_touch(ino, false);
	ext2_inode_sync(ino);
	inode_get(ino);
	dentry_instantiate(d, ino);
	return 0;
}

static int ext2_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *ino = d->inode;
	int err = ext2_check_rw(dir->sb);

	if (!err)
		err = ext2_dir_delete(dir, d->name, d->name_len);
	if (err)
		return err;
	simple_unlink_name(dir, d);
	ext2_inode_sync(dir);
	ext2_inode_sync(ino);
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *d)
{
	struct inode *ino = d->inode;
	int err = ext2_check_rw(dir->sb);

	if (!err)
		err = ext2_dir_empty(ino);
	if (err < 0)
		return err;
	if (!err)
		return -ENOTEMPTY;
	err = ext2_dir_delete(dir, d->name, d->name_len);
	if (err)
		return err;
	simple_unlink_name(dir, d);
	ino->size = 0;		/* as Linux's ext2_rmdir; the blocks go at eviction */
	ext2_inode_sync(dir);
	ext2_inode_sync(ino);
	dentry_prune_tree(d, false);
	return 0;
}

static int ext2_rename_exchange(struct inode *odir, struct dentry *old, struct inode *ndir,
				struct dentry *new)
{
	struct inode *a = old->inode, *b = new->inode;
	int err = ext2_dir_set(odir, old->name, old->name_len, (uint32_t)b->ino, b->mode);

	if (!err)
		err = ext2_dir_set(ndir, new->name, new->name_len, (uint32_t)a->ino, a->mode);
	if (!err && odir != ndir && S_ISDIR(a->mode))
		err = ext2_dir_set(a, "..", 2, (uint32_t)ndir->ino, S_IFDIR);
	if (!err && odir != ndir && S_ISDIR(b->mode))
		err = ext2_dir_set(b, "..", 2, (uint32_t)odir->ino, S_IFDIR);
	return err;
}

static int ext2_rename(struct inode *odir, struct dentry *old, struct inode *ndir,
		       struct dentry *new, unsigned flags)
{
	struct inode *ino = old->inode, *victim = new->inode;
	bool isdir = S_ISDIR(ino->mode);
	int err = ext2_check_rw(odir->sb);

	if (err)
		return err;
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (new->name_len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (flags & RENAME_EXCHANGE) {
		err = ext2_rename_exchange(odir, old, ndir, new);
	} else {
		if (victim && S_ISDIR(victim->mode)) {
			err = ext2_dir_empty(victim);
			if (err <= 0)
				return err ? err : -ENOTEMPTY;
		}
		if (isdir && !victim && odir != ndir && ndir->nlink >= EXT2_LINK_MAX)
			return -EMLINK;
		if (victim)
			err = ext2_dir_set(ndir, new->name, new->name_len, (uint32_t)ino->ino,
					   ino->mode);
		else
			err = ext2_dir_add(ndir, new->name, new->name_len, (uint32_t)ino->ino,
					   ino->mode);
		if (!err)
			err = ext2_dir_delete(odir, old->name, old->name_len);
		if (!err && isdir && odir != ndir)
			err = ext2_dir_set(ino, "..", 2, (uint32_t)ndir->ino, S_IFDIR);
	}
	if (err)
		return err;
	simple_rename(odir, old, ndir, new, flags);
	if (victim && !(flags & RENAME_EXCHANGE) && S_ISDIR(victim->mode))
		victim->size = 0;
	ext2_inode_sync(odir);
	if (ndir != odir)
		ext2_inode_sync(ndir);
	ext2_inode_sync(ino);
	if (victim)
		ext2_inode_sync(victim);
	return 0;
}

const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.mkdir = ext2_mkdir,
	.mknod = ext2_mknod,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.setattr = ext2_setattr,
	.getattr = ext2_getattr,
};

const struct inode_operations ext2_special_iops = {
	.setattr = ext2_setattr,
	.getattr = ext2_getattr,
};
