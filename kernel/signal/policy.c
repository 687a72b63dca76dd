/*
 * policy.c: the pure rules of signals (no kernel state, host unit
 * tested): default actions, masks, which signal goes first, the
 * restart decision and the frame's placement on the stack.
 */
#include <signal/internal.h>
#include <uapi/errno.h>

/* RFLAGS bits (Intel SDM Vol. 1 3.4.3). */
#define RFLAGS_CF	(1ULL << 0)
#define RFLAGS_PF	(1ULL << 2)
#define RFLAGS_AF	(1ULL << 4)
#define RFLAGS_ZF	(1ULL << 6)
#define RFLAGS_SF	(1ULL << 7)
#define RFLAGS_DF_BIT	(1ULL << 10)
#define RFLAGS_OF	(1ULL << 11)
#define RFLAGS_AC_BIT	(1ULL << 18)
/*
 * What a frame may change: the status flags, DF and AC, as Linux's
 * FIX_EFLAGS minus TF and RF: single-stepping user code needs a #DB
 * path to SIGTRAP that Basalt does not have yet.
 */
#define SIGRETURN_RFLAGS_USER	(RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | \
				 RFLAGS_SF | RFLAGS_DF_BIT | RFLAGS_OF | RFLAGS_AC_BIT)

enum signal_default signal_default_action(int sig)
{
	switch (sig) {
	case SIGQUIT:
	case SIGILL:
	case SIGTRAP:
	case SIGABRT:
	case SIGBUS:
	case SIGFPE:
	case SIGSEGV:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
		return SIGNAL_DEFAULT_CORE;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return SIGNAL_DEFAULT_STOP;
	case SIGCONT:
		return SIGNAL_DEFAULT_CONT;
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
		return SIGNAL_DEFAULT_IGN;
	default:
		/* HUP INT KILL USR1/2 PIPE ALRM TERM STKFLT VTALRM PROF IO PWR, RT */
		return SIGNAL_DEFAULT_TERM;
	}
}

bool signal_action_ignores(int sig, const struct kernel_sigaction *ka)
{
	if (sig == SIGKILL || sig == SIGSTOP)
		return false;
	if (ka->sa_handler == SIG_IGN)
		return true;
	/* SIGCONT's default "ignore" still continues: it is not dropped. */
	return ka->sa_handler == SIG_DFL && signal_default_action(sig) == SIGNAL_DEFAULT_IGN;
}

int signal_mask_apply(ksigset_t old, int how, ksigset_t set, ksigset_t *out)
{
	switch (how) {
	case SIG_BLOCK:
		*out = old | set;
		break;
	case SIG_UNBLOCK:
		*out = old & ~set;
		break;
	case SIG_SETMASK:
		*out = set;
		break;
	default:
		return -EINVAL;
	}
	*out &= ~SIGSET_UNBLOCKABLE;
	return 0;
}

int signal_pick(ksigset_t set)
{
	if (set & SIGSET_BIT(SIGKILL))
		return SIGKILL;
	if (set & SIGSET_SYNCHRONOUS)
		set &= SIGSET_SYNCHRONOUS;
	if (!set)
		return 0;
	return __builtin_ctzll(set) + 1;
}

enum signal_restart signal_restart_decide(long ret, bool handler, uint64_t sa_flags)
{
	switch (ret) {
	case -ERESTARTNOINTR:
		return SIGNAL_RESTART_AGAIN;
	case -ERESTARTSYS:
		if (!handler || (sa_flags & SA_RESTART))
			return SIGNAL_RESTART_AGAIN;
		return SIGNAL_RESTART_EINTR;
	case -ERESTARTNOHAND:
		return handler ? SIGNAL_RESTART_EINTR : SIGNAL_RESTART_AGAIN;
	case -ERESTART_RESTARTBLOCK:
		/*
		 * Linux restarts through restart_syscall(2) with the time
		 * left; Basalt keeps no restart block, so the call fails
		 * with EINTR either way (nanosleep reports the time left).
		 */
		return SIGNAL_RESTART_EINTR;
	default:
		return SIGNAL_RESTART_NONE;
	}
}

bool signal_on_altstack(uint64_t sp, uint64_t ss_sp, uint64_t ss_size)
{
	return ss_size && sp > ss_sp && sp - ss_sp <= ss_size;
}

uint64_t signal_frame_addr(uint64_t sp, bool use_altstack, uint64_t ss_sp,
			   uint64_t ss_size, uint64_t *fpstate_out)
{
	uint64_t fp;

	sp = use_altstack ? ss_sp + ss_size : sp - SIGNAL_REDZONE;
	fp = (sp - FPSTATE_SIZE) & ~(uint64_t)(SIGNAL_FPSTATE_ALIGN - 1);
	*fpstate_out = fp;
	sp = fp - sizeof(struct rt_sigframe);
	/* Aligned, minus the 8 bytes a call's return address takes. */
	return (sp & ~(uint64_t)(SIGNAL_STACK_ALIGN - 1)) - sizeof(uint64_t);
}

uint64_t signal_frame_size_max(void)
{
	/* signal_frame_addr's steps down from an alternate stack's top, at worst. */
	return FPSTATE_SIZE + (SIGNAL_FPSTATE_ALIGN - 1) + sizeof(struct rt_sigframe) +
	       (SIGNAL_STACK_ALIGN - 1) + sizeof(uint64_t);
}

uint64_t signal_sigreturn_rflags(uint64_t current, uint64_t saved)
{
	return (current & ~SIGRETURN_RFLAGS_USER) | (saved & SIGRETURN_RFLAGS_USER);
}
