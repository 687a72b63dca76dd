/*
 * chrdev.c: character device drivers by major and minor number (file.h):
 * opening a device node looks its dev_t up here (open.c). Locking:
 * registrations happen at boot and from driver init; chrdev_lock guards
 * the table.
 */
#include <basalt/log.h>
#include <fs/vfs.h>
#include <uapi/errno.h>

#define CHRDEV_MAX	64	/* registrations: a handful of drivers */

struct chrdev {
	unsigned major;
	unsigned minor_first;
	unsigned count;
	const struct file_ops *ops;
	const char *name;
};

/* guards: chrdev_table, chrdev_count */
static struct spinlock chrdev_lock = SPINLOCK_INIT("chrdev_lock");
static struct chrdev chrdev_table[CHRDEV_MAX];
static unsigned chrdev_count;

static bool chrdev_overlaps(const struct chrdev *c, unsigned major,
			    unsigned first, unsigned count)
{
	return c->major == major && first < c->minor_first + c->count &&
	       c->minor_first < first + count;
}

int chrdev_register(unsigned major, unsigned minor_first, unsigned count,
		    const struct file_ops *ops, const char *name)
{
	int err = 0;

	if (!ops || count == 0 || minor_first + count < minor_first)
		return -EINVAL;
	spin_lock(&chrdev_lock);
	for (unsigned i = 0; i < chrdev_count; i++)
		if (chrdev_overlaps(&chrdev_table[i], major, minor_first, count))
			err = -EBUSY;
	if (!err && chrdev_count == CHRDEV_MAX)
		err = -ENOSPC;
	if (!err)
		chrdev_table[chrdev_count++] = (struct chrdev){
			major, minor_first, count, ops, name,
		};
	spin_unlock(&chrdev_lock);
	if (err)
		pr_warn("chrdev: cannot register %s (%u:%u+%u): error %d\n",
			name ? name : "?", major, minor_first, count, err);
	return err;
}

const struct file_ops *chrdev_lookup(dev_t dev)
{
	unsigned major = DEV_MAJOR(dev), minor = DEV_MINOR(dev);
	const struct file_ops *ops = NULL;

	spin_lock(&chrdev_lock);
	for (unsigned i = 0; i < chrdev_count; i++)
		if (chrdev_overlaps(&chrdev_table[i], major, minor, 1))
			ops = chrdev_table[i].ops;
	spin_unlock(&chrdev_lock);
	return ops;
}

dev_t file_rdev(const struct file *f)
{
	if (f && f->inode && S_ISCHR(f->inode->mode))
		return f->inode->rdev;
	return 0;
}
