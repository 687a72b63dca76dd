/*
 * mutex_ktest.c: mutual exclusion across preempted threads
 * (kernel/sched/mutex.c) and the irq-saving spinlock (spinlock.h).
 */
#include <asm/cpu.h>
#include <basalt/ktest.h>
#include <sched/mutex.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <time/time.h>

#define KT_MUTEX_THREADS	3
#define KT_MUTEX_ROUNDS		20
/* Long enough that ticks (and so preemption) land inside the section. */
#define KT_HOLD_NS		(2 * NSEC_PER_MSEC)

static struct mutex kt_mutex = MUTEX_INIT(kt_mutex);
static volatile uint64_t kt_counter;
static volatile unsigned kt_inside, kt_overlaps, kt_contended;

static int kt_mutex_worker(void *arg __unused)
{
	for (unsigned i = 0; i < KT_MUTEX_ROUNDS; i++) {
		uint64_t v;

		if (mutex_is_locked(&kt_mutex))
			kt_contended++;
		mutex_lock(&kt_mutex);
		if (kt_inside++)
			kt_overlaps++;
		/* A read-modify-write spread over a preemptible delay. */
		v = kt_counter;
		time_delay_ns(KT_HOLD_NS);
		kt_counter = v + 1;
		kt_inside--;
		mutex_unlock(&kt_mutex);
	}
	return 0;
}

KTEST(mutex_excludes_preempted_threads)
{
	struct task *th[KT_MUTEX_THREADS];

	kt_counter = 0;
	kt_inside = kt_overlaps = kt_contended = 0;
	for (unsigned i = 0; i < KT_MUTEX_THREADS; i++) {
		th[i] = kthread_create(kt_mutex_worker, NULL, "mutex");
		KT_ASSERT(t, th[i]);
		/* One-tick slices: a holder is preempted at every tick. */
		KT_EXPECT_EQ(t, sched_set_nice(th[i], TASK_NICE_MAX), 0);
	}
	for (unsigned i = 0; i < KT_MUTEX_THREADS; i++)
		KT_EXPECT_EQ(t, kthread_join(th[i], NULL), 0);
	KT_EXPECT_EQ(t, kt_counter, KT_MUTEX_THREADS * KT_MUTEX_ROUNDS);
	KT_EXPECT_EQ(t, kt_overlaps, 0);
	/* The tick preempted holders, so others found the mutex taken. */
	KT_EXPECT(t, kt_contended > 0);
	KT_EXPECT(t, !mutex_is_locked(&kt_mutex));
	KT_EXPECT(t, wait_queue_empty(&kt_mutex.waiters));
}

static volatile int kt_trylock_result = -1;

static int kt_trylocker(void *arg __unused)
{
	kt_trylock_result = mutex_trylock(&kt_mutex);
	return 0;
}

KTEST(mutex_trylock_held_elsewhere)
{
	struct task *th;

	KT_ASSERT(t, mutex_trylock(&kt_mutex));
	KT_EXPECT(t, kt_mutex.owner == task_current());
	th = kthread_create(kt_trylocker, NULL, "trylock");
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT_EQ(t, kt_trylock_result, 0);
	mutex_unlock(&kt_mutex);
	KT_EXPECT(t, !mutex_is_locked(&kt_mutex));
}

KTEST(spinlock_irqsave_restores)
{
	static struct spinlock lock = SPINLOCK_INIT("ktest");
	uint64_t outer, inner;

	KT_ASSERT(t, cpu_read_rflags() & RFLAGS_IF);
	outer = spin_lock_irqsave(&lock);
	KT_EXPECT(t, spin_is_locked(&lock));
	KT_EXPECT(t, !(cpu_read_rflags() & RFLAGS_IF));
	spin_unlock_irqrestore(&lock, outer);
	KT_EXPECT(t, !spin_is_locked(&lock));
	KT_EXPECT(t, cpu_read_rflags() & RFLAGS_IF);
	/* Taken with interrupts already off, it leaves them off. */
	cpu_irq_disable();
	inner = spin_lock_irqsave(&lock);
	spin_unlock_irqrestore(&lock, inner);
	KT_EXPECT(t, !(cpu_read_rflags() & RFLAGS_IF));
	cpu_irq_enable();
}
