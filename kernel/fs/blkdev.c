/*
 * blkdev.c: block device drivers by major number (file.h), the block
 * counterpart of chrdev.c: opening a block node looks its major up here
 * (open.c); the driver's open finds the device by the full number
 * (block/genhd.c). Locking: blkdev_lock guards the table.
 */
#include <basalt/log.h>
#include <fs/vfs.h>
#include <uapi/errno.h>

#define BLKDEV_MAX	8	/* registrations: sd, blkext */

struct blkdev_major {
	unsigned major;
	const struct file_ops *ops;
	const char *name;
};

/* guards: blkdev_table, blkdev_count */
static struct spinlock blkdev_lock = SPINLOCK_INIT("blkdev_lock");
static struct blkdev_major blkdev_table[BLKDEV_MAX];
static unsigned blkdev_count;

int blkdev_register(unsigned major, const struct file_ops *ops, const char *name)
{
	int err = 0;

	if (!ops)
		return -EINVAL;
	spin_lock(&blkdev_lock);
	for (unsigned i = 0; i < blkdev_count; i++)
		if (blkdev_table[i].major == major)
			err = -EBUSY;
	if (!err && blkdev_count == BLKDEV_MAX)
		err = -ENOSPC;
	if (!err)
		blkdev_table[blkdev_count++] = (struct blkdev_major){ major, ops, name };
	spin_unlock(&blkdev_lock);
	if (err)
		pr_warn("blkdev: cannot register %s (major %u): error %d\n",
			name ? name : "?", major, err);
	return err;
}

const struct file_ops *blkdev_lookup(dev_t dev)
{
	const struct file_ops *ops = NULL;

	spin_lock(&blkdev_lock);
	for (unsigned i = 0; i < blkdev_count; i++)
		if (blkdev_table[i].major == DEV_MAJOR(dev))
			ops = blkdev_table[i].ops;
	spin_unlock(&blkdev_lock);
	return ops;
}
