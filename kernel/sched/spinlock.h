/*
 * spinlock.h: short critical sections that never sleep (spinlock.c).
 *
 *	spin_lock(&lock);		data no interrupt handler touches
 *	... touch what lock guards ...
 *	spin_unlock(&lock);
 *
 *	uint64_t flags = spin_lock_irqsave(&lock);	data an interrupt
 *	... touch what lock guards ...			handler shares
 *	spin_unlock_irqrestore(&lock, flags);
 *
 * A holder is never preempted (spin_lock raises the task's preempt
 * count; the tick does not switch away from it, spin_unlock switches if
 * the tick asked for it meanwhile), so on one CPU nobody else can find
 * the lock taken, except an interrupt handler on the same CPU: data it
 * shares needs the irqsave variant, which also turns interrupts off.
 *
 * On several CPUs the word is a test-and-set lock: xchg is implicitly
 * locked (Intel SDM Vol. 3A 8.1.2.1) and gives acquire ordering; the
 * release is a plain store, which x86 never reorders with the earlier
 * loads and stores of the critical section (Intel SDM Vol. 3A 8.2.2);
 * waiters spin reading the word with pause (Intel SDM Vol. 2B, PAUSE)
 * so they do not keep taking the cache line. Taking a lock the same CPU
 * holds is a deadlock and panics. Never sleep while holding one: the
 * lock checker (lockcheck.h) reports it.
 *
 * raw_spinlock is the bare word, for the lock checker's own table and
 * nothing else: it neither disables preemption nor is checked.
 */
#ifndef SCHED_SPINLOCK_H
#define SCHED_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <sched/lockcheck.h>

struct raw_spinlock {
	int locked;	/* 1 while held */
};

#define RAW_SPINLOCK_INIT	{ .locked = 0 }

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static inline bool raw_spin_trylock(struct raw_spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void raw_spin_lock(struct raw_spinlock *l)
{
	while (!raw_spin_trylock(l))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			cpu_relax();
}

static inline void raw_spin_unlock(struct raw_spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

struct spinlock {
	struct raw_spinlock raw;
	unsigned owner_cpu;	/* holder's CPU number + 1, 0 when free */
	const char *name;
	struct lockcheck_map map;
};

#define SPINLOCK_INIT(lock_name)	{ .raw = RAW_SPINLOCK_INIT, .owner_cpu = 0, \
					  .name = (lock_name),			  \
					  .map = LOCKCHECK_MAP_INIT(lock_name) }

void spin_lock_init(struct spinlock *l, const char *name);
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
/* Interrupts off, then the lock; returns the flags for the restore. */
uint64_t spin_lock_irqsave(struct spinlock *l);
void spin_unlock_irqrestore(struct spinlock *l, uint64_t flags);
/* Takes l if free and returns true; never spins. */
bool spin_trylock(struct spinlock *l);

static inline bool spin_is_locked(const struct spinlock *l)
{
	return __atomic_load_n(&l->raw.locked, __ATOMIC_RELAXED);
}

/*
 * The preempt count of the current task (struct task.preempt_count):
 * while it is not 0 the tick does not switch away from the task.
 * preempt_enable switches if a switch became due meanwhile.
 */
void preempt_disable(void);
void preempt_enable(void);
/* sched_init: current is set, the per-task bookkeeping may start. */
void spin_tasks_ready(void);

#endif /* SCHED_SPINLOCK_H */
