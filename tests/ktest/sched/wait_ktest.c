/*
 * wait_ktest.c: wait queues, timed waits and sleeping (kernel/sched/wait.c).
 * Durations are only checked from below (a sleep never ends early);
 * under TCG on a shared host the upper end is unpredictable.
 */
#include <basalt/ktest.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <time/time.h>
#include <uapi/errno.h>

#define KT_WAITERS		3
#define KT_SLEEP_MS		50
#define KT_TIMEOUT_MS		30
#define KT_ORDER_STEP_MS	20
#define KT_SETTLE_ROUNDS	20

/*
 * The waiters run on CPU0 with the test: the FIFO order of the queue is
 * then the order they were created in, as the tests expect (on several
 * CPUs the second may queue first).
 */
#define KT_WAIT_CPUS	1ULL

static struct wait_queue kt_wq = WAIT_QUEUE_INIT(kt_wq);
static volatile bool kt_go;
static volatile unsigned kt_woken;

static int kt_waiter(void *arg __unused)
{
	wait_event(&kt_wq, kt_go);
	__atomic_add_fetch(&kt_woken, 1, __ATOMIC_SEQ_CST);	/* waiters run on several CPUs */
	return 0;
}

/* Yields until n tasks wait on wq (they block on their first run). */
static unsigned kt_wait_for_waiters(struct wait_queue *wq, unsigned n)
{
	unsigned seen = 0;

	for (unsigned round = 0; round < KT_SETTLE_ROUNDS; round++) {
		struct list_node *pos;
		uint64_t flags = cpu_irq_save();

		seen = 0;
		list_for_each(pos, &wq->waiters)
			seen++;
		cpu_irq_restore(flags);
		if (seen >= n)
			break;
		sched_yield();
	}
	return seen;
}

KTEST(wait_wake_up_all)
{
	struct task *th[KT_WAITERS];

	kt_go = false;
	kt_woken = 0;
	for (unsigned i = 0; i < KT_WAITERS; i++) {
		th[i] = kthread_create_mask(kt_waiter, NULL, "waiter", KT_WAIT_CPUS);
		KT_ASSERT(t, th[i]);
	}
	KT_EXPECT_EQ(t, kt_wait_for_waiters(&kt_wq, KT_WAITERS), KT_WAITERS);
	KT_EXPECT_EQ(t, th[0]->state, TASK_BLOCKED);
	/* A wake-up with the condition still false puts it back to sleep. */
	KT_EXPECT_EQ(t, wake_up(&kt_wq), 1);
	KT_EXPECT_EQ(t, kt_wait_for_waiters(&kt_wq, KT_WAITERS), KT_WAITERS);
	KT_EXPECT_EQ(t, kt_woken, 0);
	kt_go = true;
	KT_EXPECT_EQ(t, wake_up_all(&kt_wq), KT_WAITERS);
	KT_EXPECT(t, wait_queue_empty(&kt_wq));
	for (unsigned i = 0; i < KT_WAITERS; i++)
		KT_EXPECT_EQ(t, kthread_join(th[i], NULL), 0);
	KT_EXPECT_EQ(t, kt_woken, KT_WAITERS);
	KT_EXPECT_EQ(t, wake_up_all(&kt_wq), 0);
}

KTEST(wait_wake_up_one)
{
	struct task *th[2];

	kt_go = false;
	kt_woken = 0;
	th[0] = kthread_create_mask(kt_waiter, NULL, "waiter", KT_WAIT_CPUS);
	th[1] = kthread_create_mask(kt_waiter, NULL, "waiter", KT_WAIT_CPUS);
	KT_ASSERT(t, th[0] && th[1]);
	KT_EXPECT_EQ(t, kt_wait_for_waiters(&kt_wq, 2), 2);
	kt_go = true;
	KT_EXPECT_EQ(t, wake_up(&kt_wq), 1);
	KT_EXPECT_EQ(t, kthread_join(th[0], NULL), 0);	/* FIFO: the first */
	KT_EXPECT_EQ(t, kt_woken, 1);
	KT_EXPECT_EQ(t, th[1]->state, TASK_BLOCKED);
	KT_EXPECT_EQ(t, wake_up(&kt_wq), 1);
	KT_EXPECT_EQ(t, kthread_join(th[1], NULL), 0);
	KT_EXPECT_EQ(t, kt_woken, 2);
}

KTEST(wait_event_timeout_expires)
{
	uint64_t start = time_monotonic_ns();
	int ret;

	kt_go = false;
	ret = wait_event_timeout(&kt_wq, kt_go, KT_TIMEOUT_MS * NSEC_PER_MSEC);
	KT_EXPECT_EQ(t, ret, -ETIMEDOUT);
	KT_EXPECT(t, time_monotonic_ns() - start >= KT_TIMEOUT_MS * NSEC_PER_MSEC);
	KT_EXPECT(t, wait_queue_empty(&kt_wq));
	kt_go = true;
	ret = wait_event_timeout(&kt_wq, kt_go, KT_TIMEOUT_MS * NSEC_PER_MSEC);
	KT_EXPECT_EQ(t, ret, 0);
}

KTEST(wait_msleep_at_least)
{
	uint64_t idle_before = sched_idle_ticks();
	uint64_t start = time_monotonic_ns();

	msleep(KT_SLEEP_MS);
	KT_EXPECT(t, time_monotonic_ns() - start >= KT_SLEEP_MS * NSEC_PER_MSEC);
	/* Nothing else was runnable: the CPU idled meanwhile. */
	KT_EXPECT(t, sched_idle_ticks() > idle_before);
	start = time_monotonic_ns();
	sleep_ns(0);
	msleep(1);
	KT_EXPECT(t, time_monotonic_ns() - start >= NSEC_PER_MSEC);
}

/* ---- sleepers wake in deadline order ------------------------------------ */

static volatile unsigned kt_order[KT_WAITERS];
static volatile unsigned kt_norder;

static int kt_sleeper(void *arg)
{
	unsigned steps = (unsigned)(uintptr_t)arg;

	msleep((uint64_t)steps * KT_ORDER_STEP_MS);
	kt_order[kt_norder++] = steps;
	return 0;
}

KTEST(wait_sleepers_wake_in_order)
{
	/* Started longest first, so the order cannot come from creation. */
	static const unsigned steps[KT_WAITERS] = { 3, 1, 2 };
	struct task *th[KT_WAITERS];

	kt_norder = 0;
	for (unsigned i = 0; i < KT_WAITERS; i++) {
		th[i] = kthread_create_mask(kt_sleeper, (void *)(uintptr_t)steps[i], "sleeper",
					   KT_WAIT_CPUS);
		KT_ASSERT(t, th[i]);
	}
	for (unsigned i = 0; i < KT_WAITERS; i++)
		KT_EXPECT_EQ(t, kthread_join(th[i], NULL), 0);
	KT_ASSERT(t, kt_norder == KT_WAITERS);
	for (unsigned i = 0; i < KT_WAITERS; i++)
		KT_EXPECT_EQ(t, kt_order[i], i + 1);
}
