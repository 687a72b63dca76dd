/*
 * deliver.c: acting on pending signals on the way back to ring 3
 * (signal(7)): default actions (terminate, stop, continue, ignore),
 * handler frames, the ERESTART* rules for an interrupted system call,
 * and the mask rt_sigsuspend asked to restore.
 *
 * Locking: the pending sets and the action table under the process's
 * siglock; frames and exits without it.
 */
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <basalt/string.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <signal/coredump.h>
#include <signal/internal.h>

/* The selector's requested privilege level: 3 for a ring-3 frame. */
#define FRAME_RPL_MASK		3
#define FRAME_RPL_USER		3

/*
 * Applies the restart rules if f is a system call's exit with a
 * restart code; handler says whether a handler runs now, with flags.
 */
static void signal_restart(struct trap_frame *f, bool handler, uint64_t sa_flags)
{
	if (f->vector != TRAP_SYSCALL || (int64_t)f->error_code < 0)
		return;
	switch (signal_restart_decide((long)f->rax, handler, sa_flags)) {
	case SIGNAL_RESTART_EINTR:
		f->rax = (uint64_t)-EINTR;
		break;
	case SIGNAL_RESTART_AGAIN:
		f->rax = f->error_code;
		f->rip -= SYSCALL_INSN_LEN;
		break;
	case SIGNAL_RESTART_NONE:
		return;
	}
	/* Decided once: a second pass must not rewind again. */
	f->error_code = (uint64_t)-1;
}

/*
 * The group stop: blocks while p is stopped, until SIGCONT or SIGKILL
 * (send.c clears p->stopped and wakes the threads) or a group exit
 * (whoever sets group_exiting wakes them). p's siglock held.
 */
static void signal_wait_stopped(struct task *t, struct process *p)
{
	while (p->stopped && !p->group_exiting &&
	       !sigset_has(t->sig_pending | p->shared_pending, SIGKILL))
		wait_block_lock(NULL, 0, signal_siglock(p));
}

/* Runs the handler of ka for sig: frame, then the mask it runs with. */
static void signal_handle(struct trap_frame *f, struct task *t, int sig,
			  const struct kernel_sigaction *ka, const struct siginfo *info)
{
	ksigset_t mask;
	uint64_t flags;

	signal_restart(f, true, ka->sa_flags);
	flags = signal_lock_irqsave(t->proc);
	mask = t->sig_restore_mask ? t->sig_saved_mask : t->sig_blocked;
	t->sig_restore_mask = false;
	signal_unlock_irqrestore(t->proc, flags);

	if (signal_setup_frame(f, sig, ka, info, mask)) {
		/* No frame (bad stack, no restorer): SIGSEGV, as Linux's force_sigsegv. */
		flags = signal_lock_irqsave(t->proc);
		t->sig_blocked = mask;
		if (sig == SIGSEGV)
			sighand_action(t->proc, SIGSEGV)->sa_handler = SIG_DFL;
		signal_unlock_irqrestore(t->proc, flags);
		signal_force_fault(SIGSEGV, SI_KERNEL, 0);
		return;
	}
	flags = signal_lock_irqsave(t->proc);
	t->sig_blocked = mask | ka->sa_mask;
	if (!(ka->sa_flags & SA_NODEFER))
		t->sig_blocked |= SIGSET_BIT(sig);
	t->sig_blocked &= ~SIGSET_UNBLOCKABLE;
	/* SA_RESETHAND: the handler only; the flags stay, as on Linux. */
	if (ka->sa_flags & SA_RESETHAND)
		sighand_action(t->proc, sig)->sa_handler = SIG_DFL;
	signal_unlock_irqrestore(t->proc, flags);
}

bool signal_work_pending(struct trap_frame *f)
{
	struct task *t = task_current();

	if (!t->proc || !t->proc->sighand)
		return false;
	if (signal_pending(t) || __atomic_load_n(&t->sig_restore_mask, __ATOMIC_RELAXED))
		return true;
	/* A restart code with no signal to run: signal_restart's decision. */
	return f->vector == TRAP_SYSCALL && (int64_t)f->error_code >= 0 &&
	       signal_restart_decide((long)f->rax, false, 0) != SIGNAL_RESTART_NONE;
}

void signal_deliver(struct trap_frame *f)
{
	struct task *t = task_current();
	struct process *p = t->proc;
	uint64_t flags;

	if (!p || !p->sighand || (f->cs & FRAME_RPL_MASK) != FRAME_RPL_USER)
		return;
	flags = signal_lock_irqsave(p);
	for (;;) {
		struct kernel_sigaction ka;
		struct siginfo info;
		int sig;

		signal_wait_stopped(t, p);
		/*
		 * Another thread began exit_group or took a fatal signal:
		 * this one ends on its way out. The process's status is
		 * the one process_exit_group was given, not this thread's.
		 */
		if (p->group_exiting) {
			signal_unlock_irqrestore(p, flags);
			process_exit_thread(0);
		}
		sig = signal_dequeue(t, ~t->sig_blocked, &info);
		if (!sig)
			break;
		ka = *sighand_action(p, sig);
		if (sig == SIGKILL || sig == SIGSTOP)
			ka.sa_handler = SIG_DFL;
		if (ka.sa_handler == SIG_IGN)
			continue;
		if (ka.sa_handler != SIG_DFL) {
			/*
			 * Then the next pending one, if any, on top of it:
			 * its handler runs first, as on Linux.
			 */
			signal_unlock_irqrestore(p, flags);
			signal_handle(f, t, sig, &ka, &info);
			flags = signal_lock_irqsave(p);
			continue;
		}
		switch (signal_default_action(sig)) {
		case SIGNAL_DEFAULT_IGN:
		case SIGNAL_DEFAULT_CONT:
			continue;	/* SIGCONT's continuing happened when sent */
		case SIGNAL_DEFAULT_STOP:
			/* The other threads stop on their way out too. */
			p->stopped = true;
			signal_kick_all(p);
			signal_unlock_irqrestore(p, flags);
			process_notify_stop(p, sig);
			flags = signal_lock_irqsave(p);
			continue;	/* signal_wait_stopped blocks */
		case SIGNAL_DEFAULT_TERM:
			/*
			 * process_exit_group sets group_exiting with the
			 * status and ends the others.
			 */
			signal_unlock_irqrestore(p, flags);
			process_exit_group(W_EXITCODE(0, sig));
		case SIGNAL_DEFAULT_CORE:
			/* WCOREFLAG when a core was written (coredump.c). */
			signal_unlock_irqrestore(p, flags);
			process_exit_group(W_EXITCODE(0, sig) |
					   (coredump_write(f, &info) ? WCOREFLAG : 0));
		}
	}
	/* No handler runs (any more): restart what asked for it, restore the mask. */
	if (t->sig_restore_mask) {
		t->sig_blocked = t->sig_saved_mask;
		t->sig_restore_mask = false;
	}
	signal_unlock_irqrestore(p, flags);
	signal_restart(f, false, 0);
}
