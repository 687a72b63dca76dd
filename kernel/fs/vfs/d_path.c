/*
 * d_path.c: the name of a path, as Linux's d_path: the names of the
 * dentries from it up to the reader's root, crossing mount points
 * upwards through each mount's mountpoint. Locking: dcache_lock, taken
 * by path_name_walk's helper in dentry.c for the whole walk, so that a
 * rename cannot change a parent or a name half way; a mount's parent
 * and mountpoint never change while the mount lives.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <uapi/errno.h>

long path_name(const struct path *p, const struct path *root, char *buf, size_t size)
{
	if (dentry_is_dead(p->dentry))
		return -ENOENT;
	return path_name_any(p, root, buf, size);
}

/* The walk itself (dcache_lock held by dentry_name_walk). */
static long d_path_walk(const struct path *p, const struct path *root, char *buf,
			size_t size)
{
	struct path cur = *p;
	size_t pos = size;

	buf[--pos] = '\0';
	while (!path_equal(&cur, root)) {
		struct dentry *d = cur.dentry;

		if (d == cur.mnt->root || d->parent == d) {
			/*
			 * Outside the caller's root (a chroot) or in a detached
			 * mount: Linux says "(unreachable)", which libc's
			 * getcwd turns into ENOENT; say ENOENT at once.
			 */
			if (d != cur.mnt->root || !cur.mnt->parent || !cur.mnt->attached)
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

long path_name_any(const struct path *p, const struct path *root, char *buf, size_t size)
{
	const struct dentry_operations *op = p->dentry->d_op;

	if (size == 0)
		return -ERANGE;
	if (op && op->dname)
		return op->dname(p->dentry, buf, size);
	return dentry_name_walk(d_path_walk, p, root, buf, size);
}
