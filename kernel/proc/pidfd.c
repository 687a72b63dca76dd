/*
 * pidfd.c: process file descriptors (pidfd_open(2), pidfd_send_signal(2),
 * pidfd_getfd(2), clone(2)'s CLONE_PIDFD, waitid(2)'s P_PIDFD).
 *
 * A pidfd names one process for as long as the descriptor lives, even
 * after the pid is reused: Basalt's processes are not reference counted,
 * so the pidfd keeps the pid and the process's start time (start_ns, the
 * same identity procfs's directories keep) and looks the process up
 * under tasklist_lock each time; a process found with another start time
 * is another process, and the pidfd's is gone (ESRCH).
 *
 * poll: readable (POLLIN) once the process has exited, zombie or reaped,
 * as Linux's pidfd_poll. Every exit wakes one queue for all pidfds
 * (pidfd_notify_exit, called as the process becomes a zombie) and each
 * poller looks again: simpler than a queue per process that would have
 * to outlive it, at the price of spurious wake-ups when many processes
 * exit.
 *
 * Locking: a pidfd's target (pid, start_ns) is set once, before the
 * descriptor can be used (pidfd_open), or before the child runs
 * (CLONE_PIDFD: pidfd_bind, with a release store of pid; 0 reads as "no
 * such process" until then). pidfd_wq is a wait queue (its own locking).
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/poll.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/pidfd.h>
#include <proc/process.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>
#include <user/user.h>

/* pidfd_open(2): PIDFD_NONBLOCK is O_NONBLOCK (include/uapi/linux/pidfd.h). */
#define PIDFD_NONBLOCK		O_NONBLOCK

struct pidfd_ctx {
	int pid;		/* 0 until bound (CLONE_PIDFD); then fixed */
	uint64_t start_ns;	/* the process's, fixed before pid is published */
};

/* Pollers of every pidfd: woken at every process exit. */
static struct wait_queue pidfd_wq = WAIT_QUEUE_INIT(pidfd_wq);

static const struct file_ops pidfd_ops;

static struct pidfd_ctx *pidfd_ctx_of(const struct file *f)
{
	return f && f->ops == &pidfd_ops ? f->priv : NULL;
}

/* The pidfd's process, or NULL once it was reaped. tasklist_lock held. */
static struct process *pidfd_process_locked(const struct pidfd_ctx *c)
{
	int pid = __atomic_load_n(&c->pid, __ATOMIC_ACQUIRE);
	struct process *p = pid ? process_find_locked(pid) : NULL;

	return p && p->start_ns == c->start_ns ? p : NULL;
}

void pidfd_notify_exit(void)
{
	wake_up_poll(&pidfd_wq, POLLIN | POLLRDNORM);
}

static unsigned pidfd_poll(struct file *f, struct poll_table *pt)
{
	struct pidfd_ctx *c = f->priv;
	struct process *p;
	bool exited;

	poll_wait(pt, &pidfd_wq);
	spin_lock(&tasklist_lock);
	p = pidfd_process_locked(c);
	/* Not yet bound (CLONE_PIDFD before the child exists) is not "exited". */
	exited = __atomic_load_n(&c->pid, __ATOMIC_ACQUIRE) &&
		 (!p || p->state == PROCESS_ZOMBIE);
	spin_unlock(&tasklist_lock);
	return exited ? POLLIN | POLLRDNORM : 0;
}

static void pidfd_release(struct file *f)
{
	kfree(f->priv);
}

/* read(2) and write(2): no ops, EINVAL, as Linux's pidfd_fops. */
static const struct file_ops pidfd_ops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
	.anon_name = "[pidfd]",
};

static struct file *pidfd_alloc(unsigned flags)
{
	struct pidfd_ctx *c = kzalloc(sizeof(*c));
	struct file *f;

	if (!c)
		return NULL;
	f = file_alloc_anon(&pidfd_ops, c, O_RDWR | (flags & O_NONBLOCK));
	if (!f)
		kfree(c);
	return f;
}

int pidfd_reserve(struct file **out)
{
	struct file *f = pidfd_alloc(0);
	int fd;

	if (!f)
		return -ENOMEM;
	file_get(f);		/* the caller's, for pidfd_bind */
	/* Linux's pidfds are always close-on-exec (pidfd_open(2)). */
	fd = fd_install(f, FD_CLOEXEC_FLAG);
	if (fd < 0) {
		file_put(f);
		file_put(f);
		return fd;
	}
	*out = f;
	return fd;
}

void pidfd_bind(struct file *f, const struct process *p)
{
	struct pidfd_ctx *c = f->priv;

	c->start_ns = p->start_ns;
	__atomic_store_n(&c->pid, p->pid, __ATOMIC_RELEASE);
}

int pidfd_wait_target(int fd, int *pid, bool *nonblock)
{
	struct file *f = fd_get(fd);
	struct pidfd_ctx *c = pidfd_ctx_of(f);
	struct process *p;

	if (!c) {
		if (f)
			file_put(f);
		return -EBADF;
	}
	*nonblock = f->flags & O_NONBLOCK;
	spin_lock(&tasklist_lock);
	p = pidfd_process_locked(c);
	*pid = p ? p->pid : -1;
	spin_unlock(&tasklist_lock);
	file_put(f);
	return 0;
}

SYSCALL_DEFINE2(pidfd_open, int, pid, unsigned int, flags)
{
	struct process *p;
	struct file *f;
	int err = 0, fd;

	if (flags & ~(unsigned)PIDFD_NONBLOCK)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;
	f = pidfd_alloc(flags);
	if (!f)
		return -ENOMEM;
	spin_lock(&tasklist_lock);
	p = process_find_locked(pid);
	if (p)
		pidfd_bind(f, p);
	else	/* A thread that leads no process: Linux's PIDTYPE_TGID test. */
		err = process_find_thread_locked(pid) ? -EINVAL : -ESRCH;
	spin_unlock(&tasklist_lock);
	if (err) {
		file_put(f);
		return err;
	}
	fd = fd_install(f, FD_CLOEXEC_FLAG);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* The pidfd behind fd, referenced in *fp: -EBADF for anything else. */
static struct pidfd_ctx *pidfd_get(int fd, struct file **fp)
{
	struct file *f = fd_get(fd);
	struct pidfd_ctx *c = pidfd_ctx_of(f);

	if (!c && f)
		file_put(f);
	*fp = c ? f : NULL;
	return c;
}

SYSCALL_DEFINE4(pidfd_send_signal, int, pidfd, int, sig, struct siginfo __user *, uinfo,
		unsigned int, flags)
{
	struct process *self = process_current(), *p;
	struct pidfd_ctx *c;
	struct siginfo info;
	struct file *f;
	long err;

	if (flags)
		return -EINVAL;
	c = pidfd_get(pidfd, &f);
	if (!c)
		return -EBADF;
	memset(&info, 0, sizeof(info));
	if (uinfo) {
		err = copy_from_user(&info, uinfo, sizeof(info)) ? -EFAULT :
		      info.si_signo != sig ? -EINVAL : 0;
	} else {
		info.si_signo = sig;
		info.si_code = SI_USER;
		info.f.kill.pid = self->pid;
		info.f.kill.uid = self->cred.uid;
		err = 0;
	}
	spin_lock(&tasklist_lock);	/* p stays until the send is done */
	p = pidfd_process_locked(c);
	/* Another process may not claim to be the kernel or kill(2) (rt_sigqueueinfo). */
	if (!err && uinfo && p != self && (info.si_code >= 0 || info.si_code == SI_TKILL))
		err = -EPERM;
	if (!err)
		err = !p ? -ESRCH : (sig < 0 || sig > NSIG) ? -EINVAL :
		      signal_kill_process_locked(p, sig, &info);
	spin_unlock(&tasklist_lock);
	file_put(f);
	return err;
}

/*
 * ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS), Linux's
 * __ptrace_may_access: root (CAP_SYS_PTRACE), or the caller's real uid
 * and gid are all of the target's ids and the target is dumpable. Same
 * uid is not enough for a target that is not dumpable (a set-id program,
 * PR_SET_DUMPABLE 0). tasklist_lock held.
 */
static bool pidfd_may_access(const struct process *self, const struct process *t)
{
	const struct cred *a = &self->cred, *b = &t->cred;

	if (self == t || a->euid == 0)
		return true;
	if (a->uid != b->uid || a->uid != b->euid || a->uid != b->suid ||
	    a->gid != b->gid || a->gid != b->egid || a->gid != b->sgid)
		return false;
	return t->dumpable == PROCESS_DUMP_USER;
}

SYSCALL_DEFINE3(pidfd_getfd, int, pidfd, int, fd, unsigned int, flags)
{
	struct process *self = process_current(), *p;
	struct file *f, *target = NULL;
	struct pidfd_ctx *c;
	long err = 0;
	int newfd;

	if (flags)
		return -EINVAL;
	c = pidfd_get(pidfd, &f);
	if (!c)
		return -EBADF;
	spin_lock(&tasklist_lock);
	p = pidfd_process_locked(c);
	if (!p)
		err = -ESRCH;
	else if (!pidfd_may_access(self, p))
		err = -EPERM;
	else if (p->files && fd >= 0)
		target = fd_table_get_atomic(p->files, fd);
	spin_unlock(&tasklist_lock);
	file_put(f);
	if (err)
		return err;
	if (!target)
		return -EBADF;	/* no such descriptor, or the process has exited */
	newfd = fd_install(target, FD_CLOEXEC_FLAG);
	if (newfd < 0)
		file_put(target);
	return newfd;
}
