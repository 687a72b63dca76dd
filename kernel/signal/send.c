/*
 * send.c: generating signals (signal(7), "Signal dispositions" and
 * "Signal mask and pending signals"): the pending sets and siginfo
 * queues, the immediate effects of SIGKILL, SIGCONT and the stop
 * signals, waking a thread that can take the signal, and faults.
 *
 * Locking: the process's siglock (signal_lock_irqsave) around every
 * pending/blocked/queue change (signal.h); the timers send from
 * interrupt handlers. The senders take no other lock but the
 * scheduler's and the allocator's, except for SIGCONT's report to the
 * parent (process_notify_continue: tasklist_lock, after the siglock is
 * dropped; the _locked senders for callers holding tasklist_lock).
 */
#include <asm/cpu.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <signal/internal.h>
#include <uapi/errno.h>

void signal_entry_free(struct sigqueue_entry *e)
{
	sigpending_uncharge(e->uid);
	kfree(e);
}

static ksigset_t signal_shared_pending(const struct task *t)
{
	return t->proc ? t->proc->shared_pending : 0;
}

bool signal_pending(struct task *t)
{
	if (!t->proc)
		return false;
	/*
	 * A group stop or exit also ends blocking calls: the thread then
	 * stops (or dies) on its way out, and the call restarts later.
	 */
	if (t->proc->group_exiting || t->proc->stopped)
		return true;
	return ((t->sig_pending | signal_shared_pending(t)) & ~t->sig_blocked) != 0;
}

bool signal_ignored(struct task *t, int sig)
{
	/* A blocked signal is kept: its action may change before unblocking. */
	if (sigset_has(t->sig_blocked, sig))
		return false;
	return signal_action_ignores(sig, sighand_action(t->proc, sig));
}

void signal_kick(struct task *t)
{
	if (t->state == TASK_BLOCKED)
		sched_wake(t);
	else if (t->state == TASK_RUNNING && t != task_current())
		sched_kick_running(t);
}

void signal_flush_queue(struct process *p, struct list_node *queue, uint64_t *pending)
{
	uint64_t flags = signal_lock_irqsave(p);

	if (queue->next) {	/* a zeroed, never initialised list is empty */
		while (!list_empty(queue)) {
			struct sigqueue_entry *e =
				list_first_entry(queue, struct sigqueue_entry, link);

			list_del(&e->link);
			signal_entry_free(e);
		}
	}
	*pending = 0;
	signal_unlock_irqrestore(p, flags);
}

/* Drops every queued entry of the signals in set from one queue. */
static void signal_queue_remove(struct list_node *queue, uint64_t *pending, ksigset_t set)
{
	struct list_node *pos = queue->next;

	while (pos && pos != queue) {
		struct sigqueue_entry *e = list_entry(pos, struct sigqueue_entry, link);

		pos = pos->next;
		if (sigset_has(set, e->info.si_signo)) {
			list_del(&e->link);
			signal_entry_free(e);
		}
	}
	*pending &= ~set;
}

void signal_discard(struct process *p, ksigset_t set)
{
	struct list_node *pos;

	signal_queue_remove(&p->shared_queue, &p->shared_pending, set);
	list_for_each(pos, &p->threads) {
		struct task *t = list_entry(pos, struct task, proc_link);

		signal_queue_remove(&t->sig_queue, &t->sig_pending, set);
	}
}

void signal_kick_all(struct process *p)
{
	struct list_node *pos;

	list_for_each(pos, &p->threads)
		signal_kick(list_entry(pos, struct task, proc_link));
}

/*
 * The effects that happen at send time, not at delivery (signal(7)):
 * SIGCONT and SIGKILL end a stop and cancel pending stop signals, a
 * stop signal cancels a pending SIGCONT. Returns whether p was
 * continued (the caller reports it once the siglock is dropped).
 * siglock held.
 */
static bool signal_send_effects(struct process *p, int sig)
{
	bool continued = false;

	if (sig == SIGCONT || sig == SIGKILL) {
		signal_discard(p, SIGSET_STOP);
		if (p->stopped) {
			p->stopped = false;
			continued = sig == SIGCONT;
			signal_kick_all(p);
		}
	} else if (sigset_has(SIGSET_STOP, sig)) {
		signal_discard(p, SIGSET_BIT(SIGCONT));
	}
	return continued;
}

/*
 * Puts sig on one queue of p. A standard signal already pending is
 * merged into the pending one (only one instance is kept, signal(7)).
 * Each siginfo queued is charged to p's real uid (sigpending.c); past
 * RLIMIT_SIGPENDING, or without memory, the bit alone is set and
 * delivery makes a siginfo up, except that a real-time signal not sent
 * by kill(2) then fails (Linux's __send_signal_locked: "queue overflow").
 * siglock held. 0 or -EAGAIN.
 */
static int signal_enqueue(struct process *p, struct list_node *queue, uint64_t *pending,
			  int sig, const struct siginfo *info)
{
	struct sigqueue_entry *e = NULL;
	bool rt = sig >= SIGRT_KERNEL_MIN;
	int32_t code = info ? info->si_code : SI_KERNEL;
	/*
	 * Linux: standard signals from kill(2) or the kernel may pass the
	 * limit; a POSIX timer's signal was charged when the timer was made
	 * (posix_timer.c, Linux's preallocated sigqueue).
	 */
	bool override = (!rt && code >= 0) || code == SI_TIMER;
	uint32_t uid = p->cred.uid;

	if (!queue->next)
		list_init(queue);	/* a zeroed task or process: lazily set up */
	if (!rt && sigset_has(*pending, sig))
		return 0;
	if (sigpending_charge(uid, p->rlim[RLIMIT_SIGPENDING].rlim_cur, override)) {
		e = kzalloc(sizeof(*e));
		if (!e)
			sigpending_uncharge(uid);
	}
	if (e) {
		e->uid = uid;
		if (info) {
			e->info = *info;
		} else {
			e->info.si_code = SI_KERNEL;
		}
		e->info.si_signo = sig;
		list_add_tail(queue, &e->link);
	} else if (rt && code != SI_USER) {
		return -EAGAIN;
	}
	*pending |= SIGSET_BIT(sig);
	/* signalfd(2): a reader may be waiting for a signal it has blocked. */
	signalfd_notify();
	return 0;
}

/* A thread of p that does not block sig, else the main one. */
static struct task *signal_pick_thread(struct process *p, int sig)
{
	struct list_node *pos;

	list_for_each(pos, &p->threads) {
		struct task *t = list_entry(pos, struct task, proc_link);

		if (!sigset_has(t->sig_blocked, sig))
			return t;
	}
	return process_main_thread(p);
}

/*
 * SIGCONT continued p: the parent's report (waitpid WCONTINUED,
 * SIGCHLD), with tasklist_lock, which the caller may already hold.
 * Interrupt handlers never send SIGCONT (the timers send SIGALRM,
 * SIGVTALRM and SIGPROF), so tasklist_lock stays out of them.
 */
static void signal_report_continue(struct process *p, bool tasklist_held)
{
	if (tasklist_held)
		process_notify_continue_locked(p);
	else
		process_notify_continue(p);
}

static int signal_send_thread_common(struct task *t, int sig, const struct siginfo *info,
				     bool tasklist_held)
{
	struct process *p = t->proc;
	uint64_t flags;
	bool continued;
	int ret = 0;

	if (!signal_valid(sig) || !p || !p->sighand)
		return -EINVAL;
	flags = signal_lock_irqsave(p);
	continued = signal_send_effects(p, sig);
	if (!signal_ignored(t, sig)) {
		ret = signal_enqueue(p, &t->sig_queue, &t->sig_pending, sig, info);
		if (!ret && (sig == SIGKILL || !sigset_has(t->sig_blocked, sig)))
			signal_kick(t);
	}
	signal_unlock_irqrestore(p, flags);
	if (continued)
		signal_report_continue(p, tasklist_held);
	return ret;
}

int signal_send_thread(struct task *t, int sig, const struct siginfo *info)
{
	return signal_send_thread_common(t, sig, info, false);
}

int signal_send_thread_locked(struct task *t, int sig, const struct siginfo *info)
{
	return signal_send_thread_common(t, sig, info, true);
}

static int signal_send_process_common(struct process *p, int sig, const struct siginfo *info,
				      bool tasklist_held)
{
	struct task *t;
	uint64_t flags;
	bool continued;
	int ret = 0;

	if (!signal_valid(sig) || !p->sighand)
		return -EINVAL;
	if (p->state != PROCESS_ALIVE)
		return 0;	/* a zombie takes signals and ignores them */
	flags = signal_lock_irqsave(p);
	continued = signal_send_effects(p, sig);
	t = signal_pick_thread(p, sig);
	if (t && !signal_ignored(t, sig)) {
		ret = signal_enqueue(p, &p->shared_queue, &p->shared_pending, sig, info);
		if (!ret && sig == SIGKILL)
			signal_kick_all(p);
		else if (!ret && !sigset_has(t->sig_blocked, sig))
			signal_kick(t);
	}
	signal_unlock_irqrestore(p, flags);
	if (continued)
		signal_report_continue(p, tasklist_held);
	return ret;
}

int signal_send_process(struct process *p, int sig, const struct siginfo *info)
{
	return signal_send_process_common(p, sig, info, false);
}

int signal_send_process_locked(struct process *p, int sig, const struct siginfo *info)
{
	return signal_send_process_common(p, sig, info, true);
}

struct signal_pgrp_walk {
	int pgid, sig;
	const struct siginfo *info;
	bool found;
};

static int signal_pgrp_one(struct process *p, void *arg)
{
	struct signal_pgrp_walk *w = arg;

	if (p->pgid == w->pgid && p->state == PROCESS_ALIVE) {
		w->found = true;
		signal_send_process_locked(p, w->sig, w->info);
	}
	return 0;
}

int signal_send_pgrp(int pgid, int sig, const struct siginfo *info)
{
	struct signal_pgrp_walk w = { .pgid = pgid, .sig = sig, .info = info };

	if (!signal_valid(sig))
		return -EINVAL;
	process_for_each(signal_pgrp_one, &w);
	return w.found ? 0 : -ESRCH;
}

int signal_send_pgrp_locked(int pgid, int sig, const struct siginfo *info)
{
	struct signal_pgrp_walk w = { .pgid = pgid, .sig = sig, .info = info };

	if (!signal_valid(sig))
		return -EINVAL;
	process_for_each_locked(signal_pgrp_one, &w);
	return w.found ? 0 : -ESRCH;
}

void signal_force_fault(int sig, int si_code, uint64_t addr)
{
	struct task *t = task_current();
	struct siginfo info;
	struct kernel_sigaction *ka;
	uint64_t flags;

	if (!t->proc || !t->proc->sighand || !signal_valid(sig))
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = si_code;
	info.f.fault.addr = addr;
	flags = signal_lock_irqsave(t->proc);
	/*
	 * The instruction would fault again at once: a blocked or ignored
	 * fault signal takes its default action (Linux's force_sig_fault).
	 */
	ka = sighand_action(t->proc, sig);
	if (sigset_has(t->sig_blocked, sig) || ka->sa_handler == SIG_IGN) {
		ka->sa_handler = SIG_DFL;
		t->sig_blocked &= ~SIGSET_BIT(sig);
	}
	signal_enqueue(t->proc, &t->sig_queue, &t->sig_pending, sig, &info);
	signal_unlock_irqrestore(t->proc, flags);
}

/* Takes sig's first entry off one queue into *info. siglock held. */
static void signal_take(struct list_node *queue, uint64_t *pending, int sig,
			struct siginfo *info)
{
	struct list_node *pos;
	struct sigqueue_entry *found = NULL;
	bool more = false;

	if (!queue->next)
		list_init(queue);
	list_for_each(pos, queue) {
		struct sigqueue_entry *e = list_entry(pos, struct sigqueue_entry, link);

		if (e->info.si_signo != sig)
			continue;
		if (found) {
			more = true;
			break;
		}
		found = e;
	}
	if (found) {
		*info = found->info;
		list_del(&found->link);
		signal_entry_free(found);
	} else {
		/* Queued without memory for its siginfo. */
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_KERNEL;
	}
	if (!more)
		*pending &= ~SIGSET_BIT(sig);
}

ksigset_t signal_pending_set(struct task *t)
{
	return t->sig_pending | (t->proc ? t->proc->shared_pending : 0);
}

int signal_dequeue(struct task *t, ksigset_t mask, struct siginfo *info)
{
	int sig = signal_pick(t->sig_pending & mask);

	if (sig) {
		signal_take(&t->sig_queue, &t->sig_pending, sig, info);
		return sig;
	}
	if (!t->proc)
		return 0;
	sig = signal_pick(t->proc->shared_pending & mask);
	if (sig)
		signal_take(&t->proc->shared_queue, &t->proc->shared_pending, sig, info);
	return sig;
}

void signal_task_exit(struct task *t)
{
	signal_flush_queue(t->proc, &t->sig_queue, &t->sig_pending);
}
