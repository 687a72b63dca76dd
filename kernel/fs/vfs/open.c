/*
 * open.c: open(2) by path: O_CREAT/O_EXCL, O_TRUNC, O_NOFOLLOW (ELOOP on
 * a final symlink), O_DIRECTORY, O_PATH, the permission checks and the
 * choice of ops: an inode's own file ops (i_fop) for regular files and
 * directories, the driver's for device nodes (chrdev.c) and fifo.c's for
 * FIFOs; sockets cannot be opened (-ENXIO, which Linux also returns for
 * a socket node); block device nodes get their disk's ops (blkdev.c).
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <fs/pipe.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>

/* The flags a file keeps after open (fcntl F_GETFL shows them). */
#define OPEN_KEPT_FLAGS	(O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | \
			 O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | \
			 O_NOATIME | O_SYNC | O_PATH)
/* How many times O_CREAT looks again when another task made the name first. */
#define OPEN_CREATE_RETRIES	8

/* For a device whose open failed: the file goes without ops->release. */
static const struct file_ops open_failed_ops;
/* O_PATH files: no reads or writes (the access checks refuse them). */
static const struct file_ops open_path_ops;

/* The ops an open of ino gets (after the checks), or an errno. */
static int open_choose_ops(const struct path *p, const struct inode *ino,
			   const struct file_ops **ops)
{
	switch (ino->mode & S_IFMT) {
	case S_IFREG:
	case S_IFDIR:
		*ops = ino->i_fop;
		return *ops ? 0 : -ENXIO;
	case S_IFCHR:
		if (p->mnt->flags & MS_NODEV)
			return -EACCES;		/* open(2) on a nodev mount */
		*ops = chrdev_lookup(ino->rdev);
		return *ops ? 0 : -ENXIO;
	case S_IFBLK:
		if (p->mnt->flags & MS_NODEV)
			return -EACCES;
		*ops = blkdev_lookup(ino->rdev);	/* blkdev.c */
		return *ops ? 0 : -ENXIO;
	case S_IFIFO:
		*ops = &fifo_ops;	/* fifo.c: the open finds or makes the pipe */
		return 0;
	default:
		return -ENXIO;		/* sockets */
	}
}

/* Checks and builds the file for the resolved path p. */
static int open_path_checked(const struct path *p, int flags, bool created,
			     struct file **out)
{
	struct inode *ino = p->dentry->inode;
	const struct file_ops *ops;
	unsigned acc = (unsigned)flags & O_ACCMODE;
	bool writer = false;
	int mask = 0, err;
	struct file *f;

	if (flags & O_PATH) {
		if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
			return -ENOTDIR;
		ops = &open_path_ops;
		goto make;
	}
	if (S_ISLNK(ino->mode))
		return -ELOOP;
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (S_ISDIR(ino->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if (acc == O_RDONLY || acc == O_RDWR)
		mask |= MAY_READ;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	if (!created) {
		err = inode_permission(ino, mask, vfs_cred());
		if (err)
			return err;
	}
	/* O_NOATIME: for the file's owner or root only (open(2) EPERM). */
	if ((flags & O_NOATIME) && !inode_owner_or_root(ino, vfs_cred()))
		return -EPERM;
	if ((mask & MAY_WRITE) && vfs_mount_readonly(p->mnt) &&
	    (S_ISREG(ino->mode) || S_ISDIR(ino->mode)))
		return -EROFS;
	err = open_choose_ops(p, ino, &ops);
	if (err)
		return err;
	/* open(2): ETXTBSY for a program being run (O_TRUNC writes too). */
	if ((mask & MAY_WRITE) && S_ISREG(ino->mode)) {
		err = inode_get_write_access(ino);
		if (err)
			return err;
		writer = true;
	}
	if ((flags & O_TRUNC) && S_ISREG(ino->mode) && !created) {
		err = vfs_truncate(p->dentry, 0);
		if (err) {
			inode_put_write_access(ino);
			return err;
		}
	}
	/* A writer of a regular file until its last close (file_put). */
	if (writer && acc != O_WRONLY && acc != O_RDWR) {
		inode_put_write_access(ino);	/* O_RDONLY | O_TRUNC */
		writer = false;
	}
	/* Counted on the mount: a remount read-only waits for it (EBUSY). */
	if (writer) {
		err = vfs_mount_want_write(p->mnt);
		if (err) {
			inode_put_write_access(ino);
			return err;
		}
	}
make:
	f = file_alloc_anon(ops, NULL, ((unsigned)flags & OPEN_KEPT_FLAGS) | O_LARGEFILE);
	if (!f) {
		if (writer) {
			vfs_mount_drop_write(p->mnt);
			inode_put_write_access(ino);
		}
		return -ENOMEM;
	}
	f->inode = ino;
	f->dentry = p->dentry;
	f->mnt = p->mnt;
	f->writer = writer;
	path_get(p);
	*out = f;
	return 0;
}

/* Runs the driver's open (it may sleep). */
static int open_call_driver(struct file *f)
{
	int err;

	if (!f->ops->open)
		return 0;
	err = f->ops->open(f->inode, f);
	if (err) {
		f->ops = &open_failed_ops;
		file_put(f);
	}
	return err;
}

int vfs_open_path(const struct path *p, int flags, struct file **out)
{
	int err = open_path_checked(p, flags, false, out);

	return err ? err : open_call_driver(*out);
}

/* Opens the existing (positive) p for O_CREAT without O_EXCL. */
static int open_existing(const struct path *p, int flags, struct file **out)
{
	/* open(2): O_CREAT on a directory is EISDIR. */
	if (S_ISDIR(p->dentry->inode->mode))
		return -EISDIR;
	return open_path_checked(p, flags, false, out);
}

/*
 * O_CREAT: find or make the last component. A final symlink is
 * followed, and if its target does not exist the target is created, as
 * on Linux (open(2): "If pathname is a dangling symbolic link..."), with
 * the usual SYMLOOP_MAX limit on the chain.
 */
static int open_create(const struct path *start, const struct path *scope, const char *path,
		       int flags, unsigned mode, unsigned rflags, struct file **out)
{
	struct fs_context *c = fs_context_of_current();
	unsigned umask = c ? __atomic_load_n(&c->umask, __ATOMIC_RELAXED) : 022;
	unsigned links = 0, retries = 0;
	const struct path *from = start;
	struct path dir = { 0 }, p;
	struct nameidata nd;
	const char *cur = path;
	struct vfs_link link;
	char *target = NULL;
	struct dentry *d;
	int err;

	for (;;) {
		err = vfs_lookup_scoped(&nd, from, scope, cur, LOOKUP_PARENT | rflags);
		if (err)
			break;
		if (nd.last_type != LAST_NORM || nd.trailing_slash) {
			err = -EISDIR;
			break;
		}
		err = vfs_lookup_child(&nd.path, nd.last, nd.last_len, &d);
		if (err)
			break;
		if (!d->inode) {
			dentry_put(d);
			err = vfs_create(&nd.path, nd.last, nd.last_len,
					 S_IFREG | (mode & S_IALLUGO & ~umask), 0, &d);
			if (err == -EEXIST && !(flags & O_EXCL) && ++retries < OPEN_CREATE_RETRIES) {
				vfs_lookup_done(&nd);
				continue;	/* another task made it first: open that */
			}
			if (!err) {
				p.mnt = nd.path.mnt;
				p.dentry = d;
				err = open_path_checked(&p, flags, true, out);
				dentry_put(d);
			}
			break;
		}
		if (flags & O_EXCL) {
			dentry_put(d);
			err = -EEXIST;
			break;
		}
		p.mnt = vfs_mount_get(nd.path.mnt);
		p.dentry = d;
		vfs_follow_mounts(&p);
		if ((rflags & LOOKUP_NO_XDEV) && p.mnt != nd.path.mnt) {
			path_put(&p);
			err = -EXDEV;
			break;
		}
		if (!S_ISLNK(p.dentry->inode->mode)) {
			err = open_existing(&p, flags, out);
			path_put(&p);
			break;
		}
		err = flags & O_NOFOLLOW ? -ELOOP : ++links > SYMLOOP_MAX ? -ELOOP :
		      rflags & LOOKUP_NO_SYMLINKS ? -ELOOP : vfs_get_link(p.dentry, &link);
		path_put(&p);
		if (err)
			break;
		/* A magic link (/dev/stdout's end) opens its file: nothing to create. */
		if (link.jump.dentry) {
			/* openat2's limits on magic links, as namei.c's walk. */
			err = rflags & LOOKUP_NO_MAGICLINKS ? -ELOOP :
			      (rflags & LOOKUP_NO_XDEV) && link.jump.mnt != nd.path.mnt ? -EXDEV :
			      scope && (rflags & LOOKUP_SCOPED) ? -EXDEV :
			      open_existing(&link.jump, flags, out);
			vfs_link_done(&link);
			break;
		}
		if (!target && !(target = kmalloc(PATH_MAX))) {
			vfs_link_done(&link);
			err = -ENOMEM;
			break;
		}
		/* Go on from the link's directory with its target. */
		strlcpy(target, link.text, PATH_MAX);
		vfs_link_done(&link);
		if (dir.dentry)
			path_put(&dir);
		dir = nd.path;
		path_get(&dir);
		from = &dir;
		cur = target;
		vfs_lookup_done(&nd);
	}
	vfs_lookup_done(&nd);
	if (dir.dentry)
		path_put(&dir);
	kfree(target);
	return err;
}

int vfs_open(const struct path *start, const char *path, int flags, unsigned mode,
	     struct file **out)
{
	return vfs_open_scoped(start, NULL, path, flags, mode, 0, out);
}

int vfs_open_scoped(const struct path *start, const struct path *scope, const char *path,
		    int flags, unsigned mode, unsigned rflags, struct file **out)
{
	struct nameidata nd;
	unsigned lf = rflags;
	int err;

	if ((flags & O_ACCMODE) == O_ACCMODE && !(flags & O_PATH))
		return -EINVAL;
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
	/* Linux 6.4 and later: O_CREAT | O_DIRECTORY is EINVAL. */
	if ((flags & O_CREAT) && (flags & O_DIRECTORY))
		return -EINVAL;
	if ((flags & O_CREAT) && !(flags & O_PATH)) {
		err = open_create(start, scope, path, flags, mode, rflags, out);
	} else {
		if (!(flags & O_NOFOLLOW))
			lf |= LOOKUP_FOLLOW;
		if (flags & O_DIRECTORY)
			lf |= LOOKUP_DIRECTORY;
		err = vfs_lookup_scoped(&nd, start, scope, path, lf);
		if (!err)
			err = open_path_checked(&nd.path, flags, false, out);
		vfs_lookup_done(&nd);
	}
	return err ? err : open_call_driver(*out);
}

int file_open_exec(const char *path, struct file **out)
{
	return file_open_exec_at(AT_FDCWD, path, LOOKUP_FOLLOW, out);
}

int file_open_exec_at(int dirfd, const char *path, unsigned lookup_flags, struct file **out)
{
	struct nameidata nd;
	struct inode *ino = NULL;
	struct file *held;
	int err;

	err = vfs_at_lookup(dirfd, path, lookup_flags, &nd, &held);
	if (!err) {
		ino = nd.path.dentry->inode;
		/* execveat(2): AT_SYMLINK_NOFOLLOW on a link is ELOOP. */
		if (S_ISLNK(ino->mode))
			err = -ELOOP;
		/* execve(2): EACCES for anything but a regular file. */
		else if (!S_ISREG(ino->mode) || (nd.path.mnt->flags & MS_NOEXEC))
			err = -EACCES;
		else
			err = inode_permission(ino, MAY_EXEC, vfs_cred());
	}
	/*
	 * execve(2): ETXTBSY while the file is open for writing; from now on
	 * no writer until file_allow_write (the address space that runs it).
	 */
	if (!err)
		err = inode_deny_write_access(ino);
	/* Readable for the loader even when the mode has no r bit (--x). */
	if (!err) {
		err = open_path_checked(&nd.path, O_RDONLY, true, out);
		if (err)
			inode_allow_write_access(ino);
	}
	vfs_lookup_done(&nd);
	if (held)
		file_put(held);
	return err;
}
