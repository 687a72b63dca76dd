/*
 * mutex.c: sleeping locks (mutex.h). Unlocking wakes the longest waiter,
 * which takes the lock if it is still free when it runs; a thread that
 * arrives in between may take it first (no hand-off), and the waiter
 * then queues again. That keeps the lock simple and never leaves it idle
 * while a runnable thread wants it.
 */
#include <basalt/panic.h>
#include <sched/mutex.h>
#include <sched/sched.h>

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	wait_queue_init(&m->waiters);
}

void mutex_lock(struct mutex *m)
{
	struct task *me = task_current();
	uint64_t flags = cpu_irq_save();

	if (m->owner == me)
		panic("mutex %p: task %d (%s) locks it twice", (void *)m,
		      me->tid, me->name);
	while (m->owner)
		wait_block(&m->waiters, 0);
	m->owner = me;
	cpu_irq_restore(flags);
}

bool mutex_trylock(struct mutex *m)
{
	uint64_t flags = cpu_irq_save();
	bool taken = !m->owner;

	if (taken)
		m->owner = task_current();
	cpu_irq_restore(flags);
	return taken;
}

void mutex_unlock(struct mutex *m)
{
	struct task *me = task_current();
	uint64_t flags = cpu_irq_save();

	if (m->owner != me)
		panic("mutex %p: task %d (%s) unlocks it without owning it",
		      (void *)m, me->tid, me->name);
	m->owner = NULL;
	wake_up(&m->waiters);
	cpu_irq_restore(flags);
}

bool mutex_is_locked(const struct mutex *m)
{
	return m->owner != NULL;
}
