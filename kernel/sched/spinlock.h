/*
 * spinlock.h: short critical sections that may be entered from
 * interrupt handlers.
 *
 *	uint64_t flags = spin_lock_irqsave(&lock);
 *	... touch what lock guards ...
 *	spin_unlock_irqrestore(&lock, flags);
 *
 * On one CPU (Basalt today) disabling interrupts already excludes every
 * other path to the data, so the lock itself is only bookkeeping: the
 * flag catches a path that takes a lock it already holds, which on one
 * CPU can only be a deadlock. The flag is set with an atomic exchange
 * (xchg, implicitly locked: Intel SDM Vol. 3A 8.1.2.1) with acquire and
 * release ordering, so on SMP the same word becomes a test-and-set lock
 * by spinning (pause) instead of panicking. Never sleep while holding one.
 */
#ifndef SCHED_SPINLOCK_H
#define SCHED_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/cpu.h>
#include <basalt/panic.h>

struct spinlock {
	int locked;	/* 1 while held */
	const char *name;
};

#define SPINLOCK_INIT(lock_name)	{ .locked = 0, .name = (lock_name) }

static inline void spin_lock_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
}

static inline uint64_t spin_lock_irqsave(struct spinlock *l)
{
	uint64_t flags = cpu_irq_save();

	if (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		panic("spinlock %s: taken twice on one CPU (deadlock)", l->name);
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *l, uint64_t flags)
{
	if (!__atomic_exchange_n(&l->locked, 0, __ATOMIC_RELEASE))
		panic("spinlock %s: released but not held", l->name);
	cpu_irq_restore(flags);
}

static inline bool spin_is_locked(const struct spinlock *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED);
}

#endif /* SCHED_SPINLOCK_H */
