/*
 * eventfd.c: eventfd(2) and eventfd2, a 64-bit counter behind a file.
 *
 * A write of v adds v, blocking while the sum would exceed
 * EVENTFD_COUNT_MAX; a read takes the whole count (or 1 with
 * EFD_SEMAPHORE), blocking while it is 0. Both move exactly 8 bytes.
 * Readable while the count is not 0, writable while at least 1 can be
 * added (eventfd(2), "Interaction with poll").
 *
 * Sleeping follows pipe.c: the check and the wait_block happen with
 * interrupts off, so a wake-up cannot fall between them.
 */
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/poll.h>
#include <mm/mm.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/eventfd.h>
#include <uapi/fcntl.h>
#include <user/user.h>

/* eventfd(2): the largest count is 0xfffffffffffffffe; the next value is an error. */
#define EVENTFD_COUNT_MAX	(UINT64_MAX - 1)
#define EVENTFD_FLAGS		(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)

struct eventfd_ctx {
	struct spinlock lock;	/* guards count */
	uint64_t count;
	bool semaphore;		/* EFD_SEMAPHORE: fixed at creation */
	struct wait_queue wq;	/* readers, writers and pollers, woken on any change */
};

/* Takes what a read gets, or returns false if the count is 0. */
static bool eventfd_try_read(struct eventfd_ctx *ctx, uint64_t *val)
{
	uint64_t flags = spin_lock_irqsave(&ctx->lock);
	bool ok = ctx->count != 0;

	if (ok) {
		*val = ctx->semaphore ? 1 : ctx->count;
		ctx->count -= *val;
	}
	spin_unlock_irqrestore(&ctx->lock, flags);
	return ok;
}

/* Adds val if the count stays at most EVENTFD_COUNT_MAX; false otherwise. */
static bool eventfd_try_write(struct eventfd_ctx *ctx, uint64_t val)
{
	uint64_t flags = spin_lock_irqsave(&ctx->lock);
	bool ok = EVENTFD_COUNT_MAX - ctx->count >= val;

	if (ok)
		ctx->count += val;
	spin_unlock_irqrestore(&ctx->lock, flags);
	return ok;
}

static long eventfd_wait_check(struct file *f)
{
	if (f->flags & O_NONBLOCK)
		return -EAGAIN;
	if (signal_pending(task_current()))
		return -ERESTARTSYS;
	return 0;
}

static long eventfd_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct eventfd_ctx *ctx = f->priv;
	struct wait_entry we;
	uint64_t val = 0;
	long ret = 0;

	if (u->resid < sizeof(val))
		return -EINVAL;
	/* Armed before each test: a wake-up between it and the block is kept. */
	wait_entry_add(&ctx->wq, &we);
	for (;;) {
		wait_entries_arm();
		if (eventfd_try_read(ctx, &val))
			break;
		ret = eventfd_wait_check(f);
		if (ret)
			break;
		wait_block_entries(0);
	}
	wait_entry_remove(&we);
	if (ret)
		return ret;
	wake_up_poll(&ctx->wq, POLLOUT | POLLWRNORM);	/* room for writers */
	/*
	 * Linux copies after taking the count too: a fault loses it, as
	 * it would lose a pipe's bytes.
	 */
	return uio_copy_out(u, &val, sizeof(val));
}

static long eventfd_write(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct eventfd_ctx *ctx = f->priv;
	struct wait_entry we;
	uint64_t val;
	long ret = 0;

	if (u->resid < sizeof(val))
		return -EINVAL;
	ret = uio_copy_in(u, &val, sizeof(val));
	if (ret < 0)
		return ret;
	if (val == UINT64_MAX)
		return -EINVAL;
	ret = 0;
	wait_entry_add(&ctx->wq, &we);
	for (;;) {
		wait_entries_arm();
		if (eventfd_try_write(ctx, val))
			break;
		ret = eventfd_wait_check(f);
		if (ret)
			break;
		wait_block_entries(0);
	}
	wait_entry_remove(&we);
	if (ret)
		return ret;
	wake_up_poll(&ctx->wq, POLLIN | POLLRDNORM);	/* something to read */
	return sizeof(val);
}

static unsigned eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = f->priv;
	unsigned mask = 0;
	uint64_t flags;

	poll_wait(pt, &ctx->wq);
	flags = spin_lock_irqsave(&ctx->lock);
	if (ctx->count > 0)
		mask |= POLLIN | POLLRDNORM;
	if (ctx->count == UINT64_MAX)
		mask |= POLLERR;	/* only reachable through Linux's in-kernel signalling */
	if (ctx->count < EVENTFD_COUNT_MAX)
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock_irqrestore(&ctx->lock, flags);
	return mask;
}

static void eventfd_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops eventfd_ops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
	.anon_name = "[eventfd]",
};

SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags)
{
	struct eventfd_ctx *ctx;
	struct file *f;
	int fd;

	if ((unsigned)flags & ~(unsigned)EVENTFD_FLAGS)
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	spin_lock_init(&ctx->lock, "eventfd");
	wait_queue_init(&ctx->wq);
	ctx->count = count;
	ctx->semaphore = flags & EFD_SEMAPHORE;
	f = file_alloc_anon(&eventfd_ops, ctx, O_RDWR | ((unsigned)flags & O_NONBLOCK));
	if (!f) {
		kfree(ctx);
		return -ENOMEM;
	}
	fd = fd_install(f, (flags & EFD_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE1(eventfd, unsigned int, count)
{
	return __do_sys_eventfd2(count, 0);
}
