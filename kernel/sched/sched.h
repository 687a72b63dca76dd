/*
 * sched.h: the scheduler, grouped by file (xv6's defs.h habit):
 *
 *   runqueue.c  sched_rq_   the run queue and time slices (host-testable)
 *   sched.c     sched_      switching, preemption on the tick, idle task
 *   wait.c      wait_       wait queues, timed blocking, sleeping (wait.h)
 *   mutex.c     mutex_      sleeping locks (mutex.h)
 *   kthread.c   kthread_    creating, exiting, joining threads (task.h)
 *
 * Policy: weighted round robin. One FIFO of runnable tasks; the task at
 * its head runs for a time slice that depends on its nice value (task.h)
 * and goes to the tail when the slice is used up, when it yields, or
 * when it blocks and is woken. Woken tasks queue at the tail too and do
 * not preempt the running task, except the idle task. When the queue is
 * empty the idle task runs (hlt with interrupts on).
 *
 * Preemption: sched_tick runs from the local APIC timer interrupt after
 * its EOI, and switches there if the slice is used up (see sched.c).
 *
 * Locking: sched_lock (sched.c) guards the run queue, every task's
 * scheduling and blocking fields, every wait queue and the timer list.
 * It is the innermost lock (docs/locking.md), taken with interrupts off.
 * One lock for all of it is simple and right on several CPUs; per-CPU
 * run queues each behind their own lock can replace it when contention
 * shows.
 */
#ifndef SCHED_SCHED_H
#define SCHED_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>
#include <proc/task.h>
#include <sched/spinlock.h>

/* Time slices in ticks of 1 / TIME_HZ s (10 ms at 100 Hz). */
#define SCHED_SLICE_MIN_TICKS	1	/* nice 19 */
#define SCHED_SLICE_MAX_TICKS	20	/* nice -20: 200 ms */

/* ---- runqueue.c: pure bookkeeping; the caller holds the lock ------------ */

struct runqueue {
	struct list_node tasks;		/* RUNNABLE tasks, next to run first */
	unsigned nr_running;		/* tasks on the list */
};

void sched_rq_init(struct runqueue *rq);
/* Slice length for a nice value (clamped to TASK_NICE_MIN..MAX). */
unsigned sched_slice_ticks(int nice);
/* Appends t (state becomes TASK_RUNNABLE). */
void sched_rq_enqueue(struct runqueue *rq, struct task *t);
/* Takes t off the queue; it must be on it. */
void sched_rq_dequeue(struct runqueue *rq, struct task *t);
/*
 * Removes and returns the next task to run with a fresh slice and state
 * TASK_RUNNING, or NULL if the queue is empty.
 */
struct task *sched_rq_pick(struct runqueue *rq);
/*
 * Charges one tick to the running task t. Returns whether it should give
 * the CPU up now: its slice is used up and someone else is waiting. With
 * nobody waiting the slice is simply renewed.
 */
bool sched_rq_tick(struct runqueue *rq, struct task *t);

/* ---- sched.c ------------------------------------------------------------ */

/*
 * Turns the running boot code (kmain on the boot stack) into the task
 * "kmain" (tid 1), creates the idle task (tid 0) and sets up the per-CPU
 * area. Needs gdt_init and kmalloc; must run before interrupts are on.
 */
void sched_init(void);
/*
 * An application processor's idle context (arch/x86_64/smp/smp.c), on
 * the stack it already runs on, as a task: its current while parked.
 * Never queued and not in the task list.
 */
void sched_adopt_ap_idle(struct task *t, const char *name, uint64_t kstack_top);
/*
 * The timer interrupt's hook, TIME_HZ times a second after the EOI,
 * with interrupts off: runs expired timers, charges the tick and may
 * switch to another task (returning later, when this one runs again).
 */
void sched_tick(void);
/* Gives the CPU to the next runnable task, if any; returns when rescheduled. */
void sched_yield(void);
/*
 * Sets t's nice value: 0, or -EINVAL outside TASK_NICE_MIN..MAX. Takes
 * effect from t's next slice.
 */
int sched_set_nice(struct task *t, int nice);
/*
 * Switches away from the current task, which must already be off the
 * run queue with its new state set: RUNNING means "still runnable" (it
 * is queued at the tail), BLOCKED and ZOMBIE take it off the CPU.
 * Interrupts off, no spinlock held (the lock checker reports one);
 * returns (interrupts still off) when it runs again.
 */
void schedule(void);
/*
 * The same with sched_lock already held once by the caller (and nothing
 * else that is a spinlock): releases it before the switch.
 */
void schedule_locked(void);
extern struct spinlock sched_lock;
/*
 * Makes a BLOCKED task runnable (off its wait queue and timer). Returns
 * false if it was not blocked. Takes sched_lock; callable from interrupts.
 */
bool sched_wake(struct task *t);
/* The same with sched_lock held. */
bool sched_wake_locked(struct task *t);
/*
 * Arms / disarms a timer on the tick's list (takes sched_lock; _locked:
 * the caller holds it). The callback runs from the tick, interrupts off,
 * without sched_lock.
 */
void sched_timer_arm(struct timer *t, uint64_t expires_ns);
void sched_timer_arm_locked(struct timer *t, uint64_t expires_ns);
bool sched_timer_cancel(struct timer *t);
/* Registers a task from task_alloc and queues it (kthread_create). */
void sched_start(struct task *t);
/* Takes a DEAD task off the task list (task_release). */
void sched_forget(struct task *t);
/*
 * The first thing a task does on the CPU after a switch, on its own
 * stack: finishes off prev (an exiting task becomes DEAD and is freed or
 * its joiner woken). Interrupts off.
 */
void sched_switch_finish(struct task *prev);
/* Tasks that exist (not yet reaped), idle and kmain included. */
unsigned sched_nr_tasks(void);
/* Ticks charged to the idle task: the CPU's idle time. */
uint64_t sched_idle_ticks(void);
/* The 1, 5 and 15 minute load averages, in hundredths (/proc/loadavg). */
void sched_loadavg(unsigned long hundredths[3]);
uint64_t sched_context_switches(void);
/* Tasks queued to run, plus the caller. */
unsigned sched_nr_runnable(void);

#endif /* SCHED_SCHED_H */
