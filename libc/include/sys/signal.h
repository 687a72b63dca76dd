/* sys/signal.h: signals with Linux's numbers, flags and structures (replaces newlib's). */
/*
 * newlib's generic <sys/signal.h> numbers signals its own way (SIGUSR1 30,
 * SIGCHLD 20...) and has an emulated, in-process sigaction. Basalt speaks
 * the Linux ABI, so the numbers, SA_* flags, SIG_BLOCK..., siginfo_t and
 * stack_t here are Linux x86_64's (signal(7), sigaction(2), and Linux's
 * arch/x86/include/uapi/asm/signal.h, include/uapi/asm-generic/siginfo.h),
 * and newlib is compiled against them, so no translation is needed between
 * the program and the kernel. struct sigaction is the user-side layout;
 * libc/signal/sigaction.c converts it to the kernel's.
 *
 * sigset_t is newlib's unsigned long (64 bits): exactly the kernel's
 * signal set on x86_64, signal N in bit N-1.
 */
#ifndef _SYS_SIGNAL_H
#define _SYS_SIGNAL_H

#include "_ansi.h"
#include <sys/cdefs.h>
#include <sys/features.h>
#include <sys/types.h>
#include <sys/_sigset.h>
#include <sys/_timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

#if !defined(_SIGSET_T_DECLARED)
#define _SIGSET_T_DECLARED
typedef __sigset_t sigset_t;
#endif

/* Standard signals, the x86 column of signal(7). */
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
#define SIGCLD		SIGCHLD
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
 * Real-time signals: the kernel has 32 to 64; C libraries with threads keep
 * the first two for themselves (glibc's SIGRTMIN is 34), and so do we, so
 * that programs see the same range as with glibc.
 */
#define SIGRTMIN	34
#define SIGRTMAX	64
#define NSIG		65	/* one more than the highest signal number */
#define _NSIG		NSIG

/* sigprocmask(2) "how" values. */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* sa_flags, sigaction(2). */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000	/* set by the C library, not by programs */
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_NOMASK	SA_NODEFER
#define SA_ONESHOT	SA_RESETHAND

/* sigaltstack(2). */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* struct sigevent: Linux's layout, 64 bytes. */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID	4
#define __SIGEV_SIZE	64

struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int __pad[(__SIGEV_SIZE - sizeof(union sigval) - 2 * sizeof(int)) / sizeof(int)];
		int __tid;
		struct {
			void (*__sev_function)(union sigval);
			void *__sev_attribute;
		} __sev_thread;
	} __sigev_un;
};
#define sigev_notify_function	__sigev_un.__sev_thread.__sev_function
#define sigev_notify_attributes	__sigev_un.__sev_thread.__sev_attribute
#define sigev_notify_thread_id	__sigev_un.__tid	/* SIGEV_THREAD_ID's thread */

/*
 * siginfo_t: Linux's 128-byte layout, since the kernel writes it for
 * SA_SIGINFO handlers: signo, errno, code, then a union whose members
 * depend on the signal and the code.
 */
#define __SI_SIZE	128
#define __SI_HEADER	(4 * sizeof(int))	/* three ints, padded to 8 bytes */

typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int __si_pad0;
	union {
		int __pad[(__SI_SIZE - __SI_HEADER) / sizeof(int)];
		struct {		/* kill, sigqueue, POSIX timers' owner */
			pid_t __pid;
			uid_t __uid;
			union sigval __value;
		} __rt;
		struct {		/* POSIX timers */
			int __tid;
			int __overrun;
			union sigval __value;
		} __timer;
		struct {		/* SIGCHLD */
			pid_t __pid;
			uid_t __uid;
			int __status;
			long __utime;
			long __stime;
		} __chld;
		struct {		/* SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP */
			void *__addr;
			short __addr_lsb;
		} __fault;
		struct {		/* SIGPOLL */
			long __band;
			int __fd;
		} __poll;
		struct {		/* SIGSYS (seccomp) */
			void *__call_addr;
			int __syscall;
			unsigned int __arch;
		} __sys;
	} __si_fields;
} siginfo_t;

#define si_pid		__si_fields.__rt.__pid
#define si_uid		__si_fields.__rt.__uid
#define si_value	__si_fields.__rt.__value
#define si_int		__si_fields.__rt.__value.sival_int
#define si_ptr		__si_fields.__rt.__value.sival_ptr
#define si_timerid	__si_fields.__timer.__tid
#define si_overrun	__si_fields.__timer.__overrun
#define si_status	__si_fields.__chld.__status
#define si_utime	__si_fields.__chld.__utime
#define si_stime	__si_fields.__chld.__stime
#define si_addr		__si_fields.__fault.__addr
#define si_addr_lsb	__si_fields.__fault.__addr_lsb
#define si_band		__si_fields.__poll.__band
#define si_fd		__si_fields.__poll.__fd
#define si_call_addr	__si_fields.__sys.__call_addr
#define si_syscall	__si_fields.__sys.__syscall
#define si_arch		__si_fields.__sys.__arch

/* si_code values for any signal. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_SIGIO	(-5)
#define SI_TKILL	(-6)

/* SIGILL */
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define ILL_ILLADR	3
#define ILL_ILLTRP	4
#define ILL_PRVOPC	5
#define ILL_PRVREG	6
#define ILL_COPROC	7
#define ILL_BADSTK	8
/* SIGFPE */
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define FPE_FLTSUB	8
/* SIGSEGV */
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
/* SIGBUS */
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define BUS_OBJERR	3
/* SIGTRAP */
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
/* SIGCHLD */
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6
/* SIGPOLL */
#define POLL_IN		1
#define POLL_OUT	2
#define POLL_MSG	3
#define POLL_ERR	4
#define POLL_PRI	5
#define POLL_HUP	6

typedef void (*_sig_func_ptr)(int);

/* The user-side struct sigaction (glibc's field order). */
struct sigaction {
	union {
		_sig_func_ptr __handler;
		void (*__sigaction)(int, siginfo_t *, void *);
	} __sa_handler;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};
#define sa_handler	__sa_handler.__handler
#define sa_sigaction	__sa_handler.__sigaction

int kill(pid_t, int);
int killpg(pid_t, int);
int sigaction(int, const struct sigaction *__restrict, struct sigaction *__restrict);
int sigprocmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int pthread_sigmask(int, const sigset_t *__restrict, sigset_t *__restrict);
/* pthread_kill(3): POSIX declares it here (libc/pthread/kill.c). */
int pthread_kill(pthread_t, int);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);
int sigfillset(sigset_t *);
int sigemptyset(sigset_t *);
int sigpending(sigset_t *);
int sigsuspend(const sigset_t *);
int sigwait(const sigset_t *__restrict, int *__restrict);
int sigwaitinfo(const sigset_t *__restrict, siginfo_t *__restrict);
int sigtimedwait(const sigset_t *__restrict, siginfo_t *__restrict,
		 const struct timespec *__restrict);
int sigqueue(pid_t, int, const union sigval);
int sigaltstack(const stack_t *__restrict, stack_t *__restrict);
int siginterrupt(int, int);
void psiginfo(const siginfo_t *, const char *);
#if __GNU_VISIBLE
int sigisemptyset(const sigset_t *);
int sigorset(sigset_t *, const sigset_t *, const sigset_t *);
int sigandset(sigset_t *, const sigset_t *, const sigset_t *);
#endif
/* The System V sigpause: removes the signal from the mask and waits. */
int sigpause(int);

#ifdef __cplusplus
}
#endif

#ifndef _SIGNAL_H_
/* glibc's <sys/signal.h> is <signal.h>; some programs rely on that. */
#include <signal.h>
#endif
#endif /* _SYS_SIGNAL_H */
