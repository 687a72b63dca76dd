/*
 * fs_context.c: a process's root, cwd and umask (chroot(2), chdir(2),
 * umask(2)), shared by CLONE_FS threads. Locking: the paths and their
 * references under vfs_lock; ref is atomic.
 */
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>

#define FS_CONTEXT_UMASK	022	/* Linux's default for init */

struct fs_context *fs_context_of_current(void)
{
	struct process *p = process_current();

	return p ? p->fs : NULL;
}

struct fs_context *fs_context_create(void)
{
	struct fs_context *c;

	if (!vfs_ready())
		return NULL;
	c = kzalloc(sizeof(*c));
	if (!c)
		return NULL;
	c->ref = 1;
	c->umask = FS_CONTEXT_UMASK;
	mutex_lock(&vfs_lock);
	vfs_root(&c->root);
	c->cwd = c->root;
	path_get(&c->cwd);
	mutex_unlock(&vfs_lock);
	return c;
}

struct fs_context *fs_context_clone(struct fs_context *src)
{
	struct fs_context *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->ref = 1;
	mutex_lock(&vfs_lock);
	c->umask = src->umask;
	c->root = src->root;
	c->cwd = src->cwd;
	path_get(&c->root);
	path_get(&c->cwd);
	mutex_unlock(&vfs_lock);
	return c;
}

void fs_context_get(struct fs_context *c)
{
	__atomic_add_fetch(&c->ref, 1, __ATOMIC_RELAXED);
}

void fs_context_put(struct fs_context *c)
{
	if (!c)
		return;
	/* Acquire-release: the last put sees every other user's writes. */
	if (__atomic_sub_fetch(&c->ref, 1, __ATOMIC_ACQ_REL))
		return;
	mutex_lock(&vfs_lock);
	path_put(&c->root);
	path_put(&c->cwd);
	mutex_unlock(&vfs_lock);
	kfree(c);
}

void fs_context_current(struct path *root, struct path *cwd, unsigned *umask)
{
	struct fs_context *c = fs_context_of_current();

	if (c) {
		*root = c->root;
		*cwd = c->cwd;
		*umask = c->umask;
		path_get(root);
		path_get(cwd);
	} else {
		vfs_root(root);
		vfs_root(cwd);
		*umask = FS_CONTEXT_UMASK;
	}
}
