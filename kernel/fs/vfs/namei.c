/*
 * namei.c: path resolution as path_resolution(7) describes it: components
 * are looked up one by one from the root (absolute paths) or the start
 * directory, each directory on the way needs search (x) permission, "."
 * stays, ".." climbs but never above the process's root and crosses
 * mount points, and symbolic links are expanded in place (at most
 * SYMLOOP_MAX of them per lookup, then ELOOP). The last component's link
 * is followed only with LOOKUP_FOLLOW or a trailing slash.
 *
 * Expansion is iterative: the remaining path becomes "target" + "rest"
 * in one of two PATH_MAX buffers, so nested links use no stack. Magic
 * links (super_ops.get_link: /proc/PID/fd/N) are not text: the walk
 * jumps to the path they give, an open file's even if it was unlinked.
 * Locking: the caller holds vfs_lock; results are unreferenced.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

#define PATH_SEP	'/'

/* The root and cwd of the current process, unreferenced (locked). */
static void namei_context(struct path *root, struct path *cwd)
{
	struct fs_context *c = fs_context_of_current();

	if (c) {
		*root = c->root;
		*cwd = c->cwd;
	} else {
		root->mnt = cwd->mnt = NULL;
		vfs_root(root);
		path_put(root);		/* the root mount keeps it alive */
		*cwd = *root;
	}
}

/* "..": up one level, not above root, leaving mounts through their mountpoint. */
static void namei_dotdot(struct path *cur, const struct path *root)
{
	for (;;) {
		if (path_equal(cur, root))
			return;
		if (cur->dentry != cur->mnt->root)
			break;
		if (!cur->mnt->parent)
			return;			/* "/.." is "/" */
		cur->dentry = cur->mnt->mountpoint;
		cur->mnt = cur->mnt->parent;
	}
	cur->dentry = cur->dentry->parent;
	vfs_follow_mounts(cur);
}

/* Replaces the rest of the walk with target + rest; the new walk position. */
static int namei_expand(struct nameidata *nd, const struct inode *link,
			const char *rest, const char **p)
{
	const char *target = link->data;
	size_t tlen = target ? strlen(target) : 0, rlen = strlen(rest);
	char *dst;

	if (tlen == 0)
		return -ENOENT;
	if (tlen + rlen + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	if (!nd->buf) {
		nd->buf = kmalloc(PATH_MAX);
		nd->buf2 = kmalloc(PATH_MAX);
		if (!nd->buf || !nd->buf2)
			return -ENOMEM;
	}
	/* rest may lie in nd->buf: build in the other buffer, then swap. */
	dst = nd->buf2;
	memcpy(dst, target, tlen);
	memcpy(dst + tlen, rest, rlen + 1);
	nd->buf2 = nd->buf;
	nd->buf = dst;
	*p = dst;
	return 0;
}

int vfs_get_link(struct dentry *d, struct path *out)
{
	const struct super_ops *ops = d->inode->sb->ops;

	return ops->get_link ? ops->get_link(d, out) : 1;
}

int vfs_lookup(struct nameidata *nd, const struct path *start, const char *path,
	       unsigned flags)
{
	const struct cred *cred = vfs_cred();
	struct path cwd, cur;
	const char *p = path;
	unsigned links = 0;
	int err;

	memset(nd, 0, sizeof(*nd));
	if (!vfs_ready())
		return -ENOENT;
	namei_context(&nd->root, &cwd);
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	cur = start ? *start : cwd;
	if (*path == '\0') {
		if (!(flags & LOOKUP_EMPTY))
			return -ENOENT;
		nd->last_type = LAST_ROOT;
		goto done;
	}
	if (*p == PATH_SEP)
		cur = nd->root;
	nd->last_type = LAST_ROOT;
	for (;;) {
		const char *name;
		size_t n = vfs_path_next(&p, &name);
		bool last, slash;
		struct dentry *child;
		struct path next;

		if (n == 0)
			break;
		last = vfs_path_at_end(p);
		slash = *p == PATH_SEP;
		if (!S_ISDIR(cur.dentry->inode->mode))
			return -ENOTDIR;
		err = inode_permission(cur.dentry->inode, MAY_EXEC, cred);
		if (err)
			return err;
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
		if (last && (flags & LOOKUP_PARENT)) {
			nd->last = name;
			nd->last_len = n;
			nd->trailing_slash = slash;
			nd->last_type = vfs_path_is_dot(name, n) ? LAST_DOT :
					vfs_path_is_dotdot(name, n) ? LAST_DOTDOT :
					LAST_NORM;
			break;
		}
		if (last)
			nd->trailing_slash = slash;
		if (vfs_path_is_dot(name, n))
			continue;
		if (vfs_path_is_dotdot(name, n)) {
			namei_dotdot(&cur, &nd->root);
			continue;
		}
		child = dentry_find(cur.dentry, name, n);
		if (!child)
			return -ENOENT;
		next.mnt = cur.mnt;
		next.dentry = child;
		vfs_follow_mounts(&next);
		if (S_ISLNK(next.dentry->inode->mode) &&
		    (!last || slash || (flags & LOOKUP_FOLLOW))) {
			if (++links > SYMLOOP_MAX)
				return -ELOOP;
			/*
			 * A magic link jumps to the open file itself, without
			 * the permission checks a lookup of its name would
			 * need (Linux's nd_jump_link); the walk goes on there.
			 */
			err = vfs_get_link(next.dentry, &next);
			if (err < 0)
				return err;
			if (err == 0) {
				cur = next;
				continue;
			}
			err = namei_expand(nd, next.dentry->inode, p, &p);
			if (err)
				return err;
			if (*p == PATH_SEP)
				cur = nd->root;
			continue;
		}
		cur = next;
	}
done:
	nd->path = cur;
	if (flags & LOOKUP_PARENT)
		return S_ISDIR(cur.dentry->inode->mode) ? 0 : -ENOTDIR;
	if ((nd->trailing_slash || (flags & LOOKUP_DIRECTORY)) &&
	    !S_ISDIR(cur.dentry->inode->mode))
		return -ENOTDIR;
	return 0;
}

void vfs_lookup_done(struct nameidata *nd)
{
	kfree(nd->buf);
	kfree(nd->buf2);
	nd->buf = nd->buf2 = NULL;
}

int vfs_lookup_path(const char *path, unsigned flags, struct path *out)
{
	struct nameidata nd;
	int err;

	mutex_lock(&vfs_lock);
	err = vfs_lookup(&nd, NULL, path, flags);
	if (!err) {
		*out = nd.path;
		path_get(out);
	}
	vfs_lookup_done(&nd);
	mutex_unlock(&vfs_lock);
	return err;
}
