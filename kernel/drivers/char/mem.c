/*
 * mem.c: /dev/null, zero, full, random and urandom (null(4), zero(4),
 * full(4), random(4)) and chardev_init, which registers major 1.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/random.h>
#include <drivers/char/char.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

/* Bytes moved per step of a big read or write. */
#define MEM_CHUNK		256
/* crw-rw-rw-, as udev makes these nodes; kmsg is crw-r--r--. */
#define MEM_MODE_WORLD		(S_IFCHR | 0666)
#define MEM_MODE_KMSG		(S_IFCHR | 0644)

static const uint8_t mem_zeros[MEM_CHUNK];

/* Everything written is accepted and dropped. */
static long mem_write_discard(struct file *f __unused, struct uio *u, uint64_t *pos __unused)
{
	size_t n = u->resid;

	u->base += n;
	u->resid = 0;
	return (long)n;
}

static long mem_read_eof(struct file *f __unused, struct uio *u __unused,
			 uint64_t *pos __unused)
{
	return 0;
}

/*
 * Fills the buffer from fill (NULL: zeros), stopping early with what
 * was done if a signal arrives, as Linux's read_iter_zero does.
 */
static long mem_fill(struct uio *u, void (*fill)(void *buf, size_t len))
{
	uint8_t buf[MEM_CHUNK];
	size_t done = 0;

	while (u->resid) {
		size_t n = u->resid < MEM_CHUNK ? u->resid : MEM_CHUNK;
		long ret;

		if (done && signal_pending(task_current()))
			break;
		if (fill)
			fill(buf, n);
		ret = uio_copy_out(u, fill ? buf : mem_zeros, n);
		if (ret < 0)
			return done ? (long)done : ret;
		done += (size_t)ret;
	}
	if (fill)
		memset(buf, 0, sizeof(buf));
	return (long)done;
}

static long mem_read_zero(struct file *f __unused, struct uio *u, uint64_t *pos __unused)
{
	return mem_fill(u, NULL);
}

static long mem_write_full(struct file *f __unused, struct uio *u __unused,
			   uint64_t *pos __unused)
{
	return -ENOSPC;
}

static long mem_read_random(struct file *f __unused, struct uio *u, uint64_t *pos __unused)
{
	return mem_fill(u, random_get_bytes);
}

/* Writing to random or urandom mixes the data in (random(4)). */
static long mem_write_random(struct file *f __unused, struct uio *u, uint64_t *pos __unused)
{
	uint8_t buf[MEM_CHUNK];
	size_t done = 0;

	while (u->resid) {
		long n = uio_copy_in(u, buf, MEM_CHUNK);

		if (n < 0)
			return done ? (long)done : n;
		random_add_bytes(buf, (size_t)n);
		done += (size_t)n;
	}
	return (long)done;
}

/* These devices have no position: every seek lands on 0 (Linux's null_lseek). */
static long mem_lseek(struct file *f, int64_t off __unused, int whence __unused)
{
	f->pos = 0;
	return 0;
}

const struct file_ops mem_null_ops = {
	.read = mem_read_eof, .write = mem_write_discard, .lseek = mem_lseek,
};

const struct file_ops mem_zero_ops = {
	.read = mem_read_zero, .write = mem_write_discard, .lseek = mem_lseek,
};

const struct file_ops mem_full_ops = {
	.read = mem_read_zero, .write = mem_write_full, .lseek = mem_lseek,
};

const struct file_ops mem_random_ops = {
	.read = mem_read_random, .write = mem_write_random, .lseek = mem_lseek,
};

static const struct {
	const char *name;
	unsigned minor;
	unsigned mode;
	const struct file_ops *ops;
} mem_devices[] = {
	{ "null", MEM_NULL_MINOR, MEM_MODE_WORLD, &mem_null_ops },
	{ "zero", MEM_ZERO_MINOR, MEM_MODE_WORLD, &mem_zero_ops },
	{ "full", MEM_FULL_MINOR, MEM_MODE_WORLD, &mem_full_ops },
	{ "random", MEM_RANDOM_MINOR, MEM_MODE_WORLD, &mem_random_ops },
	{ "urandom", MEM_URANDOM_MINOR, MEM_MODE_WORLD, &mem_random_ops },
	{ "kmsg", MEM_KMSG_MINOR, MEM_MODE_KMSG, &kmsg_ops },
};

int chardev_init(void)
{
	int first_err = 0;

	for (size_t i = 0; i < sizeof(mem_devices) / sizeof(mem_devices[0]); i++) {
		int err = chrdev_register(MEM_MAJOR, mem_devices[i].minor, 1,
					  mem_devices[i].ops, mem_devices[i].name);

		if (!err)
			err = devfs_add_node(mem_devices[i].name, mem_devices[i].mode,
					     DEV_MAKE(MEM_MAJOR, mem_devices[i].minor));
		if (err) {
			pr_warn("chardev: /dev/%s: error %d\n", mem_devices[i].name, err);
			if (!first_err)
				first_err = err;
		}
	}
	pr_info("chardev: null zero full random urandom kmsg (random: %s)\n",
		random_has_rdrand() ? "RDRAND, TSC, RTC" : "TSC, RTC only");
	return first_err;
}
