/*
 * lockcheck.h: the lock checker (lockcheck.c), a small lockdep. Off
 * unless the kernel command line says "lockcheck" (the test kernels do:
 * disk/iso/grub-*.cfg). It checks at run time that no task
 *   (a) sleeps (enters the scheduler to block, or calls a function that
 *       may) while holding a spinlock,
 *   (b) takes a lock it already holds, and
 *   (c) takes locks in an order that inverts an order seen before.
 *
 * For (c) every lock belongs to a class, named by the lock's name (all
 * pipes' locks are one class "pipe.lock"). Each task keeps the stack of
 * locks it holds; taking lock B while holding A records the edge
 * class(A) -> class(B) with the call trace that first took that order.
 * A new edge that closes a cycle is a possible deadlock between two
 * paths, even if they never actually raced: it is reported once, with
 * the current call trace and held locks, and the call traces of the
 * recorded edges of the other order. Locks of one class nesting inside
 * each other (two pipes) are not ordered by the checker.
 *
 * A report prints "lockcheck: ..." lines at LOG_ERR and then panics, so
 * a test kernel that hits one fails its suite. A ktest that provokes a
 * report on purpose sets lockcheck_expect(true): reports are then only
 * counted (lockcheck_report_count) and printed as "lockcheck (expected)".
 *
 * Locking: the class table and the edges are guarded by lockcheck_lock,
 * an untracked raw spinlock taken with interrupts off; the held-locks
 * stack of a task is only touched by the task itself (and by interrupt
 * handlers running on its stack, which push and pop in LIFO order).
 */
#ifndef SCHED_LOCKCHECK_H
#define SCHED_LOCKCHECK_H

#include <stdbool.h>
#include <stdint.h>

/* How deep one task may nest locks (interrupt handlers included). */
#define LOCKCHECK_HELD_MAX	16

enum lockcheck_kind {
	LOCKCHECK_SPIN,		/* spinlock: must not sleep while held */
	LOCKCHECK_MUTEX,
	LOCKCHECK_READ,		/* rwsem, shared */
	LOCKCHECK_WRITE,	/* rwsem, exclusive */
};

/* What a lock carries for the checker: its class, found by name. */
struct lockcheck_map {
	const char *name;
	unsigned class_id;	/* 0 until the first check resolves it */
};

#define LOCKCHECK_MAP_INIT(lock_name)	{ .name = (lock_name), .class_id = 0 }

/* One held lock, in struct task (proc/task.h). */
struct lockcheck_held {
	const void *lock;
	const struct lockcheck_map *map;
	unsigned class_id;
	enum lockcheck_kind kind;
	uint64_t ip;		/* where it was taken */
};

/* Turns the checker on (kmain, for the "lockcheck" command-line word). */
void lockcheck_enable(void);
bool lockcheck_enabled(void);
/*
 * Called by the lock implementations before taking / after releasing
 * lock, with ip the caller's return address (where it was taken).
 */
void lockcheck_acquire(struct lockcheck_map *map, const void *lock,
		       enum lockcheck_kind kind, uint64_t ip);
void lockcheck_release(const void *lock);
/* A successful trylock: held from now on, but it never waited. */
void lockcheck_acquire_try(struct lockcheck_map *map, const void *lock,
			   enum lockcheck_kind kind, uint64_t ip);
/*
 * Reports if the current task holds a spinlock other than allow (may be
 * NULL): called where a task may block (mutex_lock, the scheduler).
 */
void lockcheck_might_sleep(const void *allow, const char *what);
/* Number of reports since boot. */
unsigned lockcheck_report_count(void);
/* Tests: while on, reports are counted and printed but never panic. */
void lockcheck_expect(bool on);
/*
 * Tests that provoke an inversion between real lock classes: forgets
 * the recorded order class(from) -> class(to), so that the provoked
 * edge does not stay in the graph for the rest of the boot.
 */
void lockcheck_forget_edge(struct lockcheck_map *from, struct lockcheck_map *to);

#endif /* SCHED_LOCKCHECK_H */
