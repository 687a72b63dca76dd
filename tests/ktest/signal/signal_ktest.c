/*
 * signal_ktest.c: kernel/signal/ on a made-up process that the running
 * ktest thread (or a helper thread) joins for the test: the action
 * table and its references, sending/blocking/pending/queueing,
 * SIGCONT vs stop signals, forced faults, waking a blocked thread,
 * the interval timers, and delivery's restart and mask rules on a
 * system-call frame. Nothing here needs the lead's process code (no
 * process lookup, no exit or stop reports).
 */
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <signal/internal.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/itimer.h>
#include <uapi/unistd.h>

#define KT_FAKE_PID		4242
#define KT_USER_RIP		0x401002ULL	/* just after a "syscall" */
#define KT_SETTLE_ROUNDS	50
#define KT_HANDLER		0x401100ULL
#define KT_ALARM_WAIT_MS	1200

/* The process the current thread pretends to belong to. */
struct kt_sig_env {
	struct process p;
	struct process *saved_proc;
	uint64_t saved_blocked;
};

static struct kt_sig_env kt_env;

static bool kt_process_init(struct process *p)
{
	memset(p, 0, sizeof(*p));
	p->pid = KT_FAKE_PID;
	p->pgid = KT_FAKE_PID;
	p->state = PROCESS_ALIVE;
	list_init(&p->threads);
	list_init(&p->children);
	list_init(&p->shared_queue);
	/* A real process's limits: RLIMIT_SIGPENDING caps the queued siginfo. */
	process_default_limits(p->rlim);
	p->sighand = sighand_create();
	return p->sighand != NULL;
}

static void kt_join(struct process *p, struct task *t)
{
	uint64_t flags = cpu_irq_save();

	t->proc = p;
	list_add_tail(&p->threads, &t->proc_link);
	t->sig_blocked = 0;
	t->sig_pending = 0;
	list_init(&t->sig_queue);
	cpu_irq_restore(flags);
}

static void kt_leave(struct task *t)
{
	uint64_t flags;

	signal_task_exit(t);
	flags = cpu_irq_save();
	list_del(&t->proc_link);
	t->proc = NULL;
	cpu_irq_restore(flags);
}

static bool kt_begin(void)
{
	struct task *me = task_current();

	if (!kt_process_init(&kt_env.p))
		return false;
	kt_env.saved_proc = me->proc;
	kt_env.saved_blocked = me->sig_blocked;
	kt_join(&kt_env.p, me);
	return true;
}

static void kt_end(void)
{
	struct task *me = task_current();

	kt_leave(me);
	me->proc = kt_env.saved_proc;
	me->sig_blocked = kt_env.saved_blocked;
	me->sig_restore_mask = false;
	signal_process_exit(&kt_env.p);
	sighand_put(kt_env.p.sighand);
}

static void kt_set_handler(int sig, uint64_t handler, uint64_t flags)
{
	struct kernel_sigaction *ka = sighand_action(&kt_env.p, sig);

	ka->sa_handler = handler;
	ka->sa_flags = flags;
}

KTEST(signal_sighand_clone_refcount)
{
	struct sighand *a = sighand_create(), *b;

	KT_ASSERT(t, a);
	KT_EXPECT_EQ(t, a->refcount, 1);
	for (int sig = 1; sig <= NSIG; sig++)
		KT_EXPECT_EQ(t, a->action[sig - 1].sa_handler, SIG_DFL);
	a->action[SIGUSR1 - 1].sa_handler = KT_HANDLER;
	a->action[SIGUSR1 - 1].sa_mask = SIGSET_BIT(SIGUSR2);
	b = sighand_clone(a);
	KT_ASSERT(t, b);
	KT_EXPECT_EQ(t, b->refcount, 1);
	KT_EXPECT_EQ(t, b->action[SIGUSR1 - 1].sa_handler, KT_HANDLER);
	KT_EXPECT_EQ(t, b->action[SIGUSR1 - 1].sa_mask, SIGSET_BIT(SIGUSR2));
	/* A fork's copy is its own: changing it leaves the parent's alone. */
	b->action[SIGUSR1 - 1].sa_handler = SIG_IGN;
	KT_EXPECT_EQ(t, a->action[SIGUSR1 - 1].sa_handler, KT_HANDLER);
	/* CLONE_SIGHAND shares by reference. */
	sighand_get(a);
	KT_EXPECT_EQ(t, a->refcount, 2);
	sighand_put(a);
	KT_EXPECT_EQ(t, a->refcount, 1);
	sighand_put(a);
	sighand_put(b);
	sighand_put(NULL);
}

KTEST(signal_exec_reset_keeps_ignored)
{
	struct task *me = task_current();
	struct sighand *shared;

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGUSR1, KT_HANDLER, SA_RESTART);
	kt_set_handler(SIGUSR2, SIG_IGN, 0);
	shared = kt_env.p.sighand;
	sighand_get(shared);	/* as if a CLONE_SIGHAND sibling held it */
	me->altstack_sp = 0x500000;
	me->altstack_size = SIGSTKSZ;
	signal_exec_reset(&kt_env.p);
	KT_EXPECT(t, kt_env.p.sighand != shared);	/* unshared first */
	KT_EXPECT_EQ(t, shared->action[SIGUSR1 - 1].sa_handler, KT_HANDLER);
	KT_EXPECT_EQ(t, sighand_action(&kt_env.p, SIGUSR1)->sa_handler, SIG_DFL);
	KT_EXPECT_EQ(t, sighand_action(&kt_env.p, SIGUSR1)->sa_flags, 0);
	KT_EXPECT_EQ(t, sighand_action(&kt_env.p, SIGUSR2)->sa_handler, SIG_IGN);
	KT_EXPECT_EQ(t, me->altstack_size, 0);
	sighand_put(shared);
	kt_end();
}

KTEST(signal_send_block_pending)
{
	struct task *me = task_current();
	struct siginfo info, in;

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGUSR1, KT_HANDLER, 0);
	KT_EXPECT(t, !signal_pending(me));
	KT_EXPECT_EQ(t, signal_send_thread(me, SIGUSR1, NULL), 0);
	KT_EXPECT(t, signal_pending(me));
	me->sig_blocked = SIGSET_BIT(SIGUSR1);
	KT_EXPECT(t, !signal_pending(me));	/* pending but blocked */
	KT_EXPECT_EQ(t, signal_dequeue(me, ~me->sig_blocked, &info), 0);
	me->sig_blocked = 0;
	KT_EXPECT_EQ(t, signal_dequeue(me, ~0ULL, &info), SIGUSR1);
	KT_EXPECT_EQ(t, info.si_signo, SIGUSR1);
	KT_EXPECT_EQ(t, info.si_code, SI_KERNEL);	/* info NULL: from the kernel */
	KT_EXPECT(t, !signal_pending(me));

	/* The sender's siginfo arrives as sent. */
	memset(&in, 0, sizeof(in));
	in.si_code = SI_USER;
	in.f.kill.pid = 77;
	in.f.kill.uid = 1000;
	signal_send_thread(me, SIGUSR1, &in);
	KT_EXPECT_EQ(t, signal_dequeue(me, ~0ULL, &info), SIGUSR1);
	KT_EXPECT_EQ(t, info.si_code, SI_USER);
	KT_EXPECT_EQ(t, info.f.kill.pid, 77);
	KT_EXPECT_EQ(t, info.f.kill.uid, 1000);

	KT_EXPECT_EQ(t, signal_send_thread(me, 0, NULL), -EINVAL);
	KT_EXPECT_EQ(t, signal_send_thread(me, NSIG + 1, NULL), -EINVAL);
	kt_end();
}

KTEST(signal_ignored_dropped_unless_blocked)
{
	struct task *me = task_current();
	struct siginfo info;

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGUSR2, SIG_IGN, 0);
	signal_send_thread(me, SIGUSR2, NULL);
	signal_send_thread(me, SIGCHLD, NULL);	/* default: ignore */
	signal_send_thread(me, SIGWINCH, NULL);
	KT_EXPECT_EQ(t, me->sig_pending, 0);
	/* Blocked, an ignored signal is kept: its action may change. */
	me->sig_blocked = SIGSET_BIT(SIGCHLD);
	signal_send_thread(me, SIGCHLD, NULL);
	KT_EXPECT_EQ(t, me->sig_pending, SIGSET_BIT(SIGCHLD));
	me->sig_blocked = 0;
	KT_EXPECT_EQ(t, signal_dequeue(me, ~0ULL, &info), SIGCHLD);
	kt_end();
}

KTEST(signal_standard_merge_realtime_queue)
{
	struct task *me = task_current();
	struct siginfo info, in;

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGUSR1, KT_HANDLER, 0);
	kt_set_handler(SIGRTMIN, KT_HANDLER, 0);
	me->sig_blocked = SIGSET_BIT(SIGUSR1) | SIGSET_BIT(SIGRTMIN);
	memset(&in, 0, sizeof(in));
	in.si_code = SI_QUEUE;
	for (int i = 1; i <= 3; i++) {
		in.f.rt.value.sival_int = i;
		signal_send_thread(me, SIGUSR1, &in);
		signal_send_thread(me, SIGRTMIN, &in);
	}
	KT_EXPECT_EQ(t, signal_dequeue(me, SIGSET_BIT(SIGUSR1), &info), SIGUSR1);
	KT_EXPECT_EQ(t, info.f.rt.value.sival_int, 1);	/* the first one stays */
	KT_EXPECT_EQ(t, signal_dequeue(me, SIGSET_BIT(SIGUSR1), &info), 0);
	for (int i = 1; i <= 3; i++) {
		KT_EXPECT_EQ(t, signal_dequeue(me, SIGSET_BIT(SIGRTMIN), &info), SIGRTMIN);
		KT_EXPECT_EQ(t, info.f.rt.value.sival_int, i);
		KT_EXPECT_EQ(t, !!(me->sig_pending & SIGSET_BIT(SIGRTMIN)), i < 3);
	}
	KT_EXPECT_EQ(t, signal_dequeue(me, ~0ULL, &info), 0);
	kt_end();
}

KTEST(signal_process_directed_and_order)
{
	struct task *me = task_current();
	struct siginfo info;

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGTERM, KT_HANDLER, 0);
	kt_set_handler(SIGSEGV, KT_HANDLER, 0);
	kt_set_handler(SIGHUP, KT_HANDLER, 0);
	KT_EXPECT_EQ(t, signal_send_process(&kt_env.p, SIGTERM, NULL), 0);
	KT_EXPECT_EQ(t, kt_env.p.shared_pending, SIGSET_BIT(SIGTERM));
	KT_EXPECT_EQ(t, me->sig_pending, 0);
	KT_EXPECT(t, signal_pending(me));
	signal_send_thread(me, SIGHUP, NULL);
	signal_send_thread(me, SIGSEGV, NULL);
	/* Thread-directed first; among them a fault before the lower number. */
	KT_EXPECT_EQ(t, signal_dequeue(me, ~0ULL, &info), SIGSEGV);
	KT_EXPECT_EQ(t, signal_dequeue(me, ~0ULL, &info), SIGHUP);
	KT_EXPECT_EQ(t, signal_dequeue(me, ~0ULL, &info), SIGTERM);
	KT_EXPECT(t, !signal_pending(me));
	kt_end();
}

KTEST(signal_cont_and_stop_cancel_each_other)
{
	struct task *me = task_current();

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGCONT, KT_HANDLER, 0);
	me->sig_blocked = SIGSET_BIT(SIGTSTP) | SIGSET_BIT(SIGCONT) | SIGSET_BIT(SIGTTIN);
	signal_send_thread(me, SIGTSTP, NULL);
	signal_send_process(&kt_env.p, SIGTTIN, NULL);
	KT_EXPECT(t, me->sig_pending & SIGSET_BIT(SIGTSTP));
	signal_send_thread(me, SIGCONT, NULL);
	KT_EXPECT_EQ(t, me->sig_pending, SIGSET_BIT(SIGCONT));
	KT_EXPECT_EQ(t, kt_env.p.shared_pending, 0);
	signal_send_process(&kt_env.p, SIGTSTP, NULL);
	KT_EXPECT_EQ(t, me->sig_pending, 0);
	KT_EXPECT_EQ(t, kt_env.p.shared_pending, SIGSET_BIT(SIGTSTP));
	kt_end();
}

KTEST(signal_force_fault_overrides_block_and_ignore)
{
	struct task *me = task_current();
	struct siginfo info;

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGSEGV, SIG_IGN, 0);
	me->sig_blocked = SIGSET_BIT(SIGSEGV) | SIGSET_BIT(SIGUSR1);
	signal_force_fault(SIGSEGV, SEGV_ACCERR, 0x1234);
	KT_EXPECT_EQ(t, sighand_action(&kt_env.p, SIGSEGV)->sa_handler, SIG_DFL);
	KT_EXPECT_EQ(t, me->sig_blocked, SIGSET_BIT(SIGUSR1));
	KT_EXPECT(t, signal_pending(me));
	KT_EXPECT_EQ(t, signal_dequeue(me, ~me->sig_blocked, &info), SIGSEGV);
	KT_EXPECT_EQ(t, info.si_code, SEGV_ACCERR);
	KT_EXPECT_EQ(t, info.f.fault.addr, 0x1234);
	/* A handled, unblocked one keeps its handler. */
	kt_set_handler(SIGFPE, KT_HANDLER, 0);
	signal_force_fault(SIGFPE, FPE_INTDIV, 0x401000);
	KT_EXPECT_EQ(t, sighand_action(&kt_env.p, SIGFPE)->sa_handler, KT_HANDLER);
	KT_EXPECT_EQ(t, signal_dequeue(me, ~me->sig_blocked, &info), SIGFPE);
	KT_EXPECT_EQ(t, info.si_code, FPE_INTDIV);
	kt_end();
}

/* ---- Waking a thread that sleeps until a signal is pending --------------- */

static volatile bool kt_sleeper_woke;

static int kt_sleeper(void *arg __unused)
{
	struct task *me = task_current();
	uint64_t flags;

	kt_join(&kt_env.p, me);
	me->sig_blocked = SIGSET_BIT(SIGUSR2);
	flags = cpu_irq_save();
	while (!signal_pending(me))
		wait_block(NULL, 0);
	cpu_irq_restore(flags);
	kt_sleeper_woke = true;
	kt_leave(me);
	return 0;
}

KTEST(signal_wakes_blocked_thread)
{
	struct task *th;
	unsigned round;

	KT_ASSERT(t, kt_process_init(&kt_env.p));
	sighand_action(&kt_env.p, SIGUSR1)->sa_handler = KT_HANDLER;
	sighand_action(&kt_env.p, SIGUSR2)->sa_handler = KT_HANDLER;
	kt_sleeper_woke = false;
	/* On CPU0 with the test: its yields are what let the sleeper block. */
	th = kthread_create_mask(kt_sleeper, NULL, "sigsleeper", 1ULL);
	KT_ASSERT(t, th);
	for (round = 0; round < KT_SETTLE_ROUNDS && th->state != TASK_BLOCKED; round++)
		sched_yield();
	KT_EXPECT_EQ(t, th->state, TASK_BLOCKED);
	/* A signal it blocks does not wake it... */
	KT_EXPECT_EQ(t, signal_send_thread(th, SIGUSR2, NULL), 0);
	for (round = 0; round < 5; round++)
		sched_yield();
	KT_EXPECT(t, !kt_sleeper_woke);
	KT_EXPECT_EQ(t, th->state, TASK_BLOCKED);
	/* ...one it does not block does. */
	KT_EXPECT_EQ(t, signal_send_thread(th, SIGUSR1, NULL), 0);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT(t, kt_sleeper_woke);
	signal_process_exit(&kt_env.p);
	sighand_put(kt_env.p.sighand);
}

/* ---- Interval timers ------------------------------------------------------ */

KTEST(signal_itimer_cpu_ticks)
{
	struct task *me = task_current();
	const uint64_t tick = NSEC_PER_SEC / TIME_HZ;

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGPROF, KT_HANDLER, 0);
	kt_set_handler(SIGVTALRM, KT_HANDLER, 0);
	me->sig_blocked = SIGSET_BIT(SIGPROF) | SIGSET_BIT(SIGVTALRM);
	kt_env.p.itimer_cpu_left_ns[ITIMER_PROF - 1] = 2 * tick;
	kt_env.p.itimer_cpu_interval_ns[ITIMER_PROF - 1] = 5 * tick;
	kt_env.p.itimer_cpu_left_ns[ITIMER_VIRTUAL - 1] = tick;
	/* Ticks in the kernel count for PROF only. */
	signal_itimer_tick(me, false);
	KT_EXPECT_EQ(t, kt_env.p.shared_pending, 0);
	signal_itimer_tick(me, false);
	KT_EXPECT_EQ(t, kt_env.p.shared_pending, SIGSET_BIT(SIGPROF));
	KT_EXPECT_EQ(t, kt_env.p.itimer_cpu_left_ns[ITIMER_PROF - 1], 5 * tick);	/* reloaded */
	KT_EXPECT_EQ(t, kt_env.p.itimer_cpu_left_ns[ITIMER_VIRTUAL - 1], tick);
	signal_itimer_tick(me, true);
	KT_EXPECT(t, kt_env.p.shared_pending & SIGSET_BIT(SIGVTALRM));
	KT_EXPECT_EQ(t, kt_env.p.itimer_cpu_left_ns[ITIMER_VIRTUAL - 1], 0);	/* one-shot */
	kt_end();
}

KTEST(signal_alarm_fires_sigalrm)
{
	struct task *me = task_current();

	KT_ASSERT(t, kt_begin());
	kt_set_handler(SIGALRM, KT_HANDLER, 0);
	me->sig_blocked = SIGSET_BIT(SIGALRM);
	KT_EXPECT_EQ(t, itimer_alarm(1), 0);
	KT_EXPECT(t, timer_armed(&kt_env.p.itimer_real));
	/* A new alarm returns what was left of the old one, rounded: 1. */
	KT_EXPECT_EQ(t, itimer_alarm(1), 1);
	msleep(KT_ALARM_WAIT_MS);
	KT_EXPECT_EQ(t, kt_env.p.shared_pending, SIGSET_BIT(SIGALRM));
	KT_EXPECT(t, !timer_armed(&kt_env.p.itimer_real));
	KT_EXPECT_EQ(t, itimer_alarm(0), 0);
	kt_end();
}

/* ---- Delivery on a system call's exit frame ------------------------------- */

static void kt_syscall_frame(struct trap_frame *f, uint64_t nr, long ret)
{
	memset(f, 0, sizeof(*f));
	f->vector = TRAP_SYSCALL;
	f->error_code = nr;
	f->rax = (uint64_t)ret;
	f->rip = KT_USER_RIP;
	f->cs = GDT_USER_CS;
	f->ss = GDT_USER_DS;
}

KTEST(signal_deliver_restarts_without_handler)
{
	struct task *me = task_current();
	struct trap_frame f;

	KT_ASSERT(t, kt_begin());
	/* Nothing pending: -ERESTARTSYS becomes the same call again. */
	kt_syscall_frame(&f, __NR_read, -ERESTARTSYS);
	signal_deliver(&f);
	KT_EXPECT_EQ(t, f.rax, __NR_read);
	KT_EXPECT_EQ(t, f.rip, KT_USER_RIP - SYSCALL_INSN_LEN);
	/* Decided once: a second pass leaves it alone. */
	signal_deliver(&f);
	KT_EXPECT_EQ(t, f.rip, KT_USER_RIP - SYSCALL_INSN_LEN);

	/* An ignored signal (blocked when sent, SIG_IGN when taken) is no handler. */
	me->sig_blocked = SIGSET_BIT(SIGUSR1);
	signal_send_thread(me, SIGUSR1, NULL);
	kt_set_handler(SIGUSR1, SIG_IGN, 0);
	me->sig_blocked = 0;
	kt_syscall_frame(&f, __NR_pause, -ERESTARTNOHAND);
	signal_deliver(&f);
	KT_EXPECT_EQ(t, f.rax, __NR_pause);
	KT_EXPECT_EQ(t, me->sig_pending, 0);

	/* Not a restart code, or not a system call: untouched. */
	kt_syscall_frame(&f, __NR_read, -EINTR);
	signal_deliver(&f);
	KT_EXPECT_EQ(t, f.rax, (uint64_t)-EINTR);
	KT_EXPECT_EQ(t, f.rip, KT_USER_RIP);
	kt_syscall_frame(&f, __NR_read, -ERESTARTSYS);
	f.cs = GDT_KERNEL_CS;
	signal_deliver(&f);
	KT_EXPECT_EQ(t, f.rip, KT_USER_RIP);

	/* rt_sigsuspend's temporary mask goes when no handler ran. */
	me->sig_saved_mask = SIGSET_BIT(SIGTERM);
	me->sig_blocked = 0;
	me->sig_restore_mask = true;
	kt_syscall_frame(&f, __NR_rt_sigsuspend, -ERESTARTNOHAND);
	signal_deliver(&f);
	KT_EXPECT_EQ(t, me->sig_blocked, SIGSET_BIT(SIGTERM));
	KT_EXPECT(t, !me->sig_restore_mask);
	kt_end();
}
