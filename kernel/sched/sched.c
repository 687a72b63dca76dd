/*
 * sched.c: the scheduler (policy and locking in sched.h): switching
 * between tasks, preemption from the timer tick, the idle task.
 *
 * Why switch inside the timer interrupt handler: the interrupted task's
 * state is already saved on its own kernel stack (the trap frame isr.S
 * built, then the handler's frames), so switching there is an ordinary
 * kernel-to-kernel switch. When the task is picked again, context_switch
 * returns into sched_tick, the handler returns and iretq resumes the
 * interrupted code with its own rflags. The EOI is sent before the switch
 * (lapic.c): otherwise the local APIC would hold back every further
 * interrupt of the timer's priority class until the preempted task ran
 * again (Intel SDM Vol. 3A 10.8.4). The alternative, a need_resched flag
 * tested on the way out in isr.S, gives the same result with a change to
 * the shared entry path; user mode can add that check for ring-3 returns.
 *
 * Locking: sched_lock (below, and sched.h). The switch drops sched_lock
 * before the registers change: the lock is held by the task, and the
 * next task does not return through this task's frames. What keeps
 * another CPU from running prev before its registers are saved is
 * prev->on_cpu, cleared by whoever runs next (sched_switch_finish).
 */
#include <basalt/profile.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <sched/sched.h>
#include <uapi/sched.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <user/user.h>
#include <signal/signal.h>
#include <asm/trap.h>
#include <arch/x86_64/smp/smp.h>

#define SCHED_TID_IDLE	0
#define SCHED_CPL_MASK	3	/* the privilege level bits of a code selector */
#define SCHED_CPL_USER	3
#define SCHED_TID_BOOT	1

extern const char boot_stack_top[];	/* boot.S */

/*
 * guards: the run queue, the task list and count, every task's state,
 * run_link, wait_link, waiting_on, wake_timer and timed_out, every wait
 * queue's lists (wait.c), the timer list and the switch counters. Taken
 * with interrupts off (wake-ups come from interrupt handlers); the
 * innermost lock: nothing else is taken while it is held.
 */
struct spinlock sched_lock = SPINLOCK_INIT("sched_lock");
static struct runqueue sched_rq;
static struct timer_list sched_timers;
/* Every task from creation until it is reaped (struct task.all_link). */
static struct list_node sched_all_tasks;
static unsigned sched_task_total;
static struct task sched_boot_task;
static struct task *sched_idle_task;
static bool sched_running;
/*
 * CPUs the scheduler uses: 1 until smp_init's CPUs are handed over
 * (sched_smp_start), then smp_cpus_up(); and how many of them have
 * entered their idle loop (sched_ap_run).
 */
static unsigned sched_cpus = 1;
static unsigned sched_cpus_running = 1;
static uint64_t sched_switches;		/* context switches since boot */
/*
 * Load averages over 1, 5 and 15 minutes in fixed point (FSHIFT bits of
 * fraction), updated every SCHED_LOAD_FREQ ticks with Linux's exponential
 * decay (kernel/sched/loadavg.c): load = load * e + active * (1 - e),
 * with e = exp(-5 s / period) as EXP_1, EXP_5, EXP_15.
 */
#define SCHED_FSHIFT		11
#define SCHED_FIXED_1		(1UL << SCHED_FSHIFT)
#define SCHED_LOAD_FREQ		(5 * TIME_HZ)
#define SCHED_EXP_1		1884	/* 1 / exp(5 s / 1 min) in fixed point */
#define SCHED_EXP_5		2014
#define SCHED_EXP_15		2037
static unsigned long sched_load[3];
static unsigned sched_load_countdown = SCHED_LOAD_FREQ;

/* CPUs running something other than their idle task (a hint, racy). */
static unsigned sched_cpus_busy(void)
{
	unsigned busy = 0;

	for (unsigned cpu = 0; cpu < sched_cpus; cpu++) {
		struct percpu *p = smp_percpu(cpu);
		struct task *cur = p ? __atomic_load_n(&p->current, __ATOMIC_RELAXED) : NULL;

		if (cur && !(cur->flags & TASK_FLAG_IDLE))
			busy++;
	}
	return busy;
}

static void sched_register(struct task *t)
{
	list_add_tail(&sched_all_tasks, &t->all_link);
	sched_task_total++;
}

void sched_start(struct task *t)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	sched_register(t);
	sched_rq_enqueue(&sched_rq, t);
	spin_unlock_irqrestore(&sched_lock, flags);
}

void sched_forget(struct task *t)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	BUG_ON(t->state != TASK_DEAD);
	list_del(&t->all_link);
	sched_task_total--;
	spin_unlock_irqrestore(&sched_lock, flags);
}

unsigned sched_nr_tasks(void)
{
	return sched_task_total;
}

int sched_cpu_ticks(unsigned cpu, struct sched_cpu_ticks *out)
{
	const struct percpu *p = smp_percpu(cpu);

	if (cpu >= smp_cpus_up() || !p)
		return -ENOENT;
	out->user = __atomic_load_n(&p->ticks_user, __ATOMIC_RELAXED);
	out->system = __atomic_load_n(&p->ticks_system, __ATOMIC_RELAXED);
	out->idle = __atomic_load_n(&p->ticks_idle, __ATOMIC_RELAXED);
	return 0;
}

uint64_t sched_idle_ticks(void)
{
	struct sched_cpu_ticks ticks;
	uint64_t idle = 0;

	for (unsigned cpu = 0; sched_cpu_ticks(cpu, &ticks) == 0; cpu++)
		idle += ticks.idle;
	return idle;
}

void sched_switch_finish(struct task *prev)
{
	/* prev's registers are saved: another CPU may run it from here. */
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	if (prev->state != TASK_ZOMBIE)
		return;
	/* Nothing runs on prev's stack any more: it may be freed now. */
	kthread_reap(prev);
}

/*
 * The machine part of a switch: the per-CPU current task, the stack the
 * CPU takes on an interrupt from ring 3 (TSS.RSP0) and that the syscall
 * entry takes (percpu kstack_top), then the registers. A task that runs
 * user thread also carries its FPU registers, FS/GS bases and address
 * space (user_switch_state).
 */
static void sched_switch(struct task *prev, struct task *next)
{
	struct percpu *cpu = percpu_this();

	/* SMP: next may still be on its way off another CPU. */
	while (__atomic_load_n(&next->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	next->on_cpu = 1;
	sched_switches++;
	/* Still prev's: the lock's bookkeeping is in prev (see the top). */
	spin_unlock(&sched_lock);

	user_switch_state(prev, next);
	cpu->current = next;
	cpu->kstack_top = next->kstack_top;
	tss_set_rsp0(next->kstack_top);
	prev = context_switch(&prev->context, &next->context, prev);
	sched_switch_finish(prev);
}

static void sched_kick(const struct task *t);

void schedule(void)
{
	BUG_ON(cpu_read_rflags() & RFLAGS_IF);
	lockcheck_might_sleep(NULL, "schedule");
	spin_lock(&sched_lock);
	schedule_locked();
}

void schedule_locked(void)
{
	struct task *prev = task_current(), *next;
	struct percpu *cpu = percpu_this();

	BUG_ON(cpu_read_rflags() & RFLAGS_IF);
	cpu->need_resched = false;
	if (prev->flags & TASK_FLAG_IDLE) {
		prev->state = TASK_RUNNABLE;	/* never queued: the fallback */
	} else if (prev->state == TASK_RUNNING) {
		sched_rq_enqueue(&sched_rq, prev);
		/* Its affinity changed: another CPU must take it. */
		if (!(prev->cpus_allowed & (1ULL << cpu->cpu)))
			sched_kick(prev);
	}
	next = sched_rq_pick_cpu(&sched_rq, cpu->cpu);
	if (!next) {
		next = cpu->idle;
		next->state = TASK_RUNNING;
	}
	next->cpu = cpu->cpu;
	if (next != prev)
		sched_switch(prev, next);
	else
		spin_unlock(&sched_lock);
}

/* Scheduler core: schedule() runs with interrupts off (see sched.h). */
void sched_yield(void)
{
	uint64_t flags = cpu_irq_save();

	schedule();
	cpu_irq_restore(flags);
}

int sched_set_nice(struct task *t, int nice)
{
	if (nice < TASK_NICE_MIN || nice > TASK_NICE_MAX)
		return -EINVAL;
	t->nice = nice;		/* an int store: atomic, no lock needed */
	return 0;
}

/*
 * Linux's sched_fork: with SCHED_RESET_ON_FORK a real-time parent's child
 * gets SCHED_OTHER and nice 0, a negative nice goes back to 0, and the
 * flag itself is not inherited (sched(7)).
 */
void sched_fork_policy(struct task *child, const struct task *parent)
{
	unsigned policy = parent->policy, rt_priority = parent->rt_priority;

	if (parent->reset_on_fork) {
		if (policy == SCHED_FIFO || policy == SCHED_RR) {
			policy = SCHED_OTHER;
			rt_priority = 0;
			sched_set_nice(child, TASK_NICE_DEFAULT);
		} else if (child->nice < TASK_NICE_DEFAULT) {
			sched_set_nice(child, TASK_NICE_DEFAULT);
		}
	}
	sched_set_policy(child, policy, rt_priority, false);
}

void sched_set_policy(struct task *t, unsigned policy, unsigned rt_priority, bool reset_on_fork)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);
	bool queued = t->state == TASK_RUNNABLE && !(t->flags & TASK_FLAG_IDLE);

	if (queued)
		sched_rq_dequeue(&sched_rq, t);
	t->policy = (uint8_t)policy;
	t->rt_priority = (uint8_t)rt_priority;
	t->reset_on_fork = reset_on_fork;
	if (queued)
		sched_rq_enqueue(&sched_rq, t);
	else if (t->state == TASK_RUNNING)
		t->slice_left = sched_task_slice(t);
	spin_unlock_irqrestore(&sched_lock, flags);
}

/*
 * A task was queued: an idle CPU that may run it should look now. This
 * one, if it idles: at its next switch point. Another: a reschedule IPI
 * wakes its hlt (sched_idle_loop). Busy CPUs pick it up at their tick.
 * sched_lock held; another CPU's current is only a hint here.
 */
static void sched_kick(const struct task *t)
{
	struct percpu *me = percpu_this();
	unsigned up = sched_cpus;

	if ((task_current()->flags & TASK_FLAG_IDLE) && (t->cpus_allowed & (1ULL << me->cpu))) {
		me->need_resched = true;
		return;
	}
	for (unsigned cpu = 0; cpu < up; cpu++) {
		struct percpu *p = smp_percpu(cpu);
		struct task *cur;

		if (cpu == me->cpu || !p || !(t->cpus_allowed & (1ULL << cpu)))
			continue;
		cur = __atomic_load_n(&p->current, __ATOMIC_RELAXED);
		if (cur && (cur->flags & TASK_FLAG_IDLE)) {
			smp_send_resched(cpu);
			return;
		}
	}
}

void sched_kick_running(const struct task *t)
{
	unsigned cpu = __atomic_load_n(&t->cpu, __ATOMIC_RELAXED);
	struct percpu *p = smp_percpu(cpu);

	/*
	 * Whatever the caller posted is visible before the IPI leaves (the
	 * fence orders it before the ICR write, as Linux fences before an
	 * x2APIC IPI); a task that moved since finds it on its own way out.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (cpu != percpu_this()->cpu && p && __atomic_load_n(&p->current, __ATOMIC_RELAXED) == t)
		smp_send_kick(cpu);
}

int sched_set_affinity(struct task *t, uint64_t cpus)
{
	uint64_t flags;
	bool move;

	if (sched_cpus < 64)
		cpus &= (1ULL << sched_cpus) - 1;
	if (!cpus)
		return -EINVAL;
	flags = spin_lock_irqsave(&sched_lock);
	t->cpus_allowed = cpus;
	move = t == task_current() && !(cpus & (1ULL << percpu_this()->cpu));
	/* Running elsewhere on a CPU it left out: that CPU switches at its tick. */
	if (t != task_current() && t->state == TASK_RUNNING && !(cpus & (1ULL << t->cpu)))
		smp_send_resched(t->cpu);
	spin_unlock_irqrestore(&sched_lock, flags);
	/* The caller leaves this CPU now (schedule_locked kicks another). */
	if (move)
		sched_yield();
	return 0;
}

bool sched_wake(struct task *t)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);
	bool woke = sched_wake_locked(t);

	spin_unlock_irqrestore(&sched_lock, flags);
	return woke;
}

bool sched_wake_locked(struct task *t)
{
	if (t->state != TASK_BLOCKED)
		return false;
	if (t->waiting_on) {
		list_del(&t->wait_link);
		t->waiting_on = NULL;
	}
	timer_list_del(&t->wake_timer);
	sched_rq_enqueue(&sched_rq, t);
	sched_kick(t);
	return true;
}

void sched_timer_arm(struct timer *t, uint64_t expires_ns)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	timer_list_add(&sched_timers, t, expires_ns);
	spin_unlock_irqrestore(&sched_lock, flags);
}

void sched_timer_arm_locked(struct timer *t, uint64_t expires_ns)
{
	timer_list_add(&sched_timers, t, expires_ns);
}

bool sched_timer_cancel(struct timer *t)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);
	bool was_armed = timer_list_del(t);

	spin_unlock_irqrestore(&sched_lock, flags);
	return was_armed;
}

static unsigned long sched_load_decay(unsigned long load, unsigned long exp,
				       unsigned long active)
{
	return (load * exp + active * (SCHED_FIXED_1 - exp)) >> SCHED_FSHIFT;
}

/* Runnable tasks (queued plus the running ones) feed the averages. */
static void sched_load_update(void)
{
	unsigned long active = (sched_rq.nr_running + sched_cpus_busy()) * SCHED_FIXED_1;

	sched_load_countdown = SCHED_LOAD_FREQ;
	sched_load[0] = sched_load_decay(sched_load[0], SCHED_EXP_1, active);
	sched_load[1] = sched_load_decay(sched_load[1], SCHED_EXP_5, active);
	sched_load[2] = sched_load_decay(sched_load[2], SCHED_EXP_15, active);
}

void sched_loadavg(unsigned long hundredths[3])
{
	for (int i = 0; i < 3; i++)
		hundredths[i] = (sched_load[i] * 100 + SCHED_FIXED_1 / 2) >> SCHED_FSHIFT;
}

uint64_t sched_context_switches(void)
{
	return sched_switches;
}

unsigned sched_nr_runnable(void)
{
	return sched_rq.nr_running + sched_cpus_busy();	/* the caller runs too */
}

/* /proc/stat's columns: the tick charges the CPU's state it interrupted. */
static void sched_account_tick(struct percpu *cpu, const struct task *cur, bool user)
{
	if (cur->flags & TASK_FLAG_IDLE)
		cpu->ticks_idle++;
	else if (user)
		cpu->ticks_user++;
	else
		cpu->ticks_system++;
}

void sched_tick(void)
{
	struct trap_frame *f;
	struct task *cur;
	struct timer *t;
	uint64_t now;
	bool user;

	if (!sched_running)
		return;
	/*
	 * Reading the clock may be an HPET access: only when a timer waits.
	 * The callbacks run without sched_lock: they send signals and wake
	 * tasks, which take their own locks and then sched_lock.
	 */
	if (!list_empty(&sched_timers.timers)) {
		now = time_monotonic_ns();
		for (;;) {
			spin_lock(&sched_lock);
			t = timer_list_pop_expired(&sched_timers, now);
			spin_unlock(&sched_lock);
			if (!t)
				break;
			t->fn(t);
		}
	}
	cur = task_current();
	f = cur->irq_frame;
	user = f && (f->cs & SCHED_CPL_MASK) == SCHED_CPL_USER;
	profile_tick(f ? f->rip : 0, user, cur->flags & TASK_FLAG_IDLE);
	sched_account_tick(percpu_this(), cur, user);
	if (cur->proc) {
		/* User and system time are sampled as Linux's tick accounting does. */
		if (!user)
			cur->system_ticks++;
		/* ITIMER_VIRTUAL counts ring 3 time, ITIMER_PROF all of it. */
		signal_itimer_tick(cur, user);
	}
	spin_lock(&sched_lock);
	/* The load average is the whole system's: counted by CPU0 alone. */
	if (percpu_this()->cpu == 0 && --sched_load_countdown == 0)
		sched_load_update();
	if (cur->flags & TASK_FLAG_IDLE) {
		cur->runtime_ticks++;
		if (sched_rq.nr_running)
			percpu_this()->need_resched = true;
	} else if (sched_rq_tick(&sched_rq, cur)) {
		percpu_this()->need_resched = true;
	}
	/* A task inside spin_lock switches at its spin_unlock instead. */
	if (percpu_this()->need_resched && cur->preempt_count == 1)
		schedule_locked();
	else
		spin_unlock(&sched_lock);
}

/*
 * The idle task: runs when nothing else can. sti delays interrupts until
 * after the next instruction (Intel SDM Vol. 2B, STI), so an interrupt
 * that arrives after the run-queue check wakes the hlt instead of being
 * taken before it and leaving the CPU halted with work queued.
 */
static int sched_idle_loop(void *arg __unused)
{
	for (;;) {
		cpu_irq_disable();
		spin_lock(&sched_lock);
		if (sched_rq_has_work(&sched_rq, percpu_this()->cpu)) {
			schedule_locked();
			cpu_irq_enable();
			continue;
		}
		spin_unlock(&sched_lock);
		/* A wake-up from now on sends this CPU an IPI (sched_kick). */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
	return 0;
}

void sched_ap_run(void)
{
	__atomic_add_fetch(&sched_cpus_running, 1, __ATOMIC_RELEASE);
	sched_idle_loop(NULL);
	__builtin_unreachable();
}

unsigned sched_cpus_in_loop(void)
{
	return __atomic_load_n(&sched_cpus_running, __ATOMIC_ACQUIRE);
}

/* A context already running on its own stack, adopted as a task. */
static void sched_adopt_task(struct task *t, int tid, const char *name,
			     uint64_t kstack_top, uint32_t flags)
{
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	strlcpy(t->name, name, sizeof(t->name));
	t->kstack_top = kstack_top;
	t->state = TASK_RUNNING;
	t->flags = flags;
	t->on_cpu = 1;
	t->nice = TASK_NICE_DEFAULT;
	t->cpus_allowed = ~0ULL;
	t->slice_left = sched_slice_ticks(t->nice);
	list_init(&t->run_link);
	list_init(&t->all_link);
	wait_task_init(t);
}

/* kmain's context, adopted as a task that runs on the boot stack. */
static void sched_adopt_boot_task(struct task *t)
{
	/* Nobody joins kmain; if it exits only the idle task is left. */
	sched_adopt_task(t, SCHED_TID_BOOT, "kmain", (uint64_t)boot_stack_top,
			 TASK_FLAG_BOOT | TASK_FLAG_DETACHED);
}

void sched_adopt_ap_idle(struct task *t, const char *name, uint64_t kstack_top)
{
	/* Not in the task list: like Linux's swapper/N, no /proc entry. */
	sched_adopt_task(t, SCHED_TID_IDLE, name, kstack_top,
			 TASK_FLAG_IDLE | TASK_FLAG_DETACHED);
	t->nice = TASK_NICE_MAX;
}

void sched_init(void)
{
	struct percpu *cpu;

	percpu_init();
	sched_rq_init(&sched_rq);
	timer_list_init(&sched_timers);
	list_init(&sched_all_tasks);
	kthread_init();

	sched_adopt_boot_task(&sched_boot_task);
	cpu = percpu_this();
	cpu->current = &sched_boot_task;
	cpu->idle = NULL;		/* below: the idle task */
	cpu->kstack_top = sched_boot_task.kstack_top;
	tss_set_rsp0(sched_boot_task.kstack_top);
	spin_tasks_ready();
	sched_register(&sched_boot_task);

	sched_idle_task = task_alloc(sched_idle_loop, NULL, "idle");
	if (!sched_idle_task)
		panic("sched: no memory for the idle task");
	sched_idle_task->tid = SCHED_TID_IDLE;
	sched_idle_task->flags |= TASK_FLAG_IDLE;
	sched_idle_task->nice = TASK_NICE_MAX;
	sched_idle_task->state = TASK_RUNNABLE;
	sched_register(sched_idle_task);
	cpu->idle = sched_idle_task;
	sched_running = true;
	pr_info("sched: weighted round robin, slices %u..%u ticks at %u Hz\n",
		SCHED_SLICE_MIN_TICKS, SCHED_SLICE_MAX_TICKS, TIME_HZ);
}

void sched_smp_start(unsigned cpus)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	sched_cpus = cpus;
	spin_unlock_irqrestore(&sched_lock, flags);
	pr_info("sched: %u CPUs, one run queue\n", cpus);
}

unsigned sched_cpu_count(void)
{
	return __atomic_load_n(&sched_cpus, __ATOMIC_RELAXED);
}
