/*
 * cwd.c: the current process's working directory and root: chdir(2),
 * fchdir(2), chroot(2) (root only, as CAP_SYS_CHROOT), getcwd(2) and
 * umask(2). Locking: the fs_context paths under vfs_lock.
 */
#include <fs/vfs.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define CWD_UMASK_BITS	0777

/* Replaces *slot with p after the checks for a directory (locked). */
static int cwd_set(struct path *slot, const struct path *p)
{
	int err;

	if (!S_ISDIR(p->dentry->inode->mode))
		return -ENOTDIR;
	err = inode_permission(p->dentry->inode, MAY_EXEC, vfs_cred());
	if (err)
		return err;
	path_get(p);
	path_put(slot);
	*slot = *p;
	return 0;
}

static int cwd_change(const char *path, bool root)
{
	struct fs_context *c = fs_context_of_current();
	struct nameidata nd;
	int err;

	if (!c)
		return -EINVAL;		/* kernel threads keep "/" */
	if (root && vfs_cred()->euid != 0)
		return -EPERM;
	mutex_lock(&vfs_lock);
	err = vfs_lookup(&nd, NULL, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (!err)
		err = cwd_set(root ? &c->root : &c->cwd, &nd.path);
	vfs_lookup_done(&nd);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_chdir(const char *path)
{
	return cwd_change(path, false);
}

int vfs_chroot(const char *path)
{
	return cwd_change(path, true);
}

int vfs_fchdir(struct file *f)
{
	struct fs_context *c = fs_context_of_current();
	struct path p = { .mnt = f->mnt, .dentry = f->dentry };
	int err;

	if (!c)
		return -EINVAL;
	if (!f->dentry)
		return -ENOTDIR;
	mutex_lock(&vfs_lock);
	err = cwd_set(&c->cwd, &p);
	mutex_unlock(&vfs_lock);
	return err;
}

long vfs_getcwd(char *buf, size_t size)
{
	struct path root, cwd;
	unsigned umask;
	long r;

	mutex_lock(&vfs_lock);
	if (!vfs_ready()) {
		mutex_unlock(&vfs_lock);
		return -ENOENT;
	}
	fs_context_current(&root, &cwd, &umask);
	r = path_name(&cwd, &root, buf, size);
	path_put(&root);
	path_put(&cwd);
	mutex_unlock(&vfs_lock);
	return r;
}

long vfs_file_path(struct file *f, char *buf, size_t size)
{
	struct path root, cwd, at = { .mnt = f->mnt, .dentry = f->dentry };
	unsigned umask;
	long r;

	if (!f->dentry || !f->mnt)
		return -ENOENT;
	mutex_lock(&vfs_lock);
	fs_context_current(&root, &cwd, &umask);
	r = path_name(&at, &root, buf, size);
	path_put(&root);
	path_put(&cwd);
	mutex_unlock(&vfs_lock);
	return r;
}

unsigned vfs_umask(unsigned mask)
{
	struct fs_context *c = fs_context_of_current();
	unsigned old;

	if (!c)
		return 022;
	mutex_lock(&vfs_lock);
	old = c->umask;
	c->umask = mask & CWD_UMASK_BITS;
	mutex_unlock(&vfs_lock);
	return old;
}
