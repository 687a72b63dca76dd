/* signal_test.c: sigaction, signal, raise, kill, masks, sigpending, sigsuspend, siginfo, sigsetjmp, abort, strsignal. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static volatile sig_atomic_t last_signal;
static volatile sig_atomic_t handler_calls;
static volatile sig_atomic_t info_signo, info_code, info_pid;
static sigjmp_buf jump_back;

static void count_handler(int sig)
{
	last_signal = sig;
	handler_calls++;
}

static void info_handler(int sig, siginfo_t *info, void *context)
{
	(void)context;
	last_signal = sig;
	info_signo = info->si_signo;
	info_code = info->si_code;
	info_pid = info->si_pid;
}

static void jump_handler(int sig)
{
	siglongjmp(jump_back, sig);
}

static void test_numbers_and_sets(void)
{
	sigset_t set;

	/* The Linux x86_64 numbers, which the kernel and other programs use. */
	tap_ok(SIGUSR1 == 10 && SIGUSR2 == 12 && SIGCHLD == 17 && SIGSTOP == 19 &&
	       SIGTSTP == 20 && SIGWINCH == 28 && SIGSYS == 31, "Linux signal numbers");
	tap_ok(SIG_BLOCK == 0 && SIG_UNBLOCK == 1 && SIG_SETMASK == 2,
	       "Linux sigprocmask how values");
	tap_ok(sigemptyset(&set) == 0 && sigismember(&set, SIGINT) == 0 &&
	       sigaddset(&set, SIGINT) == 0 && sigismember(&set, SIGINT) == 1 &&
	       sigdelset(&set, SIGINT) == 0 && sigismember(&set, SIGINT) == 0,
	       "sigemptyset, sigaddset, sigdelset, sigismember");
	tap_ok(sigfillset(&set) == 0 && sigismember(&set, SIGTERM) == 1 &&
	       sigismember(&set, SIGRTMAX) == 1, "sigfillset holds standard and real-time signals");
	errno = 0;
	tap_ok(sigaddset(&set, 0) == -1 && errno == EINVAL, "sigaddset(0): EINVAL");
	errno = 0;
	tap_ok(sigismember(&set, 1000) == -1 && errno == EINVAL,
	       "sigismember(1000): EINVAL");
	tap_ok(SIGRTMIN > SIGSYS && SIGRTMAX >= SIGRTMIN + 8, "real-time range");
}

static void test_strsignal(void)
{
	int sig, all_named = 1;

	for (sig = 1; sig <= SIGSYS; sig++)
		all_named &= strncmp(strsignal(sig), "Unknown", 7) != 0;
	tap_ok(all_named, "strsignal names every standard signal");
	tap_ok(strcmp(strsignal(SIGABRT), "Aborted") == 0 &&
	       strcmp(strsignal(SIGTTOU), "Stopped (tty output)") == 0 &&
	       strcmp(strsignal(SIGSTKFLT), "Stack fault") == 0, "strsignal wording");
	tap_ok(strcmp(strsignal(SIGRTMIN + 1), "Real-time signal 1") == 0 &&
	       strcmp(strsignal(NSIG + 1), "Unknown signal 66") == 0,
	       "strsignal of real-time and unknown signals");
}

static void test_sigaction_raise(void)
{
	struct sigaction action, old;

	memset(&action, 0, sizeof(action));
	action.sa_handler = count_handler;
	sigemptyset(&action.sa_mask);
	tap_ok(sigaction(SIGUSR1, &action, &old) == 0 && old.sa_handler == SIG_DFL,
	       "sigaction installs a handler; the old one was SIG_DFL");
	last_signal = 0;
	tap_ok(raise(SIGUSR1) == 0 && last_signal == SIGUSR1,
	       "raise runs the handler with the signal number");
	handler_calls = 0;
	tap_ok(kill(getpid(), SIGUSR1) == 0 && handler_calls == 1,
	       "kill(getpid()) runs it before returning");
	tap_ok(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == count_handler,
	       "sigaction reads back the handler");
	errno = 0;
	tap_ok(sigaction(SIGKILL, &action, NULL) == -1 && errno == EINVAL,
	       "a handler for SIGKILL: EINVAL");
	errno = 0;
	tap_ok(sigaction(NSIG + 1, &action, NULL) == -1 && errno == EINVAL,
	       "sigaction on a bad number: EINVAL");
	errno = 0;
	tap_ok(kill(getpid(), 12345) == -1 && errno == EINVAL, "kill with a bad number: EINVAL");

	action.sa_handler = SIG_IGN;
	tap_ok(sigaction(SIGUSR2, &action, NULL) == 0 && raise(SIGUSR2) == 0,
	       "an ignored signal does nothing");

	tap_ok(signal(SIGUSR2, count_handler) == SIG_IGN, "signal() returns the old handler");
	handler_calls = 0;
	raise(SIGUSR2);
	raise(SIGUSR2);
	tap_ok(handler_calls == 2, "signal()'s handler stays installed (BSD semantics)");
	errno = 0;
	tap_ok(signal(SIGKILL, count_handler) == SIG_ERR && errno == EINVAL,
	       "signal(SIGKILL): SIG_ERR, EINVAL");

	action.sa_handler = count_handler;
	action.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR2, &action, NULL);
	raise(SIGUSR2);
	tap_ok(sigaction(SIGUSR2, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
	       "SA_RESETHAND restores SIG_DFL");
	signal(SIGUSR1, SIG_DFL);
}

static void test_masks(void)
{
	sigset_t block, old, pending, current;
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = count_handler;
	sigaction(SIGUSR1, &action, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	tap_ok(sigprocmask(SIG_BLOCK, &block, &old) == 0 && sigismember(&old, SIGUSR1) == 0,
	       "sigprocmask SIG_BLOCK");
	handler_calls = 0;
	raise(SIGUSR1);
	tap_ok(handler_calls == 0, "a blocked signal is not delivered");
	tap_ok(sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1) == 1,
	       "sigpending shows it");
	tap_ok(sigprocmask(SIG_UNBLOCK, &block, NULL) == 0 && handler_calls == 1,
	       "unblocking delivers it");
	sigpending(&pending);
	tap_ok(sigismember(&pending, SIGUSR1) == 0, "and it is no longer pending");
	errno = 0;
	tap_ok(sigprocmask(99, &block, NULL) == -1 && errno == EINVAL,
	       "sigprocmask with a bad how: EINVAL");

	/* sigsuspend: block, raise, then wait with the signal unblocked. */
	sigprocmask(SIG_BLOCK, &block, &old);
	handler_calls = 0;
	raise(SIGUSR1);
	sigprocmask(SIG_BLOCK, NULL, &current);
	sigdelset(&current, SIGUSR1);
	errno = 0;
	tap_ok(sigsuspend(&current) == -1 && errno == EINTR && handler_calls == 1,
	       "sigsuspend returns EINTR after the handler");
	sigprocmask(SIG_BLOCK, NULL, &current);
	tap_ok(sigismember(&current, SIGUSR1) == 1, "sigsuspend restores the mask");
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGUSR1, SIG_DFL);
}

static void test_siginfo(void)
{
	struct sigaction action;
	sigset_t set;
	siginfo_t info;
	struct timespec zero = { 0, 0 };
	union sigval value;
	int sig;

	memset(&action, 0, sizeof(action));
	action.sa_sigaction = info_handler;
	action.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &action, NULL);
	info_signo = info_code = info_pid = 0;
	kill(getpid(), SIGUSR2);
	tap_ok(info_signo == SIGUSR2 && info_code == SI_USER && info_pid == getpid(),
	       "SA_SIGINFO: si_signo, si_code SI_USER, si_pid");
	tap_ok(sizeof(siginfo_t) == 128, "siginfo_t is 128 bytes");
	signal(SIGUSR2, SIG_DFL);

	/* sigqueue, then sigtimedwait and sigwait on a blocked real-time signal. */
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	value.sival_int = 42;
	tap_ok(sigqueue(getpid(), SIGRTMIN, value) == 0, "sigqueue");
	memset(&info, 0, sizeof(info));
	tap_ok(sigtimedwait(&set, &info, &zero) == SIGRTMIN && info.si_code == SI_QUEUE &&
	       info.si_value.sival_int == 42, "sigtimedwait gets the queued value");
	errno = 0;
	tap_ok(sigtimedwait(&set, &info, &zero) == -1 && errno == EAGAIN,
	       "sigtimedwait with nothing pending: EAGAIN");
	raise(SIGRTMIN);
	tap_ok(sigwait(&set, &sig) == 0 && sig == SIGRTMIN, "sigwait");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_jumps_and_alarm(void)
{
	struct sigaction action;
	sigset_t mask;
	int ret;

	memset(&action, 0, sizeof(action));
	action.sa_handler = jump_handler;
	sigaction(SIGUSR1, &action, NULL);
	ret = sigsetjmp(jump_back, 1);
	if (ret == 0)
		raise(SIGUSR1);
	sigprocmask(SIG_BLOCK, NULL, &mask);
	tap_ok(ret == SIGUSR1 && sigismember(&mask, SIGUSR1) == 0,
	       "siglongjmp out of a handler restores the mask");
	signal(SIGUSR1, SIG_DFL);

	action.sa_handler = count_handler;
	action.sa_flags = 0;
	sigaction(SIGALRM, &action, NULL);
	handler_calls = 0;
	tap_ok(alarm(1) == 0 && pause() == -1 && errno == EINTR && handler_calls == 1 &&
	       last_signal == SIGALRM, "alarm and pause");
	signal(SIGALRM, SIG_DFL);
}

static void test_children(void)
{
	struct sigaction action;
	pid_t pid;
	int status = 0;

	memset(&action, 0, sizeof(action));
	action.sa_handler = count_handler;
	sigaction(SIGCHLD, &action, NULL);
	handler_calls = 0;
	pid = fork();
	if (pid == 0)
		_exit(0);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	tap_ok(handler_calls >= 1 && last_signal == SIGCHLD, "SIGCHLD when a child exits");
	signal(SIGCHLD, SIG_DFL);

	pid = fork();
	if (pid == 0) {
		signal(SIGABRT, count_handler);	/* abort() must still end it */
		abort();
	}
	waitpid(pid, &status, 0);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	       "abort ends a child with SIGABRT even with a handler");

	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "kill another process");
}

int main(void)
{
	tap_plan(41);
	test_numbers_and_sets();
	test_strsignal();
	test_sigaction_raise();
	test_masks();
	test_siginfo();
	test_jumps_and_alarm();
	test_children();
	return tap_done();
}
