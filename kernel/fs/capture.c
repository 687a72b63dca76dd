/*
 * capture.c: the console file of kernel-started programs (capture.h).
 *
 * Locking: a capture buffer is only appended to by writes, which run
 * one at a time on the one CPU today; capture_lock makes that explicit
 * for several CPUs (held for the copy only: nothing sleeps under it).
 */
#include <fs/capture.h>
#include <fs/file.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Bytes bounced through the kernel stack per step of a write. */
#define CAPTURE_CHUNK	256

/* guards: every struct user_capture's len and buf contents. */
static struct spinlock capture_lock = SPINLOCK_INIT("capture");

static void capture_append(struct user_capture *c, const char *s, size_t len)
{
	uint64_t flags = spin_lock_irqsave(&capture_lock);

	if (c->len < c->size)
		memcpy(c->buf + c->len, s, MIN(len, c->size - c->len));
	c->len += len;
	spin_unlock_irqrestore(&capture_lock, flags);
}

static long capture_write(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct user_capture *c = f->priv;
	char chunk[CAPTURE_CHUNK];
	long done = 0;

	while (u->resid) {
		size_t n = MIN(u->resid, sizeof(chunk));
		long got = uio_copy_in(u, chunk, n);

		if (got < 0)
			return done ? done : got;
		console_write_all(chunk, (size_t)got);
		if (c)
			capture_append(c, chunk, (size_t)got);
		done += got;
		if ((size_t)got < n)
			break;
	}
	return done;
}

/* Standard input: nothing to read, as from /dev/null. */
static long capture_read(struct file *f __unused, struct uio *u __unused, uint64_t *pos __unused)
{
	return 0;
}

static const struct file_ops capture_ops = {
	.read = capture_read,
	.write = capture_write,
};

struct file *capture_file_create(struct user_capture *c)
{
	return file_alloc_anon(&capture_ops, c, O_RDWR);
}
