/*
 * rwsem.h: reader-writer semaphores (rwsem.c), sleeping locks for data
 * that is read often and changed rarely (an address space, an inode's
 * data): any number of readers at once, or one writer.
 *
 *	down_read(&sem);  ... read ...  up_read(&sem);
 *	down_write(&sem); ... change ... up_write(&sem);
 *
 * Like a mutex it may be held across sleeps, never taken under a
 * spinlock nor by interrupt handlers. A waiting writer holds back new
 * readers, so a stream of readers cannot starve it; for that reason a
 * reader must not take it for reading twice (a writer queued in
 * between would deadlock both): the lock checker reports it.
 */
#ifndef SCHED_RWSEM_H
#define SCHED_RWSEM_H

#include <stdbool.h>
#include <sched/lockcheck.h>
#include <sched/spinlock.h>
#include <sched/wait.h>

struct task;

struct rwsem {
	/* guards: readers, writer, writers_waiting, and the test-and-sleep */
	struct spinlock wait_lock;
	unsigned readers;		/* tasks holding it for reading */
	struct task *writer;		/* the holder for writing, or NULL */
	unsigned writers_waiting;	/* tasks in down_write */
	unsigned readers_waiting;	/* tasks asleep in down_read */
	struct wait_queue read_wait;	/* down_read waits here */
	struct wait_queue write_wait;	/* down_write waits here */
	struct lockcheck_map map;
};

#define RWSEM_INIT(var)	{ .wait_lock = SPINLOCK_INIT("rwsem.wait_lock"),	\
			  .readers = 0, .writer = NULL, .writers_waiting = 0,	\
			  .readers_waiting = 0,					\
			  .read_wait = WAIT_QUEUE_INIT((var).read_wait),	\
			  .write_wait = WAIT_QUEUE_INIT((var).write_wait),	\
			  .map = LOCKCHECK_MAP_INIT(#var) }

#define rwsem_init(sem)	rwsem_init_named((sem), #sem)
void rwsem_init_named(struct rwsem *sem, const char *name);
void down_read(struct rwsem *sem);
void up_read(struct rwsem *sem);
void down_write(struct rwsem *sem);
void up_write(struct rwsem *sem);
/* Take it if that needs no wait; return whether they did. */
bool down_read_trylock(struct rwsem *sem);
bool down_write_trylock(struct rwsem *sem);
/* Whether the caller holds it for writing. */
bool rwsem_is_write_locked_by_me(const struct rwsem *sem);

#endif /* SCHED_RWSEM_H */
