/*
 * chrdev.c: character device drivers by major and minor number (file.h):
 * opening a device node looks its dev_t up here (open.c). Locking:
 * registrations happen at boot and from driver init; the table changes
 * with interrupts off.
 */
#include <asm/cpu.h>
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
	uint64_t irq;
	int err = 0;

	if (!ops || count == 0 || minor_first + count < minor_first)
		return -EINVAL;
	irq = cpu_irq_save();
	for (unsigned i = 0; i < chrdev_count; i++)
		if (chrdev_overlaps(&chrdev_table[i], major, minor_first, count))
			err = -EBUSY;
	if (!err && chrdev_count == CHRDEV_MAX)
		err = -ENOSPC;
	if (!err)
		chrdev_table[chrdev_count++] = (struct chrdev){
			major, minor_first, count, ops, name,
		};
	cpu_irq_restore(irq);
	if (err)
		pr_warn("chrdev: cannot register %s (%u:%u+%u): error %d\n",
			name ? name : "?", major, minor_first, count, err);
	return err;
}

const struct file_ops *chrdev_lookup(dev_t dev)
{
	unsigned major = DEV_MAJOR(dev), minor = DEV_MINOR(dev);
	const struct file_ops *ops = NULL;
	uint64_t irq = cpu_irq_save();

	for (unsigned i = 0; i < chrdev_count; i++)
		if (chrdev_overlaps(&chrdev_table[i], major, minor, 1))
			ops = chrdev_table[i].ops;
	cpu_irq_restore(irq);
	return ops;
}

dev_t file_rdev(const struct file *f)
{
	if (f && f->inode && S_ISCHR(f->inode->mode))
		return f->inode->rdev;
	return 0;
}
