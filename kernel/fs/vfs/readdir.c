/*
 * readdir.c: getdents64(2) over a directory's file_ops.iterate. A
 * directory file's position is a cookie the file system chose: 0 is ".",
 * 1 is "..", and each entry's next position is stable, so entries added
 * or removed while a program reads the directory never make it repeat
 * or skip the others (readdir(3) leaves those two unspecified).
 * Locking: the directory's i_rwsem, shared, around the iterate.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <fs/notify/fsnotify.h>
#include <mm/mm.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

#define READDIR_REC_ALIGN	8
/* Header and the longest name with its NUL, aligned. */
#define READDIR_REC_MAX		ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1, \
					 READDIR_REC_ALIGN)

uint8_t vfs_dirent_type(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return DT_REG;
	case S_IFDIR: return DT_DIR;
	case S_IFLNK: return DT_LNK;
	case S_IFCHR: return DT_CHR;
	case S_IFBLK: return DT_BLK;
	case S_IFIFO: return DT_FIFO;
	case S_IFSOCK: return DT_SOCK;
	default: return DT_UNKNOWN;
	}
}

/* getdents64's actor: one linux_dirent64 record into the user's buffer. */
struct readdir_ctx {
	struct dir_context ctx;
	struct uio *u;
	bool full;		/* a record did not fit */
	int err;		/* -EFAULT */
	uint8_t rec[READDIR_REC_MAX];
};

static bool readdir_actor(struct dir_context *ctx, const char *name, size_t len,
			  uint64_t ino, unsigned dtype, uint64_t next)
{
	struct readdir_ctx *rc = (struct readdir_ctx *)ctx;
	struct linux_dirent64 *d = (struct linux_dirent64 *)rc->rec;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1,
				 READDIR_REC_ALIGN);
	long r;

	if (len > NAME_MAX || reclen > rc->u->resid) {
		rc->full = true;
		return false;
	}
	memset(rc->rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = (int64_t)next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = (uint8_t)dtype;
	memcpy(d->d_name, name, len);
	r = uio_copy_out(rc->u, rc->rec, reclen);
	if (r < 0) {
		rc->err = (int)r;
		return false;
	}
	return true;
}

long vfs_readdir(struct file *f, struct uio *u)
{
	struct readdir_ctx *rc;
	struct inode *dir = f->inode;
	size_t start = u->resid;
	bool dead;
	long r;
	int err;

	if (!dir || !S_ISDIR(dir->mode) || !f->ops->iterate)
		return -ENOTDIR;
	rc = kzalloc(sizeof(*rc));
	if (!rc)
		return -ENOMEM;
	rc->ctx.actor = readdir_actor;
	rc->ctx.pos = f->pos;
	rc->u = u;
	inode_lock_shared(dir);
	dead = dentry_is_dead(f->dentry);
	err = dead ? 0 : f->ops->iterate(f, &rc->ctx);
	if (start != u->resid)
		file_accessed(f);
	inode_unlock_shared(dir);
	f->pos = rc->ctx.pos;
	if (!dead)
		fsnotify_file(f, IN_ACCESS);	/* inotify, as Linux's iterate_dir */
	if (start != u->resid)
		r = (long)(start - u->resid);
	else if (rc->err)
		r = rc->err;
	else if (err)
		r = err;
	else if (rc->full)
		r = -EINVAL;		/* getdents(2): buffer too small */
	else
		r = 0;
	kfree(rc);
	return r;
}
