/*
 * futex_ktest.c: kernel/proc/futex.c from kernel threads sharing a small
 * user address space: the value check (EAGAIN), address checks (EINVAL,
 * EFAULT), timeouts, wake counts, bitsets, requeue, a signal ending a
 * wait (EINTR), and the decoding of futex(2)'s arguments (futex_op).
 */
#include <basalt/ktest.h>
#include <proc/futex.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <signal/signal.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/futex.h>
#include <uapi/signal.h>
#include <user/user.h>
#include "../kt_uspace.h"

#define KT_FA		KT_U_VA			/* futex word A */
#define KT_FB		(KT_U_VA + 64)		/* futex word B */
#define KT_TS		(KT_U_VA + 128)		/* a struct timespec */
#define KT_TIMEOUT_NS	(20 * NSEC_PER_MSEC)
#define KT_SETTLE_ROUNDS	50
#define KT_MAX_WAITERS	3

struct kt_waiter {
	struct kt_uspace *u;
	uint64_t uaddr;
	uint32_t bitset;
	volatile int result;
	volatile bool done;
};

static int kt_waiter_fn(void *arg)
{
	struct kt_waiter *w = arg;

	kt_uspace_attach(w->u);
	w->result = futex_wait(w->uaddr, 0, 0, w->bitset);
	w->done = true;
	kt_uspace_detach();
	return 0;
}

static void kt_set(uint64_t va, uint32_t v)
{
	copy_to_user((void __user *)va, &v, sizeof(v));
}

/* Yields until n waiters sit on uaddr; returns how many do. */
static unsigned kt_settle(uint64_t uaddr, unsigned n)
{
	unsigned seen = 0;

	for (unsigned i = 0; i < KT_SETTLE_ROUNDS; i++) {
		seen = futex_waiters(uaddr);
		if (seen >= n)
			break;
		msleep(1);
	}
	return seen;
}

static struct task *kt_start(struct kt_waiter *w, struct kt_uspace *u,
			     uint64_t uaddr, uint32_t bitset)
{
	w->u = u;
	w->uaddr = uaddr;
	w->bitset = bitset;
	w->result = 1;
	w->done = false;
	/* On CPU0 with the test: its yields are what let the waiter block. */
	return kthread_create_mask(kt_waiter_fn, w, "futex-waiter", 1ULL);
}

KTEST(futex_wait_checks)
{
	struct kt_uspace u;
	uint64_t start;

	KT_ASSERT(t, kt_uspace_enter(&u));
	kt_set(KT_FA, 5);
	KT_EXPECT_EQ(t, futex_wait(KT_FA, 4, 0, FUTEX_BITSET_MATCH_ANY), -EAGAIN);
	KT_EXPECT_EQ(t, futex_wait(KT_FA + 2, 5, 0, FUTEX_BITSET_MATCH_ANY), -EINVAL);
	KT_EXPECT_EQ(t, futex_wait(KT_U_UNMAPPED, 0, 0, FUTEX_BITSET_MATCH_ANY), -EFAULT);
	KT_EXPECT_EQ(t, futex_wait(KT_U_KERNEL, 0, 0, FUTEX_BITSET_MATCH_ANY), -EFAULT);
	KT_EXPECT_EQ(t, futex_wait(0, 0, 0, FUTEX_BITSET_MATCH_ANY), -EFAULT);
	KT_EXPECT_EQ(t, futex_wait(KT_FA, 5, 0, 0), -EINVAL);
	start = time_monotonic_ns();
	KT_EXPECT_EQ(t, futex_wait(KT_FA, 5, start + KT_TIMEOUT_NS,
				   FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
	KT_EXPECT(t, time_monotonic_ns() >= start + KT_TIMEOUT_NS);
	KT_EXPECT_EQ(t, futex_waiters(KT_FA), 0);
	KT_EXPECT_EQ(t, futex_wake(KT_FA, 1, FUTEX_BITSET_MATCH_ANY), 0);
	KT_EXPECT_EQ(t, futex_wake(KT_FA + 1, 1, FUTEX_BITSET_MATCH_ANY), -EINVAL);
	KT_EXPECT_EQ(t, futex_wake(KT_U_KERNEL, 1, FUTEX_BITSET_MATCH_ANY), -EFAULT);
	KT_EXPECT_EQ(t, futex_wake(KT_FA, 1, 0), -EINVAL);
	KT_EXPECT_EQ(t, futex_wake_addr(KT_FA, 1), 0);
	kt_uspace_leave(&u);
}

KTEST(futex_wake_counts)
{
	struct kt_waiter w[KT_MAX_WAITERS];
	struct task *th[KT_MAX_WAITERS];
	struct kt_uspace u;

	KT_ASSERT(t, kt_uspace_enter(&u));
	kt_set(KT_FA, 0);
	for (int i = 0; i < KT_MAX_WAITERS; i++) {
		th[i] = kt_start(&w[i], &u, KT_FA, FUTEX_BITSET_MATCH_ANY);
		KT_ASSERT(t, th[i]);
	}
	KT_EXPECT_EQ(t, kt_settle(KT_FA, KT_MAX_WAITERS), KT_MAX_WAITERS);
	/* n = 0 still wakes one, as Linux. */
	KT_EXPECT_EQ(t, futex_wake(KT_FA, 0, FUTEX_BITSET_MATCH_ANY), 1);
	KT_EXPECT_EQ(t, futex_waiters(KT_FA), KT_MAX_WAITERS - 1);
	KT_EXPECT_EQ(t, futex_wake_addr(KT_FA, 1), 1);
	KT_EXPECT_EQ(t, futex_wake(KT_FA, 100, FUTEX_BITSET_MATCH_ANY), 1);
	for (int i = 0; i < KT_MAX_WAITERS; i++) {
		KT_EXPECT_EQ(t, kthread_join(th[i], NULL), 0);
		KT_EXPECT_EQ(t, w[i].result, 0);
	}
	kt_uspace_leave(&u);
}

KTEST(futex_bitset)
{
	struct kt_waiter w;
	struct task *th;
	struct kt_uspace u;

	KT_ASSERT(t, kt_uspace_enter(&u));
	kt_set(KT_FA, 0);
	th = kt_start(&w, &u, KT_FA, 0x1);
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, kt_settle(KT_FA, 1), 1);
	KT_EXPECT_EQ(t, futex_wake(KT_FA, 1, 0x2), 0);
	KT_EXPECT_EQ(t, futex_wake(KT_FB, 1, 0x1), 0);
	KT_EXPECT(t, !w.done);
	KT_EXPECT_EQ(t, futex_wake(KT_FA, 1, 0x3), 1);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT_EQ(t, w.result, 0);
	kt_uspace_leave(&u);
}

KTEST(futex_requeue)
{
	struct kt_waiter w[2];
	struct task *th[2];
	struct kt_uspace u;

	KT_ASSERT(t, kt_uspace_enter(&u));
	kt_set(KT_FA, 0);
	for (int i = 0; i < 2; i++) {
		th[i] = kt_start(&w[i], &u, KT_FA, FUTEX_BITSET_MATCH_ANY);
		KT_ASSERT(t, th[i]);
	}
	KT_EXPECT_EQ(t, kt_settle(KT_FA, 2), 2);
	KT_EXPECT_EQ(t, futex_requeue(KT_FA, KT_FB, 0, 1, true, 7), -EAGAIN);
	KT_EXPECT_EQ(t, futex_requeue(KT_FA, KT_FB + 1, 0, 1, false, 0), -EINVAL);
	KT_EXPECT_EQ(t, futex_requeue(KT_FA, KT_FB, -1, 1, false, 0), -EINVAL);
	/* Wake one, move the other to B. */
	KT_EXPECT_EQ(t, futex_requeue(KT_FA, KT_FB, 1, 1, true, 0), 2);
	KT_EXPECT_EQ(t, futex_waiters(KT_FA), 0);
	KT_EXPECT_EQ(t, futex_waiters(KT_FB), 1);
	KT_EXPECT_EQ(t, futex_wake(KT_FA, 1, FUTEX_BITSET_MATCH_ANY), 0);
	KT_EXPECT_EQ(t, futex_wake(KT_FB, 1, FUTEX_BITSET_MATCH_ANY), 1);
	for (int i = 0; i < 2; i++) {
		KT_EXPECT_EQ(t, kthread_join(th[i], NULL), 0);
		KT_EXPECT_EQ(t, w[i].result, 0);
	}
	kt_uspace_leave(&u);
}

KTEST(futex_wait_interrupted)
{
	struct kt_waiter w;
	struct task *th;
	struct kt_uspace u;
	uint64_t flags;

	KT_ASSERT(t, kt_uspace_enter(&u));
	kt_set(KT_FA, 0);
	th = kt_start(&w, &u, KT_FA, FUTEX_BITSET_MATCH_ANY);
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, kt_settle(KT_FA, 1), 1);
	/* What a signal sent to the thread does: pending bit, then a wake. */
	flags = cpu_irq_save();
	th->sig_blocked = 0;
	th->sig_pending |= SIGSET_BIT(SIGUSR1);
	sched_wake(th);
	cpu_irq_restore(flags);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT_EQ(t, w.result, -EINTR);
	KT_EXPECT_EQ(t, futex_waiters(KT_FA), 0);
	kt_uspace_leave(&u);
}

static long kt_futex_op(uint64_t uaddr, int op, uint32_t val, uint64_t a3,
			 uint64_t uaddr2, uint32_t val3)
{
	return futex_op((uint32_t __user *)uaddr, op, val, (const struct timespec __user *)a3,
			(uint32_t __user *)uaddr2, val3);
}

KTEST(futex_syscall_args)
{
	struct kt_uspace u;
	struct timespec ts = { 0, (int64_t)KT_TIMEOUT_NS };
	uint64_t start;
	int64_t abs;

	KT_ASSERT(t, kt_uspace_enter(&u));
	kt_set(KT_FA, 3);
	copy_to_user((void __user *)KT_TS, &ts, sizeof(ts));
	start = time_monotonic_ns();
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 3,
				     KT_TS, 0, 0), -ETIMEDOUT);
	KT_EXPECT(t, time_monotonic_ns() - start >= KT_TIMEOUT_NS);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT, 4, KT_TS, 0, 0), -EAGAIN);
	/* WAIT_BITSET's timeout is absolute: 20 ms after boot is long past. */
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT_BITSET, 3, KT_TS, 0,
				     FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME,
				     3, KT_TS, 0, FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
	abs = (int64_t)time_monotonic_ns() + (int64_t)KT_TIMEOUT_NS;
	ts = timespec_from_ns(abs);
	copy_to_user((void __user *)KT_TS, &ts, sizeof(ts));
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 3,
				     KT_TS, 0, FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
	KT_EXPECT(t, time_monotonic_ns() >= (uint64_t)abs);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT_BITSET, 3, KT_TS, 0, 0), -EINVAL);
	ts.tv_nsec = (int64_t)NSEC_PER_SEC;
	copy_to_user((void __user *)KT_TS, &ts, sizeof(ts));
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT, 3, KT_TS, 0, 0), -EINVAL);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAIT, 3, KT_U_UNMAPPED, 0, 0), -EFAULT);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0), 0);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, 0, 0, 0),
		     -ENOSYS);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_LOCK_PI, 0, 0, 0, 0), -ENOSYS);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_WAKE_OP, 1, 1, KT_FB, 0), -ENOSYS);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_CMP_REQUEUE, 1, 1, KT_FB, 9), -EAGAIN);
	KT_EXPECT_EQ(t, kt_futex_op(KT_FA, FUTEX_CMP_REQUEUE, 1, 1, KT_FB, 3), 0);
	kt_uspace_leave(&u);
}
