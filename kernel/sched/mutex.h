/*
 * mutex.h: a sleeping lock (mutex.c). A thread that finds it taken
 * blocks on its wait queue instead of spinning, so a mutex may be held
 * across anything that sleeps, and a holder may be preempted. Not for
 * interrupt handlers or the idle task, which must not sleep; not
 * recursive (taking it twice panics: it would never be released).
 *
 * Locking: the mutex's own fields are guarded by interrupts off (one
 * CPU); on SMP by a spinlock beside them.
 */
#ifndef SCHED_MUTEX_H
#define SCHED_MUTEX_H

#include <stdbool.h>
#include <sched/wait.h>

struct task;

struct mutex {
	struct task *owner;		/* NULL when free */
	struct wait_queue waiters;	/* threads in mutex_lock */
};

#define MUTEX_INIT(name)	{ .owner = NULL, .waiters = WAIT_QUEUE_INIT((name).waiters) }

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
/* Takes m if free; returns whether it did. Never sleeps. */
bool mutex_trylock(struct mutex *m);
/* Only the owner may unlock (panics otherwise). */
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(const struct mutex *m);

#endif /* SCHED_MUTEX_H */
