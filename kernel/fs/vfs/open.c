/*
 * open.c: open(2) by path: O_CREAT/O_EXCL, O_TRUNC, O_NOFOLLOW (ELOOP on
 * a final symlink), O_DIRECTORY, O_PATH, the permission checks and the
 * choice of ops by file type. Device nodes get their driver's ops
 * (chrdev.c) and FIFOs fifo.c's; sockets cannot be opened (-ENXIO, which
 * Linux also returns for a socket node).
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

/* For a device whose open failed: the file goes without ops->release. */
static const struct file_ops open_failed_ops;
/* O_PATH files: no reads or writes (the access checks refuse them). */
static const struct file_ops open_path_ops;

/* Checks and builds the file for the resolved path p (locked). */
static int open_path_locked(const struct path *p, int flags, bool created,
			    struct file **out)
{
	struct inode *ino = p->dentry->inode;
	const struct file_ops *ops;
	unsigned acc = (unsigned)flags & O_ACCMODE;
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
	if ((mask & MAY_WRITE) && (p->mnt->flags & MS_RDONLY) &&
	    (S_ISREG(ino->mode) || S_ISDIR(ino->mode)))
		return -EROFS;
	/* open(2): ETXTBSY for a program being run (O_TRUNC writes too). */
	if ((mask & MAY_WRITE) && S_ISREG(ino->mode) && ino->write_count < 0)
		return -ETXTBSY;
	switch (ino->mode & S_IFMT) {
	case S_IFREG:
		ops = &vfs_reg_file_ops;
		break;
	case S_IFDIR:
		ops = &vfs_dir_file_ops;
		break;
	case S_IFCHR:
		if (p->mnt->flags & MS_NODEV)
			return -EACCES;		/* open(2) on a nodev mount */
		ops = chrdev_lookup(ino->rdev);
		if (!ops)
			return -ENXIO;
		break;
	case S_IFBLK:
		if (p->mnt->flags & MS_NODEV)
			return -EACCES;
		ops = blkdev_lookup(ino->rdev);	/* blkdev.c */
		if (!ops)
			return -ENXIO;
		break;
	case S_IFIFO:
		ops = &fifo_ops;	/* fifo.c: the open finds or makes the pipe */
		break;
	default:
		return -ENXIO;		/* sockets */
	}
	if ((flags & O_TRUNC) && S_ISREG(ino->mode) && !created) {
		err = vfs_truncate(ino, 0);
		if (err)
			return err;
	}
make:
	f = file_alloc_anon(ops, NULL, ((unsigned)flags & OPEN_KEPT_FLAGS) | O_LARGEFILE);
	if (!f)
		return -ENOMEM;
	f->inode = ino;
	f->dentry = p->dentry;
	f->mnt = p->mnt;
	path_get(p);
	/* A writer of a regular file until vfs_reg_release. */
	if (ops == &vfs_reg_file_ops && (acc == O_WRONLY || acc == O_RDWR))
		ino->write_count++;
	*out = f;
	return 0;
}

/* Runs the driver's open (without vfs_lock: it may sleep). */
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
	int err;

	mutex_lock(&vfs_lock);
	err = open_path_locked(p, flags, false, out);
	mutex_unlock(&vfs_lock);
	return err ? err : open_call_driver(*out);
}

/*
 * O_CREAT: find or make the last component (locked). A final symlink is
 * followed, and if its target does not exist the target is created, as
 * on Linux (open(2): "If pathname is a dangling symbolic link..."), with
 * the usual SYMLOOP_MAX limit on the chain.
 */
static int open_create(const struct path *start, const char *path, int flags,
		       unsigned mode, struct file **out)
{
	struct fs_context *c = fs_context_of_current();
	unsigned umask = c ? c->umask : 022, links = 0;
	const struct path *from = start;
	struct path dir, p;
	struct nameidata nd;
	const char *cur = path;
	char *target = NULL;
	struct dentry *d;
	int err;

	for (;;) {
		err = vfs_lookup(&nd, from, cur, LOOKUP_PARENT);
		if (err)
			break;
		if (nd.last_type != LAST_NORM || nd.trailing_slash) {
			err = -EISDIR;
			break;
		}
		d = dentry_find(nd.path.dentry, nd.last, nd.last_len);
		if (!d) {
			err = vfs_create(&nd.path, nd.last, nd.last_len,
					 S_IFREG | (mode & S_IALLUGO & ~umask), 0, &d);
			if (!err) {
				p.mnt = nd.path.mnt;
				p.dentry = d;
				err = open_path_locked(&p, flags, true, out);
			}
			break;
		}
		if (flags & O_EXCL) {
			err = -EEXIST;
			break;
		}
		p.mnt = nd.path.mnt;
		p.dentry = d;
		vfs_follow_mounts(&p);
		if (!S_ISLNK(p.dentry->inode->mode)) {
			/* open(2): O_CREAT on a directory is EISDIR. */
			err = S_ISDIR(p.dentry->inode->mode) ? -EISDIR :
			      open_path_locked(&p, flags, false, out);
			break;
		}
		if (flags & O_NOFOLLOW) {
			err = -ELOOP;
			break;
		}
		if (++links > SYMLOOP_MAX) {
			err = -ELOOP;
			break;
		}
		/* A magic link (/dev/stdout's end) opens its file: nothing to create. */
		err = vfs_get_link(p.dentry, &p);
		if (err <= 0) {
			if (!err)
				err = S_ISDIR(p.dentry->inode->mode) ? -EISDIR :
				      open_path_locked(&p, flags, false, out);
			break;
		}
		if (!p.dentry->inode->data) {
			err = -ENOENT;
			break;
		}
		if (!target && !(target = kmalloc(PATH_MAX))) {
			err = -ENOMEM;
			break;
		}
		/* Go on from the link's directory with its target. */
		strlcpy(target, p.dentry->inode->data, PATH_MAX);
		dir = nd.path;
		from = &dir;
		cur = target;
		vfs_lookup_done(&nd);
	}
	vfs_lookup_done(&nd);
	kfree(target);
	return err;
}

int vfs_open(const struct path *start, const char *path, int flags, unsigned mode,
	     struct file **out)
{
	struct nameidata nd;
	unsigned lf = 0;
	int err;

	if ((flags & O_ACCMODE) == O_ACCMODE && !(flags & O_PATH))
		return -EINVAL;
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
	/* Linux 6.4 and later: O_CREAT | O_DIRECTORY is EINVAL. */
	if ((flags & O_CREAT) && (flags & O_DIRECTORY))
		return -EINVAL;
	mutex_lock(&vfs_lock);
	if ((flags & O_CREAT) && !(flags & O_PATH)) {
		err = open_create(start, path, flags, mode, out);
	} else {
		if (!(flags & O_NOFOLLOW))
			lf |= LOOKUP_FOLLOW;
		if (flags & O_DIRECTORY)
			lf |= LOOKUP_DIRECTORY;
		err = vfs_lookup(&nd, start, path, lf);
		if (!err)
			err = open_path_locked(&nd.path, flags, false, out);
		vfs_lookup_done(&nd);
	}
	mutex_unlock(&vfs_lock);
	return err ? err : open_call_driver(*out);
}

int file_open_exec(const char *path, struct file **out)
{
	struct nameidata nd;
	struct inode *ino;
	int err;

	mutex_lock(&vfs_lock);
	err = vfs_lookup(&nd, NULL, path, LOOKUP_FOLLOW);
	if (!err) {
		ino = nd.path.dentry->inode;
		/* execve(2): EACCES for anything but a regular file. */
		if (!S_ISREG(ino->mode) || (nd.path.mnt->flags & MS_NOEXEC))
			err = -EACCES;
		else
			err = inode_permission(ino, MAY_EXEC, vfs_cred());
	}
	/* execve(2): ETXTBSY while the file is open for writing. */
	if (!err && ino->write_count > 0)
		err = -ETXTBSY;
	/* Readable for the loader even when the mode has no r bit (--x). */
	if (!err)
		err = open_path_locked(&nd.path, O_RDONLY, true, out);
	/* No writer until file_allow_write: the address space that runs it. */
	if (!err)
		ino->write_count--;
	vfs_lookup_done(&nd);
	mutex_unlock(&vfs_lock);
	return err;
}
