/*
 * file.c: open file descriptions (open(2) "open file description"): the
 * uio copy helpers, reference counting, read/write/lseek with the VFS's
 * checks, generic helpers for the file ops of file systems, and the
 * kernel-side open/read the ELF loader uses. Locking: file.h (ref atomic,
 * pos written whole); inode contents under the inode's i_rwsem, taken
 * by each file system's read and write.
 */
#include <basalt/string.h>
#include <fs/lock.h>
#include <fs/vfs.h>
#include <fs/notify/fsnotify.h>
#include <mm/mm.h>
#include <user/user.h>
#include <proc/process.h>
#include <signal/signal.h>
#include <uapi/resource.h>
#include <uapi/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>

long uio_copy_out(struct uio *u, const void *src, size_t n)
{
	n = MIN(n, u->resid);
	if (u->user) {
		if (copy_to_user((void __user *)u->base, src, n))
			return -EFAULT;
	} else {
		memcpy(u->base, src, n);
	}
	u->base += n;
	u->resid -= n;
	return (long)n;
}

long uio_copy_in(struct uio *u, void *dst, size_t n)
{
	n = MIN(n, u->resid);
	if (u->user) {
		if (copy_from_user(dst, (const void __user *)u->base, n))
			return -EFAULT;
	} else {
		memcpy(dst, u->base, n);
	}
	u->base += n;
	u->resid -= n;
	return (long)n;
}

long uio_copy_out_upto(struct uio *u, const void *src, size_t n)
{
	size_t want = MIN(n, u->resid);

	if (!u->user)
		return uio_copy_out(u, src, n);
	n = copy_to_user_upto((void __user *)u->base, src, want);
	if (n == 0 && want)
		return -EFAULT;
	u->base += n;
	u->resid -= n;
	return (long)n;
}

long uio_copy_in_upto(struct uio *u, void *dst, size_t n)
{
	size_t want = MIN(n, u->resid);

	if (!u->user)
		return uio_copy_in(u, dst, n);
	n = copy_from_user_upto(dst, (const void __user *)u->base, want);
	if (n == 0 && want)
		return -EFAULT;
	u->base += n;
	u->resid -= n;
	return (long)n;
}

struct file *file_alloc_anon(const struct file_ops *ops, void *priv, unsigned flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->ref = 1;
	f->ops = ops;
	f->priv = priv;
	f->flags = flags;
	list_init(&f->epoll_links);
	return f;
}

void file_get(struct file *f)
{
	__atomic_add_fetch(&f->ref, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
	if (!f)
		return;
	/* Acquire-release: the last put sees every other user's writes. */
	if (__atomic_sub_fetch(&f->ref, 1, __ATOMIC_ACQ_REL))
		return;
	/* inotify: the last close */
	fsnotify_file(f, (f->flags & O_ACCMODE) == O_RDONLY ? IN_CLOSE_NOWRITE : IN_CLOSE_WRITE);
	/* Before ->release: epoll's callbacks sit on the file's own queues. */
	if (f->epoll_links.next && !list_empty(&f->epoll_links))
		epoll_file_release(f);
	file_lock_flock_release(f);	/* flock(2): the last close unlocks */
	if ((f->flags & O_ASYNC) && f->ops && f->ops->fasync)
		f->ops->fasync(f, false);	/* off every fasync list: nothing to fail */
	if (f->ops && f->ops->release)
		f->ops->release(f);
	if (f->writer) {
		inode_put_write_access(f->inode);
		if (f->mnt)
			vfs_mount_drop_write(f->mnt);
	}
	if (f->dentry) {
		struct path p = { .mnt = f->mnt, .dentry = f->dentry };

		path_put(&p);
	}
	kfree(f);
}

static bool file_readable(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR);
}

static bool file_writable(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR);
}

static void file_set_pos(struct file *f, uint64_t pos)
{
	/* One aligned word, read whole by the next read or write. */
	__atomic_store_n(&f->pos, pos, __ATOMIC_RELAXED);
}

long file_read(struct file *f, struct uio *u)
{
	uint64_t pos = f->pos;
	long r;

	if (!file_readable(f))
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	r = f->ops->read(f, u, &pos);
	if (r >= 0)
		file_set_pos(f, pos);
	if (r > 0)
		fsnotify_file(f, IN_ACCESS);	/* inotify */
	return r;
}

long file_write(struct file *f, struct uio *u)
{
	uint64_t pos = f->pos;
	long r;

	if (!file_writable(f))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	r = f->ops->write(f, u, &pos);
	if (r >= 0)
		file_set_pos(f, pos);
	if (r > 0)
		fsnotify_file(f, IN_MODIFY);	/* inotify */
	return r;
}

/* pread/pwrite need a seekable file: pipes and sockets have no inode. */
long file_pread(struct file *f, struct uio *u, uint64_t pos)
{
	long r;

	if (!file_readable(f))
		return -EBADF;
	if (!f->inode || S_ISFIFO(f->inode->mode))
		return -ESPIPE;
	if (!f->ops->read)
		return -EINVAL;
	r = f->ops->read(f, u, &pos);
	if (r > 0)
		fsnotify_file(f, IN_ACCESS);	/* inotify */
	return r;
}

long file_pwrite(struct file *f, struct uio *u, uint64_t pos)
{
	long r;

	if (!file_writable(f))
		return -EBADF;
	if (!f->inode || S_ISFIFO(f->inode->mode))
		return -ESPIPE;
	if (!f->ops->write)
		return -EINVAL;
	r = f->ops->write(f, u, &pos);
	if (r > 0)
		fsnotify_file(f, IN_MODIFY);	/* inotify */
	return r;
}

long generic_file_lseek(struct file *f, int64_t off, int whence,
			int64_t (*seek_data)(struct inode *ino, uint64_t off, bool hole))
{
	struct inode *ino = f->inode;
	int64_t base, npos;

	inode_lock_shared(ino);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		base = (int64_t)ino->size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE: {
		/* lseek(2): ENXIO at or past the end; the end is a hole. */
		uint64_t size = ino->size;
		int64_t r = -1;

		if (off < 0 || (uint64_t)off >= size) {
			inode_unlock_shared(ino);
			return -ENXIO;
		}
		if (seek_data)
			r = seek_data(ino, (uint64_t)off, whence == SEEK_HOLE);
		else if (whence == SEEK_DATA)
			r = off;		/* no hole information: all data */
		if (whence == SEEK_DATA && (r < 0 || (uint64_t)r >= size)) {
			inode_unlock_shared(ino);
			return -ENXIO;
		}
		if (whence == SEEK_HOLE && (r < 0 || (uint64_t)r > size))
			r = (int64_t)size;
		base = 0;
		off = r;
		break;
	}
	default:
		inode_unlock_shared(ino);
		return -EINVAL;
	}
	inode_unlock_shared(ino);
	if (__builtin_add_overflow(base, off, &npos) || npos < 0)
		return -EINVAL;
	file_set_pos(f, (uint64_t)npos);
	return npos;
}

long file_lseek(struct file *f, int64_t off, int whence)
{
	if (f->ops->lseek)
		return f->ops->lseek(f, off, whence);
	if (!f->inode || S_ISFIFO(f->inode->mode))
		return -ESPIPE;
	return generic_file_lseek(f, off, whence, NULL);
}

int64_t vfs_fsize_room(uint64_t pos)
{
	struct process *p = process_current();
	uint64_t limit = p ? p->rlim[RLIMIT_FSIZE].rlim_cur : RLIM64_INFINITY;

	if (limit == RLIM64_INFINITY)
		return INT64_MAX;
	if (pos >= limit) {
		signal_send_thread(task_current(), SIGXFSZ, NULL);
		return -EFBIG;
	}
	return (int64_t)MIN(limit - pos, (uint64_t)INT64_MAX);
}

int generic_write_checks(struct file *f, struct uio *u, uint64_t *pos)
{
	int64_t room;

	if (f->flags & O_APPEND)
		*pos = f->inode->size;
	/* RLIMIT_FSIZE: a short write up to it, EFBIG and SIGXFSZ at it. */
	room = u->resid ? vfs_fsize_room(*pos) : INT64_MAX;
	if (room < 0)
		return (int)room;
	if (u->resid > (uint64_t)room)
		u->resid = (size_t)room;
	return 0;
}

void file_accessed(struct file *f)
{
	unsigned flags = f->mnt ? __atomic_load_n(&f->mnt->flags, __ATOMIC_RELAXED) : MS_RELATIME;

	/* Linux's touch_atime: O_NOATIME, the mount's rule, nothing on a read-only one. */
	if ((f->flags & O_NOATIME) || (flags & MS_NOATIME))
		return;
	if ((flags & MS_NODIRATIME) && S_ISDIR(f->inode->mode))
		return;
	if (f->mnt && vfs_mount_readonly(f->mnt))
		return;
	if (flags & MS_RELATIME)
		inode_accessed(f->inode);
	else
		f->inode->atime = vfs_now();	/* strictatime */
}

int noop_fsync(struct file *f __unused, bool datasync __unused)
{
	return 0;
}

void file_deny_write(struct file *f)
{
	/* A fork of an address space running f: it already refuses writers. */
	__atomic_sub_fetch(&f->inode->write_count, 1, __ATOMIC_ACQ_REL);
}

void file_allow_write(struct file *f)
{
	inode_allow_write_access(f->inode);
}

/* ---- for the kernel ------------------------------------------------------ */

int file_open_kernel(const char *path, int flags, unsigned mode, struct file **out)
{
	return vfs_open(NULL, path, flags, mode, out);
}

long file_read_kernel(struct file *f, void *buf, size_t len, uint64_t pos)
{
	struct uio u;

	uio_init_kernel(&u, buf, len);
	return file_pread(f, &u, pos);
}

bool file_has_pages(struct file *f)
{
	struct inode *ino = f->inode;

	return ino && S_ISREG(ino->mode) && ino->i_data.a_ops && file_readable(f);
}

uint64_t file_get_page(struct file *f, uint64_t index)
{
	struct inode *ino = f->inode;
	uint64_t frame = 0;

	if (!file_has_pages(f))
		return 0;
	/*
	 * Not under i_rwsem: a read or write holding it may fault on a page
	 * of a private mapping in its user buffer and come here. The size is
	 * read unlocked; a page a racing truncate drops stays valid through
	 * the reference get_page takes.
	 */
	/* A disk file system's page not cached yet is read in (its readpage). */
	if (index < ALIGN_UP(__atomic_load_n(&ino->size, __ATOMIC_RELAXED), PAGE_SIZE) / PAGE_SIZE &&
	    page_cache_get(&ino->i_data, index, false, &frame))
		frame = 0;
	return frame;
}

int file_getattr_kernel(struct file *f, uint64_t *size, unsigned *mode)
{
	if (!f->inode)
		return -EINVAL;
	inode_lock_shared(f->inode);
	*size = f->inode->size;
	*mode = f->inode->mode;
	inode_unlock_shared(f->inode);
	return 0;
}

int file_check_exec(struct file *f)
{
	int err;

	if (!f->inode || !S_ISREG(f->inode->mode))
		return -EACCES;		/* execve(2): not a regular file */
	if (f->mnt && (f->mnt->flags & MS_NOEXEC))
		return -EACCES;
	err = inode_permission(f->inode, MAY_EXEC, vfs_cred());
	return err;
}
