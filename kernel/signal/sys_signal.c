/*
 * sys_signal.c: the signal system calls (Linux semantics, man pages
 * cited at each): actions, masks, waiting for signals, the alternate
 * stack, and kill/tkill/tgkill/rt_sigqueueinfo. rt_sigreturn is in
 * frame.c, alarm and the interval timers in itimer.c.
 *
 * Every user thread belongs to a process with signal handlers; a caller
 * without one (a kernel thread, as the ktests' bare kt_uspace process)
 * gets -ENOSYS.
 */
#include <asm/cpu.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <signal/internal.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <user/user.h>

/* struct timespec of the x86_64 ABI (time(7)): 64-bit seconds and nanoseconds. */
struct signal_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

#define SIGNAL_PID_INIT		1

/* The caller's process, or NULL if it has none (then -ENOSYS). */
static struct process *signal_self(void)
{
	struct process *p = process_current();

	return p && p->sighand ? p : NULL;
}

/* rt_sigaction(2): sigsetsize must be the kernel's 8 bytes. */
SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct kernel_sigaction __user *, uact,
		struct kernel_sigaction __user *, uoact, size_t, sigsetsize)
{
	struct process *p = signal_self();
	struct kernel_sigaction act, old;
	uint64_t flags;

	if (!p)
		return -ENOSYS;
	if (sigsetsize != sizeof(ksigset_t) || !signal_valid(sig))
		return -EINVAL;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	flags = signal_lock_irqsave(p);
	old = *sighand_action(p, sig);
	if (uact) {
		act.sa_mask &= ~SIGSET_UNBLOCKABLE;
		*sighand_action(p, sig) = act;
		/*
		 * POSIX (sigaction(2) via signal(7)): setting a disposition
		 * that ignores a signal discards it where it is pending.
		 */
		if (signal_action_ignores(sig, &act))
			signal_discard(p, SIGSET_BIT(sig));
	}
	signal_unlock_irqrestore(p, flags);
	if (uoact && copy_to_user(uoact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigprocmask(2) */
SYSCALL_DEFINE4(rt_sigprocmask, int, how, const ksigset_t __user *, uset,
		ksigset_t __user *, uoset, size_t, sigsetsize)
{
	struct task *t = task_current();
	ksigset_t set, old = t->sig_blocked, updated;
	uint64_t flags;

	if (!signal_self())
		return -ENOSYS;
	if (sigsetsize != sizeof(ksigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		if (signal_mask_apply(old, how, set, &updated))
			return -EINVAL;
		flags = signal_lock_irqsave(t->proc);
		t->sig_blocked = updated;
		signal_unlock_irqrestore(t->proc, flags);
	}
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigpending(2): pending and blocked, the thread's and the process's. */
SYSCALL_DEFINE2(rt_sigpending, ksigset_t __user *, uset, size_t, size)
{
	struct process *p = signal_self();
	struct task *t = task_current();
	ksigset_t set;

	if (!p)
		return -ENOSYS;
	if (size > sizeof(ksigset_t))
		return -EINVAL;
	set = (t->sig_pending | p->shared_pending) & t->sig_blocked;
	return copy_to_user(uset, &set, size) ? -EFAULT : 0;
}

/*
 * Sleeps until a signal the thread does not block is pending; the
 * signal is then delivered on the way out. t's siglock held.
 */
static void signal_sleep_until_pending(struct task *t)
{
	while (!signal_pending(t))
		wait_block_lock(NULL, 0, signal_siglock(t->proc));
}

/*
 * rt_sigsuspend(2): waits with a temporary mask; the handler's frame
 * saves the old one (sig_restore_mask), so it returns when the handler
 * does. Always -EINTR to user space.
 */
SYSCALL_DEFINE2(rt_sigsuspend, const ksigset_t __user *, umask, size_t, sigsetsize)
{
	struct task *t = task_current();
	ksigset_t mask;
	uint64_t flags;

	if (!signal_self())
		return -ENOSYS;
	if (sigsetsize != sizeof(ksigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	flags = signal_lock_irqsave(t->proc);
	t->sig_saved_mask = t->sig_blocked;
	t->sig_restore_mask = true;
	t->sig_blocked = mask & ~SIGSET_UNBLOCKABLE;
	signal_sleep_until_pending(t);
	signal_unlock_irqrestore(t->proc, flags);
	return -ERESTARTNOHAND;
}

/* pause(2): sleeps until a signal's handler ran (EINTR) or it killed us. */
SYSCALL_DEFINE0(pause)
{
	uint64_t flags;

	if (!signal_self())
		return -ENOSYS;
	flags = signal_lock_irqsave(process_current());
	signal_sleep_until_pending(task_current());
	signal_unlock_irqrestore(process_current(), flags);
	return -ERESTARTNOHAND;
}

/*
 * rt_sigtimedwait(2): takes a pending signal of the set without a
 * handler. While it sleeps the set is unblocked (the caller normally
 * blocks it), so a send wakes it; the old mask is back before it
 * returns. EAGAIN when the timeout passes, EINTR when another signal
 * arrives.
 */
SYSCALL_DEFINE4(rt_sigtimedwait, const ksigset_t __user *, uset, struct siginfo __user *, uinfo,
		const struct signal_timespec __user *, uts, size_t, sigsetsize)
{
	struct task *t = task_current();
	struct signal_timespec ts;
	struct siginfo info;
	uint64_t deadline = 0, flags;
	ksigset_t set, saved;
	int sig;

	if (!signal_self())
		return -ENOSYS;
	if (sigsetsize != sizeof(ksigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~SIGSET_UNBLOCKABLE;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || (uint64_t)ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		deadline = time_monotonic_ns() + (uint64_t)ts.tv_sec * NSEC_PER_SEC +
			   (uint64_t)ts.tv_nsec;
	}

	flags = signal_lock_irqsave(t->proc);
	saved = t->sig_blocked;
	for (;;) {
		sig = signal_dequeue(t, set, &info);
		if (sig)
			break;
		t->sig_blocked = saved;
		if (signal_pending(t)) {
			sig = -EINTR;
			break;
		}
		if (uts && time_monotonic_ns() >= deadline) {
			sig = -EAGAIN;
			break;
		}
		t->sig_blocked = saved & ~set;
		wait_block_lock(NULL, deadline, signal_siglock(t->proc));
	}
	t->sig_blocked = saved;
	signal_unlock_irqrestore(t->proc, flags);
	if (sig > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

/*
 * sigaltstack(2). Whether the thread is on its alternate stack depends
 * on the user stack pointer at the system call: the one register read
 * from the saved user frame (as Linux's current_pt_regs()->sp).
 */
SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
{
	struct task *t = task_current();
	stack_t ss, old;
	uint64_t user_sp;
	int ret;

	if (!signal_self())
		return -ENOSYS;
	user_sp = t->user_frame->rsp;
	signal_altstack_get(t, user_sp, &old);
	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		ret = signal_altstack_set(t, user_sp, &ss);
		if (ret)
			return ret;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- Sending ---------------------------------------------------------------- */

/*
 * kill(2), "Permissions": root (euid 0) may signal anyone; otherwise the
 * sender's real or effective uid must equal the target's real or saved
 * uid. SIGCONT may go to any process of the sender's session.
 */
static bool signal_may_send(const struct process *from, const struct process *to, int sig)
{
	const struct cred *a = &from->cred, *b = &to->cred;

	if (a->euid == 0 || from == to)
		return true;
	if (sig == SIGCONT && from->sid == to->sid)
		return true;
	return a->euid == b->suid || a->euid == b->uid || a->uid == b->suid || a->uid == b->uid;
}

static void signal_user_info(struct siginfo *info, int sig, int code)
{
	struct process *p = process_current();

	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->f.kill.pid = p->pid;
	info->f.kill.uid = p->cred.uid;
}

/* Permission check, then the send; sig 0 only checks (kill(2)). tasklist_lock held. */
static int signal_kill_one(struct process *p, int sig, const struct siginfo *info)
{
	if (p->state != PROCESS_ALIVE && !sig)
		return 0;
	if (!signal_may_send(process_current(), p, sig))
		return -EPERM;
	return sig ? signal_send_process_locked(p, sig, info) : 0;
}

int signal_kill_process_locked(struct process *p, int sig, const struct siginfo *info)
{
	return signal_kill_one(p, sig, info);
}

struct signal_kill_walk {
	int sig;
	int pgid;		/* the group, or 0 for "everyone" (pid -1) */
	const struct siginfo *info;
	int sent, err;
};

static int signal_kill_walk_one(struct process *p, void *arg)
{
	struct signal_kill_walk *w = arg;
	int ret;

	if (p->state != PROCESS_ALIVE)
		return 0;
	if (w->pgid ? p->pgid != w->pgid :
	    (p->pid == SIGNAL_PID_INIT || p == process_current()))
		return 0;
	ret = signal_kill_one(p, w->sig, w->info);
	if (ret)
		w->err = ret;
	else
		w->sent++;
	return 0;
}

/* kill(2): pid > 0, 0 (own group), -1 (all but init and self), < -1 (group -pid). */
SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct process *self = signal_self();
	struct signal_kill_walk w = { .sig = sig };
	struct siginfo info;

	if (!self)
		return -ENOSYS;
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	signal_user_info(&info, sig, SI_USER);
	w.info = &info;
	if (pid > 0) {
		/* tasklist_lock held: p cannot be reaped between the lookup and the send. */
		struct process *p;
		long err;

		spin_lock(&tasklist_lock);
		p = process_find_locked(pid);
		err = p ? signal_kill_one(p, sig, &info) : -ESRCH;
		spin_unlock(&tasklist_lock);
		return err;
	}
	if (pid == -1) {
		w.pgid = 0;
	} else {
		/* -INT_MIN would overflow: Linux says ESRCH. */
		if (pid == (int)0x80000000)
			return -ESRCH;
		w.pgid = pid ? -pid : self->pgid;
	}
	w.err = -ESRCH;
	process_for_each(signal_kill_walk_one, &w);
	return w.sent ? 0 : w.err;
}

struct signal_task_walk {
	int tgid, tid;
	struct task *found;
};

static int signal_task_walk_one(struct process *p, void *arg)
{
	struct signal_task_walk *w = arg;
	struct list_node *pos;

	if (w->tgid > 0 && p->pid != w->tgid)
		return 0;
	list_for_each(pos, &p->threads) {
		struct task *t = list_entry(pos, struct task, proc_link);

		if (t->tid == w->tid) {
			w->found = t;
			return 1;
		}
	}
	return 0;
}

/* tkill(2) and tgkill(2): tgid <= 0 for "any process" (tkill). */
static long signal_tgkill(int tgid, int tid, int sig)
{
	struct signal_task_walk w = { .tgid = tgid, .tid = tid };
	struct siginfo info;
	int ret;

	if (!signal_self())
		return -ENOSYS;
	if (sig < 0 || sig > NSIG || tid <= 0)
		return -EINVAL;
	signal_user_info(&info, sig, SI_TKILL);
	spin_lock(&tasklist_lock);	/* w.found stays until the send is done */
	process_for_each_locked(signal_task_walk_one, &w);
	ret = !w.found ? -ESRCH :
	      signal_may_send(process_current(), w.found->proc, sig) ? 0 : -EPERM;
	if (!ret && sig)
		ret = signal_send_thread_locked(w.found, sig, &info);
	spin_unlock(&tasklist_lock);
	return ret;
}

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	return signal_tgkill(0, tid, sig);
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return signal_tgkill(tgid, tid, sig);
}

/*
 * rt_sigqueueinfo(2): the caller's siginfo, but a process may not
 * claim to be the kernel or kill(2) to another process (EPERM).
 */
SYSCALL_DEFINE3(rt_sigqueueinfo, int, pid, int, sig, const struct siginfo __user *, uinfo)
{
	struct process *self = signal_self(), *p;
	struct siginfo info;
	long err;

	if (!self)
		return -ENOSYS;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && pid != self->pid)
		return -EPERM;
	info.si_signo = sig;
	spin_lock(&tasklist_lock);		/* p stays until the send is done */
	p = process_find_locked(pid);
	err = p ? signal_kill_one(p, sig, &info) : -ESRCH;
	spin_unlock(&tasklist_lock);
	return err;
}
