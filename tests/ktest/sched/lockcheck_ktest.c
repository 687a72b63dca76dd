/*
 * lockcheck_ktest.c: the lock checker (kernel/sched/lockcheck.c) sees a
 * lock-order inversion, a sleep under a spinlock and a recursive lock;
 * spinlock holders are not preempted; rwsems let readers share and
 * writers exclude (kernel/sched/rwsem.c).
 *
 * The test kernel boots with "lockcheck"; the reports provoked here run
 * with lockcheck_expect(true), so they are counted instead of panicking.
 */
#include <asm/cpu.h>
#include <basalt/ktest.h>
#include <sched/lockcheck.h>
#include <sched/mutex.h>
#include <sched/rwsem.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <time/time.h>

#define KT_RW_READERS		3
#define KT_RW_ROUNDS		10
/* Long enough that ticks (and so preemption) land inside the section. */
#define KT_RW_HOLD_NS		(2 * NSEC_PER_MSEC)
/* Several ticks of 1 / TIME_HZ s: a preemptible task would lose the CPU. */
#define KT_SPIN_HOLD_NS		(5 * NSEC_PER_SEC / TIME_HZ)

static struct spinlock kt_lock_a = SPINLOCK_INIT("kt_lockcheck_a");
static struct spinlock kt_lock_b = SPINLOCK_INIT("kt_lockcheck_b");
static struct mutex kt_mutex_c = MUTEX_INIT(kt_mutex_c);
static struct mutex kt_mutex_d = MUTEX_INIT(kt_mutex_d);

static void kt_take_a_then_b(void)
{
	spin_lock(&kt_lock_a);
	spin_lock(&kt_lock_b);
	spin_unlock(&kt_lock_b);
	spin_unlock(&kt_lock_a);
}

static void kt_take_b_then_a(void)
{
	spin_lock(&kt_lock_b);
	spin_lock(&kt_lock_a);
	spin_unlock(&kt_lock_a);
	spin_unlock(&kt_lock_b);
}

KTEST(lockcheck_reports_spinlock_inversion)
{
	unsigned before;

	KT_ASSERT(t, lockcheck_enabled());
	lockcheck_expect(true);
	before = lockcheck_report_count();
	kt_take_a_then_b();
	kt_take_a_then_b();
	KT_EXPECT_EQ(t, lockcheck_report_count(), before);
	kt_take_b_then_a();
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 1);
	/* Reported once: the edge is known now. */
	kt_take_b_then_a();
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 1);
	lockcheck_expect(false);
}

static int kt_take_d_then_c(void *arg __unused)
{
	mutex_lock(&kt_mutex_d);
	mutex_lock(&kt_mutex_c);
	mutex_unlock(&kt_mutex_c);
	mutex_unlock(&kt_mutex_d);
	return 0;
}

KTEST(lockcheck_reports_mutex_inversion_across_threads)
{
	struct task *th;
	unsigned before;

	KT_ASSERT(t, lockcheck_enabled());
	lockcheck_expect(true);
	before = lockcheck_report_count();
	mutex_lock(&kt_mutex_c);
	mutex_lock(&kt_mutex_d);
	mutex_unlock(&kt_mutex_d);
	mutex_unlock(&kt_mutex_c);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before);
	/* The other order in another thread, never at the same time. */
	th = kthread_create(kt_take_d_then_c, NULL, "lockcheck");
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 1);
	lockcheck_expect(false);
}

KTEST(lockcheck_reports_sleep_under_spinlock)
{
	static struct spinlock lock = SPINLOCK_INIT("kt_lockcheck_sleep");
	static struct mutex m = MUTEX_INIT(m);
	unsigned before;
	uint64_t cpus;

	KT_ASSERT(t, lockcheck_enabled());
	lockcheck_expect(true);
	before = lockcheck_report_count();
	/*
	 * A real sleep: the scheduler sees the spinlock. On this CPU only:
	 * the lock is released by the CPU that took it.
	 */
	cpus = task_current()->cpus_allowed;
	KT_ASSERT(t, sched_set_affinity(task_current(), 1ULL << task_current()->cpu) == 0);
	spin_lock(&lock);
	msleep(1);
	spin_unlock(&lock);
	KT_ASSERT(t, sched_set_affinity(task_current(), cpus) == 0);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 1);
	/* mutex_lock may sleep: reported even when the mutex is free. */
	spin_lock(&lock);
	mutex_lock(&m);
	mutex_unlock(&m);
	spin_unlock(&lock);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 2);
	/* Without the spinlock, nothing to report. */
	msleep(1);
	mutex_lock(&m);
	mutex_unlock(&m);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 2);
	lockcheck_expect(false);
}

KTEST(lockcheck_reports_recursive_read)
{
	static struct rwsem sem = RWSEM_INIT(sem);
	unsigned before;

	KT_ASSERT(t, lockcheck_enabled());
	lockcheck_expect(true);
	before = lockcheck_report_count();
	down_read(&sem);
	down_read(&sem);	/* no writer waits, so it does not deadlock */
	up_read(&sem);
	up_read(&sem);
	KT_EXPECT_EQ(t, lockcheck_report_count(), before + 1);
	lockcheck_expect(false);
}

static volatile unsigned kt_spin_ran;

static int kt_spin_bump(void *arg __unused)
{
	kt_spin_ran++;
	return 0;
}

KTEST(spinlock_holder_not_preempted)
{
	static struct spinlock lock = SPINLOCK_INIT("kt_spin_preempt");
	struct task *th;
	unsigned seen;

	KT_ASSERT(t, cpu_read_rflags() & RFLAGS_IF);
	kt_spin_ran = 0;
	spin_lock(&lock);
	/* On this CPU only: another CPU would run it, which is no preemption. */
	th = kthread_create_mask(kt_spin_bump, NULL, "spinpreempt",
				 1ULL << task_current()->cpu);
	KT_ASSERT(t, th);
	/* Interrupts stay on: the tick comes, but must not switch. */
	time_delay_ns(KT_SPIN_HOLD_NS);
	seen = kt_spin_ran;
	spin_unlock(&lock);
	KT_EXPECT_EQ(t, seen, 0);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT_EQ(t, kt_spin_ran, 1);
}

static struct rwsem kt_rw = RWSEM_INIT(kt_rw);
static volatile unsigned kt_rw_readers_in, kt_rw_max_readers, kt_rw_writer_in;
static volatile unsigned kt_rw_overlaps;

/* Atomic counts: readers on several CPUs are inside at once. */
static int kt_rw_reader(void *arg __unused)
{
	for (unsigned i = 0; i < KT_RW_ROUNDS; i++) {
		unsigned in;

		down_read(&kt_rw);
		if (__atomic_load_n(&kt_rw_writer_in, __ATOMIC_SEQ_CST))
			__atomic_add_fetch(&kt_rw_overlaps, 1, __ATOMIC_SEQ_CST);
		in = __atomic_add_fetch(&kt_rw_readers_in, 1, __ATOMIC_SEQ_CST);
		if (in > kt_rw_max_readers)
			kt_rw_max_readers = in;	/* a lost update only lowers it */
		time_delay_ns(KT_RW_HOLD_NS);
		__atomic_sub_fetch(&kt_rw_readers_in, 1, __ATOMIC_SEQ_CST);
		up_read(&kt_rw);
	}
	return 0;
}

static int kt_rw_writer(void *arg __unused)
{
	for (unsigned i = 0; i < KT_RW_ROUNDS; i++) {
		down_write(&kt_rw);
		if (__atomic_fetch_add(&kt_rw_writer_in, 1, __ATOMIC_SEQ_CST) ||
		    __atomic_load_n(&kt_rw_readers_in, __ATOMIC_SEQ_CST))
			__atomic_add_fetch(&kt_rw_overlaps, 1, __ATOMIC_SEQ_CST);
		time_delay_ns(KT_RW_HOLD_NS);
		__atomic_sub_fetch(&kt_rw_writer_in, 1, __ATOMIC_SEQ_CST);
		up_write(&kt_rw);
	}
	return 0;
}

KTEST(rwsem_readers_share_writers_exclude)
{
	struct task *th[KT_RW_READERS + 2];

	kt_rw_readers_in = kt_rw_max_readers = kt_rw_writer_in = 0;
	kt_rw_overlaps = 0;
	for (unsigned i = 0; i < KT_RW_READERS + 2; i++) {
		th[i] = kthread_create(i < KT_RW_READERS ? kt_rw_reader : kt_rw_writer,
				       NULL, "rwsem");
		KT_ASSERT(t, th[i]);
		/* One-tick slices: holders are preempted inside. */
		KT_EXPECT_EQ(t, sched_set_nice(th[i], TASK_NICE_MAX), 0);
	}
	for (unsigned i = 0; i < KT_RW_READERS + 2; i++)
		KT_EXPECT_EQ(t, kthread_join(th[i], NULL), 0);
	KT_EXPECT_EQ(t, kt_rw_overlaps, 0);
	KT_EXPECT(t, kt_rw_max_readers > 1);
	KT_EXPECT(t, down_write_trylock(&kt_rw));
	KT_EXPECT(t, !down_read_trylock(&kt_rw));
	up_write(&kt_rw);
	KT_EXPECT(t, down_read_trylock(&kt_rw));
	KT_EXPECT(t, !down_write_trylock(&kt_rw));
	up_read(&kt_rw);
}
