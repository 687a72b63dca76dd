/*
 * dentry.c: the name tree. In Basalt's memory file systems a directory's
 * entries are exactly its dentry's children (vfs.h), so linking and
 * unlinking here is creating and removing directory entries, with the
 * link counts stat(2) reports. Locking: vfs_lock.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

/* Cookies 0 and 1 are "." and ".." in readdir (readdir.c). */
#define DENTRY_FIRST_COOKIE	2

static struct dentry *dentry_new(const char *name, size_t len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->name = kmalloc(len + 1);
	if (!d->name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->name_len = len;
	d->ref = 1;		/* the tree's */
	d->next_cookie = DENTRY_FIRST_COOKIE;
	list_init(&d->children);
	list_init(&d->sibling);
	return d;
}

struct dentry *dentry_alloc_root(struct inode *ino)
{
	struct dentry *d = dentry_new("/", 1);

	if (!d)
		return NULL;
	d->parent = d;
	d->inode = ino;
	ino->nlink = 2;
	return d;
}

struct dentry *dentry_find(struct dentry *dir, const char *name, size_t len)
{
	if (dir->inode && dir->inode->sb && dir->inode->sb->ops->refresh_dir)
		dir->inode->sb->ops->refresh_dir(dir);
	return dentry_find_cached(dir, name, len);
}

struct dentry *dentry_find_cached(struct dentry *dir, const char *name, size_t len)
{
	struct list_node *n;

	list_for_each(n, &dir->children) {
		struct dentry *c = list_entry(n, struct dentry, sibling);

		if (c->name_len == len && !memcmp(c->name, name, len))
			return c;
	}
	return NULL;
}

struct dentry *dentry_link(struct dentry *dir, const char *name, size_t len,
			   struct inode *ino)
{
	struct dentry *d = dentry_new(name, len);

	if (!d)
		return NULL;
	d->parent = dir;
	dentry_get(dir);
	d->inode = ino;
	inode_get(ino);
	d->cookie = dir->next_cookie++;
	list_add_tail(&dir->children, &d->sibling);
	ino->nlink++;
	if (S_ISDIR(ino->mode)) {
		ino->nlink++;			/* its "." */
		dir->inode->nlink++;		/* its ".." */
	}
	inode_touch(dir->inode, true);
	if (!S_ISDIR(ino->mode))
		inode_touch(ino, false);
	return d;
}

void dentry_unlink(struct dentry *d)
{
	struct inode *ino = d->inode;

	list_del(&d->sibling);
	list_init(&d->sibling);
	d->dead = true;
	if (S_ISDIR(ino->mode)) {
		ino->nlink = 0;
		d->parent->inode->nlink--;
	} else if (ino->nlink) {
		ino->nlink--;
	}
	inode_touch(d->parent->inode, true);
	inode_touch(ino, false);
	dentry_put(d);			/* the tree's reference */
}

void dentry_get(struct dentry *d)
{
	d->ref++;
}

void dentry_put(struct dentry *d)
{
	while (d && --d->ref == 0) {
		struct dentry *parent = d->parent != d ? d->parent : NULL;

		inode_put(d->inode);
		kfree(d->name);
		kfree(d);
		d = parent;
	}
}

void path_get(const struct path *p)
{
	vfs_mount_get(p->mnt);
	dentry_get(p->dentry);
}

void path_put(const struct path *p)
{
	dentry_put(p->dentry);
	vfs_mount_put(p->mnt);
}

bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

long path_name(const struct path *p, const struct path *root, char *buf, size_t size)
{
	if (p->dentry->dead)
		return -ENOENT;
	return path_name_any(p, root, buf, size);
}

long path_name_any(const struct path *p, const struct path *root, char *buf, size_t size)
{
	struct path cur = *p;
	size_t pos = size;

	if (size == 0)
		return -ERANGE;
	if (p->dentry->inode->sb->ops->dname)
		return p->dentry->inode->sb->ops->dname(p->dentry, buf, size);
	buf[--pos] = '\0';
	while (!path_equal(&cur, root)) {
		struct dentry *d = cur.dentry;

		if (d == cur.mnt->root) {
			/*
			 * Outside the caller's root (a chroot) or in a detached
			 * mount: Linux says "(unreachable)", which libc's
			 * getcwd turns into ENOENT; say ENOENT at once.
			 */
			if (!cur.mnt->parent || !cur.mnt->attached)
				return -ENOENT;
			cur.dentry = cur.mnt->mountpoint;
			cur.mnt = cur.mnt->parent;
			continue;
		}
		if (pos < d->name_len + 1)
			return -ERANGE;
		pos -= d->name_len;
		memcpy(buf + pos, d->name, d->name_len);
		buf[--pos] = '/';
		cur.dentry = d->parent;
	}
	if (pos == size - 1) {
		if (pos == 0)
			return -ERANGE;
		buf[--pos] = '/';
	}
	memmove(buf, buf + pos, size - pos);
	return (long)(size - pos - 1);
}
