/*
 * readdir.c: getdents64(2) on the dentry tree. A directory file's
 * position is a cookie: 0 is ".", 1 is "..", and each child has the
 * increasing cookie it got when it was linked, so entries added or
 * removed while a program reads the directory never make it repeat or
 * skip the others (readdir(3) leaves those two unspecified).
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

#define READDIR_POS_DOT		0
#define READDIR_POS_DOTDOT	1
#define READDIR_REC_ALIGN	8
/* Header and the longest name with its NUL, aligned. */
#define READDIR_REC_MAX		ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1, \
					 READDIR_REC_ALIGN)

static uint8_t readdir_type(unsigned mode)
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

/* Emits one record; 1 if it did not fit, 0, or -EFAULT. */
static int readdir_emit(struct uio *u, uint8_t *rec, uint64_t ino, uint64_t next,
			unsigned mode, const char *name, size_t len)
{
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1,
				 READDIR_REC_ALIGN);
	long r;

	if (reclen > u->resid)
		return 1;
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = (int64_t)next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = readdir_type(mode);
	memcpy(d->d_name, name, len);
	r = uio_copy_out(u, rec, reclen);
	return r < 0 ? (int)r : 0;
}

long vfs_readdir(struct file *f, struct uio *u)
{
	uint8_t rec[READDIR_REC_MAX];
	struct dentry *dir = f->dentry;
	size_t start = u->resid;
	uint64_t pos = f->pos;
	struct list_node *n;
	int r = 0;

	if (!f->inode || !S_ISDIR(f->inode->mode) || !dir)
		return -ENOTDIR;
	mutex_lock(&vfs_lock);
	if (dir->dead)
		goto out;
	if (dir->inode->sb->ops->refresh_dir)
		dir->inode->sb->ops->refresh_dir(dir);
	if (pos == READDIR_POS_DOT) {
		r = readdir_emit(u, rec, dir->inode->ino, pos + 1, S_IFDIR, ".", 1);
		if (r)
			goto out;
		pos++;
	}
	if (pos == READDIR_POS_DOTDOT) {
		r = readdir_emit(u, rec, dir->parent->inode->ino, pos + 1, S_IFDIR, "..", 2);
		if (r)
			goto out;
		pos++;
	}
	list_for_each(n, &dir->children) {
		struct dentry *c = list_entry(n, struct dentry, sibling);

		if (c->cookie < pos)
			continue;
		r = readdir_emit(u, rec, c->inode->ino, c->cookie + 1, c->inode->mode,
				 c->name, c->name_len);
		if (r)
			goto out;
		pos = c->cookie + 1;
	}
out:
	if (start != u->resid)
		inode_accessed(dir->inode);
	mutex_unlock(&vfs_lock);
	f->pos = pos;
	if (r < 0 && start == u->resid)
		return r;
	if (r == 1 && start == u->resid)
		return -EINVAL;		/* getdents(2): buffer too small */
	return (long)(start - u->resid);
}
