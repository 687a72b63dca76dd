/*
 * signal.h: POSIX signals on the Linux x86_64 ABI (kernel/signal/).
 *
 *   sighand.c   the action table a process (or CLONE_SIGHAND group) shares
 *   send.c      generating signals: kill, tkill, tgkill, faults, SIGCHLD...
 *   deliver.c   on the way back to ring 3: default actions, handler frames
 *   frame.c     the rt_sigframe (ucontext + siginfo) and rt_sigreturn
 *   sys_signal.c the system calls
 *
 * Where state lives: the actions in struct sighand (process->sighand);
 * the blocked mask, thread-directed pending set and alternate stack in
 * struct task; process-directed pending signals in struct process.
 * Locking: the siglock of the process's sighand (signal_lock_irqsave
 * below) around every pending/blocked change and the action table,
 * taken irqsave because interrupt handlers (the timers) send signals.
 */
#ifndef SIGNAL_SIGNAL_H
#define SIGNAL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <uapi/signal.h>

/*
 * Kernel-internal restart codes (never seen by user space): a blocking
 * system call interrupted by a signal returns one of them and signal
 * delivery turns it into -EINTR or restarts the call, as Linux does
 * (signal(7), "Interruption of system calls").
 */
#define ERESTARTSYS		512	/* restart if the handler has SA_RESTART */
#define ERESTARTNOINTR		513	/* always restart */
#define ERESTARTNOHAND		514	/* restart only if no handler runs */
#define ERESTART_RESTARTBLOCK	516	/* nanosleep-style: restart_syscall */

/* Signal sets as the kernel keeps them: bit (sig - 1), 64 signals. */
typedef uint64_t ksigset_t;
#define SIGSET_BIT(sig)		(1ULL << ((sig) - 1))

struct task;
struct process;
struct trap_frame;
struct siginfo;		/* uapi/signal.h: Linux's 128-byte siginfo_t */

/* ---- sighand.c ------------------------------------------------------------ */

/* Reference counted; fork copies it, CLONE_SIGHAND shares it. */
struct sighand *sighand_create(void);		/* all SIG_DFL */
struct sighand *sighand_clone(struct sighand *src);
void sighand_get(struct sighand *sh);
void sighand_put(struct sighand *sh);
/* execve: caught signals go back to SIG_DFL, ignored stay ignored. */
void signal_exec_reset(struct process *p);

/*
 * guards (struct sighand.siglock, one per sighand, so the threads of a
 * process and CLONE_SIGHAND processes share it; Linux's siglock): the
 * actions; for every process using the sighand its shared pending set
 * and queue, stopped, group_exiting, exec_killing and itimers; for
 * every thread of those its blocked mask, pending set and queue, saved
 * mask. The thread lists change under it too (and tasklist_lock).
 *
 * irqsave: the timers send from the tick. Inside it only the scheduler,
 * the allocators and the log: never tasklist_lock (taken before it),
 * another siglock, a tty or fasync lock. p->sighand changes (execve
 * unsharing it) only with the old siglock held, which
 * signal_lock_irqsave rechecks after taking it. The caller keeps p
 * alive (tasklist_lock, p is its own, or a timer of p that exit stops).
 */
uint64_t signal_lock_irqsave(struct process *p);
void signal_unlock_irqrestore(struct process *p, uint64_t flags);
/* The lock itself, for wait_block_lock with it held. */
struct spinlock *signal_siglock(struct process *p);
/*
 * A copy of p's action for sig (1..NSIG): what exit and wait need to
 * know about SIGCHLD (SIG_IGN or SA_NOCLDWAIT: no zombie; SA_NOCLDSTOP).
 */
struct kernel_sigaction signal_get_action(struct process *p, int sig);

/*
 * Whether parent's SIGCHLD action has SA_NOCLDSTOP: then children's
 * stops and continues send it no SIGCHLD (exit.c asks).
 */
bool signal_parent_nocldstop(struct process *parent);

/* ---- send.c --------------------------------------------------------------- */

/*
 * Whether t has a pending signal that is not blocked, or its process is
 * stopping or exiting: a blocking system call then returns -ERESTARTSYS
 * (or -EINTR). Cheap; interrupts any.
 */
bool signal_pending(struct task *t);
/*
 * Whether signal_deliver(f) has work for the current thread: an unblocked
 * pending signal, a group stop or exit, a mask to restore, or a restart
 * code to resolve. Read without the siglock, as Linux tests
 * TIF_SIGPENDING on the way out; the caller has interrupts off, so no
 * handler on this CPU can post a signal between the test and the return
 * to ring 3 (a sender on another CPU interrupts this one).
 */
bool signal_work_pending(struct trap_frame *f);
/*
 * Makes t notice what was just posted for it (a signal, a group exit):
 * wakes it if it is blocked, interrupts its CPU if it runs on another
 * one (sched_kick_running). siglock held.
 */
void signal_kick(struct task *t);
/*
 * Queue sig for one thread / for the process (any thread that does not
 * block it takes it) and wake a thread that can take it. info may be
 * NULL (SI_KERNEL). Ignored signals are dropped; SIGKILL and SIGCONT
 * act at once (wake stopped threads). Interrupt-safe (but no SIGCONT
 * from interrupt handlers: its report takes tasklist_lock). 0, -EINVAL,
 * or -EAGAIN when a real-time signal's queue is full (sigqueue(3)).
 * The caller keeps t or p alive; the _locked forms are for callers
 * holding tasklist_lock (a kill walk), the others take it for
 * SIGCONT's report. Neither is called with a siglock held.
 */
int signal_send_thread(struct task *t, int sig, const struct siginfo *info);
int signal_send_process(struct process *p, int sig, const struct siginfo *info);
int signal_send_thread_locked(struct task *t, int sig, const struct siginfo *info);
int signal_send_process_locked(struct process *p, int sig, const struct siginfo *info);
/*
 * kill(2)'s send to one process (pidfd_send_signal): EPERM unless the
 * caller may signal p, sig 0 only checks. tasklist_lock held.
 */
int signal_kill_process_locked(struct process *p, int sig, const struct siginfo *info);
/*
 * Takes the next pending signal of t (thread-directed first) among
 * those in mask, fills *info and returns its number, or 0. t's siglock
 * held. (rt_sigtimedwait, delivery, and signalfd reads.)
 */
int signal_dequeue(struct task *t, ksigset_t mask, struct siginfo *info);
/* The signals pending for t: its own and its process's. t's siglock held. */
ksigset_t signal_pending_set(struct task *t);
/*
 * fs/signalfd.c: a signal was queued somewhere; wakes signalfd readers
 * and pollers to look again (siglock held, maybe from an interrupt).
 */
void signalfd_notify(void);
/*
 * To every process of group pgid: 0, or -ESRCH if there is none. Takes
 * tasklist_lock; the _locked form with it held.
 */
int signal_send_pgrp(int pgid, int sig, const struct siginfo *info);
int signal_send_pgrp_locked(int pgid, int sig, const struct siginfo *info);
/*
 * A fault in ring 3 (trap.c through user_trap): forces sig on the
 * current thread with si_code and si_addr; if it is blocked or ignored
 * the default action is taken (the process dies), as Linux's
 * force_sig_fault.
 */
void signal_force_fault(int sig, int si_code, uint64_t addr);

/*
 * fault.c, for user_trap: turns an exception from ring 3 into its signal
 * (signal_force_fault) and delivers it (signal_deliver, with interrupts
 * on for its duration). false if the caller has no process with signal
 * handlers (a kernel thread) or the vector is none a program raises.
 * pf_err is vm_fault's errno for a page fault (-EFAULT, -EACCES, -EIO:
 * which signal and code), 0 otherwise.
 */
bool signal_user_fault(struct trap_frame *f, uint64_t cr2, int pf_err);

/*
 * policy.c: the most stack a signal frame takes (the FXSAVE image, the
 * rt_sigframe, alignment): exec reports it as AT_MINSIGSTKSZ, as Linux.
 */
uint64_t signal_frame_size_max(void);

/* ---- deliver.c ------------------------------------------------------------ */

/*
 * Called on every return to ring 3 (syscall and interrupt exits) with
 * the user frame, interrupts on: takes pending unblocked signals, runs
 * default actions (terminate through process_exit_group, stop through
 * process_notify_stop), sets up a handler's frame on the user stack,
 * and applies the ERESTART* rules to an interrupted system call.
 */
void signal_deliver(struct trap_frame *f);

/* ---- Lifecycle hooks for the process code (added with the implementation) */

/*
 * A thread ends: frees its queued siginfo. A process ends (before it is
 * freed, with no thread left): cancels its interval timers and frees
 * the process-directed queue. fork needs no hook: a zeroed child (no
 * pending signals, no timers, as fork(2) says) is valid, with the
 * parent's sig_blocked and altstack fields copied into the new thread.
 */
void signal_task_exit(struct task *t);
void signal_process_exit(struct process *p);
/*
 * From the scheduler's tick for the running user thread t (user_mode:
 * the tick interrupted ring 3): charges ITIMER_VIRTUAL / ITIMER_PROF.
 */
void signal_itimer_tick(struct task *t, bool user_mode);

/* ---- itimer.c ------------------------------------------------------------ */

/*
 * alarm(2) for the current process: arms ITIMER_REAL for secs seconds
 * (0 disarms it) and returns the seconds the old one had left. The body
 * of sys_alarm, for the in-kernel tests too.
 */
long itimer_alarm(unsigned int secs);

#endif /* SIGNAL_SIGNAL_H */
