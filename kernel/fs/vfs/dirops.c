/*
 * dirops.c: changing the name tree: creating nodes, symlinks and hard
 * links, unlinking, renaming, truncating, with the checks and errors of
 * open(2), mknod(2), link(2), unlink(2), rmdir(2) and rename(2):
 * write and search permission on the directory, the sticky bit
 * (inode(7): only the owner of the file or directory, or root, may
 * remove or rename), EXDEV across mounts, EBUSY for mount points, EINVAL
 * for moving a directory under itself. Locking: the caller holds vfs_lock.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>

static int dirops_may_change(const struct path *dir)
{
	const struct cred *c = vfs_cred();

	if (dir->mnt->flags & MS_RDONLY)
		return -EROFS;
	if (dir->dentry->dead)
		return -ENOENT;
	/* Names the file system makes itself (procfs): no inode operation. */
	if (dir->dentry->inode->sb->ops->fixed_tree)
		return -EPERM;
	return inode_permission(dir->dentry->inode, MAY_WRITE | MAY_EXEC, c);
}

/* The sticky bit: may the caller remove or replace victim from dir? */
static int dirops_sticky_ok(const struct dentry *dir, const struct dentry *victim)
{
	const struct cred *c = vfs_cred();

	if (!(dir->inode->mode & S_ISVTX))
		return 0;
	if (c->fsuid == 0 || c->fsuid == victim->inode->uid ||
	    c->fsuid == dir->inode->uid)
		return 0;
	return -EPERM;
}

int vfs_create(struct path *dir, const char *name, size_t len, unsigned mode,
	       dev_t rdev, struct dentry **out)
{
	const struct cred *c = vfs_cred();
	struct inode *dino = dir->dentry->inode, *ino;
	struct super_block *sb = dir->dentry->inode->sb;
	uint32_t gid = c->fsgid;
	struct dentry *d;
	int err;

	if (!S_ISDIR(dino->mode))
		return -ENOTDIR;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	err = dirops_may_change(dir);
	if (err)
		return err;
	if (dentry_find(dir->dentry, name, len))
		return -EEXIST;
	/* A set-group-ID directory passes its group on (and the bit to subdirs). */
	if (dino->mode & S_ISGID) {
		gid = dino->gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	ino = inode_alloc(sb, mode, c->fsuid, gid);
	if (!ino)
		return sb->inodes_max && sb->inodes >= sb->inodes_max ? -ENOSPC : -ENOMEM;
	ino->rdev = rdev;
	d = dentry_link(dir->dentry, name, len, ino);
	inode_put(ino);
	if (!d)
		return -ENOMEM;
	if (out)
		*out = d;
	return 0;
}

int vfs_symlink(struct path *dir, const char *name, size_t len, const char *target)
{
	const struct cred *c = vfs_cred();
	struct super_block *sb = dir->dentry->inode->sb;
	size_t tlen = strnlen(target, PATH_MAX);
	struct inode *ino;
	struct dentry *d;
	int err;

	if (tlen == 0)
		return -ENOENT;
	if (tlen >= PATH_MAX)
		return -ENAMETOOLONG;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	err = dirops_may_change(dir);
	if (err)
		return err;
	if (dentry_find(dir->dentry, name, len))
		return -EEXIST;
	ino = inode_alloc(sb, S_IFLNK | 0777, c->fsuid, c->fsgid);
	if (!ino)
		return -ENOSPC;
	err = sb->ops->set_link(ino, target, tlen);
	if (err) {
		inode_put(ino);
		return err;
	}
	d = dentry_link(dir->dentry, name, len, ino);
	inode_put(ino);
	return d ? 0 : -ENOMEM;
}

int vfs_link(struct path *old, struct path *dir, const char *name, size_t len)
{
	struct inode *ino = old->dentry->inode;
	int err;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (old->mnt != dir->mnt)
		return -EXDEV;
	if (S_ISDIR(ino->mode))
		return -EPERM;
	err = dirops_may_change(dir);
	if (err)
		return err;
	if (dentry_find(dir->dentry, name, len))
		return -EEXIST;
	if (ino->nlink == 0)
		return -ENOENT;
	return dentry_link(dir->dentry, name, len, ino) ? 0 : -ENOMEM;
}

int vfs_unlink(struct path *dir, const char *name, size_t len, bool rmdir)
{
	struct dentry *d;
	int err;

	err = dirops_may_change(dir);
	if (err)
		return err;
	d = dentry_find(dir->dentry, name, len);
	if (!d)
		return -ENOENT;
	err = dirops_sticky_ok(dir->dentry, d);
	if (err)
		return err;
	if (rmdir) {
		if (!S_ISDIR(d->inode->mode))
			return -ENOTDIR;
		if (d->mounted)
			return -EBUSY;
		if (!list_empty(&d->children))
			return -ENOTEMPTY;
	} else if (S_ISDIR(d->inode->mode)) {
		return -EISDIR;
	}
	if (d->mounted)
		return -EBUSY;
	dentry_unlink(d);
	return 0;
}

/* Whether d is anc or lies below it in the same file system. */
static bool dirops_is_below(const struct dentry *d, const struct dentry *anc)
{
	for (;;) {
		if (d == anc)
			return true;
		if (d->parent == d)
			return false;
		d = d->parent;
	}
}

/* Moves d to dir under name (which it takes over), with fresh cookie (locked). */
static void dirops_move(struct dentry *d, struct dentry *dir, char *name, size_t len)
{
	struct dentry *oparent = d->parent;

	list_del(&d->sibling);
	kfree(d->name);
	d->name = name;
	d->name_len = len;
	if (oparent != dir) {
		dentry_get(dir);
		d->parent = dir;
		if (S_ISDIR(d->inode->mode)) {
			oparent->inode->nlink--;
			dir->inode->nlink++;
		}
	}
	d->cookie = dir->next_cookie++;
	list_add_tail(&dir->children, &d->sibling);
	inode_touch(oparent->inode, true);
	inode_touch(dir->inode, true);
	inode_touch(d->inode, false);
	if (oparent != dir)
		dentry_put(oparent);
}

static char *dirops_name_copy(const char *name, size_t len)
{
	char *copy = kmalloc(len + 1);

	if (copy) {
		memcpy(copy, name, len);
		copy[len] = '\0';
	}
	return copy;
}

/* RENAME_EXCHANGE: both names exist and swap places (locked, checks done). */
static int dirops_exchange(struct path *odir, struct dentry *old, struct path *ndir,
			   struct dentry *new)
{
	const struct cred *c = vfs_cred();
	char *oname, *nname;
	int err;

	if (S_ISDIR(old->inode->mode) && dirops_is_below(ndir->dentry, old))
		return -EINVAL;
	if (S_ISDIR(new->inode->mode) && dirops_is_below(odir->dentry, new))
		return -EINVAL;
	err = dirops_sticky_ok(ndir->dentry, new);
	if (err)
		return err;
	if (new->mounted)
		return -EBUSY;
	if (odir->dentry != ndir->dentry) {
		if (S_ISDIR(old->inode->mode) && (err = inode_permission(old->inode, MAY_WRITE, c)))
			return err;
		if (S_ISDIR(new->inode->mode) && (err = inode_permission(new->inode, MAY_WRITE, c)))
			return err;
	}
	oname = dirops_name_copy(new->name, new->name_len);
	nname = dirops_name_copy(old->name, old->name_len);
	if (!oname || !nname) {
		kfree(oname);
		kfree(nname);
		return -ENOMEM;
	}
	/* Keep both parents alive across the moves. */
	dentry_get(odir->dentry);
	dentry_get(ndir->dentry);
	dirops_move(old, ndir->dentry, oname, new->name_len);
	dirops_move(new, odir->dentry, nname, strlen(nname));
	dentry_put(odir->dentry);
	dentry_put(ndir->dentry);
	return 0;
}

int vfs_rename(struct path *odir, const char *oname, size_t olen,
	       struct path *ndir, const char *nname, size_t nlen, unsigned flags)
{
	struct dentry *old, *new, *oparent = odir->dentry;
	bool isdir;
	char *name;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;		/* RENAME_WHITEOUT: overlayfs only */
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (nlen > NAME_MAX || olen > NAME_MAX)
		return -ENAMETOOLONG;
	if (odir->mnt != ndir->mnt)
		return -EXDEV;
	err = dirops_may_change(odir);
	if (!err)
		err = dirops_may_change(ndir);
	if (err)
		return err;
	old = dentry_find(odir->dentry, oname, olen);
	if (!old)
		return -ENOENT;
	err = dirops_sticky_ok(odir->dentry, old);
	if (err)
		return err;
	isdir = S_ISDIR(old->inode->mode);
	new = dentry_find(ndir->dentry, nname, nlen);
	if (old->mounted)
		return -EBUSY;
	if (flags & RENAME_EXCHANGE) {
		if (!new)
			return -ENOENT;
		return new == old ? 0 : dirops_exchange(odir, old, ndir, new);
	}
	if (new && new->inode == old->inode)
		return 0;		/* rename(2): the same file, nothing to do */
	if (new && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (isdir && dirops_is_below(ndir->dentry, old))
		return -EINVAL;
	if (new) {
		if (isdir && !S_ISDIR(new->inode->mode))
			return -ENOTDIR;
		if (!isdir && S_ISDIR(new->inode->mode))
			return -EISDIR;
		if (S_ISDIR(new->inode->mode) && !list_empty(&new->children))
			return -ENOTEMPTY;
		err = dirops_sticky_ok(ndir->dentry, new);
		if (err)
			return err;
		if (new->mounted)
			return -EBUSY;
	}
	/* Its ".." changes: a directory moving elsewhere must be writable. */
	if (isdir && oparent != ndir->dentry) {
		err = inode_permission(old->inode, MAY_WRITE, vfs_cred());
		if (err)
			return err;
	}
	name = dirops_name_copy(nname, nlen);
	if (!name)
		return -ENOMEM;
	if (new)
		dentry_unlink(new);
	dirops_move(old, ndir->dentry, name, nlen);
	return 0;
}

int vfs_truncate(struct inode *ino, uint64_t size)
{
	int err;

	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!S_ISREG(ino->mode))
		return -EINVAL;
	if (size > INT64_MAX)
		return -EINVAL;
	/* Growing past RLIMIT_FSIZE: EFBIG and SIGXFSZ (Linux's inode_newsize_ok). */
	if (size > ino->size && vfs_fsize_room(size - 1) < 0)
		return -EFBIG;
	err = ino->sb->ops->truncate(ino, size);
	if (!err)
		inode_touch(ino, true);
	return err;
}
