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
 * Real-time policies (sched(7)): a SCHED_FIFO or SCHED_RR task queues
 * ahead of every task of a lower static priority (the others have 0) and
 * behind those of its own, so the highest priority runs first; a higher
 * priority task waiting takes the CPU at the next tick (within 10 ms,
 * not at once as on Linux). SCHED_FIFO runs until it blocks or yields,
 * SCHED_RR for SCHED_RR_SLICE_TICKS at a time. SCHED_BATCH is scheduled
 * as SCHED_OTHER (we never preempt on wake-up anyway) and SCHED_IDLE
 * gets the shortest slice. There is no real-time throttling: a spinning
 * SCHED_FIFO task keeps lower priorities off its CPU, as on Linux with
 * sched_rt_runtime_us = -1.
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
#define SCHED_SLICE_MIN_TICKS	1	/* nice 19, and SCHED_IDLE */
#define SCHED_SLICE_MAX_TICKS	20	/* nice -20: 200 ms */
/* SCHED_RR's quantum: Linux's sched_rr_timeslice_ms default, 100 ms. */
#define SCHED_RR_SLICE_TICKS	10

/* ---- runqueue.c: pure bookkeeping; the caller holds the lock ------------ */

struct runqueue {
	struct list_node tasks;		/* RUNNABLE tasks, next to run first */
	unsigned nr_running;		/* tasks on the list */
};

void sched_rq_init(struct runqueue *rq);
/* Slice length for a nice value (clamped to TASK_NICE_MIN..MAX). */
unsigned sched_slice_ticks(int nice);
/* t's slice under its policy; 0 for SCHED_FIFO, which has none. */
unsigned sched_task_slice(const struct task *t);
/* Queues t behind the tasks of its priority or higher (state becomes TASK_RUNNABLE). */
void sched_rq_enqueue(struct runqueue *rq, struct task *t);
/* Takes t off the queue; it must be on it. */
void sched_rq_dequeue(struct runqueue *rq, struct task *t);
/*
 * Removes and returns the next task to run with a fresh slice and state
 * TASK_RUNNING, or NULL if the queue is empty.
 */
struct task *sched_rq_pick(struct runqueue *rq);
/*
 * The same for CPU cpu: the first queued task whose cpus_allowed has it
 * (NULL: none), and whether there is one.
 */
struct task *sched_rq_pick_cpu(struct runqueue *rq, unsigned cpu);
bool sched_rq_has_work(struct runqueue *rq, unsigned cpu);
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
/*
 * sched_setaffinity: t may run on the CPUs of cpus (bit n: CPU n) that the
 * scheduler uses; -EINVAL if none. The caller moves off a CPU it left out.
 */
int sched_set_affinity(struct task *t, uint64_t cpus);
/*
 * t may be running on another CPU right now (in user mode, where it
 * would see a new signal only at its next tick or system call): send
 * that CPU an IPI, so it enters the kernel and delivers it on the way
 * back (Linux's kick_process). Call after posting.
 */
void sched_kick_running(const struct task *t);
/*
 * An application processor enters its idle loop and takes work from the
 * run queue from then on (never returns); sched_smp_start(n) makes the
 * scheduler use CPUs 0..n-1 (wake-ups kick them), once they all run.
 */
void sched_ap_run(void) __attribute__((noreturn));
unsigned sched_cpus_in_loop(void);
void sched_smp_start(unsigned cpus);
/* The CPUs the scheduler uses (1 until sched_smp_start). */
unsigned sched_cpu_count(void);
/* Gives the CPU to the next runnable task, if any; returns when rescheduled. */
void sched_yield(void);
/*
 * Sets t's nice value: 0, or -EINVAL outside TASK_NICE_MIN..MAX. Takes
 * effect from t's next slice.
 */
int sched_set_nice(struct task *t, int nice);
/*
 * Sets t's policy, real-time priority and reset-on-fork flag (already
 * checked: sys_sched_attr.c) under sched_lock, moving t in the queue.
 */
void sched_set_policy(struct task *t, unsigned policy, unsigned rt_priority, bool reset_on_fork);
/* fork: child (not started yet) takes parent's policy, as Linux's sched_fork. */
void sched_fork_policy(struct task *child, const struct task *parent);
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
/* Where CPU cpu's ticks found it (struct percpu's ticks_*). */
struct sched_cpu_ticks {
	uint64_t user;
	uint64_t system;
	uint64_t idle;
};
/* CPU cpu's tick counts: 0, or -ENOENT if it is not up. */
int sched_cpu_ticks(unsigned cpu, struct sched_cpu_ticks *out);
/* Idle ticks of every CPU together (/proc/uptime's second number). */
uint64_t sched_idle_ticks(void);
/* The 1, 5 and 15 minute load averages, in hundredths (/proc/loadavg). */
void sched_loadavg(unsigned long hundredths[3]);
uint64_t sched_context_switches(void);
/* Tasks queued to run, plus the caller. */
unsigned sched_nr_runnable(void);

#endif /* SCHED_SCHED_H */
