/*
 * signalfd.c: signalfd(2) and signalfd4: a file from which the calling
 * thread reads its pending signals of a mask, as struct signalfd_siginfo
 * records, instead of having them delivered.
 *
 * As Linux, the file only holds the mask: a read or poll looks at the
 * signals pending for whoever reads or polls (the thread's own and its
 * process's), and a read takes them off the queues as sigwaitinfo would.
 * The mask usually has those signals blocked, so no one gets woken by
 * their arrival: every queued signal therefore wakes signalfd_wait
 * (signalfd_notify, from the signal code), and the readers and pollers
 * on it look again.
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/poll.h>
#include <mm/mm.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <proc/process.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>
#include <uapi/signalfd.h>
#include <user/user.h>

#define SIGNALFD_FLAGS		(SFD_CLOEXEC | SFD_NONBLOCK)
/* signal(7): SIGKILL and SIGSTOP cannot be read through a signalfd. */
#define SIGNALFD_UNREADABLE	(SIGSET_BIT(SIGKILL) | SIGSET_BIT(SIGSTOP))

/* Readers and pollers of every signalfd; woken by every queued signal. */
static struct wait_queue signalfd_wait = WAIT_QUEUE_INIT(signalfd_wait);

struct signalfd_ctx {
	struct spinlock lock;	/* guards mask (signalfd4 on the fd changes it) */
	ksigset_t mask;
};

void signalfd_notify(void)
{
	wake_up_all(&signalfd_wait);
}

static ksigset_t signalfd_mask(struct signalfd_ctx *ctx)
{
	uint64_t flags = spin_lock_irqsave(&ctx->lock);
	ksigset_t mask = ctx->mask;

	spin_unlock_irqrestore(&ctx->lock, flags);
	return mask;
}

/*
 * Which fields of siginfo's union are meaningful, from the signal and
 * si_code (Linux's siginfo_layout).
 */
enum signalfd_layout {
	SIGNALFD_LAYOUT_KILL,
	SIGNALFD_LAYOUT_TIMER,
	SIGNALFD_LAYOUT_POLL,
	SIGNALFD_LAYOUT_FAULT,
	SIGNALFD_LAYOUT_CHLD,
	SIGNALFD_LAYOUT_RT,
	SIGNALFD_LAYOUT_SYS,
};

static enum signalfd_layout signalfd_layout(int sig, int code)
{
	if (code > SI_USER && code < SI_KERNEL) {
		switch (sig) {
		case SIGILL:
		case SIGFPE:
		case SIGSEGV:
		case SIGBUS:
		case SIGTRAP:
			return SIGNALFD_LAYOUT_FAULT;
		case SIGCHLD:
			return SIGNALFD_LAYOUT_CHLD;
		case SIGPOLL:
			return SIGNALFD_LAYOUT_POLL;
		case SIGSYS:
			return SIGNALFD_LAYOUT_SYS;
		default:
			return SIGNALFD_LAYOUT_KILL;
		}
	}
	if (code == SI_TIMER)
		return SIGNALFD_LAYOUT_TIMER;
	if (code == SI_SIGIO)
		return SIGNALFD_LAYOUT_POLL;
	if (code < 0)
		return SIGNALFD_LAYOUT_RT;
	return SIGNALFD_LAYOUT_KILL;
}

/* A siginfo as the record a read returns (signalfd(2), Linux's signalfd_copyinfo). */
static void signalfd_fill(struct signalfd_siginfo *out, const struct siginfo *in)
{
	const union siginfo_fields *f = &in->f;

	memset(out, 0, sizeof(*out));
	out->ssi_signo = (uint32_t)in->si_signo;
	out->ssi_errno = in->si_errno;
	out->ssi_code = in->si_code;
	switch (signalfd_layout(in->si_signo, in->si_code)) {
	case SIGNALFD_LAYOUT_KILL:
		out->ssi_pid = (uint32_t)f->kill.pid;
		out->ssi_uid = f->kill.uid;
		break;
	case SIGNALFD_LAYOUT_TIMER:
		out->ssi_tid = (uint32_t)f->timer.tid;
		out->ssi_overrun = (uint32_t)f->timer.overrun;
		out->ssi_ptr = f->timer.value.sival_ptr;
		out->ssi_int = f->timer.value.sival_int;
		break;
	case SIGNALFD_LAYOUT_POLL:
		out->ssi_band = (uint32_t)f->poll.band;
		out->ssi_fd = f->poll.fd;
		break;
	case SIGNALFD_LAYOUT_FAULT:
		out->ssi_addr = f->fault.addr;
		out->ssi_addr_lsb = (uint16_t)f->fault.addr_lsb;
		break;
	case SIGNALFD_LAYOUT_CHLD:
		out->ssi_pid = (uint32_t)f->chld.pid;
		out->ssi_uid = f->chld.uid;
		out->ssi_status = f->chld.status;
		out->ssi_utime = (uint64_t)f->chld.utime;
		out->ssi_stime = (uint64_t)f->chld.stime;
		break;
	case SIGNALFD_LAYOUT_RT:
		out->ssi_pid = (uint32_t)f->rt.pid;
		out->ssi_uid = f->rt.uid;
		out->ssi_ptr = f->rt.value.sival_ptr;
		out->ssi_int = f->rt.value.sival_int;
		break;
	case SIGNALFD_LAYOUT_SYS:
		out->ssi_call_addr = f->sys.call_addr;
		out->ssi_syscall = f->sys.syscall;
		out->ssi_arch = f->sys.arch;
		break;
	}
}

/*
 * Takes one signal of the mask for the calling thread: its number, or
 * -EAGAIN if none is pending and !block, or -ERESTARTSYS.
 */
static int signalfd_dequeue(struct file *f, struct siginfo *info, bool block)
{
	struct signalfd_ctx *ctx = f->priv;
	struct task *me = task_current();
	struct wait_entry we;
	uint64_t flags;
	int sig;

	/* Armed before each test: a signal between it and the block is kept. */
	wait_entry_add(&signalfd_wait, &we);
	for (;;) {
		wait_entries_arm();
		flags = signal_lock_irqsave(me->proc);
		sig = signal_dequeue(me, signalfd_mask(ctx), info);
		signal_unlock_irqrestore(me->proc, flags);
		if (sig)
			break;
		if (!block) {
			sig = -EAGAIN;
			break;
		}
		if (signal_pending(me)) {
			sig = -ERESTARTSYS;
			break;
		}
		wait_block_entries(0);
	}
	wait_entry_remove(&we);
	return sig;
}

/* As many records as fit, blocking (unless O_NONBLOCK) for the first only. */
static long signalfd_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct signalfd_siginfo rec;
	struct siginfo info;
	long done = 0;

	if (u->resid < sizeof(rec))
		return -EINVAL;
	while (u->resid >= sizeof(rec)) {
		int sig = signalfd_dequeue(f, &info, !done && !(f->flags & O_NONBLOCK));
		long ret;

		if (sig < 0)
			return done ? done : sig;
		signalfd_fill(&rec, &info);
		ret = uio_copy_out(u, &rec, sizeof(rec));
		if (ret < 0)
			return done ? done : ret;
		done += ret;
	}
	return done;
}

static unsigned signalfd_poll(struct file *f, struct poll_table *pt)
{
	struct signalfd_ctx *ctx = f->priv;
	unsigned mask = 0;
	uint64_t flags;

	poll_wait(pt, &signalfd_wait);
	flags = signal_lock_irqsave(process_current());	/* guards the pending sets */
	if (signal_pending_set(task_current()) & signalfd_mask(ctx))
		mask = POLLIN | POLLRDNORM;
	signal_unlock_irqrestore(process_current(), flags);
	return mask;
}

static void signalfd_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops signalfd_ops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
	.anon_name = "[signalfd]",
};

/* A new signalfd, or a new mask for an existing one (ufd != -1). */
static long signalfd_do(int ufd, ksigset_t mask, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *f;
	uint64_t irq;
	int fd;

	if ((unsigned)flags & ~(unsigned)SIGNALFD_FLAGS)
		return -EINVAL;
	mask &= ~SIGNALFD_UNREADABLE;
	if (ufd != -1) {
		f = fd_get(ufd);
		if (!f)
			return -EBADF;
		if (f->ops != &signalfd_ops) {
			file_put(f);
			return -EINVAL;
		}
		ctx = f->priv;
		irq = spin_lock_irqsave(&ctx->lock);
		ctx->mask = mask;
		spin_unlock_irqrestore(&ctx->lock, irq);
		file_put(f);
		/* Waiters look again with the new mask. */
		signalfd_notify();
		return ufd;
	}
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	spin_lock_init(&ctx->lock, "signalfd");
	ctx->mask = mask;
	f = file_alloc_anon(&signalfd_ops, ctx, O_RDWR | ((unsigned)flags & O_NONBLOCK));
	if (!f) {
		kfree(ctx);
		return -ENOMEM;
	}
	fd = fd_install(f, (flags & SFD_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* Linux's order: the mask size, then the mask (EFAULT), then the flags. */
SYSCALL_DEFINE4(signalfd4, int, ufd, const ksigset_t __user *, umask,
		size_t, sizemask, int, flags)
{
	ksigset_t mask;

	if (sizemask != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	return signalfd_do(ufd, mask, flags);
}

SYSCALL_DEFINE3(signalfd, int, ufd, const ksigset_t __user *, umask, size_t, sizemask)
{
	return __do_sys_signalfd4(ufd, umask, sizemask, 0);
}
