/*
 * pipefs.c: the inodes of anonymous pipes, as Linux's pipefs: a pseudo
 * file system (vfs/pseudo.c), never mounted anywhere, whose inodes have
 * no name in any directory. Each pipe(2) gets an S_IFIFO inode with a
 * number of its own, so fstat(2) on either end gives that st_ino,
 * readlink of /proc/PID/fd/N "pipe:[st_ino]" (its dname), and opening
 * /proc/PID/fd/N opens the inode as a FIFO (fifo.c), which finds the
 * very same pipe: O_RDONLY a new read end, O_WRONLY a new write end.
 */
#include <basalt/format.h>
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <uapi/errno.h>

/* Linux's PIPEFS_MAGIC (include/uapi/linux/magic.h): statfs f_type of a pipe. */
#define PIPEFS_MAGIC		0x50495045
/* Linux's pipe inodes: S_IFIFO | S_IRUSR | S_IWUSR, owned by the creator's fsuid. */
#define PIPEFS_INODE_MODE	(S_IFIFO | 0600)

/* "pipe:[N]", the name Linux's pipefs_dname gives a pipe. */
static long pipefs_dname(struct dentry *d, char *buf, size_t size)
{
	int n = snprintf(buf, size, "pipe:[%llu]", (unsigned long long)d->inode->ino);

	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return n;
}

static const struct dentry_operations pipefs_dentry_ops = {
	.dname = pipefs_dname,
};

static struct pseudo_fs pipefs = PSEUDO_FS_INIT(pipefs, "pipefs", PIPEFS_MAGIC,
						&pipefs_dentry_ops);

int pipefs_attach(struct file *const *files, unsigned n)
{
	return pseudo_fs_attach(&pipefs, files, n, PIPEFS_INODE_MODE);
}

bool pipefs_owns(const struct inode *ino)
{
	return pseudo_fs_owns(&pipefs, ino);
}
