/*
 * file_shim_tty.c: TEMPORARY stand-ins for the parts of fs/file.h,
 * signal/signal.h and proc/process.h that the TTY branch calls but other
 * branches implement (the VFS, signals, processes). They exist only so
 * that the tty branch links and its ktests run on their own.
 *
 * DELETE THIS FILE WHEN MERGING the vfs, signal and process work: every
 * function here has its real definition there. Nothing in kernel/tty/,
 * kernel/fs/pipe.c, kernel/fs/poll.c or kernel/drivers/char/ depends on
 * anything but the contract headers.
 *
 * What they do until then: uio copies and anonymous file reference
 * counting work for real (the ktests use them); there are no descriptor
 * tables (fd_get finds nothing, fd_install says -EMFILE), no device
 * nodes (chrdev_register and devfs_add_node only record), no processes
 * and no signals (none is ever pending, sending finds no target).
 */
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <user/user.h>

long uio_copy_out(struct uio *u, const void *src, size_t n)
{
	if (n > u->resid)
		n = u->resid;
	if (u->user) {
		if (copy_to_user(u->base, src, n))
			return -EFAULT;
	} else {
		memcpy(u->base, src, n);
	}
	u->base += n;
	u->resid -= n;
	return (long)n;
}

long uio_copy_in(struct uio *u, void *dst, size_t n)
{
	if (n > u->resid)
		n = u->resid;
	if (u->user) {
		if (copy_from_user(dst, u->base, n))
			return -EFAULT;
	} else {
		memcpy(dst, u->base, n);
	}
	u->base += n;
	u->resid -= n;
	return (long)n;
}

struct file *file_alloc_anon(const struct file_ops *ops, void *priv, unsigned flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->ref = 1;
	f->ops = ops;
	f->priv = priv;
	f->flags = flags;
	return f;
}

void file_get(struct file *f)
{
	uint64_t flags = cpu_irq_save();

	f->ref++;
	cpu_irq_restore(flags);
}

void file_put(struct file *f)
{
	uint64_t flags = cpu_irq_save();
	bool last = --f->ref == 0;

	cpu_irq_restore(flags);
	if (!last)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	kfree(f);
}

struct file *fd_get(int fd __unused)
{
	return NULL;
}

int fd_install(struct file *f __unused, unsigned fd_flags __unused)
{
	return -EMFILE;
}

int fd_close(int fd __unused)
{
	return -EBADF;
}

dev_t file_rdev(const struct file *f __unused)
{
	return 0;
}

#define SHIM_CHRDEV_MAX	16

static struct {
	unsigned major, first, count;
	const struct file_ops *ops;
} shim_chrdevs[SHIM_CHRDEV_MAX];
static unsigned shim_nchrdevs;

int chrdev_register(unsigned major, unsigned minor_first, unsigned count,
		    const struct file_ops *ops, const char *name __unused)
{
	if (chrdev_lookup(DEV_MAKE(major, minor_first)))
		return -EBUSY;
	if (shim_nchrdevs == SHIM_CHRDEV_MAX)
		return -ENOMEM;
	shim_chrdevs[shim_nchrdevs].major = major;
	shim_chrdevs[shim_nchrdevs].first = minor_first;
	shim_chrdevs[shim_nchrdevs].count = count;
	shim_chrdevs[shim_nchrdevs].ops = ops;
	shim_nchrdevs++;
	return 0;
}

const struct file_ops *chrdev_lookup(dev_t dev)
{
	for (unsigned i = 0; i < shim_nchrdevs; i++)
		if (shim_chrdevs[i].major == DEV_MAJOR(dev) &&
		    DEV_MINOR(dev) - shim_chrdevs[i].first < shim_chrdevs[i].count)
			return shim_chrdevs[i].ops;
	return NULL;
}

int devfs_add_node(const char *name __unused, unsigned mode __unused, dev_t dev __unused)
{
	return 0;
}

int devfs_remove_node(const char *name __unused)
{
	return 0;
}

bool signal_pending(struct task *t __unused)
{
	return false;
}

int signal_send_thread(struct task *t __unused, int sig __unused,
		       const struct siginfo *info __unused)
{
	return -ENOSYS;
}

int signal_send_pgrp(int pgid __unused, int sig __unused,
		     const struct siginfo *info __unused)
{
	return -ESRCH;
}

int process_for_each(int (*fn)(struct process *p, void *arg) __unused,
		     void *arg __unused)
{
	return 0;
}
