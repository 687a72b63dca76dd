/*
 * at.c: the name operations by path for the system calls and the kernel
 * (kernel strings; sys_*.c copy them from user space): the dirfd rules of
 * openat(2) (AT_FDCWD, a directory descriptor, AT_EMPTY_PATH) and mkdir,
 * mknod, unlink/rmdir, rename, link, symlink and readlink with their
 * Linux errors for ".", ".." and trailing slashes.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <fs/notify/fsnotify.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

int vfs_at_lookup(int dirfd, const char *path, unsigned flags, struct nameidata *nd,
		  struct file **held)
{
	struct path start;
	struct file *f;

	*held = NULL;
	memset(nd, 0, sizeof(*nd));
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return vfs_lookup(nd, NULL, path, flags);
	f = fd_get(dirfd);
	if (!f)
		return -EBADF;
	*held = f;
	if (!f->dentry)
		return path[0] ? -ENOTDIR : -EBADF;
	if (path[0] && !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	start.mnt = f->mnt;
	start.dentry = f->dentry;
	return vfs_lookup(nd, &start, path, flags);
}

/* Ends an operation begun with vfs_at_lookup. */
static void at_end(struct nameidata *nd, struct file *held)
{
	vfs_lookup_done(nd);
	file_put(held);
}

/* The mode of name in the directory dir, 0 if it does not exist. */
static unsigned at_child_mode(const struct path *dir, const char *name, size_t len)
{
	struct dentry *d;
	unsigned mode = 0;

	if (vfs_lookup_child(dir, name, len, &d))
		return 0;
	if (d->inode)
		mode = d->inode->mode;
	dentry_put(d);
	return mode;
}

int vfs_openat(int dirfd, const char *path, int flags, unsigned mode, struct file **out)
{
	struct path start;
	struct file *f = NULL;
	int err;

	if (path[0] == '/' || dirfd == AT_FDCWD) {
		err = vfs_open(NULL, path, flags, mode, out);
	} else {
		f = fd_get(dirfd);
		if (!f)
			return -EBADF;
		if (!f->dentry || !S_ISDIR(f->inode->mode)) {
			file_put(f);
			return -ENOTDIR;
		}
		start.mnt = f->mnt;
		start.dentry = f->dentry;
		err = vfs_open(&start, path, flags, mode, out);
		file_put(f);
	}
	if (!err)
		fsnotify_file(*out, IN_OPEN);	/* inotify */
	return err;
}

static unsigned at_umask(void)
{
	struct fs_context *c = fs_context_of_current();

	return c ? c->umask : 022;
}

int vfs_mknodat(int dirfd, const char *path, unsigned mode, dev_t dev)
{
	struct nameidata nd;
	struct file *held;
	unsigned type = mode & S_IFMT;
	int err;

	if (type == 0)
		type = S_IFREG;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK &&
	    type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	/* Device nodes need CAP_MKNOD (mknod(2)). */
	if ((type == S_IFCHR || type == S_IFBLK) && vfs_cred()->euid != 0)
		return -EPERM;
	err = vfs_at_lookup(dirfd, path, LOOKUP_PARENT, &nd, &held);
	if (!err && (nd.last_type != LAST_NORM || nd.trailing_slash))
		err = -EEXIST;
	if (!err)
		err = vfs_create(&nd.path, nd.last, nd.last_len,
				 type | (mode & S_IALLUGO & ~at_umask()),
				 (type == S_IFCHR || type == S_IFBLK) ? dev : 0, NULL);
	at_end(&nd, held);
	return err;
}

int vfs_mkdirat(int dirfd, const char *path, unsigned mode)
{
	struct nameidata nd;
	struct file *held;
	int err;

	err = vfs_at_lookup(dirfd, path, LOOKUP_PARENT, &nd, &held);
	if (!err && nd.last_type != LAST_NORM)
		err = -EEXIST;
	if (!err)
		err = vfs_create(&nd.path, nd.last, nd.last_len,
				 S_IFDIR | (mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX) &
					    ~at_umask()), 0, NULL);
	at_end(&nd, held);
	return err;
}

int vfs_unlinkat(int dirfd, const char *path, int flags)
{
	bool rmdir = flags & AT_REMOVEDIR;
	struct nameidata nd;
	struct file *held;
	unsigned mode;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = vfs_at_lookup(dirfd, path, LOOKUP_PARENT, &nd, &held);
	if (err)
		goto out;
	if (rmdir) {
		/* rmdir(2): "." is EINVAL, ".." ENOTEMPTY, "/" EBUSY. */
		if (nd.last_type == LAST_DOT)
			err = -EINVAL;
		else if (nd.last_type == LAST_DOTDOT)
			err = -ENOTEMPTY;
		else if (nd.last_type == LAST_ROOT)
			err = -EBUSY;
		else
			err = vfs_unlink(&nd.path, nd.last, nd.last_len, true);
		goto out;
	}
	if (nd.last_type != LAST_NORM) {
		err = -EISDIR;
		goto out;
	}
	mode = nd.trailing_slash ? at_child_mode(&nd.path, nd.last, nd.last_len) : 0;
	if (mode)
		err = S_ISDIR(mode) ? -EISDIR : -ENOTDIR;
	else
		err = vfs_unlink(&nd.path, nd.last, nd.last_len, false);
out:
	at_end(&nd, held);
	return err;
}

int vfs_renameat2(int odirfd, const char *oldpath, int ndirfd, const char *newpath,
		  unsigned flags)
{
	struct nameidata ond, nnd;
	struct file *oheld = NULL, *nheld = NULL;
	unsigned mode;
	int err;

	memset(&nnd, 0, sizeof(nnd));
	err = vfs_at_lookup(odirfd, oldpath, LOOKUP_PARENT, &ond, &oheld);
	if (err)
		goto out;
	err = vfs_at_lookup(ndirfd, newpath, LOOKUP_PARENT, &nnd, &nheld);
	if (err)
		goto out;
	if (ond.last_type != LAST_NORM || nnd.last_type != LAST_NORM) {
		err = -EBUSY;
		goto out;
	}
	mode = at_child_mode(&ond.path, ond.last, ond.last_len);
	if (mode && !S_ISDIR(mode) && (ond.trailing_slash || nnd.trailing_slash)) {
		err = -ENOTDIR;
		goto out;
	}
	err = vfs_rename(&ond.path, ond.last, ond.last_len, &nnd.path, nnd.last,
			 nnd.last_len, flags);
out:
	vfs_lookup_done(&nnd);
	at_end(&ond, oheld);
	file_put(nheld);
	return err;
}

int vfs_linkat(int odirfd, const char *oldpath, int ndirfd, const char *newpath,
	       int flags)
{
	struct nameidata ond, nnd;
	struct file *oheld = NULL, *nheld = NULL;
	unsigned lf = 0;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		lf |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lf |= LOOKUP_EMPTY;
	memset(&nnd, 0, sizeof(nnd));
	err = vfs_at_lookup(odirfd, oldpath, lf, &ond, &oheld);
	if (err)
		goto out;
	err = vfs_at_lookup(ndirfd, newpath, LOOKUP_PARENT, &nnd, &nheld);
	if (err)
		goto out;
	if (nnd.last_type != LAST_NORM)
		err = -EEXIST;
	else if (nnd.trailing_slash)
		err = at_child_mode(&nnd.path, nnd.last, nnd.last_len) ? -EEXIST : -ENOENT;
	else
		err = vfs_link(&ond.path, &nnd.path, nnd.last, nnd.last_len);
out:
	vfs_lookup_done(&nnd);
	at_end(&ond, oheld);
	file_put(nheld);
	return err;
}

int vfs_symlinkat(const char *target, int dirfd, const char *path)
{
	struct nameidata nd;
	struct file *held;
	int err;

	if (!target[0])
		return -ENOENT;
	err = vfs_at_lookup(dirfd, path, LOOKUP_PARENT, &nd, &held);
	if (!err && (nd.last_type != LAST_NORM || nd.trailing_slash))
		err = -EEXIST;
	if (!err)
		err = vfs_symlink(&nd.path, nd.last, nd.last_len, target);
	at_end(&nd, held);
	return err;
}

long vfs_readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	struct nameidata nd;
	struct file *held;
	struct inode *ino;
	long r;

	r = vfs_at_lookup(dirfd, path, LOOKUP_EMPTY, &nd, &held);
	if (!r) {
		ino = nd.path.dentry->inode;
		if (!S_ISLNK(ino->mode)) {
			/* readlink(2) of "" names no link: ENOENT, as Linux's do_readlinkat. */
			r = path[0] ? -EINVAL : -ENOENT;
		} else if (ino->i_op && ino->i_op->readlink) {
			r = ino->i_op->readlink(nd.path.dentry, buf, size);
		} else {
			struct vfs_link link;

			r = vfs_get_link(nd.path.dentry, &link);
			if (!r && !link.text)
				r = -EINVAL;
			if (!r) {
				r = (long)MIN(size, strlen(link.text));
				memcpy(buf, link.text, (size_t)r);
			}
			vfs_link_done(&link);
		}
		if (r >= 0) {
			inode_lock(ino);
			ino->atime = vfs_now();
			inode_unlock(ino);
		}
	}
	at_end(&nd, held);
	return r;
}
