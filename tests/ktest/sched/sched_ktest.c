/*
 * sched_ktest.c: kernel threads and the scheduler (kernel/proc/): yield
 * alternation, preemption on the tick, priorities, join and reaping.
 * Time bounds are generous and only one-sided: QEMU runs under TCG on a
 * shared host, where ticks can be late or bunched.
 */
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <sched/sched.h>
#include <time/time.h>
#include <uapi/errno.h>

#define KT_YIELD_ROUNDS		50
#define KT_PROGRESS_TIMEOUT_NS	(2 * NSEC_PER_SEC)
#define KT_PRIO_RUN_MS		500
#define KT_MANY_THREADS		200
#define KT_EXIT_CODE_BASE	1000

/* ---- two threads alternating through sched_yield ----------------------- */

struct kt_pingpong {
	volatile unsigned turn;		/* whose turn: 0 or 1 */
	unsigned log[2 * KT_YIELD_ROUNDS];
	volatile unsigned nlog;
	volatile bool out_of_turn;
};

struct kt_pingpong_arg {
	struct kt_pingpong *pp;
	unsigned me;
};

static int kt_pingpong_thread(void *arg)
{
	struct kt_pingpong_arg *a = arg;
	struct kt_pingpong *pp = a->pp;

	for (unsigned i = 0; i < KT_YIELD_ROUNDS; i++) {
		/* A preemption may hand the CPU over early: wait for our turn. */
		while (pp->turn != a->me)
			sched_yield();
		pp->log[pp->nlog++] = a->me;
		pp->turn = !a->me;
		sched_yield();
	}
	return (int)a->me;
}

KTEST(sched_yield_alternates)
{
	static struct kt_pingpong pp;
	struct kt_pingpong_arg args[2] = { { &pp, 0 }, { &pp, 1 } };
	struct task *th[2];
	int code;

	memset(&pp, 0, sizeof(pp));
	th[0] = kthread_create(kt_pingpong_thread, &args[0], "ping");
	th[1] = kthread_create(kt_pingpong_thread, &args[1], "pong");
	KT_ASSERT(t, th[0] && th[1]);
	KT_EXPECT(t, th[0]->tid != th[1]->tid);
	for (unsigned i = 0; i < 2; i++) {
		KT_EXPECT_EQ(t, kthread_join(th[i], &code), 0);
		KT_EXPECT_EQ(t, code, i);
	}
	KT_EXPECT_EQ(t, pp.nlog, 2 * KT_YIELD_ROUNDS);
	for (unsigned i = 0; i < pp.nlog; i++)
		KT_EXPECT_EQ(t, pp.log[i], i % 2);
}

/* ---- a spinning thread does not starve another ------------------------- */

static volatile bool kt_spin_stop;
static volatile uint64_t kt_spin_count, kt_other_count;

static int kt_spinner(void *arg)
{
	volatile uint64_t *count = arg;

	while (!kt_spin_stop)
		(*count)++;
	return 0;
}

KTEST(sched_preempts_spinning_thread)
{
	struct task *a, *b;
	uint64_t start;
	bool both;

	KT_ASSERT(t, cpu_read_rflags() & RFLAGS_IF);
	kt_spin_stop = false;
	kt_spin_count = kt_other_count = 0;
	a = kthread_create(kt_spinner, (void *)&kt_spin_count, "spin-a");
	b = kthread_create(kt_spinner, (void *)&kt_other_count, "spin-b");
	KT_ASSERT(t, a && b);
	/*
	 * Busy-wait here too, never yielding: the three threads only share
	 * the CPU if the tick preempts them.
	 */
	start = time_monotonic_ns();
	do {
		both = kt_spin_count > 0 && kt_other_count > 0;
	} while (!both && time_monotonic_ns() - start < KT_PROGRESS_TIMEOUT_NS);
	kt_spin_stop = true;
	KT_EXPECT(t, both);
	KT_EXPECT_EQ(t, kthread_join(a, NULL), 0);
	KT_EXPECT_EQ(t, kthread_join(b, NULL), 0);
}

/* ---- a nice -20 thread gets more CPU than a nice 19 one ----------------- */

static volatile uint64_t kt_prio_hi, kt_prio_lo;
#define KT_ONE_CPU	1ULL	/* CPU0 */

KTEST(sched_priority_orders_cpu_share)
{
	uint64_t ticks_hi, ticks_lo;
	struct task *hi, *lo;

	KT_EXPECT_EQ(t, sched_slice_ticks(TASK_NICE_MIN), SCHED_SLICE_MAX_TICKS);
	KT_EXPECT_EQ(t, sched_slice_ticks(TASK_NICE_MAX), SCHED_SLICE_MIN_TICKS);
	kt_spin_stop = false;
	kt_prio_hi = kt_prio_lo = 0;
	/* Both on one CPU: on two, each would have one of its own. */
	lo = kthread_create_mask(kt_spinner, (void *)&kt_prio_lo, "nice19", KT_ONE_CPU);
	hi = kthread_create_mask(kt_spinner, (void *)&kt_prio_hi, "nice-20", KT_ONE_CPU);
	KT_ASSERT(t, hi && lo);
	KT_EXPECT_EQ(t, sched_set_nice(lo, TASK_NICE_MAX), 0);
	KT_EXPECT_EQ(t, sched_set_nice(hi, TASK_NICE_MIN), 0);
	KT_EXPECT_EQ(t, sched_set_nice(hi, TASK_NICE_MIN - 1), -EINVAL);
	KT_EXPECT_EQ(t, sched_set_nice(hi, TASK_NICE_MAX + 1), -EINVAL);
	msleep(KT_PRIO_RUN_MS);
	kt_spin_stop = true;
	ticks_hi = hi->runtime_ticks;
	ticks_lo = lo->runtime_ticks;
	KT_EXPECT(t, ticks_hi > ticks_lo);
	KT_EXPECT(t, kt_prio_hi > kt_prio_lo);
	KT_EXPECT_EQ(t, kthread_join(hi, NULL), 0);
	KT_EXPECT_EQ(t, kthread_join(lo, NULL), 0);
}

/* ---- join returns exit codes; reaping gives every page back ------------- */

static int kt_return_arg(void *arg)
{
	return (int)(uintptr_t)arg;
}

static int kt_exit_arg(void *arg)
{
	kthread_exit((int)(uintptr_t)arg);
}

KTEST(kthread_join_codes_and_frees)
{
	struct task *warm, *a, *b;
	unsigned tasks_before;
	uint64_t free_before;
	int code = 0;

	/* Warm up the task slab and the stack area's page tables. */
	warm = kthread_create(kt_return_arg, NULL, "warm");
	KT_ASSERT(t, warm);
	KT_EXPECT_EQ(t, kthread_join(warm, NULL), 0);

	free_before = pmm_free_pages_count();
	tasks_before = sched_nr_tasks();
	a = kthread_create(kt_return_arg, (void *)(uintptr_t)42, "ret42");
	b = kthread_create(kt_exit_arg, (void *)(uintptr_t)-7, "exit-7");
	KT_ASSERT(t, a && b);
	KT_EXPECT_EQ(t, sched_nr_tasks(), tasks_before + 2);
	KT_EXPECT(t, pmm_free_pages_count() < free_before);
	KT_EXPECT_EQ(t, kthread_join(task_current(), NULL), -EINVAL);
	KT_EXPECT_EQ(t, kthread_join(a, &code), 0);
	KT_EXPECT_EQ(t, code, 42);
	KT_EXPECT_EQ(t, kthread_join(b, &code), 0);
	KT_EXPECT_EQ(t, code, -7);
	KT_EXPECT_EQ(t, sched_nr_tasks(), tasks_before);
	KT_EXPECT_EQ(t, ktest_free_pages_settle(free_before), free_before);
}

KTEST(kthread_detached_frees_itself)
{
	uint64_t free_before = pmm_free_pages_count();
	unsigned tasks_before = sched_nr_tasks();
	struct task *d = kthread_create(kt_return_arg, NULL, "detached");

	KT_ASSERT(t, d);
	kthread_detach(d);
	/*
	 * Once it ran and exited, the next switch away reaps it; on another
	 * CPU the stack's pages come back just after the task count drops.
	 */
	for (unsigned i = 0; i < KT_YIELD_ROUNDS && sched_nr_tasks() != tasks_before; i++)
		sched_yield();
	KT_EXPECT_EQ(t, sched_nr_tasks(), tasks_before);
	/* A bounded wait, not a count of yields: at -smp 8 on a busy host it failed. */
	KT_EXPECT_EQ(t, ktest_free_pages_settle(free_before), free_before);
}

/* Creates KT_MANY_THREADS threads, then joins them all checking codes. */
static void kt_create_join_many(struct ktest_ctx *t)
{
	static struct task *th[KT_MANY_THREADS];
	unsigned tasks_before = sched_nr_tasks(), created = 0;
	int code;

	for (unsigned i = 0; i < KT_MANY_THREADS; i++) {
		th[i] = kthread_create(kt_return_arg,
				       (void *)(uintptr_t)(KT_EXIT_CODE_BASE + i), "many");
		if (!th[i])
			break;
		created++;
	}
	KT_EXPECT_EQ(t, created, KT_MANY_THREADS);
	KT_EXPECT_EQ(t, sched_nr_tasks(), tasks_before + created);
	for (unsigned i = 0; i < created; i++) {
		KT_EXPECT_EQ(t, kthread_join(th[i], &code), 0);
		KT_EXPECT_EQ(t, code, KT_EXIT_CODE_BASE + i);
	}
	KT_EXPECT_EQ(t, sched_nr_tasks(), tasks_before);
}

KTEST(kthread_create_reap_200)
{
	uint64_t free_before;

	/*
	 * The first round may leave page tables for the stack slots it
	 * reached (they stay, as kstack_ktest notes); the second must give
	 * back every page it took.
	 */
	kt_create_join_many(t);
	free_before = pmm_free_pages_count();
	kt_create_join_many(t);
	KT_EXPECT_EQ(t, ktest_free_pages_settle(free_before), free_before);
}

/* ---- per-CPU data and the switch's side effects ------------------------- */

static volatile uint64_t kt_seen_kstack_top, kt_seen_rsp0;
static struct task *volatile kt_seen_current;

/* The TSS the CPU uses, found through the GDT's TSS descriptor. */
static const struct tss *kt_cpu_tss(void)
{
	struct desc_table_ptr ptr;
	const uint64_t *gdt;

	__asm__ volatile("sgdt %0" : "=m"(ptr));
	gdt = (const uint64_t *)ptr.base;
	return (const struct tss *)(
		((gdt[GDT_TSS_INDEX] & DESC_BASE_LOW_MASK) >> DESC_BASE_LOW_SHIFT) |
		((gdt[GDT_TSS_INDEX] & DESC_BASE_HIGH_MASK) >> DESC_BASE_HIGH_SHIFT) |
		(gdt[GDT_TSS_INDEX + 1] << 32));
}

static int kt_record_self(void *arg __unused)
{
	kt_seen_current = task_current();
	kt_seen_kstack_top = percpu_this()->kstack_top;
	kt_seen_rsp0 = kt_cpu_tss()->rsp[0];
	return 0;
}

KTEST(sched_percpu_current_and_stack)
{
	struct task *me = task_current(), *th;

	KT_ASSERT(t, me != NULL);
	KT_EXPECT(t, percpu_this()->self == percpu_this());
	KT_EXPECT_EQ(t, cpu_rdmsr(MSR_IA32_GS_BASE), (uint64_t)percpu_this());
	KT_EXPECT_EQ(t, me->state, TASK_RUNNING);
	KT_EXPECT_EQ(t, percpu_this()->kstack_top, me->kstack_top);
	kt_seen_current = NULL;
	th = kthread_create(kt_record_self, NULL, "self");
	KT_ASSERT(t, th);
	/* Its stack is a kstack: 16 KiB with an unmapped guard below. */
	KT_EXPECT_EQ(t, th->kstack_top - (uint64_t)th->kstack_base, KSTACK_SIZE);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT(t, kt_seen_current == th);
	KT_EXPECT(t, kt_seen_kstack_top != 0);
	KT_EXPECT(t, kt_seen_kstack_top != me->kstack_top);
	KT_EXPECT_EQ(t, kt_seen_rsp0, kt_seen_kstack_top);
	/* Switching back restored this task's TSS.RSP0. */
	KT_EXPECT_EQ(t, kt_cpu_tss()->rsp[0], me->kstack_top);
	KT_EXPECT(t, task_current() == me);
	KT_EXPECT_EQ(t, percpu_this()->kstack_top, me->kstack_top);
}
