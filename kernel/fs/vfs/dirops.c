/*
 * dirops.c: changing names: creating nodes, symlinks and hard links,
 * unlinking, renaming, and changing attributes, with the checks and
 * errors of open(2), mknod(2), link(2), unlink(2), rmdir(2), rename(2)
 * and truncate(2): write and search permission on the directory, the
 * sticky bit (inode(7): only the owner of the file or directory, or
 * root, may remove or rename), EXDEV across mounts, EBUSY for mount
 * points, EINVAL for moving a directory under itself. The file system's
 * inode_operations do the work.
 *
 * Locking: the directory's i_rwsem for writing around the lookup of the
 * name and the operation, so that nothing changes the name in between;
 * for rename, rename_lock and then both directories (vfs.h).
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <fs/notify/fsnotify.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>

/* guards: renames across directories, one at a time (Linux's s_vfs_rename_mutex) */
static struct mutex rename_lock = MUTEX_INIT(rename_lock);

/* Whether the caller may add or remove names in dir (its i_rwsem held). */
static int dirops_may_change(const struct path *dir)
{
	const struct cred *c = vfs_cred();

	if (vfs_mount_readonly(dir->mnt))
		return -EROFS;
	if (dentry_is_dead(dir->dentry))
		return -ENOENT;
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

/*
 * Locks dir and finds name in it (negative or positive): the dentry
 * referenced in *out, dir locked on success.
 */
static int dirops_lock_lookup(const struct path *dir, const char *name, size_t len,
			      struct dentry **out)
{
	int err;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (!S_ISDIR(dir->dentry->inode->mode))
		return -ENOTDIR;
	inode_lock(dir->dentry->inode);
	err = dentry_lookup_locked(dir->dentry, name, len, out);
	if (err)
		inode_unlock(dir->dentry->inode);
	return err;
}

/* A file system without the operation: Linux's EPERM (procfs, pipefs). */
#define DIROPS_NO_OP	(-EPERM)

int vfs_create(const struct path *dir, const char *name, size_t len, unsigned mode,
	       dev_t rdev, struct dentry **out)
{
	const struct cred *c = vfs_cred();
	struct inode *dino = dir->dentry->inode;
	const struct inode_operations *op = dino->i_op;
	uint32_t gid = c->fsgid;
	struct dentry *d;
	int err;

	err = dirops_lock_lookup(dir, name, len, &d);
	if (err)
		return err;
	/* An existing name wins over EROFS and EACCES (Linux's filename_create). */
	err = d->inode ? -EEXIST : dirops_may_change(dir);
	if (err)
		goto out;
	/* A set-group-ID directory passes its group on (and the bit to subdirs). */
	if (dino->mode & S_ISGID) {
		gid = dino->gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	if (S_ISDIR(mode))
		err = op->mkdir ? op->mkdir(dino, d, mode, c->fsuid, gid) : DIROPS_NO_OP;
	else if (S_ISREG(mode))
		err = op->create ? op->create(dino, d, mode, c->fsuid, gid) : DIROPS_NO_OP;
	else
		err = op->mknod ? op->mknod(dino, d, mode, rdev, c->fsuid, gid) : DIROPS_NO_OP;
out:
	inode_unlock(dino);
	if (!err)
		fsnotify_create(dir->dentry, d);	/* inotify: IN_CREATE */
	if (!err && out)
		*out = d;
	else
		dentry_put(d);
	return err;
}

int vfs_symlink(const struct path *dir, const char *name, size_t len, const char *target)
{
	const struct cred *c = vfs_cred();
	struct inode *dino = dir->dentry->inode;
	size_t tlen = strnlen(target, PATH_MAX);
	struct dentry *d;
	int err;

	if (tlen == 0)
		return -ENOENT;
	if (tlen >= PATH_MAX)
		return -ENAMETOOLONG;
	err = dirops_lock_lookup(dir, name, len, &d);
	if (err)
		return err;
	/* An existing name wins over EROFS and EACCES (Linux's filename_create). */
	err = d->inode ? -EEXIST : dirops_may_change(dir);
	if (!err)
		err = dino->i_op->symlink ?
		      dino->i_op->symlink(dino, d, target, tlen, c->fsuid, c->fsgid) :
		      DIROPS_NO_OP;
	inode_unlock(dino);
	if (!err)
		fsnotify_create(dir->dentry, d);	/* inotify: IN_CREATE */
	dentry_put(d);
	return err;
}

int vfs_link(const struct path *old, const struct path *dir, const char *name, size_t len)
{
	struct inode *ino = old->dentry->inode, *dino = dir->dentry->inode;
	struct dentry *d;
	int err;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (old->mnt != dir->mnt)
		return -EXDEV;
	if (S_ISDIR(ino->mode))
		return -EPERM;
	err = dirops_lock_lookup(dir, name, len, &d);
	if (err)
		return err;
	/* An existing name wins over EROFS and EACCES (Linux's filename_create). */
	err = d->inode ? -EEXIST : dirops_may_change(dir);
	if (err)
		goto out;
	inode_lock(ino);
	if (ino->nlink == 0)
		err = -ENOENT;
	else
		err = dino->i_op->link ? dino->i_op->link(old->dentry, dino, d) : DIROPS_NO_OP;
	inode_unlock(ino);
out:
	inode_unlock(dino);
	if (!err)
		fsnotify_link(dir->dentry, d, ino);	/* inotify: IN_ATTRIB, IN_CREATE */
	dentry_put(d);
	return err;
}

int vfs_unlink(const struct path *dir, const char *name, size_t len, bool rmdir)
{
	struct inode *dino = dir->dentry->inode, *victim = NULL;
	struct dentry *d;
	int err;

	err = dirops_lock_lookup(dir, name, len, &d);
	if (err)
		return err;
	err = dirops_may_change(dir);
	if (!err && !d->inode)
		err = -ENOENT;
	if (!err)
		err = dirops_sticky_ok(dir->dentry, d);
	if (err)
		goto out;
	if (rmdir && !S_ISDIR(d->inode->mode))
		err = -ENOTDIR;
	else if (!rmdir && S_ISDIR(d->inode->mode))
		err = -EISDIR;
	else if (vfs_is_mountpoint(d))
		err = -EBUSY;
	if (err)
		goto out;
	victim = d->inode;
	inode_get(victim);	/* inotify's IN_DELETE_SELF after the unlink */
	inode_lock(victim);
	if (rmdir)
		err = dino->i_op->rmdir ? dino->i_op->rmdir(dino, d) : DIROPS_NO_OP;
	else
		err = dino->i_op->unlink ? dino->i_op->unlink(dino, d) : DIROPS_NO_OP;
	inode_unlock(victim);
out:
	inode_unlock(dino);
	if (victim && !err)
		fsnotify_delete(dir->dentry, d, victim);	/* inotify: IN_DELETE... */
	if (victim)
		inode_put(victim);
	dentry_put(d);
	return err;
}

/*
 * Locks the two directories of a rename: one, or the ancestor first, or
 * by address (rename_lock held when they differ).
 */
static void dirops_lock_two(struct dentry *a, struct dentry *b)
{
	if (a == b) {
		inode_lock(a->inode);
	} else if (dentry_is_below(b, a)) {
		inode_lock(a->inode);
		inode_lock(b->inode);
	} else if (dentry_is_below(a, b)) {
		inode_lock(b->inode);
		inode_lock(a->inode);
	} else if (a < b) {
		inode_lock(a->inode);
		inode_lock(b->inode);
	} else {
		inode_lock(b->inode);
		inode_lock(a->inode);
	}
}

static void dirops_unlock_two(struct dentry *a, struct dentry *b)
{
	inode_unlock(a->inode);
	if (a != b)
		inode_unlock(b->inode);
}

/* rename's checks once both names are found (both directories locked). */
static int dirops_rename_checks(const struct path *odir, struct dentry *old,
				const struct path *ndir, struct dentry *new, unsigned flags)
{
	bool isdir = S_ISDIR(old->inode->mode);
	int err;

	err = dirops_sticky_ok(odir->dentry, old);
	if (err)
		return err;
	if (vfs_is_mountpoint(old))
		return -EBUSY;
	if (flags & RENAME_EXCHANGE) {
		if (!new->inode)
			return -ENOENT;
		if (isdir && dentry_is_below(ndir->dentry, old))
			return -EINVAL;
		if (S_ISDIR(new->inode->mode) && dentry_is_below(odir->dentry, new))
			return -EINVAL;
		err = dirops_sticky_ok(ndir->dentry, new);
		if (err)
			return err;
		if (vfs_is_mountpoint(new))
			return -EBUSY;
		if (odir->dentry != ndir->dentry) {
			if (isdir && (err = inode_permission(old->inode, MAY_WRITE, vfs_cred())))
				return err;
			if (S_ISDIR(new->inode->mode) &&
			    (err = inode_permission(new->inode, MAY_WRITE, vfs_cred())))
				return err;
		}
		return 0;
	}
	if (new->inode && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (isdir && dentry_is_below(ndir->dentry, old))
		return -EINVAL;
	if (new->inode) {
		if (isdir && !S_ISDIR(new->inode->mode))
			return -ENOTDIR;
		if (!isdir && S_ISDIR(new->inode->mode))
			return -EISDIR;
		if (S_ISDIR(new->inode->mode) && dentry_has_positive_children(new))
			return -ENOTEMPTY;
		err = dirops_sticky_ok(ndir->dentry, new);
		if (err)
			return err;
		if (vfs_is_mountpoint(new))
			return -EBUSY;
	}
	/* Its ".." changes: a directory moving elsewhere must be writable. */
	if (isdir && odir->dentry != ndir->dentry)
		return inode_permission(old->inode, MAY_WRITE, vfs_cred());
	return 0;
}

int vfs_rename(const struct path *odir, const char *oname, size_t olen,
	       const struct path *ndir, const char *nname, size_t nlen, unsigned flags)
{
	struct inode *odino = odir->dentry->inode, *ndino = ndir->dentry->inode;
	struct dentry *old = NULL, *new = NULL;
	struct inode *moved = NULL, *replaced = NULL;	/* for inotify */
	bool cross = odir->dentry != ndir->dentry;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;		/* RENAME_WHITEOUT: overlayfs only */
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (nlen > NAME_MAX || olen > NAME_MAX)
		return -ENAMETOOLONG;
	if (odir->mnt != ndir->mnt)
		return -EXDEV;
	if (cross)
		mutex_lock(&rename_lock);
	dirops_lock_two(odir->dentry, ndir->dentry);
	err = dirops_may_change(odir);
	if (!err)
		err = dirops_may_change(ndir);
	if (!err)
		err = dentry_lookup_locked(odir->dentry, oname, olen, &old);
	if (!err && !old->inode)
		err = -ENOENT;
	if (!err)
		err = dentry_lookup_locked(ndir->dentry, nname, nlen, &new);
	if (err)
		goto out;
	err = dirops_sticky_ok(odir->dentry, old);
	if (!err && vfs_is_mountpoint(old))
		err = -EBUSY;
	if (!err && (flags & RENAME_EXCHANGE) && !new->inode)
		err = -ENOENT;
	/* rename(2): the same file (or name), nothing to do. */
	if (err || old == new || (new->inode == old->inode && !(flags & RENAME_EXCHANGE)))
		goto out;
	err = dirops_rename_checks(odir, old, ndir, new, flags);
	if (err)
		goto out;
	if (!odino->i_op->rename) {
		err = DIROPS_NO_OP;
		goto out;
	}
	moved = old->inode;
	inode_get(moved);
	replaced = (flags & RENAME_EXCHANGE) ? NULL : new->inode;
	if (replaced)
		inode_get(replaced);
	if (new->inode)
		inode_lock(new->inode);
	err = odino->i_op->rename(odino, old, ndino, new, flags);
	if (new->inode)
		inode_unlock(new->inode);
	if (!err) {
		if (flags & RENAME_EXCHANGE)
			dentry_exchange(old, new);
		else
			err = dentry_move(old, new);
	}
out:
	dirops_unlock_two(odir->dentry, ndir->dentry);
	if (cross)
		mutex_unlock(&rename_lock);
	if (moved && !err)	/* inotify: IN_MOVED_FROM, IN_MOVED_TO, IN_MOVE_SELF */
		fsnotify_move(odir->dentry, oname, olen, ndir->dentry, nname, nlen, moved, replaced);
	if (moved)
		inode_put(moved);
	if (replaced)
		inode_put(replaced);
	if (old)
		dentry_put(old);
	if (new)
		dentry_put(new);
	return err;
}

int vfs_setattr(struct dentry *d, const struct vfs_iattr *attr)
{
	struct inode *ino = d->inode;
	int err;

	inode_lock(ino);
	err = ino->i_op && ino->i_op->setattr ? ino->i_op->setattr(d, attr) :
	      inode_setattr(d, attr);
	inode_unlock(ino);
	if (!err)	/* inotify: a size change is IN_MODIFY (Linux's fsnotify_change) */
		fsnotify_dentry(d, (attr->valid & ATTR_SIZE) ? IN_MODIFY : IN_ATTRIB);
	return err;
}

int vfs_truncate(struct dentry *d, uint64_t size)
{
	struct inode *ino = d->inode;
	struct vfs_iattr attr = { .valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME };

	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!S_ISREG(ino->mode))
		return -EINVAL;
	if (size > INT64_MAX)
		return -EINVAL;
	/* Growing past RLIMIT_FSIZE: EFBIG and SIGXFSZ (Linux's inode_newsize_ok). */
	if (size > __atomic_load_n(&ino->size, __ATOMIC_RELAXED) &&
	    vfs_fsize_room(size - 1) < 0)
		return -EFBIG;
	attr.size = size;
	attr.mtime = attr.ctime = vfs_now();
	return vfs_setattr(d, &attr);
}
