/*
 * Signals on the Linux x86_64 ABI, written from signal(7), sigaction(2),
 * sigaltstack(2), getcontext(3), rt_sigreturn(2) and the System V
 * x86_64 psABI: the numbers, the kernel's struct sigaction, siginfo_t
 * (128 bytes), stack_t, the ucontext and sigcontext a handler receives,
 * and the wait(2) status encoding (exit code in bits 15..8, or the
 * terminating signal in bits 6..0).
 *
 * These are the kernel's view: user pointers are uint64_t, and the
 * signal mask is the kernel's 8-byte set (glibc's 128-byte sigset_t is
 * its own business; rt_sigprocmask takes sigsetsize == 8).
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <stdint.h>

/* ---- Numbers (signal(7), "Standard signals", x86 column) ------------------ */

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		SIGABRT
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31

/*
 * Real-time signals: the kernel has 32..64; glibc and musl keep 32 and
 * 33 for themselves (thread cancellation, setxid), so the SIGRTMIN
 * programs see is 34 (signal(7), "Real-time signals").
 */
#define SIGRT_KERNEL_MIN	32
#define SIGRTMIN	34
#define SIGRTMAX	64
#define NSIG		64	/* highest number; signals run 1..NSIG */

/* ---- Dispositions and sigprocmask(2) "how" -------------------------------- */

#define SIG_DFL		0ULL
#define SIG_IGN		1ULL
#define SIG_ERR		(~0ULL)

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* ---- struct sigaction as rt_sigaction(2) takes it on x86_64 --------------- */

/* sa_flags (sigaction(2); the values of Linux's x86 uapi). */
#define SA_NOCLDSTOP	0x00000001U	/* no SIGCHLD when a child stops/continues */
#define SA_NOCLDWAIT	0x00000002U	/* children do not become zombies */
#define SA_SIGINFO	0x00000004U	/* handler(sig, siginfo *, ucontext *) */
#define SA_RESTORER	0x04000000U	/* sa_restorer is set (libc always does) */
#define SA_ONSTACK	0x08000000U	/* run on the sigaltstack */
#define SA_RESTART	0x10000000U	/* restart interrupted system calls */
#define SA_NODEFER	0x40000000U	/* do not block the signal in its handler */
#define SA_RESETHAND	0x80000000U	/* back to SIG_DFL once delivered */

/*
 * The kernel's layout (not glibc's struct sigaction, whose mask is 128
 * bytes and comes second): handler, flags, restorer, then the 8-byte
 * mask. The restorer is where the handler returns to: libc's stub that
 * calls rt_sigreturn. 32 bytes.
 */
struct kernel_sigaction {
	uint64_t sa_handler;		/* SIG_DFL, SIG_IGN or a function */
	uint64_t sa_flags;
	uint64_t sa_restorer;
	uint64_t sa_mask;		/* bit (sig - 1) */
};

/* ---- stack_t (sigaltstack(2)) --------------------------------------------- */

#define SS_ONSTACK	1		/* currently running on it (read-only) */
#define SS_DISABLE	2		/* no alternate stack */
#define SS_AUTODISARM	(1U << 31)	/* cleared while a handler runs on it */
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

struct sigaltstack {
	uint64_t ss_sp;			/* lowest address */
	int32_t ss_flags;
	int32_t ss_pad;			/* the ABI's alignment hole */
	uint64_t ss_size;
};
typedef struct sigaltstack stack_t;

/* ---- siginfo_t (sigaction(2), "The siginfo_t argument") ------------------- */

#define SIGINFO_SIZE		128
#define SIGINFO_HEADER_SIZE	16	/* signo, errno, code, then 8-aligned union */

union sigval {
	int32_t sival_int;
	uint64_t sival_ptr;
};

/*
 * The union after the three ints; which member is valid depends on the
 * signal and si_code. Its offset is 16 because its members hold 8-byte
 * fields.
 */
union siginfo_fields {
	int32_t pad[(SIGINFO_SIZE - SIGINFO_HEADER_SIZE) / sizeof(int32_t)];
	struct {			/* kill(2), tkill(2), raise(3) */
		int32_t pid;
		uint32_t uid;
	} kill;
	struct {			/* POSIX timers */
		int32_t tid;
		int32_t overrun;
		union sigval value;
		int32_t sys_private;
	} timer;
	struct {			/* sigqueue(3), rt_sigqueueinfo(2) */
		int32_t pid;
		uint32_t uid;
		union sigval value;
	} rt;
	struct {			/* SIGCHLD */
		int32_t pid;
		uint32_t uid;
		int32_t status;		/* exit code, or the signal */
		int64_t utime;		/* clock ticks */
		int64_t stime;
	} chld;
	struct {			/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
		uint64_t addr;		/* the faulting address or instruction */
		int16_t addr_lsb;
	} fault;
	struct {			/* SIGIO/SIGPOLL */
		int64_t band;
		int32_t fd;
	} poll;
	struct {			/* SIGSYS from seccomp */
		uint64_t call_addr;
		int32_t syscall;
		uint32_t arch;
	} sys;
};

/* timer_create(2)'s struct sigevent (sigevent(7)): Linux's 64-byte layout. */
#define SIGEV_SIGNAL	0	/* sigev_signo to the process */
#define SIGEV_NONE	1	/* nothing: the timer is read with timer_gettime */
#define SIGEV_THREAD	2	/* libc's: a signal, as SIGEV_SIGNAL, to the kernel */
#define SIGEV_THREAD_ID	4	/* sigev_signo to the thread sigev_notify_thread_id */
#define SIGEVENT_SIZE	64

struct sigevent {
	union sigval sigev_value;
	int32_t sigev_signo;
	int32_t sigev_notify;
	union {
		int32_t pad[(SIGEVENT_SIZE - 16) / sizeof(int32_t)];
		int32_t tid;		/* SIGEV_THREAD_ID */
	} un;
};

struct siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t si_pad0;		/* the union's alignment hole */
	union siginfo_fields f;
};
typedef struct siginfo siginfo_t;

/* si_code for any signal: who sent it (<= 0 means user space did). */
#define SI_USER		0		/* kill(2) */
#define SI_KERNEL	0x80		/* the kernel */
#define SI_QUEUE	(-1)		/* sigqueue(3) */
#define SI_TIMER	(-2)		/* POSIX timer expiry */
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_SIGIO	(-5)
#define SI_TKILL	(-6)		/* tkill(2), tgkill(2) */

/* SIGILL */
#define ILL_ILLOPC	1		/* illegal opcode */
#define ILL_ILLOPN	2		/* illegal operand */
#define ILL_ILLADR	3		/* illegal addressing mode */
#define ILL_ILLTRP	4		/* illegal trap */
#define ILL_PRVOPC	5		/* privileged opcode */
#define ILL_PRVREG	6		/* privileged register */
#define ILL_COPROC	7		/* coprocessor error */
#define ILL_BADSTK	8		/* internal stack error */

/* SIGFPE */
#define FPE_INTDIV	1		/* integer divide by zero */
#define FPE_INTOVF	2		/* integer overflow */
#define FPE_FLTDIV	3		/* floating-point divide by zero */
#define FPE_FLTOVF	4		/* floating-point overflow */
#define FPE_FLTUND	5		/* floating-point underflow */
#define FPE_FLTRES	6		/* floating-point inexact result */
#define FPE_FLTINV	7		/* floating-point invalid operation */
#define FPE_FLTSUB	8		/* subscript out of range */

/* SIGSEGV */
#define SEGV_MAPERR	1		/* address not mapped */
#define SEGV_ACCERR	2		/* invalid permissions for the mapping */

/* SIGBUS */
#define BUS_ADRALN	1		/* invalid address alignment */
#define BUS_ADRERR	2		/* nonexistent physical address */
#define BUS_OBJERR	3		/* object-specific hardware error */

/* SIGTRAP */
#define TRAP_BRKPT	1		/* breakpoint */
#define TRAP_TRACE	2		/* trace trap */

/* SIGCHLD */
#define CLD_EXITED	1		/* child has exited */
#define CLD_KILLED	2		/* killed by a signal */
#define CLD_DUMPED	3		/* killed, and dumped core */
#define CLD_TRAPPED	4		/* traced child has trapped */
#define CLD_STOPPED	5		/* child has stopped */
#define CLD_CONTINUED	6		/* stopped child has continued */

/* ---- The handler's machine context (getcontext(3), x86_64) ---------------- */

/*
 * The FXSAVE image (Intel SDM Vol. 1 10.5.1, table 10-2): x87, MXCSR
 * and the 16 XMM registers, 512 bytes, 16-byte aligned.
 */
#define FPSTATE_SIZE		512
#define FPSTATE_ALIGN		16
#define MXCSR_MASK_DEFAULT	0x0000ffbfU	/* when FXSAVE stores a 0 mask (SDM 11.6.6) */

struct fpstate {
	uint16_t cwd;			/* x87 control word */
	uint16_t swd;			/* status word */
	uint16_t twd;			/* abridged tag word */
	uint16_t fop;			/* last opcode */
	uint64_t rip;			/* last x87 instruction */
	uint64_t rdp;			/* last x87 operand */
	uint32_t mxcsr;
	uint32_t mxcsr_mask;		/* the bits MXCSR may have set */
	uint32_t st_space[32];		/* 8 registers, 16 bytes each */
	uint32_t xmm_space[64];		/* 16 registers, 16 bytes each */
	uint32_t reserved2[12];
	uint32_t sw_reserved[12];	/* software-available: xsave's extension info */
};

/*
 * struct sigcontext, the uc_mcontext: the general registers in this
 * order (glibc's REG_R8 = 0 ... REG_CR2 = 22), then a pointer to the
 * FXSAVE area or 0. 256 bytes.
 */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp;
	uint64_t rip;
	uint64_t eflags;
	uint16_t cs, gs, fs;
	uint16_t ss;			/* was __pad0; valid with UC_SIGCONTEXT_SS */
	uint64_t err;			/* the exception's error code */
	uint64_t trapno;		/* the exception's vector */
	uint64_t oldmask;		/* the blocked mask (also in uc_sigmask) */
	uint64_t cr2;			/* a page fault's address */
	uint64_t fpstate;		/* struct fpstate *, or 0: no FPU state */
	uint64_t reserved1[8];
};

/* uc_flags (Linux x86 uapi values). */
#define UC_FP_XSTATE		0x1	/* fpstate is an XSAVE area */
#define UC_SIGCONTEXT_SS	0x2	/* sigcontext.ss is valid */
#define UC_STRICT_RESTORE_SS	0x4	/* rt_sigreturn restores ss as saved */

/* The kernel's struct ucontext: 304 bytes, the mask last. */
struct ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;		/* struct ucontext *; unused by the kernel */
	stack_t uc_stack;		/* the sigaltstack at delivery */
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;		/* the mask restored by rt_sigreturn */
};

/*
 * What the handler finds at its %rsp: the return address (sa_restorer,
 * so "ret" runs rt_sigreturn), the ucontext, the siginfo. The FXSAVE
 * area lies above, 64-byte aligned, pointed to by uc_mcontext.fpstate.
 */
struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	struct siginfo info;
};

/* ---- wait(2) status -------------------------------------------------------- */

#define W_EXITCODE(code, sig)	(((code) & 0xff) << 8 | ((sig) & 0x7f))
#define W_STOPCODE(sig)		((sig) << 8 | 0x7f)
#define W_CONTINUED		0xffff
#define WCOREFLAG		0x80	/* a core file was written */
#define WIFEXITED(status)	(((status) & 0x7f) == 0)
#define WEXITSTATUS(status)	(((status) >> 8) & 0xff)
#define WTERMSIG(status)	((status) & 0x7f)

#endif /* UAPI_SIGNAL_H */
