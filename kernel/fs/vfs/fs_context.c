/*
 * fs_context.c: a process's root, cwd and umask (chroot(2), chdir(2),
 * umask(2)), shared by CLONE_FS threads. Locking: fs_context.lock, a
 * spinlock, guards root and cwd (a reader copies and references them;
 * a writer swaps in a path referenced beforehand and puts the old one
 * after unlocking); umask is one word; ref is atomic.
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

static struct fs_context *fs_context_new(void)
{
	struct fs_context *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->ref = 1;
	spin_lock_init(&c->lock, "fs_context.lock");
	return c;
}

struct fs_context *fs_context_create(void)
{
	struct fs_context *c;

	if (!vfs_ready())
		return NULL;
	c = fs_context_new();
	if (!c)
		return NULL;
	c->umask = FS_CONTEXT_UMASK;
	vfs_root(&c->root);
	c->cwd = c->root;
	path_get(&c->cwd);
	return c;
}

struct fs_context *fs_context_clone(struct fs_context *src)
{
	struct fs_context *c = fs_context_new();

	if (!c)
		return NULL;
	c->umask = __atomic_load_n(&src->umask, __ATOMIC_RELAXED);
	fs_context_paths(src, &c->root, &c->cwd);
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
	path_put(&c->root);
	path_put(&c->cwd);
	kfree(c);
}

void fs_context_paths(struct fs_context *c, struct path *root, struct path *cwd)
{
	spin_lock(&c->lock);
	if (root) {
		*root = c->root;
		path_get(root);
	}
	if (cwd) {
		*cwd = c->cwd;
		path_get(cwd);
	}
	spin_unlock(&c->lock);
}

void fs_context_set(struct fs_context *c, bool root, const struct path *p)
{
	struct path old;

	spin_lock(&c->lock);
	if (root) {
		old = c->root;
		c->root = *p;
	} else {
		old = c->cwd;
		c->cwd = *p;
	}
	spin_unlock(&c->lock);
	path_put(&old);
}

void fs_context_current(struct path *root, struct path *cwd, unsigned *umask)
{
	struct fs_context *c = fs_context_of_current();

	if (c) {
		fs_context_paths(c, root, cwd);
		*umask = __atomic_load_n(&c->umask, __ATOMIC_RELAXED);
	} else {
		vfs_root(root);
		vfs_root(cwd);
		*umask = FS_CONTEXT_UMASK;
	}
}
