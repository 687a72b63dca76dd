/*
 * internal.h: what the files of kernel/signal/ share and nobody else
 * needs: struct sighand, the queue of pending siginfo, and the pure rules
 * of policy.c (host unit tested: tests/unit/signal/sigframe_test.c).
 */
#ifndef SIGNAL_INTERNAL_H
#define SIGNAL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>
#include <sched/spinlock.h>
#include <signal/signal.h>
#include <uapi/signal.h>

/* ---- sighand.c ------------------------------------------------------------ */

/*
 * The actions, one per signal (index sig - 1). Shared by the threads of
 * a process and by CLONE_SIGHAND processes. Locking: refcount is
 * atomic; siglock for action[] (the tick's timers read them) and the
 * signal state of every process and thread using it (signal.h).
 */
struct sighand {
	unsigned refcount;
	struct spinlock siglock;	/* guards: see signal_lock_irqsave, signal.h */
	struct kernel_sigaction action[NSIG];
};

/* The action of sig for p (sig valid; p->sighand set). */
struct kernel_sigaction *sighand_action(struct process *p, int sig);

/* ---- send.c: the pending queues ------------------------------------------- */

/*
 * A queued siginfo, on task->sig_queue or process->shared_queue. A
 * standard signal has at most one (a second send while pending is
 * merged, as signal(7) says); a real-time signal has one per send. The
 * pending bit stays set while an entry for the signal is queued.
 */
struct sigqueue_entry {
	struct list_node link;
	struct siginfo info;
	uint32_t uid;		/* the real uid charged for it (sigpending.c) */
};

/*
 * sigpending.c: charges one queued siginfo to uid against limit (the
 * receiver's RLIMIT_SIGPENDING); false when over it, unless override.
 * Takes sigpending_lock (inside the receiver's siglock).
 */
bool sigpending_charge(uint32_t uid, uint64_t limit, bool override);
void sigpending_uncharge(uint32_t uid);
/* Frees a queued entry and gives its charge back (any lock; sigpending_lock inside). */
void signal_entry_free(struct sigqueue_entry *e);

/* signal_dequeue: signal.h (signalfd uses it too). */
/* Drops set from every pending set of p, its own and its threads'. */
void signal_discard(struct process *p, ksigset_t set);
/* Frees every queued entry of a list of p's and clears *pending (takes the siglock). */
void signal_flush_queue(struct process *p, struct list_node *queue, uint64_t *pending);
/* Whether sig would be dropped at once by t (ignored and not blocked). */
bool signal_ignored(struct task *t, int sig);
/* signal_kick for every thread of p. siglock held. */
void signal_kick_all(struct process *p);

/* ---- frame.c -------------------------------------------------------------- */

/*
 * Builds the rt_sigframe for sig on the user stack (or the alternate
 * one) and points f at the handler. mask is what the handler's
 * rt_sigreturn restores. 0, or -EFAULT if the frame could not be
 * written (the caller then forces SIGSEGV, as Linux does).
 */
int signal_setup_frame(struct trap_frame *f, int sig, const struct kernel_sigaction *ka,
		       const struct siginfo *info, ksigset_t mask);

/* sigaltstack(2)'s view of t's alternate stack, with SS_ONSTACK by user_sp. */
void signal_altstack_get(const struct task *t, uint64_t user_sp, stack_t *ss);
/* Sets it: 0, -EPERM (running on it), -EINVAL (flags), -ENOMEM (size). */
int signal_altstack_set(struct task *t, uint64_t user_sp, const stack_t *ss);

/* ---- policy.c: pure rules ------------------------------------------------- */

static inline bool signal_valid(int sig)
{
	return sig >= 1 && sig <= NSIG;
}

/* SIGKILL and SIGSTOP cannot be caught, blocked or ignored (signal(7)). */
#define SIGSET_UNBLOCKABLE	(SIGSET_BIT(SIGKILL) | SIGSET_BIT(SIGSTOP))
/* Faults the current instruction raised: delivered before the others. */
#define SIGSET_SYNCHRONOUS	(SIGSET_BIT(SIGSEGV) | SIGSET_BIT(SIGBUS) | \
				 SIGSET_BIT(SIGILL) | SIGSET_BIT(SIGTRAP) | \
				 SIGSET_BIT(SIGFPE) | SIGSET_BIT(SIGSYS))
#define SIGSET_STOP		(SIGSET_BIT(SIGSTOP) | SIGSET_BIT(SIGTSTP) | \
				 SIGSET_BIT(SIGTTIN) | SIGSET_BIT(SIGTTOU))

static inline bool sigset_has(ksigset_t set, int sig)
{
	return (set & SIGSET_BIT(sig)) != 0;
}

/* signal(7), "Standard signals": the action SIG_DFL means. */
enum signal_default {
	SIGNAL_DEFAULT_TERM,	/* terminate */
	SIGNAL_DEFAULT_CORE,	/* terminate with a core file (coredump.c) */
	SIGNAL_DEFAULT_STOP,	/* stop the process */
	SIGNAL_DEFAULT_CONT,	/* continue it if stopped */
	SIGNAL_DEFAULT_IGN,	/* ignore */
};

enum signal_default signal_default_action(int sig);
/* Whether sig's disposition ka makes the kernel drop it. */
bool signal_action_ignores(int sig, const struct kernel_sigaction *ka);
/*
 * rt_sigprocmask's arithmetic: the new mask from old, how and set, with
 * SIGKILL/SIGSTOP never blocked. 0, or -EINVAL for an unknown how.
 */
int signal_mask_apply(ksigset_t old, int how, ksigset_t set, ksigset_t *out);
/* The signal to take first from set (0 if empty): SIGKILL, faults, lowest. */
int signal_pick(ksigset_t set);

/* What signal delivery does with an interrupted system call. */
enum signal_restart {
	SIGNAL_RESTART_NONE,	/* not a restart code: leave the result alone */
	SIGNAL_RESTART_EINTR,	/* fail it with -EINTR */
	SIGNAL_RESTART_AGAIN,	/* run it again (rip -= 2, rax = number) */
};
/*
 * ret is the system call's result; handler says whether a handler is
 * about to run, with sa_flags its flags (signal(7), "Interruption of
 * system calls and library functions by signal handlers").
 */
enum signal_restart signal_restart_decide(long ret, bool handler, uint64_t sa_flags);

/* Length of the SYSCALL instruction (0f 05), rewound to restart. */
#define SYSCALL_INSN_LEN	2

/* System V x86_64 psABI 3.2.2: 128 bytes below %rsp a leaf may use. */
#define SIGNAL_REDZONE		128
/* Linux aligns the FPU area to 64 (XSAVE's requirement; FXSAVE needs 16). */
#define SIGNAL_FPSTATE_ALIGN	64
#define SIGNAL_STACK_ALIGN	16

/* Whether sp lies on the alternate stack [ss_sp, ss_sp + size). */
bool signal_on_altstack(uint64_t sp, uint64_t ss_sp, uint64_t ss_size);
/*
 * Where the frame goes for a handler interrupting user %rsp sp: the
 * stack top to use (skipping the red zone, or the alternate stack's top
 * when use_altstack), then the FPU area (*fpstate_out) and the frame
 * below it, placed so that %rsp + 8 is 16-byte aligned at the handler's
 * first instruction, as right after a call (psABI 3.2.2).
 */
uint64_t signal_frame_addr(uint64_t sp, bool use_altstack, uint64_t ss_sp,
			   uint64_t ss_size, uint64_t *fpstate_out);
/*
 * The RFLAGS rt_sigreturn installs: the arithmetic flags, DF and AC
 * come from the saved frame, everything else (IF, IOPL, NT, VM...)
 * stays as the kernel had it, so a forged frame cannot raise privilege.
 */
uint64_t signal_sigreturn_rflags(uint64_t current, uint64_t saved);

#endif /* SIGNAL_INTERNAL_H */
