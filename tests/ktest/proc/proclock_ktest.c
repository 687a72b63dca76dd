/*
 * proclock_ktest.c: the locks that replaced the recursive process_lock
 * (docs/locking.md): tasklist_lock (proc/process.h), the per-sighand
 * siglock (signal/signal.h) and a terminal's tty.lock (tty/tty.h) are
 * plain spinlocks, not recursive: a second take by their holder fails
 * (spin_trylock; spin_lock would panic). The lock checker reports the
 * inverted order siglock -> tasklist_lock, while the documented order
 * tasklist_lock -> siglock passes. Signals sent the documented way
 * (kill's walk with tasklist_lock held, a timer with the siglock only)
 * raise no report. tests/abi/signal_storm.c runs the same locks under
 * load from user space.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <sched/lockcheck.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <signal/signal.h>
#include <time/time.h>
#include <tty/tty.h>
#include <uapi/signal.h>

/* Sends in the storm below: enough for every path, short under TCG. */
#define KT_STORM_SENDS		200

static void kt_tty_write_none(struct tty *tty __unused, const uint8_t *s __unused,
			      size_t len __unused)
{
}

static const struct tty_driver kt_tty_driver = { .write = kt_tty_write_none };

KTEST(proclock_locks_not_recursive)
{
	struct process *p = process_create_kernel(NULL, "kt-proclock");
	static struct tty tty;
	uint64_t flags;

	KT_ASSERT(t, p);
	spin_lock(&tasklist_lock);
	KT_EXPECT(t, !spin_trylock(&tasklist_lock));
	/* The documented nesting: the siglock inside tasklist_lock. */
	flags = signal_lock_irqsave(p);
	KT_EXPECT(t, !spin_trylock(signal_siglock(p)));
	signal_unlock_irqrestore(p, flags);
	spin_unlock(&tasklist_lock);
	/* Free again: a trylock now succeeds. */
	KT_EXPECT(t, spin_trylock(&tasklist_lock));
	spin_unlock(&tasklist_lock);

	tty_setup(&tty, "kt-tty", 0, &kt_tty_driver, NULL);
	flags = spin_lock_irqsave(&tty.lock);
	KT_EXPECT(t, !spin_trylock(&tty.lock));
	spin_unlock_irqrestore(&tty.lock, flags);
	process_discard(p);
}

KTEST(proclock_siglock_then_tasklist_reported)
{
	struct process *p = process_create_kernel(NULL, "kt-proclock");
	unsigned before;
	uint64_t flags;

	KT_ASSERT(t, p);
	KT_ASSERT(t, lockcheck_enabled());
	lockcheck_expect(true);
	before = lockcheck_report_count();
	spin_lock(&tasklist_lock);
	flags = signal_lock_irqsave(p);
	signal_unlock_irqrestore(p, flags);
	spin_unlock(&tasklist_lock);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before);
	/* The other way round closes a cycle. */
	flags = signal_lock_irqsave(p);
	spin_lock(&tasklist_lock);
	spin_unlock(&tasklist_lock);
	signal_unlock_irqrestore(p, flags);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 1);
	/* The provoked order must not stay known for the tests after this one. */
	lockcheck_forget_edge(&signal_siglock(p)->map, &tasklist_lock.map);
	lockcheck_expect(false);
	process_discard(p);
}

struct kt_storm {
	struct process *p;
	volatile bool stop;
	unsigned sent;
};

static int kt_storm_sender(void *arg)
{
	struct kt_storm *s = arg;

	/* As a timer does: the siglock only; p outlives the thread. */
	while (!s->stop) {
		signal_send_process(s->p, SIGALRM, NULL);
		s->sent++;
		sched_yield();
	}
	return 0;
}

static int kt_storm_kill_one(struct process *p, void *arg)
{
	struct kt_storm *s = arg;

	/* kill(2)'s walk: tasklist_lock held, the _locked senders. */
	if (p == s->p) {
		uint64_t flags = signal_lock_irqsave(p);

		/* As after a group stop: SIGCONT then reports to the parent. */
		p->stopped = true;
		signal_unlock_irqrestore(p, flags);
		signal_send_process_locked(p, SIGUSR1, NULL);
		signal_send_process_locked(p, SIGCONT, NULL);
		signal_send_process_locked(p, SIGSTOP, NULL);
	}
	return 0;
}

KTEST(proclock_send_paths_without_report)
{
	struct vm_space *vm = vm_create();
	struct kt_storm s = { 0 };
	struct process *p;
	struct task *th;
	uint64_t user, system;
	unsigned before = lockcheck_report_count();

	KT_ASSERT(t, vm);
	p = process_create_kernel(vm, "kt-storm");
	KT_ASSERT(t, p);
	s.p = p;
	th = kthread_create(kt_storm_sender, &s, "kt-storm");
	KT_ASSERT(t, th);
	for (unsigned i = 0; i < KT_STORM_SENDS; i++) {
		process_for_each(kt_storm_kill_one, &s);
		/* A /proc reader's look: tasklist_lock, then the siglock inside. */
		spin_lock(&tasklist_lock);
		KT_EXPECT(t, process_find_locked(p->pid) == p);
		process_cpu_times(p, &user, &system);
		spin_unlock(&tasklist_lock);
		KT_EXPECT_EQ(t, signal_send_pgrp(p->pgid, SIGUSR2, NULL), 0);
		sched_yield();
	}
	s.stop = true;
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT(t, s.sent > 0);
	/* SIGCONT ended each stop and left a report for wait(2). */
	KT_EXPECT(t, !p->stopped);
	KT_EXPECT(t, p->report_pending);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before);
	process_discard(p);
}
