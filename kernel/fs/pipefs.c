/*
 * pipefs.c: the inodes of anonymous pipes, as Linux's pipefs: a file
 * system that is never mounted anywhere (one internal mount) and whose
 * inodes have no name in any directory. Each pipe(2) gets an S_IFIFO
 * inode with a number of its own, so fstat(2) on either end gives that
 * st_ino, readlink of /proc/PID/fd/N "pipe:[st_ino]" (its dname), and
 * opening /proc/PID/fd/N opens the inode as a FIFO (fifo.c), which finds
 * the very same pipe: O_RDONLY a new read end, O_WRONLY a new write end.
 *
 * Locking: vfs_lock, as every file system.
 */
#include <basalt/format.h>
#include <basalt/string.h>
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

/* Linux's PIPEFS_MAGIC (include/uapi/linux/magic.h): statfs f_type of a pipe. */
#define PIPEFS_MAGIC		0x50495045
#define PIPEFS_ROOT_MODE	(S_IFDIR | 0700)
/* Linux's pipe inodes: S_IFIFO | S_IRUSR | S_IWUSR, owned by the creator's fsuid. */
#define PIPEFS_INODE_MODE	(S_IFIFO | 0600)
#define PIPEFS_FIRST_INO	1
/* A pipe inode has no name: one "link", as Linux's pipe inodes report. */
#define PIPEFS_NLINK		1

static struct super_block *pipefs_sb;
static struct vfs_mount *pipefs_mnt;

/* "pipe:[N]", the name Linux's pipefs_dname gives a pipe. */
static long pipefs_dname(struct dentry *d, char *buf, size_t size)
{
	int n = snprintf(buf, size, "pipe:[%llu]", (unsigned long long)d->inode->ino);

	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return n;
}

static void pipefs_statfs(struct super_block *sb __unused, struct statfs *st)
{
	st->f_type = PIPEFS_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
}

static const struct super_ops pipefs_super_ops = {
	.statfs = pipefs_statfs,
	.dname = pipefs_dname,
	.fixed_tree = true,
};

/* Never mountable by mount(2): the type is not in the VFS's list. */
static int pipefs_mount(const struct fs_type *type __unused, const char *options __unused,
			struct super_block **out __unused)
{
	return -ENODEV;
}

static void pipefs_kill(struct super_block *sb __unused)
{
}

static const struct fs_type pipefs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill = pipefs_kill,
};

/* Makes the instance and its internal mount at the first pipe (locked). */
static int pipefs_init_locked(void)
{
	struct super_block *sb;
	struct inode *root;

	if (pipefs_mnt)
		return 0;
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		return -ENOMEM;
	sb->type = &pipefs_type;
	sb->ops = &pipefs_super_ops;
	sb->dev = vfs_anon_dev();
	sb->next_ino = PIPEFS_FIRST_INO;
	sb->magic = PIPEFS_MAGIC;
	root = inode_alloc(sb, PIPEFS_ROOT_MODE, 0, 0);
	if (!root) {
		kfree(sb);
		return -ENOMEM;
	}
	sb->root = dentry_alloc_root(root);
	if (!sb->root) {
		inode_put(root);
		kfree(sb);
		return -ENOMEM;
	}
	pipefs_mnt = vfs_kern_mount(sb);
	if (!pipefs_mnt) {
		dentry_put(sb->root);
		kfree(sb);
		return -ENOMEM;
	}
	pipefs_sb = sb;
	return 0;
}

int pipefs_attach(struct file *const *files, unsigned n)
{
	const struct cred *c = vfs_cred();
	struct inode *ino;
	struct dentry *d;
	int err;

	mutex_lock(&vfs_lock);
	err = pipefs_init_locked();
	if (err)
		goto out;
	ino = inode_alloc(pipefs_sb, PIPEFS_INODE_MODE, c->fsuid, c->fsgid);
	if (!ino) {
		err = -ENOMEM;
		goto out;
	}
	/* A dentry of its own, in no directory: the files' path (d_alloc_pseudo). */
	d = dentry_alloc_root(ino);
	if (!d) {
		inode_put(ino);
		err = -ENOMEM;
		goto out;
	}
	ino->nlink = PIPEFS_NLINK;
	for (unsigned i = 0; i < n; i++) {
		struct path p = { .mnt = pipefs_mnt, .dentry = d };

		path_get(&p);
		files[i]->inode = ino;
		files[i]->dentry = d;
		files[i]->mnt = pipefs_mnt;
	}
	dentry_put(d);		/* the files hold it now */
out:
	mutex_unlock(&vfs_lock);
	return err;
}

bool pipefs_owns(const struct inode *ino)
{
	return ino->sb->magic == PIPEFS_MAGIC;
}
