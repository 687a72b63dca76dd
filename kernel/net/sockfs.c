/*
 * sockfs.c: the inodes of socket files, as Linux's sockfs: a file system
 * never mounted anywhere (one internal mount) whose inodes have no name
 * in any directory. Each socket gets an S_IFSOCK inode with a number of
 * its own, so fstat(2) gives S_IFSOCK and that st_ino, and readlink of
 * /proc/PID/fd/N "socket:[st_ino]" (its dname, Linux's sockfs_dname).
 * The same scheme as kernel/fs/pipefs.c, through the VFS's public calls.
 *
 * Locking: vfs_lock, as every file system; sockfs_sb and sockfs_mnt are
 * set once under it.
 */
#include <basalt/format.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <net/socket.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

/* Linux's SOCKFS_MAGIC (include/uapi/linux/magic.h): statfs f_type of a socket. */
#define SOCKFS_MAGIC		0x534F434B
#define SOCKFS_ROOT_MODE	(S_IFDIR | 0700)
/* Linux's socket inodes: S_IFSOCK | S_IRWXUGO (sock_alloc). */
#define SOCKFS_INODE_MODE	(S_IFSOCK | 0777)
#define SOCKFS_FIRST_INO	1
#define SOCKFS_NLINK		1

static struct super_block *sockfs_sb;	/* vfs_lock */
static struct vfs_mount *sockfs_mnt;	/* vfs_lock */

/* "socket:[N]", the name Linux's sockfs_dname gives a socket. */
static long sockfs_dname(struct dentry *d, char *buf, size_t size)
{
	int n = snprintf(buf, size, "socket:[%llu]", (unsigned long long)d->inode->ino);

	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return n;
}

static void sockfs_statfs(struct super_block *sb __unused, struct statfs *st)
{
	st->f_type = SOCKFS_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
}

static const struct super_ops sockfs_super_ops = {
	.statfs = sockfs_statfs,
	.dname = sockfs_dname,
	.fixed_tree = true,
};

/* Never mountable by mount(2): the type is not in the VFS's list. */
static int sockfs_mount(const struct fs_type *type __unused, const char *options __unused,
			struct super_block **out __unused)
{
	return -ENODEV;
}

static void sockfs_kill(struct super_block *sb __unused)
{
}

static const struct fs_type sockfs_type = {
	.name = "sockfs",
	.mount = sockfs_mount,
	.kill = sockfs_kill,
};

/* Makes the instance and its internal mount at the first socket (locked). */
static int sockfs_init_locked(void)
{
	struct super_block *sb;
	struct inode *root;

	if (sockfs_mnt)
		return 0;
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		return -ENOMEM;
	sb->type = &sockfs_type;
	sb->ops = &sockfs_super_ops;
	sb->dev = vfs_anon_dev();
	sb->next_ino = SOCKFS_FIRST_INO;
	sb->magic = SOCKFS_MAGIC;
	root = inode_alloc(sb, SOCKFS_ROOT_MODE, 0, 0);
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
	sockfs_mnt = vfs_kern_mount(sb);
	if (!sockfs_mnt) {
		dentry_put(sb->root);
		kfree(sb);
		return -ENOMEM;
	}
	sockfs_sb = sb;
	return 0;
}

int sockfs_attach(struct file *f)
{
	const struct cred *c = vfs_cred();
	struct inode *ino;
	struct dentry *d;
	struct path p;
	int err;

	mutex_lock(&vfs_lock);
	err = sockfs_init_locked();
	if (err)
		goto out;
	ino = inode_alloc(sockfs_sb, SOCKFS_INODE_MODE, c->fsuid, c->fsgid);
	if (!ino) {
		err = -ENOMEM;
		goto out;
	}
	/* A dentry of its own, in no directory: the file's path (d_alloc_pseudo). */
	d = dentry_alloc_root(ino);
	if (!d) {
		inode_put(ino);
		err = -ENOMEM;
		goto out;
	}
	ino->nlink = SOCKFS_NLINK;
	p.mnt = sockfs_mnt;
	p.dentry = d;
	path_get(&p);
	f->inode = ino;
	f->dentry = d;
	f->mnt = sockfs_mnt;
	dentry_put(d);		/* the file holds it now */
out:
	mutex_unlock(&vfs_lock);
	return err;
}
