/*
 * mutex.h: a sleeping lock (mutex.c). A thread that finds it taken
 * blocks on its wait queue instead of spinning, so a mutex may be held
 * across anything that sleeps, and a holder may be preempted. Not for
 * interrupt handlers or the idle task, which must not sleep, and not
 * under a spinlock (the lock checker reports it); not recursive (taking
 * it twice panics: it would never be released).
 *
 * The lock checker's class of a mutex is its name: the variable's for
 * MUTEX_INIT(var), the expression's for mutex_init(&x->lock), so all
 * the mutexes initialised at one place are one class.
 */
#ifndef SCHED_MUTEX_H
#define SCHED_MUTEX_H

#include <stdbool.h>
#include <sched/lockcheck.h>
#include <sched/spinlock.h>
#include <sched/wait.h>

struct task;

struct mutex {
	struct spinlock wait_lock;	/* guards: owner, waiting, and the test-and-sleep */
	struct task *owner;		/* NULL when free */
	unsigned waiting;		/* threads asleep in mutex_lock: unlock wakes only then */
	struct wait_queue waiters;	/* threads in mutex_lock */
	struct lockcheck_map map;
};

#define MUTEX_INIT(var)	{ .wait_lock = SPINLOCK_INIT("mutex.wait_lock"),	\
			  .owner = NULL, .waiting = 0,				\
			  .waiters = WAIT_QUEUE_INIT((var).waiters),		\
			  .map = LOCKCHECK_MAP_INIT(#var) }

#define mutex_init(m)	mutex_init_named((m), #m)
void mutex_init_named(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
/* Takes m if free; returns whether it did. Never sleeps. */
bool mutex_trylock(struct mutex *m);
/* Only the owner may unlock (panics otherwise). */
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(const struct mutex *m);

#endif /* SCHED_MUTEX_H */
