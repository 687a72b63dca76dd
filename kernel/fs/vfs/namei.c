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
 *
 * openat2(2)'s resolve flags restrict the walk as Linux's fs/namei.c
 * does: LOOKUP_NO_SYMLINKS makes every link followed -ELOOP,
 * LOOKUP_NO_MAGICLINKS every magic link; LOOKUP_NO_XDEV makes crossing a
 * mount (down, up through "..", or by an absolute link or a magic link
 * to another mount) -EXDEV; LOOKUP_BENEATH and LOOKUP_IN_ROOT scope the
 * walk to a directory (the "scope": ".." and absolute paths stop there),
 * BENEATH failing with -EXDEV where the walk would leave it, IN_ROOT
 * treating it as "/"; magic links are -EXDEV in a scoped walk (Linux's
 * nd_jump_link). LOOKUP_CACHED uses the dentry cache only: a miss is
 * -EAGAIN.
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

/*
 * "..": up one level, not above root, leaving mounts through their
 * mountpoint. At root LOOKUP_BENEATH is -EXDEV (Linux's follow_dotdot
 * "in_root"), and leaving a mount is -EXDEV with LOOKUP_NO_XDEV.
 */
static int namei_dotdot(struct path *cur, const struct path *root, unsigned flags)
{
	struct path next;

	for (;;) {
		if (path_equal(cur, root))
			return flags & LOOKUP_BENEATH ? -EXDEV : 0;
		if (cur->dentry != cur->mnt->root)
			break;
		/* "/.." is "/", and a detached mount's root stays its own ".." */
		if (!vfs_mount_parent_path(cur->mnt, &next))
			return flags & LOOKUP_BENEATH ? -EXDEV : 0;
		namei_step(cur, next);
		if (flags & LOOKUP_NO_XDEV)
			return -EXDEV;
	}
	next.mnt = cur->mnt;
	next.dentry = cur->dentry->parent;
	path_get(&next);
	namei_step(cur, next);
	next = *cur;
	vfs_follow_mounts(cur);
	return (flags & LOOKUP_NO_XDEV) && cur->mnt != next.mnt ? -EXDEV : 0;
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
 * root itself for an absolute path, else start or the cwd. A scoped walk
 * (scope not NULL) has the scope as its root.
 */
static void namei_start(struct nameidata *nd, const struct path *start,
			const struct path *scope, bool absolute, struct path *cur)
{
	struct fs_context *c = fs_context_of_current();

	if (scope) {
		/* openat2 resolves "/" to the scope: the walk starts there or at start. */
		nd->root = *scope;
		path_get(&nd->root);
		*cur = absolute || !start ? *scope : *start;
		path_get(cur);
		return;
	}
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

/*
 * Jumping to the target of a magic link (Linux's nd_jump_link): refused
 * with -ELOOP under LOOKUP_NO_MAGICLINKS, -EXDEV to another mount under
 * LOOKUP_NO_XDEV and always in a scoped walk.
 */
static int namei_jump_allowed(const struct nameidata *nd, const struct path *to,
			      unsigned flags)
{
	if (flags & LOOKUP_NO_MAGICLINKS)
		return -ELOOP;
	if ((flags & LOOKUP_NO_XDEV) && to->mnt != nd->path.mnt)
		return -EXDEV;
	return flags & LOOKUP_SCOPED ? -EXDEV : 0;
}

/*
 * A jump to the root: an absolute path a link gave, or the start of an
 * absolute path resumed from a directory (Linux's nd_jump_root): -EXDEV
 * under LOOKUP_BENEATH, and under LOOKUP_NO_XDEV when the root is in
 * another mount.
 */
static int namei_root_allowed(const struct nameidata *nd, const struct path *from,
			      unsigned flags)
{
	if (flags & LOOKUP_BENEATH)
		return -EXDEV;
	if ((flags & LOOKUP_NO_XDEV) && from && from->mnt != nd->root.mnt)
		return -EXDEV;
	return 0;
}

int vfs_lookup(struct nameidata *nd, const struct path *start, const char *path,
	       unsigned flags)
{
	return vfs_lookup_scoped(nd, start, NULL, path, flags);
}

int vfs_lookup_scoped(struct nameidata *nd, const struct path *start,
		      const struct path *scope, const char *path, unsigned flags)
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
	if (!scope)
		flags &= ~LOOKUP_SCOPED;
	namei_start(nd, start, scope, *p == PATH_SEP, &cur);
	/* From here on nd->path holds the walk's references, for vfs_lookup_done. */
	nd->path = cur;
	if (*p == PATH_SEP) {
		err = namei_root_allowed(nd, start, flags);
		if (err)
			return err;
	}
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
			err = namei_dotdot(&nd->path, &nd->root, flags);
			if (err)
				return err;
			continue;
		}
		if (flags & LOOKUP_CACHED) {
			child = dentry_lookup_cached(nd->path.dentry, name, n);
			if (!child)
				return -EAGAIN;
		} else {
			err = dentry_lookup(nd->path.dentry, name, n, &child);
			if (err)
				return err;
		}
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
		if ((flags & LOOKUP_NO_XDEV) && next.mnt != nd->path.mnt) {
			path_put(&next);
			return -EXDEV;
		}
		if (!S_ISLNK(next.dentry->inode->mode) ||
		    (last && !slash && !(flags & LOOKUP_FOLLOW))) {
			namei_step(&nd->path, next);
			continue;
		}
		if (++links > SYMLOOP_MAX || (flags & LOOKUP_NO_SYMLINKS)) {
			path_put(&next);
			return -ELOOP;
		}
		err = vfs_get_link(next.dentry, &link);
		path_put(&next);
		if (err)
			return err;
		if (link.jump.dentry) {
			err = namei_jump_allowed(nd, &link.jump, flags);
			if (err) {
				vfs_link_done(&link);
				return err;
			}
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
			err = namei_root_allowed(nd, &nd->path, flags);
			if (err)
				return err;
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
