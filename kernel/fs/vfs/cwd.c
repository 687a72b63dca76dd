/*
 * cwd.c: the current process's working directory and root: chdir(2),
 * fchdir(2), chroot(2) (root only, as CAP_SYS_CHROOT), getcwd(2) and
 * umask(2). Locking: fs_context.c.
 */
#include <fs/vfs.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define CWD_UMASK_BITS	0777

/* Makes p the cwd (or root) after the checks for a directory. */
static int cwd_set(struct fs_context *c, bool root, const struct path *p)
{
	int err;

	if (!S_ISDIR(p->dentry->inode->mode))
		return -ENOTDIR;
	err = inode_permission(p->dentry->inode, MAY_EXEC, vfs_cred());
	if (err)
		return err;
	path_get(p);
	fs_context_set(c, root, p);
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
	err = vfs_lookup(&nd, NULL, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (!err)
		err = cwd_set(c, root, &nd.path);
	vfs_lookup_done(&nd);
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

	if (!c)
		return -EINVAL;
	if (!f->dentry)
		return -ENOTDIR;
	return cwd_set(c, false, &p);
}

long vfs_getcwd(char *buf, size_t size)
{
	struct path root, cwd;
	unsigned umask;
	long r;

	if (!vfs_ready())
		return -ENOENT;
	fs_context_current(&root, &cwd, &umask);
	r = path_name(&cwd, &root, buf, size);
	path_put(&root);
	path_put(&cwd);
	return r;
}

long vfs_file_path(struct file *f, char *buf, size_t size)
{
	struct path root, cwd, at = { .mnt = f->mnt, .dentry = f->dentry };
	unsigned umask;
	long r;

	if (!f->dentry || !f->mnt)
		return -ENOENT;
	fs_context_current(&root, &cwd, &umask);
	r = path_name(&at, &root, buf, size);
	path_put(&root);
	path_put(&cwd);
	return r;
}

unsigned vfs_umask(unsigned mask)
{
	struct fs_context *c = fs_context_of_current();

	if (!c)
		return 022;
	/* One word swapped whole: CLONE_FS threads may race, as on Linux. */
	return __atomic_exchange_n(&c->umask, mask & CWD_UMASK_BITS, __ATOMIC_RELAXED);
}
