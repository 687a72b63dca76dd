/*
 * pipefs.c: the inodes of anonymous pipes, as Linux's pipefs: a file
 * system that is never mounted anywhere (one internal mount) and whose
 * inodes have no name in any directory. Each pipe(2) gets an S_IFIFO
 * inode with a number of its own, so fstat(2) on either end gives that
 * st_ino, readlink of /proc/PID/fd/N "pipe:[st_ino]" (its dname), and
 * opening /proc/PID/fd/N opens the inode as a FIFO (fifo.c), which finds
 * the very same pipe: O_RDONLY a new read end, O_WRONLY a new write end.
 *
 * Locking: pipefs_init_lock guards the making of the instance; the rest
 * is the dentry and inode caches' (vfs.h).
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

/* guards: pipefs_sb and pipefs_mnt, set once */
static struct mutex pipefs_init_lock = MUTEX_INIT(pipefs_init_lock);
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

static const struct super_operations pipefs_super_ops = {
	.statfs = pipefs_statfs,
};

static const struct dentry_operations pipefs_dentry_ops = {
	.dname = pipefs_dname,
};

/* Never mountable by mount(2): the type is not in the VFS's list. */
static int pipefs_mount(const struct fs_type *type __unused, const char *options __unused,
			struct super_block **out __unused)
{
	return -ENODEV;
}

/* Never unmounted: its one internal mount lives as long as the kernel. */
static void pipefs_kill(struct super_block *sb __unused)
{
}

static const struct fs_type pipefs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill = pipefs_kill,
};

/* Makes the instance and its internal mount at the first pipe. */
static int pipefs_init(void)
{
	struct super_block *sb;
	struct inode *root;
	int err = 0;

	mutex_lock(&pipefs_init_lock);
	if (pipefs_mnt)
		goto out;
	err = -ENOMEM;
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		goto out;
	sb->next_ino = PIPEFS_FIRST_INO;
	vfs_sb_init(sb, &pipefs_type, &pipefs_super_ops, PIPEFS_MAGIC);
	root = inode_alloc(sb, PIPEFS_ROOT_MODE, 0, 0);
	if (root)
		sb->root = dentry_alloc_root(sb, root);
	if (!sb->root) {
		inode_put(root);
		vfs_sb_kill_unused(sb);
		goto out;
	}
	sb->d_op = &pipefs_dentry_ops;	/* the root keeps its name "/" */
	pipefs_mnt = vfs_kern_mount(sb);
	if (!pipefs_mnt)
		goto out;		/* the instance stays for the next try */
	__atomic_store_n(&pipefs_sb, sb, __ATOMIC_RELEASE);
	err = 0;
out:
	mutex_unlock(&pipefs_init_lock);
	return err;
}

int pipefs_attach(struct file *const *files, unsigned n)
{
	const struct cred *c = vfs_cred();
	struct inode *ino;
	struct dentry *d;
	int err;

	err = pipefs_init();
	if (err)
		return err;
	ino = inode_alloc(pipefs_sb, PIPEFS_INODE_MODE, c->fsuid, c->fsgid);
	if (!ino)
		return -ENOMEM;
	/* A dentry of its own, in no directory: the files' path (d_alloc_pseudo). */
	d = dentry_alloc_anon(pipefs_sb, ino);
	if (!d) {
		inode_put(ino);
		return -ENOMEM;
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
	return 0;
}

bool pipefs_owns(const struct inode *ino)
{
	return ino->sb->magic == PIPEFS_MAGIC;
}
