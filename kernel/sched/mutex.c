/*
 * mutex.c: sleeping locks (mutex.h). Unlocking wakes the longest waiter,
 * which takes the lock if it is still free when it runs; a thread that
 * arrives in between may take it first (no hand-off), and the waiter
 * then queues again. That keeps the lock simple and never leaves it idle
 * while a runnable thread wants it.
 *
 * The lock checker hears of mutex_lock before it blocks, so an order
 * that deadlocks is reported instead of hanging.
 */
#include <basalt/panic.h>
#include <sched/mutex.h>
#include <sched/sched.h>

void mutex_init_named(struct mutex *m, const char *name)
{
	spin_lock_init(&m->wait_lock, "mutex.wait_lock");
	m->owner = NULL;
	m->waiting = 0;
	wait_queue_init(&m->waiters);
	m->map.name = name;
	m->map.class_id = 0;
}

void mutex_lock(struct mutex *m)
{
	struct task *me = task_current();

	lockcheck_might_sleep(NULL, "mutex_lock");
	lockcheck_acquire(&m->map, &m->map, LOCKCHECK_MUTEX,
			  (uint64_t)__builtin_return_address(0));
	spin_lock(&m->wait_lock);
	if (m->owner == me)
		panic("mutex %s: task %d (%s) locks it twice", m->map.name,
		      me->tid, me->name);
	if (m->owner) {
		m->waiting++;
		while (m->owner)
			wait_block_lock(&m->waiters, 0, &m->wait_lock);
		m->waiting--;
	}
	m->owner = me;
	spin_unlock(&m->wait_lock);
}

bool mutex_trylock(struct mutex *m)
{
	bool taken;

	spin_lock(&m->wait_lock);
	taken = !m->owner;
	if (taken)
		m->owner = task_current();
	spin_unlock(&m->wait_lock);
	/* A trylock never waits, so it orders nothing: only held. */
	if (taken)
		lockcheck_acquire_try(&m->map, &m->map, LOCKCHECK_MUTEX,
				      (uint64_t)__builtin_return_address(0));
	return taken;
}

void mutex_unlock(struct mutex *m)
{
	struct task *me = task_current();

	spin_lock(&m->wait_lock);
	if (m->owner != me)
		panic("mutex %s: task %d (%s) unlocks it without owning it",
		      m->map.name, me->tid, me->name);
	m->owner = NULL;
	/* The wake-up takes sched_lock: only when someone sleeps (counted under wait_lock). */
	if (m->waiting)
		wake_up(&m->waiters);
	spin_unlock(&m->wait_lock);
	lockcheck_release(&m->map);
}

bool mutex_is_locked(const struct mutex *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED) != NULL;
}
