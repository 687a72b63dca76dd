/*
 * exit.c: the end of threads and processes: exit, exit_group, death by
 * a signal, orphans adopted by PID 1, the zombie and the parent's
 * notification (SIGCHLD and a wake-up of its wait4).
 *
 * Why the task is freed at once but the process is not: a thread's
 * stack and structure are of no use after it stops running (the task is
 * DETACHED, the scheduler frees it after switching away), while the
 * process carries the exit status and pid that the parent's wait4 still
 * needs: it stays a zombie until reaped (process_release).
 */
#include <proc/process.h>
#include <asm/cpu.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <mm/vm.h>
#include <proc/futex.h>
#include <proc/pidfd.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <proc/child_status.h>
#include <tty/tty.h>
#include <user/user.h>

#define EXIT_CODE_MASK		0xff		/* exit(2): status & 0377 */
#define PROCESS_INIT_PID	1

/*
 * The parent learns of the death: exit_signal and a wake-up (tasklist_lock held).
 * Returns whether nobody will wait for p: a parent that ignores SIGCHLD
 * or set SA_NOCLDWAIT has its children reaped at once (wait(2), NOTES).
 */
static bool process_notify_parent(struct process *p)
{
	struct process *parent = p->parent;
	struct kernel_sigaction ka;
	bool autoreap;

	if (!parent) {
		wake_up_all(&p->exit_wait);
		return false;
	}
	ka = signal_get_action(parent, SIGCHLD);
	autoreap = p->exit_signal == SIGCHLD &&
		   (ka.sa_handler == SIG_IGN || (ka.sa_flags & SA_NOCLDWAIT));
	if (p->exit_signal) {
		struct siginfo info = {
			.si_signo = p->exit_signal,
			.f.chld.pid = p->pid,
			.f.chld.uid = p->cred.uid,
			.f.chld.utime = (int64_t)p->utime_ticks,
			.f.chld.stime = (int64_t)p->stime_ticks,
		};

		siginfo_chld_from_status(&info, p->exit_status);
		signal_send_process_locked(parent, p->exit_signal, &info);
	}
	wake_up_all(&parent->child_wait);
	return autoreap;
}

/*
 * Who adopts p's orphans: the nearest live ancestor marked a subreaper
 * (PR_SET_CHILD_SUBREAPER), else PID 1, else nobody before init exists
 * (prctl(2), "PR_SET_CHILD_SUBREAPER"). tasklist_lock held.
 */
static struct process *process_find_reaper(struct process *p)
{
	struct process *init = process_find_locked(PROCESS_INIT_PID), *a;

	for (a = p->parent; a; a = a->parent)
		if (a->child_subreaper && a->state == PROCESS_ALIVE && !a->group_exiting)
			return a;
	if (init == p || (init && !init->is_init))
		return NULL;
	return init;
}

/*
 * Gives p's children to their reaper (process_find_reaper), and sends
 * each child that asked for one its parent-death signal (PR_SET_PDEATHSIG;
 * Linux sends it when the thread that forked the child exits, Basalt when
 * the parent process does). tasklist_lock held.
 */
static void process_reparent_children(struct process *p)
{
	struct process *reaper = process_find_reaper(p), *c, *next;
	bool zombies = false;

	list_for_each_entry_safe(c, next, &p->children, sibling) {
		list_del(&c->sibling);
		c->parent = reaper;
		if (reaper)
			list_add_tail(&reaper->children, &c->sibling);
		zombies |= c->state == PROCESS_ZOMBIE;
		if (c->pdeath_signal && c->state == PROCESS_ALIVE) {
			struct siginfo info = {
				.si_signo = c->pdeath_signal,
				.si_code = SI_USER,
				.f.kill.pid = p->pid,
				.f.kill.uid = p->cred.uid,
			};

			signal_send_process_locked(c, c->pdeath_signal, &info);
		}
	}
	if (reaper && zombies)
		wake_up_all(&reaper->child_wait);
}

/* The last thread is gone: free what the process owned, become a zombie. */
static void process_become_zombie(struct process *p, int status)
{
	if (p->is_init)
		panic("init (pid 1) exited with status %#x", (unsigned)status);
	signal_process_exit(p);
	/* A session leader's terminal hangs up (credentials(7), "Sessions"). */
	if (p->pid == p->sid && p->ctty)
		tty_session_leader_exit(p);
	process_drop_resources(p);
	/* The actions stay until the zombie is released (process_release). */

	spin_lock(&tasklist_lock);
	if (p->vfork_pending) {
		p->vfork_pending = false;
		wake_up_all(&p->vfork_wait);
	}
	process_reparent_children(p);
	p->exit_status = status;
	p->state = PROCESS_ZOMBIE;
	pidfd_notify_exit();
	if (process_notify_parent(p)) {
		p->parent->cutime_ticks += p->utime_ticks + p->cutime_ticks;
		p->parent->cstime_ticks += p->stime_ticks + p->cstime_ticks;
		process_release_locked(p);	/* nothing touches p after this */
	}
	spin_unlock(&tasklist_lock);
}

void process_exit_thread(int status)
{
	struct task *me = task_current();
	struct process *p = me->proc;
	bool last;
	uint64_t flags;

	cpu_irq_enable();
	robust_list_exit(me);		/* before clear_child_tid, as Linux's mm_release */
	if (me->clear_child_tid) {
		uint32_t zero = 0;

		/* pthread_join waits on this word (set_tid_address(2)). */
		if (!copy_to_user((void __user *)me->clear_child_tid, &zero, sizeof(zero)))
			futex_wake_addr(me->clear_child_tid, 1);
	}
	signal_task_exit(me);
	/* The thread list changes under both locks (process.h). */
	spin_lock(&tasklist_lock);
	flags = signal_lock_irqsave(p);
	list_del(&me->proc_link);
	p->nr_threads--;
	p->utime_ticks += me->runtime_ticks - me->system_ticks;
	p->stime_ticks += me->system_ticks;
	last = p->nr_threads == 0;
	if (p->group_exiting)
		status = p->exit_status;
	if (p->exec_killing)
		wake_up_all(&p->exit_wait);	/* user_exec_kill_threads waits */
	signal_unlock_irqrestore(p, flags);
	spin_unlock(&tasklist_lock);
	if (last)
		process_become_zombie(p, status);

	cpu_irq_disable();
	/* Only the FPU area tells the switch this was a user thread now. */
	me->proc = NULL;
	me->state = TASK_ZOMBIE;
	schedule();
	panic("exit: thread %d ran after exiting", me->tid);
}

void process_exit_group(int status)
{
	struct task *me = task_current(), *t;
	struct process *p = me->proc;
	uint64_t flags = signal_lock_irqsave(p);

	if (!p->group_exiting) {
		p->group_exiting = true;
		p->exit_status = status;
		/*
		 * The others die on their way back to ring 3 (user_return_work);
		 * a sleeping one wakes, sees signal_pending and unwinds, one
		 * running on another CPU is kicked in (signal_kick).
		 */
		list_for_each_entry(t, &p->threads, proc_link)
			if (t != me)
				signal_kick(t);
	}
	signal_unlock_irqrestore(p, flags);
	process_exit_thread(status);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	process_exit_thread(W_EXITCODE(error_code & EXIT_CODE_MASK, 0));
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	process_exit_group(W_EXITCODE(error_code & EXIT_CODE_MASK, 0));
}

void process_notify_stop(struct process *p, int sig)
{
	uint64_t flags;

	spin_lock(&tasklist_lock);
	flags = signal_lock_irqsave(p);
	p->stopped = true;
	signal_unlock_irqrestore(p, flags);
	p->report_status = W_STOPCODE(sig);
	p->report_pending = true;
	if (p->parent) {
		struct siginfo info = {
			.si_signo = SIGCHLD,
			.si_code = CLD_STOPPED,
			.f.chld.pid = p->pid,
			.f.chld.uid = p->cred.uid,
			.f.chld.status = sig,
		};

		if (!signal_parent_nocldstop(p->parent))
			signal_send_process_locked(p->parent, SIGCHLD, &info);
		wake_up_all(&p->parent->child_wait);
	}
	spin_unlock(&tasklist_lock);
}

void process_notify_continue_locked(struct process *p)
{
	uint64_t flags = signal_lock_irqsave(p);

	p->stopped = false;
	signal_unlock_irqrestore(p, flags);
	p->report_status = W_CONTINUED;
	p->report_pending = true;
	if (p->parent) {
		struct siginfo info = {
			.si_signo = SIGCHLD,
			.si_code = CLD_CONTINUED,
			.f.chld.pid = p->pid,
			.f.chld.uid = p->cred.uid,
			.f.chld.status = SIGCONT,
		};

		if (!signal_parent_nocldstop(p->parent))
			signal_send_process_locked(p->parent, SIGCHLD, &info);
		wake_up_all(&p->parent->child_wait);
	}
}

void process_notify_continue(struct process *p)
{
	spin_lock(&tasklist_lock);
	process_notify_continue_locked(p);
	spin_unlock(&tasklist_lock);
}
