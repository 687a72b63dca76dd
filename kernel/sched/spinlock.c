/*
 * spinlock.c: spinlocks and the preempt count (spinlock.h).
 *
 * Before sched_init there is no current task and one CPU with
 * interrupts off: the locks then only take the word (spin_tasks_ready
 * tells them when the task-based bookkeeping may start).
 */
#include <asm/cpu.h>
#include <basalt/panic.h>
#include <proc/percpu.h>
#include <proc/task.h>
#include <sched/sched.h>
#include <sched/spinlock.h>

static bool spin_tasks;		/* set once, by sched_init */

void spin_tasks_ready(void)
{
	spin_tasks = true;
}

static unsigned spin_this_cpu(void)
{
	return spin_tasks ? percpu_this()->cpu + 1 : 1;
}

void preempt_disable(void)
{
	if (!spin_tasks)
		return;
	task_current()->preempt_count++;
	/* Compiler barrier: the critical section stays after the count. */
	__asm__ volatile("" ::: "memory");
}

void preempt_enable(void)
{
	struct task *me;

	if (!spin_tasks)
		return;
	__asm__ volatile("" ::: "memory");
	me = task_current();
	BUG_ON(me->preempt_count == 0);
	if (--me->preempt_count == 0 && percpu_this()->need_resched &&
	    (cpu_read_rflags() & RFLAGS_IF))
		sched_yield();
}

void spin_lock_init(struct spinlock *l, const char *name)
{
	l->raw.locked = 0;
	l->owner_cpu = 0;
	l->name = name;
	l->map.name = name;
	l->map.class_id = 0;
}

static void spin_acquire(struct spinlock *l, uint64_t ip)
{
	unsigned me = spin_this_cpu();

	preempt_disable();
	if (spin_tasks)
		lockcheck_acquire(&l->map, l, LOCKCHECK_SPIN, ip);
	/* With preemption off, only this CPU can have set owner_cpu to me. */
	if (__atomic_load_n(&l->owner_cpu, __ATOMIC_RELAXED) == me)
		panic("spinlock %s: taken twice on CPU %u (deadlock)", l->name,
		      me - 1);
	raw_spin_lock(&l->raw);
	l->owner_cpu = me;
}

static void spin_release(struct spinlock *l)
{
	if (!spin_is_locked(l) || l->owner_cpu != spin_this_cpu())
		panic("spinlock %s: released but not held by this CPU", l->name);
	l->owner_cpu = 0;
	raw_spin_unlock(&l->raw);
	if (spin_tasks)
		lockcheck_release(l);
}

void spin_lock(struct spinlock *l)
{
	spin_acquire(l, (uint64_t)__builtin_return_address(0));
}

void spin_unlock(struct spinlock *l)
{
	spin_release(l);
	preempt_enable();
}

bool spin_trylock(struct spinlock *l)
{
	preempt_disable();
	if (!raw_spin_trylock(&l->raw)) {
		preempt_enable();
		return false;
	}
	l->owner_cpu = spin_this_cpu();
	if (spin_tasks)
		lockcheck_acquire_try(&l->map, l, LOCKCHECK_SPIN,
				      (uint64_t)__builtin_return_address(0));
	return true;
}

/*
 * Interrupts go off before the lock is taken: a handler on this CPU
 * that wants the lock could otherwise interrupt the holder and spin
 * forever. This and the restore are the lock implementation's own uses
 * of cpu_irq_save.
 */
uint64_t spin_lock_irqsave(struct spinlock *l)
{
	uint64_t flags = cpu_irq_save();

	spin_acquire(l, (uint64_t)__builtin_return_address(0));
	return flags;
}

void spin_unlock_irqrestore(struct spinlock *l, uint64_t flags)
{
	spin_release(l);
	cpu_irq_restore(flags);
	preempt_enable();
}
