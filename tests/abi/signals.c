/*
 * signals.c: POSIX signals as Linux delivers them on x86_64 (signal(7),
 * sigaction(2), sigaltstack(2), sigprocmask(2), sigtimedwait(2),
 * setitimer(2)): handler arguments and si_code, masks and pending sets,
 * SA_RESETHAND/NODEFER/ONSTACK/RESTART, faults with si_addr, timers
 * interrupting system calls, errors. Run on the host (and on Basalt
 * once it runs processes); prints TAP, exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <unistd.h>

#define PLAN		37
#define KSIGSET_SIZE	8		/* the kernel's sigset: 64 bits */
#define NO_SUCH_PID	0x3ffffff0	/* above any pid_max Linux allows */
#define TIMER_MS	50
#define USEC_PER_MS	1000
#define ALT_STACK_SIZE	(64 * 1024)
#define TOO_SMALL_STACK	1024	/* below the kernel's MINSIGSTKSZ, 2048 */

/* The layout the kernel writes must be the one glibc reads (getcontext(3)). */
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t is 128 bytes");
_Static_assert(offsetof(ucontext_t, uc_mcontext) == 40, "uc_mcontext");
_Static_assert(offsetof(ucontext_t, uc_sigmask) == 296, "uc_sigmask after mcontext");
_Static_assert(sizeof(mcontext_t) == 256, "mcontext is the 256-byte sigcontext");
_Static_assert(REG_RIP == 16 && REG_RSP == 15 && REG_CR2 == 22, "gregs order");

static int failures, test_no;

static void check(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, what);
	if (!ok)
		failures++;
}

/* What the last handler saw. */
static volatile sig_atomic_t got_sig, got_count, got_code, got_pid, got_uid;
static volatile int got_value;
static void *volatile got_addr;
static volatile int got_uc_ok, got_blocked_self, got_on_altstack;
static volatile uintptr_t got_local_addr;

static void reset_got(void)
{
	got_sig = 0;
	got_count = 0;
	got_code = 0;
	got_pid = 0;
	got_uid = 0;
	got_value = 0;
	got_addr = NULL;
	got_uc_ok = 0;
	got_blocked_self = 0;
	got_on_altstack = 0;
	got_local_addr = 0;
}

static void info_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	sigset_t now;
	stack_t ss;
	int local;

	got_sig = sig;
	got_count++;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
	got_value = si->si_value.sival_int;
	got_addr = si->si_addr;
	got_uc_ok = uc != NULL && si->si_signo == sig && uc->uc_mcontext.gregs[REG_RIP] != 0 &&
		    uc->uc_mcontext.gregs[REG_RSP] != 0;
	sigprocmask(SIG_BLOCK, NULL, &now);
	got_blocked_self = sigismember(&now, sig);
	got_on_altstack = sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_ONSTACK);
	got_local_addr = (uintptr_t)&local;
}

static int set_action(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static int set_default(int sig)
{
	return signal(sig, SIG_DFL) == SIG_ERR ? -1 : 0;
}

static long raw(long nr, long a, long b, long c, long d)
{
	long r = syscall(nr, a, b, c, d);

	return r == -1 ? -errno : r;
}

static void test_kill_and_raise(void)
{
	reset_got();
	set_action(SIGUSR1, info_handler, 0);
	kill(getpid(), SIGUSR1);
	check(got_sig == SIGUSR1 && got_count == 1 && got_uc_ok,
	      "kill to self: SA_SIGINFO handler runs once with siginfo and ucontext");
	check(got_code == SI_USER && got_pid == getpid() && got_uid == (int)getuid(),
	      "kill: si_code SI_USER, si_pid and si_uid of the sender");
	check(got_blocked_self, "the signal is blocked while its handler runs");
	reset_got();
	raise(SIGUSR1);
	check(got_sig == SIGUSR1 && got_code == SI_TKILL, "raise (tgkill): si_code SI_TKILL");
	reset_got();
	check(sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 42 }) == 0 &&
	      got_code == SI_QUEUE && got_value == 42, "sigqueue: SI_QUEUE and si_value");
}

static void test_block_pending(void)
{
	sigset_t set, pending, old;

	reset_got();
	set_action(SIGUSR1, info_handler, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	sigpending(&pending);
	check(got_count == 0 && sigismember(&pending, SIGUSR1),
	      "blocked: not delivered, shows in sigpending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(got_count == 1, "unblocked: delivered before sigprocmask returns, once (not queued)");
	sigpending(&pending);
	check(!sigismember(&pending, SIGUSR1), "no longer pending");

	/* Real-time signals queue: two sends, two deliveries, in order. */
	reset_got();
	set_action(SIGRTMIN, info_handler, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, &old);
	sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 1 });
	sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 2 });
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(got_count == 2 && got_value == 2, "real-time signals queue: both delivered, in order");

	sigfillset(&set);
	sigprocmask(SIG_SETMASK, &set, &old);
	sigprocmask(SIG_SETMASK, &old, &set);
	check(!sigismember(&set, SIGKILL) && !sigismember(&set, SIGSTOP) &&
	      sigismember(&set, SIGTERM), "SIGKILL and SIGSTOP cannot be blocked");
	check(raw(SYS_rt_sigprocmask, 99, (long)&set, 0, KSIGSET_SIZE) == -EINVAL &&
	      raw(SYS_rt_sigprocmask, SIG_BLOCK, 0, 0, 16) == -EINVAL,
	      "rt_sigprocmask: bad how or sigsetsize is EINVAL");
}

static void test_flags(void)
{
	struct sigaction sa;

	reset_got();
	set_action(SIGUSR2, info_handler, SA_RESETHAND);
	kill(getpid(), SIGUSR2);
	sigaction(SIGUSR2, NULL, &sa);
	check(got_count == 1 && sa.sa_handler == SIG_DFL, "SA_RESETHAND: back to SIG_DFL after one");

	reset_got();
	set_action(SIGUSR2, info_handler, SA_NODEFER);
	kill(getpid(), SIGUSR2);
	check(got_count == 1 && !got_blocked_self, "SA_NODEFER: not blocked in its handler");
	set_default(SIGUSR2);
}

static void test_altstack(void)
{
	static char alt[ALT_STACK_SIZE] __attribute__((aligned(16)));
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0 }, old;

	check(sigaltstack(&ss, &old) == 0 && (old.ss_flags & SS_DISABLE),
	      "sigaltstack: installs one; there was none");
	reset_got();
	set_action(SIGUSR1, info_handler, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	check(got_on_altstack && got_local_addr > (uintptr_t)alt &&
	      got_local_addr < (uintptr_t)alt + sizeof(alt),
	      "SA_ONSTACK: the handler runs on the alternate stack (SS_ONSTACK)");
	reset_got();
	set_action(SIGUSR1, info_handler, 0);
	kill(getpid(), SIGUSR1);
	check(got_count == 1 && !got_on_altstack, "without SA_ONSTACK: the normal stack");
	ss.ss_size = TOO_SMALL_STACK;
	check(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM, "sigaltstack: too small is ENOMEM");
	ss.ss_flags = SS_DISABLE;
	check(sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &old) == 0 &&
	      (old.ss_flags & SS_DISABLE), "SS_DISABLE removes it");
}

static sigjmp_buf fault_jmp;
static volatile int fault_sink;

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(fault_jmp, 1);
}

static void test_faults(void)
{
	volatile int *volatile null_ptr = NULL;
	/* Both volatile: GCC turns 1 / x into a compare, without a division. */
	volatile int zero = 0, dividend = 7;

	reset_got();
	set_action(SIGSEGV, fault_handler, 0);
	if (!sigsetjmp(fault_jmp, 1))
		*null_ptr = 1;
	check(got_sig == SIGSEGV && got_code == SEGV_MAPERR && got_addr == NULL,
	      "NULL write: SIGSEGV, SEGV_MAPERR, si_addr 0; siglongjmp out");
	reset_got();
	set_action(SIGFPE, fault_handler, 0);
	if (!sigsetjmp(fault_jmp, 1))
		fault_sink = dividend / zero;
	check(got_sig == SIGFPE && got_code == FPE_INTDIV && got_addr != NULL,
	      "integer division by zero: SIGFPE, FPE_INTDIV at the instruction");
	set_default(SIGSEGV);
	set_default(SIGFPE);
}

static int alarm_pipe[2];

static void alarm_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_count++;
	/* For the SA_RESTART case: the restarted read then finds a byte. */
	if (write(alarm_pipe[1], "x", 1) != 1)
		got_count = -100;
}

static void arm_ms(long ms)
{
	struct itimerval it = { .it_value = { .tv_sec = 0, .tv_usec = ms * USEC_PER_MS } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static void test_timers(void)
{
	struct itimerval it;
	char c;
	int r;

	if (pipe(alarm_pipe)) {
		check(0, "pipe");
		return;
	}
	reset_got();
	set_action(SIGALRM, alarm_handler, 0);
	alarm(1);
	check(alarm(0) == 1 && alarm(0) == 0, "alarm returns the seconds left; alarm(0) cancels");
	arm_ms(TIMER_MS);
	check(getitimer(ITIMER_REAL, &it) == 0 && it.it_value.tv_sec == 0 &&
	      it.it_value.tv_usec > 0 && it.it_value.tv_usec <= TIMER_MS * USEC_PER_MS,
	      "getitimer: the time left");
	r = pause();
	check(r == -1 && errno == EINTR && got_sig == SIGALRM && got_code == SI_KERNEL,
	      "setitimer: SIGALRM (SI_KERNEL) interrupts pause with EINTR");
	read(alarm_pipe[0], &c, 1);

	/* Without SA_RESTART a blocking read fails with EINTR... */
	reset_got();
	arm_ms(TIMER_MS);
	r = (int)read(alarm_pipe[0], &c, 1);
	if (r == 1)
		read(alarm_pipe[0], &c, 1);	/* should not happen; keep the pipe empty */
	check(r == -1 && errno == EINTR && got_count == 1, "read interrupted: EINTR without SA_RESTART");
	read(alarm_pipe[0], &c, 1);

	/* ...with it the read is restarted and returns the handler's byte. */
	reset_got();
	set_action(SIGALRM, alarm_handler, SA_RESTART);
	arm_ms(TIMER_MS);
	r = (int)read(alarm_pipe[0], &c, 1);
	check(r == 1 && c == 'x' && got_count == 1, "read interrupted: restarted with SA_RESTART");
	set_default(SIGALRM);
	close(alarm_pipe[0]);
	close(alarm_pipe[1]);
}

static void test_waiting(void)
{
	sigset_t set, old, empty, now;
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 10 * 1000 * 1000 };
	siginfo_t si;
	int r;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	reset_got();
	set_action(SIGUSR1, info_handler, 0);
	kill(getpid(), SIGUSR1);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &ts);
	check(r == SIGUSR1 && si.si_signo == SIGUSR1 && si.si_code == SI_USER &&
	      si.si_pid == getpid() && got_count == 0,
	      "sigtimedwait takes a pending blocked signal without the handler");
	r = sigtimedwait(&set, &si, &ts);
	check(r == -1 && errno == EAGAIN, "sigtimedwait: EAGAIN after the timeout");

	kill(getpid(), SIGUSR1);
	sigemptyset(&empty);
	r = sigsuspend(&empty);
	sigprocmask(SIG_BLOCK, NULL, &now);
	check(r == -1 && errno == EINTR && got_count == 1 && sigismember(&now, SIGUSR1),
	      "sigsuspend: handler runs, EINTR, the old mask is back");
	sigprocmask(SIG_SETMASK, &old, NULL);
	set_default(SIGUSR1);
}

static void test_ignore_and_errors(void)
{
	struct sigaction sa;

	/* Default-ignored and SIG_IGN signals just vanish. */
	kill(getpid(), SIGCHLD);
	kill(getpid(), SIGWINCH);
	signal(SIGUSR2, SIG_IGN);
	kill(getpid(), SIGUSR2);
	set_default(SIGUSR2);
	check(1, "SIGCHLD, SIGWINCH by default and SIG_IGN'd SIGUSR2 are ignored");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	check(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL &&
	      sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL,
	      "sigaction on SIGKILL or SIGSTOP: EINVAL");
	check(sigaction(SIGKILL, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL,
	      "but their action can be read");
	check(raw(SYS_rt_sigaction, SIGUSR1, 0, 0, 16) == -EINVAL &&
	      raw(SYS_rt_sigaction, 65, 0, 0, KSIGSET_SIZE) == -EINVAL &&
	      raw(SYS_rt_sigaction, 0, 0, 0, KSIGSET_SIZE) == -EINVAL,
	      "rt_sigaction: bad sigsetsize or signal number is EINVAL");
	check(kill(NO_SUCH_PID, SIGUSR1) == -1 && errno == ESRCH, "kill: no such process is ESRCH");
	check(kill(getpid(), 65) == -1 && errno == EINVAL, "kill: signal 65 is EINVAL");
	check(kill(getpid(), 0) == 0, "kill with signal 0 checks existence");
	check(raw(SYS_tgkill, getpid(), NO_SUCH_PID, SIGUSR1, 0) == -ESRCH &&
	      raw(SYS_tgkill, 0, getpid(), SIGUSR1, 0) == -EINVAL,
	      "tgkill: unknown thread ESRCH, tgid 0 EINVAL");
}

static void test_own_group(void)
{
	/* Its own group, so kill(0) reaches nothing but this program. */
	if (setpgid(0, 0)) {
		printf("ok %d - # SKIP kill(0): setpgid failed\n", ++test_no);
		return;
	}
	reset_got();
	set_action(SIGUSR1, info_handler, 0);
	check(kill(0, SIGUSR1) == 0 && got_count == 1 && kill(-getpgrp(), SIGUSR1) == 0 &&
	      got_count == 2, "kill(0) and kill(-pgid) reach the own process group");
	set_default(SIGUSR1);
}

int main(void)
{
	printf("1..%d\n", PLAN);
	fflush(stdout);
	test_kill_and_raise();
	test_block_pending();
	test_flags();
	test_altstack();
	test_faults();
	test_timers();
	test_waiting();
	test_ignore_and_errors();
	test_own_group();
	printf("# %d failed\n", failures);
	return failures;
}
