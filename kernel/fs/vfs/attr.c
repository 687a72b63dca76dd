/*
 * attr.c: reading and changing inode attributes by path or descriptor:
 * stat(2), chmod(2), chown(2), utimensat(2), access(2), truncate(2),
 * statfs(2), with their permission rules (owner or root for chmod and
 * times, root for giving files away, real ids for access).
 */
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <fs/vfs.h>
#include <fs/notify/fsnotify.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>
#include <uapi/statfs.h>

/* Resolves dirfd/path for an attribute call, honouring AT_* flags (locked). */
static int attr_lookup(int dirfd, const char *path, int flags, int allowed,
		       struct nameidata *nd, struct file **held)
{
	unsigned lf = LOOKUP_FOLLOW;

	*held = NULL;
	memset(nd, 0, sizeof(*nd));
	if (flags & ~allowed)
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lf &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lf |= LOOKUP_EMPTY;
	return vfs_at_lookup(dirfd, path, lf, nd, held);
}

static void attr_end(struct nameidata *nd, struct file *held)
{
	vfs_lookup_done(nd);
	file_put(held);
}

/* The file system's setattr, or the default (i_rwsem held). */
static int attr_setattr_locked(struct dentry *d, const struct vfs_iattr *attr)
{
	struct inode *ino = d->inode;
	int err = ino->i_op && ino->i_op->setattr ? ino->i_op->setattr(d, attr) :
		  inode_setattr(d, attr);

	if (!err)	/* inotify (chmod, chown, utimens): Linux's fsnotify_change */
		fsnotify_dentry(d, (attr->valid & ATTR_SIZE) ? IN_MODIFY : IN_ATTRIB);
	return err;
}

/*
 * stat(2) reads the attributes without i_rwsem, as Linux's
 * generic_fillattr: each is a word written whole, and a stat racing a
 * change may see some fields before it and some after, as on Linux.
 */
int vfs_getattr(const struct path *p, struct stat *st)
{
	struct inode *ino = p->dentry->inode;

	if (ino->i_op && ino->i_op->getattr)
		return ino->i_op->getattr(p, st);
	inode_stat(ino, st);
	return 0;
}

int vfs_statat(int dirfd, const char *path, int flags, struct stat *st, uint64_t *mnt_id)
{
	struct nameidata nd;
	struct file *held;
	int err;

	if ((flags & AT_EMPTY_PATH) && !path[0] && dirfd != AT_FDCWD) {
		/* The descriptor itself, which may be a pipe: fstat. */
		struct file *f = fd_get(dirfd);

		if (!f)
			return -EBADF;
		err = vfs_fstat(f, st);
		if (mnt_id)
			*mnt_id = f->mnt ? f->mnt->id : 0;
		file_put(f);
		return err;
	}
	err = attr_lookup(dirfd, path, flags,
			  AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
			  AT_STATX_SYNC_TYPE, &nd, &held);
	if (!err)
		err = vfs_getattr(&nd.path, st);
	if (!err) {
		if (mnt_id)
			*mnt_id = nd.path.mnt->id;
	}
	attr_end(&nd, held);
	return err;
}

int vfs_fstat(struct file *f, struct stat *st)
{
	if (!f->inode) {
		/* A file with no inode (none today: pipes have pipefs ones). */
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFIFO | 0600;
		st->st_uid = vfs_cred()->euid;
		st->st_gid = vfs_cred()->egid;
		st->st_nlink = 1;
		st->st_blksize = PAGE_SIZE;
		return 0;
	}
	if (f->dentry && f->mnt) {
		struct path p = { .mnt = f->mnt, .dentry = f->dentry };

		return vfs_getattr(&p, st);
	}
	inode_stat(f->inode, st);
	return 0;
}

static int attr_may_change(const struct path *p)
{
	if (vfs_mount_readonly(p->mnt))
		return -EROFS;
	return 0;
}

/* chmod(2) on p. */
static int attr_chmod(const struct path *p, unsigned mode)
{
	struct inode *ino = p->dentry->inode;
	const struct cred *c = vfs_cred();
	struct vfs_iattr attr = { .valid = ATTR_MODE | ATTR_CTIME };
	int err = attr_may_change(p);

	if (err)
		return err;
	inode_lock(ino);
	if (!inode_owner_or_root(ino, c)) {
		err = -EPERM;
		goto out;
	}
	mode &= S_IALLUGO;
	/* chmod(2): a non-root caller outside the file's group loses S_ISGID. */
	if (c->fsuid != 0 && !cred_in_group(c, ino->gid))
		mode &= ~S_ISGID;
	attr.mode = mode;
	attr.ctime = vfs_now();
	err = attr_setattr_locked(p->dentry, &attr);
out:
	inode_unlock(ino);
	return err;
}

int vfs_chmodat(int dirfd, const char *path, unsigned mode, int flags)
{
	struct nameidata nd;
	struct file *held;
	int err;

	err = attr_lookup(dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &nd, &held);
	if (!err && (flags & AT_SYMLINK_NOFOLLOW) && S_ISLNK(nd.path.dentry->inode->mode))
		err = -EOPNOTSUPP;	/* fchmodat(2): links have no mode */
	if (!err)
		err = attr_chmod(&nd.path, mode);
	attr_end(&nd, held);
	return err;
}

int vfs_fchmod(struct file *f, unsigned mode)
{
	struct path p = { .mnt = f->mnt, .dentry = f->dentry };
	int err;

	if (f->flags & O_PATH)
		return -EBADF;
	if (!f->dentry)
		return -EINVAL;		/* no inode to change (pipes) */
	err = attr_chmod(&p, mode);
	return err;
}

/* chown(2) on ino (i_rwsem held); uid or gid (uint32_t)-1 leaves it. */
static int attr_chown_locked(const struct path *p, uint32_t uid, uint32_t gid)
{
	struct inode *ino = p->dentry->inode;
	const struct cred *c = vfs_cred();
	bool uid_change = uid != (uint32_t)-1 && uid != ino->uid;
	bool gid_change = gid != (uint32_t)-1 && gid != ino->gid;
	struct vfs_iattr attr = { .valid = ATTR_CTIME, .mode = ino->mode };

	if (c->fsuid != 0) {
		/* chown(2): only root gives files away; owners pick their groups. */
		if (uid_change || (uid != (uint32_t)-1 && c->fsuid != ino->uid))
			return -EPERM;
		if (gid != (uint32_t)-1 &&
		    (c->fsuid != ino->uid || (gid_change && !cred_in_group(c, gid))))
			return -EPERM;
	}
	if (uid != (uint32_t)-1) {
		attr.valid |= ATTR_UID;
		attr.uid = uid;
	}
	if (gid != (uint32_t)-1) {
		attr.valid |= ATTR_GID;
		attr.gid = gid;
	}
	/* Set-user-ID goes; set-group-ID too when it means "execute as group". */
	if ((uid != (uint32_t)-1 || gid != (uint32_t)-1) && !S_ISDIR(ino->mode)) {
		attr.valid |= ATTR_MODE;
		attr.mode &= ~S_ISUID;
		if (attr.mode & (S_IRWXG & 0010))
			attr.mode &= ~S_ISGID;
	}
	attr.ctime = vfs_now();
	return attr_setattr_locked(p->dentry, &attr);
}

static int attr_chown(const struct path *p, uint32_t uid, uint32_t gid)
{
	int err = attr_may_change(p);

	if (err)
		return err;
	inode_lock(p->dentry->inode);
	err = attr_chown_locked(p, uid, gid);
	inode_unlock(p->dentry->inode);
	return err;
}

int vfs_chownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags)
{
	struct nameidata nd;
	struct file *held;
	int err;

	err = attr_lookup(dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &nd, &held);
	if (!err)
		err = attr_chown(&nd.path, uid, gid);
	attr_end(&nd, held);
	return err;
}

int vfs_fchown(struct file *f, uint32_t uid, uint32_t gid)
{
	struct path p = { .mnt = f->mnt, .dentry = f->dentry };
	int err;

	if (f->flags & O_PATH)
		return -EBADF;
	if (!f->dentry)
		return -EINVAL;
	err = attr_chown(&p, uid, gid);
	return err;
}

/* utimensat(2) on p (i_rwsem held); times NULL means both now. */
static int attr_utimens_locked(const struct path *p, const struct vfs_utime *times)
{
	struct inode *ino = p->dentry->inode;
	const struct cred *c = vfs_cred();
	struct vfs_iattr attr = { .valid = ATTR_CTIME };
	bool all_now = !times || (times[0].how == VFS_UTIME_NOW &&
				  times[1].how == VFS_UTIME_NOW);

	/* Setting "now" needs write access; any other time, ownership. */
	if (!inode_owner_or_root(ino, c)) {
		if (!all_now)
			return -EPERM;
		if (inode_permission(ino, MAY_WRITE, c))
			return -EACCES;
	}
	attr.ctime = vfs_now();
	for (int i = 0; i < 2; i++) {
		struct vfs_time *t = i == 0 ? &attr.atime : &attr.mtime;
		unsigned bit = i == 0 ? ATTR_ATIME : ATTR_MTIME;

		if (!times || times[i].how == VFS_UTIME_NOW) {
			*t = attr.ctime;
			attr.valid |= bit;
		} else if (times[i].how == VFS_UTIME_SET) {
			*t = times[i].t;
			attr.valid |= bit;
		}
	}
	return attr_setattr_locked(p->dentry, &attr);
}

static int attr_utimens(const struct path *p, const struct vfs_utime *times)
{
	int err = attr_may_change(p);

	if (err)
		return err;
	if (times && times[0].how == VFS_UTIME_OMIT && times[1].how == VFS_UTIME_OMIT)
		return 0;
	inode_lock(p->dentry->inode);
	err = attr_utimens_locked(p, times);
	inode_unlock(p->dentry->inode);
	return err;
}

int vfs_utimensat(int dirfd, const char *path, const struct vfs_utime *times, int flags)
{
	struct nameidata nd;
	struct file *held;
	int err;

	err = attr_lookup(dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &nd, &held);
	if (!err)
		err = attr_utimens(&nd.path, times);
	attr_end(&nd, held);
	return err;
}

int vfs_futimens(struct file *f, const struct vfs_utime *times)
{
	struct path p = { .mnt = f->mnt, .dentry = f->dentry };
	int err;

	if (!f->dentry)
		return -EINVAL;
	err = attr_utimens(&p, times);
	return err;
}

int vfs_accessat(int dirfd, const char *path, int mode, int flags)
{
	const struct cred *real = vfs_cred();
	struct cred c = *real;
	struct nameidata nd;
	struct file *held;
	struct inode *ino;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	/* access(2) checks with the real ids unless AT_EACCESS. */
	if (!(flags & AT_EACCESS)) {
		c.fsuid = real->uid;
		c.fsgid = real->gid;
	}
	err = attr_lookup(dirfd, path, flags & ~AT_EACCESS,
			  AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &nd, &held);
	if (!err && mode) {
		ino = nd.path.dentry->inode;
		err = inode_permission(ino, mode, &c);
		if (!err && (mode & W_OK) && vfs_mount_readonly(nd.path.mnt) &&
		    (S_ISREG(ino->mode) || S_ISDIR(ino->mode) || S_ISLNK(ino->mode)))
			err = -EROFS;
	}
	attr_end(&nd, held);
	return err;
}

int vfs_truncate_path(const char *path, int64_t len)
{
	struct nameidata nd;
	struct file *held;
	int err;

	if (len < 0)
		return -EINVAL;
	err = attr_lookup(AT_FDCWD, path, 0, 0, &nd, &held);
	if (!err && S_ISDIR(nd.path.dentry->inode->mode))
		err = -EISDIR;
	if (!err)
		err = inode_permission(nd.path.dentry->inode, MAY_WRITE, vfs_cred());
	if (!err)
		err = attr_may_change(&nd.path);
	/* truncate(2): ETXTBSY for a program being run (Linux's get_write_access). */
	if (!err)
		err = inode_get_write_access(nd.path.dentry->inode);
	if (!err) {
		err = vfs_truncate(nd.path.dentry, (uint64_t)len);
		inode_put_write_access(nd.path.dentry->inode);
	}
	attr_end(&nd, held);
	return err;
}

int vfs_ftruncate(struct file *f, int64_t len)
{
	int err;

	if (len < 0)
		return -EINVAL;
	if (!f->inode || !S_ISREG(f->inode->mode))
		return -EINVAL;
	if ((f->flags & O_PATH) || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;		/* ftruncate(2): not open for writing */
	if (!f->dentry)
		return -EINVAL;
	err = vfs_truncate(f->dentry, (uint64_t)len);
	return err;
}

/* The fallocate(2) modes Linux knows (FALLOC_FL_SUPPORTED_MASK). */
#define VFS_FALLOC_KNOWN	(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | \
				 FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | \
				 FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

int vfs_fallocate(struct file *f, int mode, int64_t off, int64_t len)
{
	int err;

	if (off < 0 || len <= 0)
		return -EINVAL;
	/*
	 * The modes' own rules, as Linux's vfs_fallocate checks them; which
	 * of them a file system implements is its fallocate's business
	 * (tmpfs: KEEP_SIZE and PUNCH_HOLE; others -EOPNOTSUPP).
	 */
	if (mode & ~VFS_FALLOC_KNOWN)
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && (mode & FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if (((mode & FALLOC_FL_COLLAPSE_RANGE) && mode != FALLOC_FL_COLLAPSE_RANGE) ||
	    ((mode & FALLOC_FL_INSERT_RANGE) && mode != FALLOC_FL_INSERT_RANGE) ||
	    ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	     (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE))))
		return -EINVAL;
	if ((f->flags & O_PATH) || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->inode || S_ISFIFO(f->inode->mode))
		return -ESPIPE;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!S_ISREG(f->inode->mode))
		return -ENODEV;
	if (!f->ops->fallocate)
		return -EOPNOTSUPP;
	/* Growing past RLIMIT_FSIZE: EFBIG and SIGXFSZ, as a write would. */
	if (!(mode & FALLOC_FL_KEEP_SIZE) &&
	    (uint64_t)off + (uint64_t)len > __atomic_load_n(&f->inode->size, __ATOMIC_RELAXED) &&
	    vfs_fsize_room((uint64_t)off + (uint64_t)len - 1) < 0)
		return -EFBIG;
	inode_lock(f->inode);
	err = f->ops->fallocate(f, mode, (uint64_t)off, (uint64_t)len);
	if (!err)
		inode_touch(f->inode, true);
	inode_unlock(f->inode);
	return err;
}

static void attr_statfs(const struct path *p, struct statfs *st)
{
	struct super_block *sb = p->dentry->inode->sb;

	memset(st, 0, sizeof(*st));
	if (sb->s_op && sb->s_op->statfs)
		sb->s_op->statfs(sb, st);
	/*
	 * statfs(2): ST_RDONLY, ST_NOSUID, ST_NODEV, ST_NOEXEC, ST_NOATIME,
	 * ST_NODIRATIME and ST_RELATIME equal the MS_ bits; read-only if
	 * the mount or the file system is (Linux's flags_by_mnt, flags_by_sb).
	 */
	st->f_flags |= p->mnt->flags & VFS_MOUNT_FLAGS;
	if (vfs_mount_readonly(p->mnt))
		st->f_flags |= MS_RDONLY;
}

int vfs_statfs_path(const char *path, struct statfs *st)
{
	struct nameidata nd;
	struct file *held;
	int err;

	err = attr_lookup(AT_FDCWD, path, 0, 0, &nd, &held);
	if (!err)
		attr_statfs(&nd.path, st);
	attr_end(&nd, held);
	return err;
}

int vfs_fstatfs(struct file *f, struct statfs *st)
{
	struct path p = { .mnt = f->mnt, .dentry = f->dentry };

	if (!f->dentry)
		return -EINVAL;
	attr_statfs(&p, st);
	return 0;
}

int vfs_fsync(struct file *f, bool datasync)
{
	int err;

	if (!f->ops->fsync)
		return -EINVAL;		/* fsync(2): a pipe, a socket, a terminal */
	err = f->ops->fsync(f, datasync);
	if (!err && f->inode && f->inode->sb->s_op && f->inode->sb->s_op->write_inode &&
	    !datasync)
		err = f->inode->sb->s_op->write_inode(f->inode, true);
	return err;
}
