/*
 * wait_lock_ktest.c: sleeping without losing a wake-up
 * (kernel/sched/wait.c): wait_block_lock releases the caller's spinlock
 * only once the task is queued and takes it again before returning, and
 * a wake-up of a poll entry's queue that comes before the block (after
 * wait_entries_arm) makes wait_block_entries return at once.
 */
#include <asm/cpu.h>
#include <basalt/ktest.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <time/time.h>
#include <uapi/errno.h>

/* Far enough that reaching it means the wake-up was lost. */
#define KT_LOST_WAKE_NS		(2 * NSEC_PER_SEC)

static struct spinlock kt_cond_lock = SPINLOCK_INIT("kt_wait_cond");
static struct wait_queue kt_cond_wq = WAIT_QUEUE_INIT(kt_cond_wq);
static bool kt_cond;		/* kt_cond_lock */

static int kt_cond_setter(void *arg __unused)
{
	spin_lock(&kt_cond_lock);
	kt_cond = true;
	wake_up(&kt_cond_wq);
	spin_unlock(&kt_cond_lock);
	return 0;
}

KTEST(wait_block_lock_releases_while_asleep)
{
	uint64_t deadline;
	struct task *th;
	int ret = 0;

	kt_cond = false;
	spin_lock(&kt_cond_lock);
	/* The setter needs the lock: it can only run while we sleep. */
	th = kthread_create(kt_cond_setter, NULL, "kt-setter");
	KT_ASSERT(t, th);
	deadline = time_monotonic_ns() + KT_LOST_WAKE_NS;
	while (!kt_cond && ret == 0)
		ret = wait_block_lock(&kt_cond_wq, deadline, &kt_cond_lock);
	/* Held again on return, and the setter's change is visible. */
	KT_EXPECT(t, spin_is_locked(&kt_cond_lock));
	KT_EXPECT(t, kt_cond);
	KT_EXPECT_EQ(t, ret, 0);
	spin_unlock(&kt_cond_lock);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT(t, wait_queue_empty(&kt_cond_wq));
}

KTEST(wait_entries_wake_before_block_not_lost)
{
	static struct wait_queue wq = WAIT_QUEUE_INIT(wq);
	struct wait_entry e = { .wq = NULL };

	wait_entries_arm();
	wait_entry_add(&wq, &e);
	/* A waker between the readiness check and the sleep. */
	KT_EXPECT_EQ(t, wake_up(&wq), 0);	/* kmain is not asleep yet */
	KT_EXPECT_EQ(t, wait_block_entries(time_monotonic_ns() + KT_LOST_WAKE_NS), 0);
	/* Armed again, nothing woke: the block runs to its deadline. */
	wait_entries_arm();
	KT_EXPECT_EQ(t, wait_block_entries(time_monotonic_ns() + NSEC_PER_MSEC),
		     -ETIMEDOUT);
	wait_entry_remove(&e);
	KT_EXPECT(t, wait_queue_empty(&wq));
}

