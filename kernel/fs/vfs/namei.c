/*
 * namei.c: path resolution as path_resolution(7) describes it: components
 * are looked up one by one from the root (absolute paths) or the start
 * directory, each directory on the way needs search (x) permission, "."
 * stays, ".." climbs but never above the process's root and crosses
 * mount points, and symbolic links are expanded in place (at most
 * SYMLOOP_MAX of them per lookup, then ELOOP). The last component's link
 * is followed only with LOOKUP_FOLLOW or a trailing slash.
 *
 * Each component comes from the dentry cache, or on a miss from the
 * directory's lookup (dentry.c); the walk holds a reference on where it
 * is, so no lock is held between components. Expansion is iterative:
 * the remaining path becomes "target" + "rest" in one of two PATH_MAX
 * buffers, so nested links use no stack. Magic links (get_link giving a
 * jump: /proc/PID/fd/N) are not text: the walk jumps to the path they
 * give, an open file's even if it was unlinked.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

#define PATH_SEP	'/'

/* Moves the walk to next (whose references it takes over). */
static void namei_step(struct path *cur, struct path next)
{
	path_put(cur);
	*cur = next;
}

/* "..": up one level, not above root, leaving mounts through their mountpoint. */
static void namei_dotdot(struct path *cur, const struct path *root)
{
	struct path next;

	for (;;) {
		if (path_equal(cur, root))
			return;
		if (cur->dentry != cur->mnt->root)
			break;
		/* "/.." is "/", and a detached mount's root stays its own ".." */
		if (!vfs_mount_parent_path(cur->mnt, &next))
			return;
		namei_step(cur, next);
	}
	next.mnt = cur->mnt;
	next.dentry = cur->dentry->parent;
	path_get(&next);
	namei_step(cur, next);
	vfs_follow_mounts(cur);
}

/* Replaces the rest of the walk with target + rest; the new walk position. */
static int namei_expand(struct nameidata *nd, const char *target, const char *rest,
			const char **p)
{
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

int vfs_get_link(struct dentry *d, struct vfs_link *out)
{
	struct inode *ino = d->inode;

	memset(out, 0, sizeof(*out));
	if (!ino || !S_ISLNK(ino->mode) || !ino->i_op || !ino->i_op->get_link)
		return -EINVAL;
	return ino->i_op->get_link(d, out);
}

void vfs_link_done(struct vfs_link *l)
{
	if (l->text_owned)
		kfree((void *)l->text);
	if (l->jump.dentry)
		path_put(&l->jump);
	memset(l, 0, sizeof(*l));
}

/*
 * The start of a walk: root and the start directory, referenced: the
 * root itself for an absolute path, else start or the cwd.
 */
static void namei_start(struct nameidata *nd, const struct path *start, bool absolute,
			struct path *cur)
{
	struct fs_context *c = fs_context_of_current();

	if (!c) {
		vfs_root(&nd->root);
	} else {
		fs_context_paths(c, &nd->root, absolute || start ? NULL : cur);
	}
	if (absolute || (!c && !start)) {
		*cur = nd->root;
		path_get(cur);
	} else if (start) {
		*cur = *start;
		path_get(cur);
	}
}

int vfs_lookup(struct nameidata *nd, const struct path *start, const char *path,
	       unsigned flags)
{
	const struct cred *cred = vfs_cred();
	struct path cur;
	const char *p = path;
	unsigned links = 0;
	int err;

	memset(nd, 0, sizeof(*nd));
	if (!vfs_ready())
		return -ENOENT;
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	namei_start(nd, start, *p == PATH_SEP, &cur);
	/* From here on nd->path holds the walk's references, for vfs_lookup_done. */
	nd->path = cur;
	if (*path == '\0') {
		if (!(flags & LOOKUP_EMPTY))
			return -ENOENT;
		nd->last_type = LAST_ROOT;
		goto done;
	}
	nd->last_type = LAST_ROOT;
	for (;;) {
		const char *name;
		size_t n = vfs_path_next(&p, &name);
		bool last, slash;
		struct dentry *child;
		struct vfs_link link;
		struct path next;

		if (n == 0)
			break;
		last = vfs_path_at_end(p);
		slash = *p == PATH_SEP;
		if (!S_ISDIR(nd->path.dentry->inode->mode))
			return -ENOTDIR;
		err = inode_permission(nd->path.dentry->inode, MAY_EXEC, cred);
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
			namei_dotdot(&nd->path, &nd->root);
			continue;
		}
		err = dentry_lookup(nd->path.dentry, name, n, &child);
		if (err)
			return err;
		if (!child->inode) {
			dentry_put(child);
			return -ENOENT;
		}
		/* The common step: a child in the same mount, not a link to follow. */
		if (!vfs_is_mountpoint(child) && (!S_ISLNK(child->inode->mode) ||
						  (last && !slash && !(flags & LOOKUP_FOLLOW)))) {
			dentry_put(nd->path.dentry);
			nd->path.dentry = child;
			continue;
		}
		next.mnt = vfs_mount_get(nd->path.mnt);
		next.dentry = child;
		vfs_follow_mounts(&next);
		if (!S_ISLNK(next.dentry->inode->mode) ||
		    (last && !slash && !(flags & LOOKUP_FOLLOW))) {
			namei_step(&nd->path, next);
			continue;
		}
		if (++links > SYMLOOP_MAX) {
			path_put(&next);
			return -ELOOP;
		}
		err = vfs_get_link(next.dentry, &link);
		path_put(&next);
		if (err)
			return err;
		if (link.jump.dentry) {
			/*
			 * A magic link jumps to the open file itself, without
			 * the permission checks a lookup of its name would
			 * need (Linux's nd_jump_link); the walk goes on there.
			 */
			namei_step(&nd->path, link.jump);
			link.jump.dentry = NULL;
			vfs_link_done(&link);
			continue;
		}
		err = namei_expand(nd, link.text, p, &p);
		vfs_link_done(&link);
		if (err)
			return err;
		if (*p == PATH_SEP) {
			path_get(&nd->root);
			namei_step(&nd->path, nd->root);
		}
	}
done:
	if (flags & LOOKUP_PARENT)
		return S_ISDIR(nd->path.dentry->inode->mode) ? 0 : -ENOTDIR;
	if ((nd->trailing_slash || (flags & LOOKUP_DIRECTORY)) &&
	    !S_ISDIR(nd->path.dentry->inode->mode))
		return -ENOTDIR;
	return 0;
}

void vfs_lookup_done(struct nameidata *nd)
{
	if (nd->path.dentry)
		path_put(&nd->path);
	if (nd->root.dentry)
		path_put(&nd->root);
	nd->path.dentry = nd->root.dentry = NULL;
	nd->path.mnt = nd->root.mnt = NULL;
	kfree(nd->buf);
	kfree(nd->buf2);
	nd->buf = nd->buf2 = NULL;
}

int vfs_lookup_path(const char *path, unsigned flags, struct path *out)
{
	struct nameidata nd;
	int err;

	err = vfs_lookup(&nd, NULL, path, flags);
	if (!err) {
		*out = nd.path;
		path_get(out);
	}
	vfs_lookup_done(&nd);
	return err;
}

int vfs_lookup_child(const struct path *dir, const char *name, size_t len,
		     struct dentry **out)
{
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	return dentry_lookup(dir->dentry, name, len, out);
}
