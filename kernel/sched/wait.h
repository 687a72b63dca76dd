/*
 * wait.h: wait queues and sleeping (wait.c).
 *
 * A wait queue is a list of blocked tasks. wait_event(wq, cond) sleeps
 * until cond is true; whoever makes cond true calls wake_up(wq) (one
 * waiter) or wake_up_all(wq). A woken task re-checks cond and sleeps
 * again if it is still false, so spurious and stolen wake-ups are fine.
 *
 * Locking: sched_lock (sched.h) guards every wait queue. The condition
 * a waiter tests belongs to its subsystem, under that subsystem's lock:
 * wait_event_lock(wq, cond, lock) and wait_block_lock(wq, deadline,
 * lock) test with the caller's spinlock held and release it only once
 * the task is queued and BLOCKED, re-taking it before returning, so a
 * waker (which changes cond under lock, then wakes) cannot slip in
 * between the test and the sleep, on any number of CPUs. Plain
 * wait_event needs no lock: it reads the queue's wake-up count before
 * it tests cond and sleeps only if no wake-up came since, so a waker
 * that makes cond true and then wakes, on any CPU, is never missed.
 *
 * Only threads may wait: not interrupt handlers and not the idle task.
 *
 * Waiting on several queues at once (poll/select): a task sits on at
 * most one queue through task->wait_link, so it adds a struct wait_entry
 * to each other queue instead (wait_entry_add) and then blocks with
 * wait_block(NULL, deadline). Every wake_up and wake_up_all wakes the
 * tasks of all the entries on the queue (they only watch, they do not
 * consume the event) besides the one or all ordinary waiters. Entries
 * stay on their queues across blocks until wait_entry_remove.
 */
#ifndef SCHED_WAIT_H
#define SCHED_WAIT_H

#include <stdint.h>
#include <asm/cpu.h>
#include <basalt/list.h>
#include <time/time.h>
#include <uapi/errno.h>

struct wait_queue {
	struct list_node waiters;	/* struct task.wait_link, FIFO */
	struct list_node entries;	/* struct wait_entry.link (poll) */
	/*
	 * Wake-ups so far (every wake_up*, under sched_lock; read without
	 * it): wait_event reads it before its test, and blocks only if no
	 * wake-up came since (wait_block_since).
	 */
	uint64_t wakeups;
};
typedef struct wait_queue wait_queue_t;

#define WAIT_QUEUE_INIT(name)	{ .waiters = { &(name).waiters, &(name).waiters }, \
				  .entries = { &(name).entries, &(name).entries } }

struct wait_entry;
/*
 * What a wake-up does for a wait entry instead of waking its task
 * (epoll: mark an item ready). key is the POLL* events the wake-up
 * announces (wake_up_poll), 0 when it does not say. Runs with
 * sched_lock held (interrupts off), possibly from an interrupt handler:
 * must not sleep, must not remove entries from the queue being woken,
 * may take only spinlocks that nest inside sched_lock, and wakes others
 * with wake_up_poll_locked only.
 */
typedef void (*wait_entry_fn_t)(struct wait_entry *e, unsigned key);

/* A watcher on a queue other than the one wait_link is on (poll). */
struct wait_entry {
	struct list_node link;		/* on wq->entries (irq) */
	struct task *task;		/* sched_wake'd by every wake-up of wq */
	struct wait_queue *wq;		/* the queue it is on, or NULL */
	wait_entry_fn_t func;		/* if set, called instead of waking task */
};

struct task;
struct spinlock;

void wait_queue_init(struct wait_queue *wq);
/* Sets up the blocking fields of a new task (wait_link, wake_timer...). */
void wait_task_init(struct task *t);
static inline bool wait_queue_empty(const struct wait_queue *wq)
{
	return list_empty(&wq->waiters) && list_empty(&wq->entries);
}

/*
 * Puts e, for the current task, on wq's entries / takes it off (a no-op
 * if it is on none). Interrupt-safe; e must stay alive until removed.
 */
void wait_entry_add(struct wait_queue *wq, struct wait_entry *e);
/* The same with a callback run by every wake-up of wq instead of a task. */
void wait_entry_add_func(struct wait_queue *wq, struct wait_entry *e,
			 wait_entry_fn_t func);
void wait_entry_remove(struct wait_entry *e);
/*
 * Waiting on entries without losing a wake-up between the checks and
 * the sleep, on any CPU (poll): wait_entries_arm, then check every
 * queue's condition, then wait_block_entries(deadline), which returns at
 * once (0) if any entry's queue was woken since the arm, or -EINTR if a
 * signal is pending; else it blocks as wait_block(NULL, deadline).
 */
void wait_entries_arm(void);
int wait_block_entries(uint64_t deadline_ns);

/*
 * Blocks the current task on wq (may be NULL: wait for the deadline
 * only) until woken or, if deadline_ns is not 0, until the monotonic
 * clock reaches deadline_ns. Interrupts must be off; they are off again
 * on return. Returns 0 when woken, -ETIMEDOUT when the deadline passed.
 */
int wait_block(struct wait_queue *wq, uint64_t deadline_ns);
/*
 * The same, unless wq was woken since the caller read wakeups as gen
 * (wait_queue_gen): then it returns 0 at once. Any interrupt state.
 */
int wait_block_since(struct wait_queue *wq, uint64_t deadline_ns, uint64_t gen);

static inline uint64_t wait_queue_gen(const struct wait_queue *wq)
{
	return __atomic_load_n(&wq->wakeups, __ATOMIC_ACQUIRE);
}
/*
 * The same, releasing lock (a spinlock the caller holds, taken with or
 * without irqsave) atomically with going to sleep, and re-taking it
 * before returning. Any interrupt state; it is the same on return.
 */
int wait_block_lock(struct wait_queue *wq, uint64_t deadline_ns,
		    struct spinlock *lock);
/*
 * The same, but returns -EINTR at once (lock still held, no sleep) when
 * a signal is pending for the task: tested under sched_lock, so a signal
 * sent between the caller's own test and the sleep is not missed.
 */
int wait_block_lock_intr(struct wait_queue *wq, uint64_t deadline_ns,
			 struct spinlock *lock);

/*
 * Wakes the longest waiter / every waiter, and the tasks of all the
 * wait entries; returns how many tasks woke.
 */
unsigned wake_up(struct wait_queue *wq);
unsigned wake_up_all(struct wait_queue *wq);
/* wake_up_all telling the entries' callbacks which POLL* events came. */
unsigned wake_up_poll(struct wait_queue *wq, unsigned key);
/* The same from a wait entry's callback, with sched_lock already held. */
unsigned wake_up_poll_locked(struct wait_queue *wq, unsigned key);

/* Sleeps until cond, tested with lock (a held spinlock) held. */
#define wait_event_lock(wq, cond, lock)					\
	do {								\
		while (!(cond))						\
			wait_block_lock(wq, 0, lock);			\
	} while (0)

/*
 * Sleeps until cond: the wake-up count is read before each test (see
 * Locking above), so no wake-up from any CPU falls between test and sleep.
 */
#define wait_event(wq, cond)						\
	do {								\
		for (;;) {						\
			uint64_t wait_gen_ = wait_queue_gen(wq);	\
			if (cond)					\
				break;					\
			wait_block_since(wq, 0, wait_gen_);		\
		}							\
	} while (0)

/* 0 once cond holds, or -ETIMEDOUT after timeout_ns with cond false. */
#define wait_event_timeout(wq, cond, timeout_ns)			\
	({								\
		uint64_t wait_end_ = time_monotonic_ns() + (timeout_ns); \
		int wait_ret_ = 0;					\
		for (;;) {						\
			uint64_t wait_gen_ = wait_queue_gen(wq);	\
			if (cond)					\
				break;					\
			if (time_monotonic_ns() >= wait_end_) {		\
				wait_ret_ = -ETIMEDOUT;			\
				break;					\
			}						\
			wait_block_since(wq, wait_end_, wait_gen_);	\
		}							\
		wait_ret_;						\
	})

/*
 * Sleep at least ns nanoseconds (at least ms milliseconds) on the
 * monotonic clock. The wake-up comes from the tick, so the sleep lasts
 * up to one tick longer, more if other threads run then.
 */
void sleep_ns(uint64_t ns);
void msleep(uint64_t ms);

#endif /* SCHED_WAIT_H */
