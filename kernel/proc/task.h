/*
 * task.h: struct task, one per thread of execution, and the kernel
 * thread interface (kthread.c).
 *
 * A task is a kernel thread today. User mode attaches to the same
 * structure later (address space, user register frame, signal state,
 * file table...): add the fields to struct task with their locking rule,
 * free them in task_release (kthread.c), and save/restore fpu_state in
 * sched_switch (sched.c). A task that runs user code still owns a
 * kernel stack: its ring-3 interrupts and syscalls land there.
 *
 * Lifecycle:
 *	kthread_create -> RUNNABLE <-> RUNNING <-> BLOCKED
 *	kthread_exit   -> ZOMBIE (still on its stack) -> DEAD (off it, the
 *	scheduler has switched away) -> freed by kthread_join, or at once
 *	if the thread was detached.
 */
#ifndef PROC_TASK_H
#define PROC_TASK_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <arch/x86_64/proc/context.h>
#include <basalt/list.h>
#include <proc/percpu.h>
#include <sched/lockcheck.h>
#include <sched/timer.h>
#include <sched/wait.h>

struct file;
struct process;
struct trap_frame;

/* File puts an address-space change can defer (more are put at once). */
#define TASK_VM_DEFER_MAX	16

/* Linux's TASK_COMM_LEN: 15 characters and the NUL. */
#define TASK_NAME_MAX		16

/*
 * Priority as a nice value, as on Linux: -20 is the most favoured, 19
 * the least, 0 the default. Its effect (sched_slice_ticks): a task's
 * time slice runs from SCHED_SLICE_MIN_TICKS at nice 19 up to
 * SCHED_SLICE_MAX_TICKS at nice -20, linearly, so among busy tasks one
 * at -20 gets 20 times the CPU time of one at 19 (weighted round robin;
 * nobody starves).
 */
#define TASK_NICE_MIN		(-20)
#define TASK_NICE_MAX		19
#define TASK_NICE_DEFAULT	0

enum task_state {
	TASK_RUNNABLE,	/* on the run queue, waiting for the CPU */
	TASK_RUNNING,	/* percpu current on some CPU */
	TASK_BLOCKED,	/* on a wait queue and/or a timer, not runnable */
	TASK_ZOMBIE,	/* exited, but still running on its kernel stack */
	TASK_DEAD,	/* exited and switched away from: ready to be reaped */
};

/* task->flags */
#define TASK_FLAG_IDLE		(1u << 0)	/* the idle task: never queued */
#define TASK_FLAG_BOOT		(1u << 1)	/* kmain's: static struct, boot stack */
#define TASK_FLAG_DETACHED	(1u << 2)	/* freed at exit, nobody joins */
#define TASK_FLAG_JOINING	(1u << 3)	/* kthread_join has claimed it */

/*
 * Locking: "irq" marks the fields the scheduler guards with sched_lock
 * (scheduling, blocking, the switch: sched/sched.c), except signals and
 * exit/join: signal state under the process's siglock (signal/signal.h), joining
 * under kthread_lock (sched/kthread.c). "fixed" fields never change
 * after kthread_create.
 */
struct task {
	/* Identity (fixed). */
	int tid;			/* unique while the task exists; never reused yet */
	char name[TASK_NAME_MAX];
	void *kstack_base;		/* kstack_alloc(); NULL for the boot task */
	uint64_t kstack_top;		/* initial %rsp; TSS.RSP0 while it runs */

	/* Scheduling (irq). */
	enum task_state state;
	uint32_t flags;			/* TASK_FLAG_* */
	int nice;			/* TASK_NICE_MIN..MAX */
	/*
	 * sched(7)'s policy (SCHED_OTHER, ... of uapi/sched.h), the static
	 * priority of SCHED_FIFO and SCHED_RR (1..99, else 0) and the
	 * SCHED_RESET_ON_FORK flag: written under sched_lock (sched_set_policy),
	 * so that a queued task moves to its place in the queue.
	 */
	uint8_t policy;
	uint8_t rt_priority;
	bool reset_on_fork;
	unsigned slice_left;		/* ticks until preemption while RUNNING */
	uint64_t runtime_ticks;		/* ticks that found it RUNNING */
	uint64_t system_ticks;		/* of those, the ticks that found it in the kernel */
	/*
	 * The CPUs it may run on (sched_setaffinity), bit n for CPU n;
	 * written under sched_lock, read there by the CPUs picking work.
	 */
	uint64_t cpus_allowed;
	unsigned cpu;			/* the CPU it runs or last ran on (sched_lock) */
	/*
	 * The innermost interrupt frame on its stack (trap_dispatch), or
	 * NULL: per task, not per CPU, since a task switched out inside a
	 * handler may come back on another CPU.
	 */
	struct trap_frame *irq_frame;
	struct list_node run_link;	/* on the run queue while RUNNABLE */
	struct list_node all_link;	/* on sched_all_tasks until reaped */

	/* Blocking (irq): see wait_block. */
	struct wait_queue *waiting_on;	/* queue wait_link is on, or NULL */
	struct list_node wait_link;
	struct timer wake_timer;	/* deadline of a timed block */
	bool timed_out;			/* the wake_timer woke it */
	bool entry_woken;		/* a wait entry's queue woke it (poll) */

	/*
	 * Locks. preempt_count (spinlocks held plus preempt_disable) and
	 * the held-lock stack belong to the task itself and the interrupt
	 * handlers that run on its stack (spinlock.c, lockcheck.c).
	 * on_cpu is 1 from the switch to the task until the switch away
	 * from it has finished (sched_lock to set, atomic to clear).
	 */
	int preempt_count;
	int on_cpu;
	unsigned lock_nheld;
	struct lockcheck_held lock_held[LOCKCHECK_HELD_MAX];

	/*
	 * mm/vm.c, the task's own: address spaces it holds for writing, and
	 * the file references to put once it releases the last of them.
	 */
	unsigned vm_locked;
	unsigned vm_ndeferred;
	struct file *vm_deferred[TASK_VM_DEFER_MAX];

	/* Saved registers while not RUNNING (the switch code, irq). */
	struct task_context context;
	/*
	 * FPU/SSE/AVX register area (xsave) for tasks that run user code.
	 * Kernel threads never use those registers (-mgeneral-regs-only),
	 * so it stays NULL for them and the switch ignores it. User mode
	 * allocates it and adds the save/restore to sched_switch.
	 */
	void *fpu_state;

	/*
	 * User threads (NULL/0 for kernel threads). proc and the list link
	 * change under tasklist_lock and the siglock (proc/process.h); the
	 * rest belongs to the thread itself.
	 */
	struct process *proc;		/* proc/process.h */
	struct list_node proc_link;	/* on proc->threads */
	uint64_t fs_base, gs_base;	/* arch_prctl; loaded at each switch */
	uint64_t set_child_tid;		/* clone(CLONE_CHILD_SETTID) */
	uint64_t clear_child_tid;	/* set_tid_address, CLONE_CHILD_CLEARTID */
	uint64_t robust_list;		/* set_robust_list's head, 0: none (robust_list.c) */
	struct trap_frame *user_frame;	/* the ring 3 state at the kstack top */

	/* Signals (the process's siglock): signal/signal.h. Bit (sig - 1) in each set. */
	uint64_t sig_blocked;
	uint64_t sig_pending;		/* directed at this thread */
	uint64_t sig_saved_mask;	/* rt_sigsuspend/ppoll: restored after delivery */
	bool sig_restore_mask;		/* sig_saved_mask is to be restored */
	struct list_node sig_queue;	/* queued siginfo, signal.c */
	uint64_t altstack_sp, altstack_size;	/* sigaltstack(2) */
	int altstack_flags;

	/* Exit and join (irq). */
	int exit_code;			/* valid from ZOMBIE on */
	struct wait_queue exit_wait;	/* kthread_join sleeps here */
};

/* The running task (its struct percpu.current). */
static inline struct task *task_current(void)
{
	return percpu_current();
}

/*
 * Creates a thread that runs fn(arg) at TASK_NICE_DEFAULT and makes it
 * runnable at once; fn's return value is its exit code. The thread is
 * joinable: exactly one kthread_join or kthread_detach must follow.
 * Returns NULL when out of memory (task structure or kernel stack).
 */
struct task *kthread_create(int (*fn)(void *), void *arg, const char *name);
/* The same, runnable only on the CPUs of cpus (bit n: CPU n). */
struct task *kthread_create_mask(int (*fn)(void *), void *arg, const char *name,
				 uint64_t cpus);
/* Ends the calling thread with code (also what returning from fn does). */
__noreturn void kthread_exit(int code);
/*
 * Waits for t to exit, stores its code in *code (if not NULL) and frees
 * t. Returns 0, or -EINVAL if t is the caller, detached or being joined.
 * t must not be used afterwards.
 */
int kthread_join(struct task *t, int *code);
/* Lets t free itself at exit; t must not be used afterwards. */
void kthread_detach(struct task *t);
/* Called by context_kthread_entry: a new thread's first C code. */
__noreturn void kthread_start(struct task *prev,
			       int (*fn)(void *), void *arg);
/*
 * A task with its kernel stack and initial context, not yet runnable
 * (sched_start makes it so), or NULL when out of memory.
 */
struct task *task_alloc(int (*fn)(void *), void *arg, const char *name);
/* Frees a DEAD task's stack and structure (kthread_join, the scheduler). */
void task_release(struct task *t);
/* Frees a task from task_alloc that was never started (sched_start). */
void task_discard(struct task *t);
/*
 * A ZOMBIE that is off the CPU becomes DEAD: freed if detached, else its
 * joiner is woken (sched_switch_finish).
 */
void kthread_reap(struct task *t);
/* Sets up the task cache; sched_init calls it. */
void kthread_init(void);

#endif /* PROC_TASK_H */
