/*
 * sockfs.c: the inodes of socket files, as Linux's sockfs: a file system
 * never mounted anywhere (one internal mount) whose inodes have no name
 * in any directory. Each socket gets an S_IFSOCK inode with a number of
 * its own, so fstat(2) gives S_IFSOCK and that st_ino, and readlink of
 * /proc/PID/fd/N "socket:[st_ino]" (its dname, Linux's sockfs_dname).
 * A pseudo file system (fs/vfs/pseudo.c), as kernel/fs/pipefs.c.
 */
#include <basalt/format.h>
#include <fs/vfs.h>
#include <net/socket.h>
#include <uapi/errno.h>

/* Linux's SOCKFS_MAGIC (include/uapi/linux/magic.h): statfs f_type of a socket. */
#define SOCKFS_MAGIC		0x534F434B
/* Linux's socket inodes: S_IFSOCK | S_IRWXUGO (sock_alloc). */
#define SOCKFS_INODE_MODE	(S_IFSOCK | 0777)

/* "socket:[N]", the name Linux's sockfs_dname gives a socket. */
static long sockfs_dname(struct dentry *d, char *buf, size_t size)
{
	int n = snprintf(buf, size, "socket:[%llu]", (unsigned long long)d->inode->ino);

	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return n;
}

static const struct dentry_operations sockfs_dentry_ops = {
	.dname = sockfs_dname,
};

static struct pseudo_fs sockfs = PSEUDO_FS_INIT(sockfs, "sockfs", SOCKFS_MAGIC,
						&sockfs_dentry_ops);

int sockfs_attach(struct file *f)
{
	return pseudo_fs_attach(&sockfs, &f, 1, SOCKFS_INODE_MODE);
}
