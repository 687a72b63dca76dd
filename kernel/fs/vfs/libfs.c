/*
 * libfs.c: what memory file systems share (Linux's fs/libfs.c): their
 * dentries are their directories, so a lookup that misses the cache is
 * "no such name", readdir walks the cached children, and creating or
 * removing a name is counting links and pinning or unpinning dentries.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define LIBFS_POS_DOT		0
#define LIBFS_POS_DOTDOT	1

int simple_lookup(struct inode *dir __unused, struct dentry *d __unused)
{
	return 0;		/* negative: the cache has every name there is */
}

bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *d = f->dentry;

	if (ctx->pos == LIBFS_POS_DOT &&
	    !dir_emit(ctx, ".", 1, d->inode->ino, DT_DIR, LIBFS_POS_DOTDOT))
		return false;
	if (ctx->pos == LIBFS_POS_DOTDOT &&
	    !dir_emit(ctx, "..", 2, d->parent->inode->ino, DT_DIR, LIBFS_POS_DOTDOT + 1))
		return false;
	return true;
}

int dcache_iterate(struct file *f, struct dir_context *ctx, bool pinned_only)
{
	struct dentry *dir = f->dentry;

	if (!dir_emit_dots(f, ctx))
		return 0;
	/*
	 * The children list changes only under the directory's i_rwsem for
	 * writing (dentry.c), which the caller holds shared; the shrinker
	 * may still free unused children meanwhile, so the walk holds a
	 * reference on the child it stands on (dentry_next_child).
	 */
	for (struct dentry *prev = NULL;;) {
		struct dentry *c = dentry_next_child(dir, prev, ctx->pos, pinned_only);

		if (prev)
			dentry_put(prev);
		if (!c)
			return 0;
		prev = c;
		if (!dir_emit(ctx, c->name, c->name_len, c->inode->ino,
			      vfs_dirent_type(c->inode->mode), c->cookie + 1)) {
			dentry_put(c);
			return 0;
		}
	}
}

long simple_dir_lseek(struct file *f, int64_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	if (whence == SEEK_CUR)
		off += (int64_t)f->pos;
	if (off < 0)
		return -EINVAL;
	__atomic_store_n(&f->pos, (uint64_t)off, __ATOMIC_RELAXED);
	return off;
}

static long simple_dir_read(struct file *f __unused, struct uio *u __unused,
			    uint64_t *pos __unused)
{
	return -EISDIR;
}

static int simple_dir_iterate(struct file *f, struct dir_context *ctx)
{
	return dcache_iterate(f, ctx, false);
}

const struct file_ops simple_dir_file_ops = {
	.read = simple_dir_read,
	.write = simple_dir_read,
	.lseek = simple_dir_lseek,
	.iterate = simple_dir_iterate,
	.fsync = noop_fsync,
};

void simple_link_new(struct inode *dir, struct dentry *d, struct inode *ino)
{
	ino->nlink++;
	if (S_ISDIR(ino->mode)) {
		ino->nlink++;			/* its "." */
		dir->nlink++;			/* its ".." */
	}
	inode_touch(dir, true);
	if (!S_ISDIR(ino->mode))
		inode_touch(ino, false);
	dentry_instantiate(d, ino);
	dentry_pin(d);
}

void simple_unlink_name(struct inode *dir, struct dentry *d)
{
	struct inode *ino = d->inode;

	if (S_ISDIR(ino->mode)) {
		ino->nlink = 0;
		dir->nlink--;
	} else if (ino->nlink) {
		ino->nlink--;
	}
	inode_touch(dir, true);
	inode_touch(ino, false);
	dentry_delete(d);
}

int simple_rename(struct inode *odir, struct dentry *old, struct inode *ndir,
		  struct dentry *new, unsigned flags)
{
	struct inode *ino = old->inode;
	bool isdir = S_ISDIR(ino->mode);

	if (flags & RENAME_EXCHANGE) {
		bool newdir = S_ISDIR(new->inode->mode);

		if (odir != ndir && isdir != newdir) {
			/* A directory and a file swap: the ".." counts move. */
			if (isdir) {
				odir->nlink--;
				ndir->nlink++;
			} else {
				ndir->nlink--;
				odir->nlink++;
			}
		}
		inode_touch(odir, true);
		inode_touch(ndir, true);
		inode_touch(ino, false);
		inode_touch(new->inode, false);
		return 0;
	}
	if (new->inode) {
		struct inode *victim = new->inode;

		if (S_ISDIR(victim->mode)) {
			victim->nlink = 0;
			ndir->nlink--;		/* its ".." goes */
		} else if (victim->nlink) {
			victim->nlink--;
		}
		inode_touch(victim, false);
	}
	if (isdir && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
	}
	inode_touch(odir, true);
	inode_touch(ndir, true);
	inode_touch(ino, false);
	return 0;
}

int simple_get_link(struct dentry *d, struct vfs_link *out)
{
	if (!d->inode->data)
		return -ENOENT;
	out->text = d->inode->data;	/* fixed for the inode's life; d holds it */
	out->text_owned = false;
	return 0;
}
