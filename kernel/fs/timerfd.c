/*
 * timerfd.c: timerfd_create(2), timerfd_settime and timerfd_gettime:
 * a timer whose expirations are read from a file as an 8-byte count.
 *
 * Every clock a timerfd may use runs at the monotonic clock's rate on
 * Basalt (time/sys_time.h: REALTIME is a fixed offset from it, BOOTTIME
 * is it), so the timer is kept as a monotonic deadline on the tick's
 * timer list; an absolute REALTIME time is converted once, when set.
 *
 * As Linux (fs/timerfd.c): the expiry callback counts one tick and
 * marks the timer expired without re-arming it; the next read (or
 * gettime) of an interval timer adds the periods that have passed since
 * then (the overrun) and arms it for the next period. So a timer nobody
 * reads costs nothing, and a read returns 1 + the missed periods.
 *
 * The *_ALARM clocks would also wake a suspended machine; Basalt never
 * suspends, so they are their plain clocks, for CAP_WAKE_ALARM (root)
 * only, as Linux checks.
 *
 * Setting the realtime clock (time/clock_set.c) calls
 * timerfd_clock_was_set: a timer armed at an absolute CLOCK_REALTIME
 * time is moved to expire at that wall time still, and one armed with
 * TFD_TIMER_CANCEL_ON_SET is cancelled: its readers and pollers wake and
 * the next read gives ECANCELED, as Linux's timerfd_clock_was_set and
 * timerfd_canceled. Such timers are on timerfd_rt_list.
 *
 * Locking: each ctx->lock; timerfd_rt_lock guards timerfd_rt_list and
 * the links on it, and is taken before a ctx->lock.
 */
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/poll.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <sched/timer.h>
#include <signal/signal.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/time.h>
#include <uapi/timerfd.h>
#include <user/user.h>
#include <fs/timerfd.h>

#define TIMERFD_CREATE_FLAGS	(TFD_CLOEXEC | TFD_NONBLOCK)
#define TIMERFD_SETTIME_FLAGS	(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)

struct timerfd_ctx {
	struct spinlock lock;	/* guards everything below but clockid and wq */
	int clockid;		/* fixed at creation: REALTIME, MONOTONIC, BOOTTIME */
	struct timer timer;	/* on the tick's list while armed */
	uint64_t expires;	/* monotonic ns of the next expiry; 0: disarmed */
	uint64_t interval;	/* ns; 0: one-shot */
	uint64_t ticks;		/* expirations not read yet */
	bool expired;		/* fired, and not forwarded since (see the top) */
	bool abs_realtime;	/* armed at an absolute CLOCK_REALTIME time */
	bool cancel_on_set;	/* ... with TFD_TIMER_CANCEL_ON_SET */
	bool canceled;		/* the clock was set since: the next read is ECANCELED */
	struct list_node rt_link;	/* on timerfd_rt_list (timerfd_rt_lock) */
	struct wait_queue wq;	/* readers and pollers */
};

/* guards: timerfd_rt_list, the rt_links; taken before a ctx->lock */
static struct spinlock timerfd_rt_lock = SPINLOCK_INIT("timerfd_rt_lock");
/* The timers a change of the realtime clock concerns (abs_realtime or cancel_on_set). */
static struct list_node timerfd_rt_list = { &timerfd_rt_list, &timerfd_rt_list };

/* The tick's timer list ran out our time (interrupts off, from the tick). */
static void timerfd_fire(struct timer *t)
{
	struct timerfd_ctx *ctx = t->data;
	uint64_t flags = spin_lock_irqsave(&ctx->lock);

	ctx->ticks++;
	ctx->expired = true;
	spin_unlock_irqrestore(&ctx->lock, flags);
	wake_up_poll(&ctx->wq, POLLIN | POLLRDNORM);
}

/*
 * An interval timer that expired (or is due: the tick runs timers up to
 * a tick late): counts the periods passed since into ticks and arms it
 * for the first period end after now. ctx->lock held.
 */
static void timerfd_forward(struct timerfd_ctx *ctx, uint64_t now)
{
	uint64_t periods;

	if (!ctx->interval || !ctx->expires || now < ctx->expires) {
		ctx->expired = false;
		return;
	}
	periods = (now - ctx->expires) / ctx->interval + 1;
	/* The expiry at ctx->expires is already counted if it fired. */
	ctx->ticks += ctx->expired ? periods - 1 : periods;
	ctx->expired = false;
	ctx->expires += periods * ctx->interval;
	sched_timer_arm(&ctx->timer, ctx->expires);
}

/* Takes the expiration count: 1 if it was not 0, 0 if it was, -ECANCELED. */
static int timerfd_try_read(struct timerfd_ctx *ctx, uint64_t *ticks)
{
	uint64_t flags = spin_lock_irqsave(&ctx->lock);
	int ok;

	if (ctx->canceled) {
		/* The clock was set: the count means nothing now (Linux's timerfd_canceled). */
		ctx->canceled = false;
		ctx->ticks = 0;
		ctx->expired = false;
		spin_unlock_irqrestore(&ctx->lock, flags);
		return -ECANCELED;
	}
	if (ctx->interval)
		timerfd_forward(ctx, time_monotonic_ns());
	ok = ctx->ticks != 0;
	if (ok) {
		*ticks = ctx->ticks;
		ctx->ticks = 0;
		ctx->expired = false;
	}
	spin_unlock_irqrestore(&ctx->lock, flags);
	return ok;
}

static long timerfd_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct timerfd_ctx *ctx = f->priv;
	struct wait_entry we;
	uint64_t ticks = 0;
	long ret = 0;
	int got;

	if (u->resid < sizeof(ticks))
		return -EINVAL;
	/* Armed before each test: an expiry between it and the block is kept. */
	wait_entry_add(&ctx->wq, &we);
	for (;;) {
		wait_entries_arm();
		got = timerfd_try_read(ctx, &ticks);
		if (got < 0)
			ret = got;
		if (got)
			break;
		if (f->flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(task_current())) {
			ret = -ERESTARTSYS;
			break;
		}
		wait_block_entries(0);
	}
	wait_entry_remove(&we);
	if (ret)
		return ret;
	return uio_copy_out(u, &ticks, sizeof(ticks));
}

static unsigned timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = f->priv;
	unsigned mask = 0;
	uint64_t flags;

	poll_wait(pt, &ctx->wq);
	flags = spin_lock_irqsave(&ctx->lock);
	if (ctx->ticks || ctx->canceled)
		mask = POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&ctx->lock, flags);
	return mask;
}

/* TFD_IOC_SET_TICKS (timerfd_create(2), "ioctl(2)"): a non-zero count to read. */
static long timerfd_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct timerfd_ctx *ctx = f->priv;
	uint64_t ticks, flags;

	if (cmd != TFD_IOC_SET_TICKS)
		return -ENOTTY;
	if (copy_from_user(&ticks, (const void __user *)arg, sizeof(ticks)))
		return -EFAULT;
	if (!ticks)
		return -EINVAL;
	/* Whether the timer runs or not (it goes on running). */
	flags = spin_lock_irqsave(&ctx->lock);
	ctx->ticks = ticks;
	spin_unlock_irqrestore(&ctx->lock, flags);
	wake_up_poll(&ctx->wq, POLLIN | POLLRDNORM);
	return 0;
}

static void timerfd_release(struct file *f)
{
	struct timerfd_ctx *ctx = f->priv;
	uint64_t rt = spin_lock_irqsave(&timerfd_rt_lock);
	uint64_t flags = spin_lock_irqsave(&ctx->lock);

	sched_timer_cancel(&ctx->timer);
	if (list_node_linked(&ctx->rt_link))
		list_del(&ctx->rt_link);
	spin_unlock_irqrestore(&ctx->lock, flags);
	spin_unlock_irqrestore(&timerfd_rt_lock, rt);
	kfree(ctx);
}

static const struct file_ops timerfd_ops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.ioctl = timerfd_ioctl,
	.release = timerfd_release,
	.anon_name = "[timerfd]",
};

/*
 * The clock a timerfd on clockid runs on (the *_ALARM ones: their plain
 * clock, see the top), or -1 if timerfd_create(2) refuses it.
 */
static int timerfd_base_clock(int clockid)
{
	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_ALARM:
		return CLOCK_REALTIME;
	case CLOCK_MONOTONIC:
		return CLOCK_MONOTONIC;
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		return CLOCK_BOOTTIME;
	default:
		return -1;
	}
}

/* capable(CAP_WAKE_ALARM): Basalt's capabilities are root's (euid 0). */
static bool timerfd_may_alarm(void)
{
	struct process *p = process_current();

	return !p || p->cred.euid == 0;
}

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	struct timerfd_ctx *ctx;
	struct file *f;
	int base = timerfd_base_clock(clockid);
	int fd;

	if (((unsigned)flags & ~(unsigned)TIMERFD_CREATE_FLAGS) || base < 0)
		return -EINVAL;
	if ((clockid == CLOCK_REALTIME_ALARM || clockid == CLOCK_BOOTTIME_ALARM) &&
	    !timerfd_may_alarm())
		return -EPERM;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	spin_lock_init(&ctx->lock, "timerfd");
	ctx->clockid = base;
	timer_init(&ctx->timer, timerfd_fire, ctx);
	list_init(&ctx->rt_link);
	wait_queue_init(&ctx->wq);
	f = file_alloc_anon(&timerfd_ops, ctx, O_RDWR | ((unsigned)flags & O_NONBLOCK));
	if (!f) {
		kfree(ctx);
		return -ENOMEM;
	}
	fd = fd_install(f, (flags & TFD_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* The timerfd of fd with a reference, or NULL and *err (EBADF, EINVAL). */
static struct file *timerfd_get(int fd, long *err)
{
	struct file *f = fd_get(fd);

	*err = -EBADF;
	if (!f)
		return NULL;
	if (f->ops != &timerfd_ops) {
		file_put(f);
		*err = -EINVAL;
		return NULL;
	}
	return f;
}

/* The current setting as timerfd_gettime reports it. ctx->lock held. */
static void timerfd_current(struct timerfd_ctx *ctx, struct timerfd_itimerspec *cur)
{
	uint64_t now = time_monotonic_ns();
	uint64_t left = 0;

	if (ctx->interval)
		timerfd_forward(ctx, now);
	/* A one-shot timer that fired, or a disarmed one, has 0 left. */
	if (ctx->expires && !ctx->expired && ctx->expires > now)
		left = ctx->expires - now;
	cur->value_sec = (int64_t)(left / NSEC_PER_SEC);
	cur->value_nsec = (int64_t)(left % NSEC_PER_SEC);
	cur->interval_sec = (int64_t)(ctx->interval / NSEC_PER_SEC);
	cur->interval_nsec = (int64_t)(ctx->interval % NSEC_PER_SEC);
}

static bool timerfd_spec_valid(const struct timerfd_itimerspec *s)
{
	struct timespec value = { .tv_sec = s->value_sec, .tv_nsec = s->value_nsec };
	struct timespec interval = { .tv_sec = s->interval_sec, .tv_nsec = s->interval_nsec };

	return timespec_valid(&value) && timespec_valid(&interval);
}

/*
 * Arms the timer for value_ns (relative, or absolute on its clock). A
 * time already past expires now, with the periods since then counted
 * (Linux's hrtimer expires at once and the read forwards it). Returns
 * whether it expired already. ctx->lock held; interval set.
 */
static bool timerfd_start(struct timerfd_ctx *ctx, int64_t value_ns, bool absolute)
{
	int64_t now = (int64_t)time_monotonic_ns();
	/* Where the timer's clock stands against the monotonic one. */
	int64_t offset = ctx->clockid == CLOCK_REALTIME ? time_realtime_ns() - now : 0;
	int64_t expires, periods = 0;

	if (absolute)
		expires = value_ns - offset;	/* may be < 0: before boot */
	else
		expires = value_ns > INT64_MAX - now ? INT64_MAX : now + value_ns;
	if (expires > now) {
		ctx->expires = (uint64_t)expires;
		sched_timer_arm(&ctx->timer, ctx->expires);
		return false;
	}
	if (!ctx->interval) {
		/* A one-shot already over: one expiration, nothing left. */
		ctx->ticks = 1;
		ctx->expired = true;
		ctx->expires = (uint64_t)now;
		return true;
	}
	periods = (now - expires) / (int64_t)ctx->interval;
	ctx->ticks = 1 + (uint64_t)periods;
	ctx->expires = (uint64_t)(expires + (periods + 1) * (int64_t)ctx->interval);
	sched_timer_arm(&ctx->timer, ctx->expires);
	return true;
}

/* Linux's order (fs/timerfd.c): EFAULT, EINVAL for flags or times, EBADF. */
SYSCALL_DEFINE4(timerfd_settime, int, fd, int, flags,
		const struct timerfd_itimerspec __user *, unew,
		struct timerfd_itimerspec __user *, uold)
{
	struct timerfd_itimerspec spec, old;
	struct timerfd_ctx *ctx;
	struct timespec value, interval;
	bool fired = false;
	struct file *f;
	uint64_t irq, rt;
	long err;

	if (copy_from_user(&spec, unew, sizeof(spec)))
		return -EFAULT;
	if (((unsigned)flags & ~(unsigned)TIMERFD_SETTIME_FLAGS) || !timerfd_spec_valid(&spec))
		return -EINVAL;
	f = timerfd_get(fd, &err);
	if (!f)
		return err;
	ctx = f->priv;
	value = (struct timespec){ .tv_sec = spec.value_sec, .tv_nsec = spec.value_nsec };
	interval = (struct timespec){ .tv_sec = spec.interval_sec, .tv_nsec = spec.interval_nsec };
	rt = spin_lock_irqsave(&timerfd_rt_lock);
	irq = spin_lock_irqsave(&ctx->lock);
	timerfd_current(ctx, &old);
	sched_timer_cancel(&ctx->timer);
	ctx->ticks = 0;
	ctx->expired = false;
	ctx->expires = 0;
	/* Kept even when disarming: gettime reports it (as Linux). */
	ctx->interval = (uint64_t)timespec_to_ns(&interval);
	if (value.tv_sec || value.tv_nsec)
		fired = timerfd_start(ctx, timespec_to_ns(&value), flags & TFD_TIMER_ABSTIME);
	/* Linux's timerfd_setup_cancel: only absolute realtime timers care. */
	ctx->abs_realtime = ctx->clockid == CLOCK_REALTIME && (flags & TFD_TIMER_ABSTIME);
	ctx->cancel_on_set = ctx->abs_realtime && (flags & TFD_TIMER_CANCEL_ON_SET);
	ctx->canceled = false;
	if (ctx->abs_realtime && !list_node_linked(&ctx->rt_link))
		list_add_tail(&timerfd_rt_list, &ctx->rt_link);
	else if (!ctx->abs_realtime && list_node_linked(&ctx->rt_link))
		list_del(&ctx->rt_link);
	spin_unlock_irqrestore(&ctx->lock, irq);
	spin_unlock_irqrestore(&timerfd_rt_lock, rt);
	if (fired)
		wake_up_poll(&ctx->wq, POLLIN | POLLRDNORM);
	file_put(f);
	/* Like Linux, the new setting stays even if old cannot be written. */
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timerfd_gettime, int, fd, struct timerfd_itimerspec __user *, ucur)
{
	struct timerfd_itimerspec cur;
	struct timerfd_ctx *ctx;
	struct file *f;
	uint64_t irq;
	long err;

	f = timerfd_get(fd, &err);
	if (!f)
		return err;
	ctx = f->priv;
	irq = spin_lock_irqsave(&ctx->lock);
	timerfd_current(ctx, &cur);
	spin_unlock_irqrestore(&ctx->lock, irq);
	file_put(f);
	if (copy_to_user(ucur, &cur, sizeof(cur)))
		return -EFAULT;
	return 0;
}

void timerfd_clock_was_set(int64_t delta_ns)
{
	uint64_t rt = spin_lock_irqsave(&timerfd_rt_lock);
	struct list_node *pos;

	list_for_each(pos, &timerfd_rt_list) {
		struct timerfd_ctx *ctx = list_entry(pos, struct timerfd_ctx, rt_link);
		uint64_t flags = spin_lock_irqsave(&ctx->lock);
		uint64_t now = time_monotonic_ns();
		bool wake = false;

		if (ctx->cancel_on_set) {
			ctx->canceled = true;
			wake = true;
		}
		/* The same wall time is delta_ns nearer (or farther) now. */
		if (ctx->expires && (!ctx->expired || ctx->interval)) {
			int64_t shifted = (int64_t)ctx->expires - delta_ns;

			ctx->expires = shifted > (int64_t)now ? (uint64_t)shifted : now;
			sched_timer_arm(&ctx->timer, ctx->expires);
		}
		spin_unlock_irqrestore(&ctx->lock, flags);
		if (wake)
			wake_up_poll(&ctx->wq, POLLIN | POLLRDNORM);
	}
	spin_unlock_irqrestore(&timerfd_rt_lock, rt);
}
