/*
 * posix_timers.c: timer_create(2), timer_settime(2), timer_gettime(2),
 * timer_getoverrun(2), timer_delete(2): one-shot and interval timers on
 * CLOCK_MONOTONIC, CLOCK_REALTIME and CLOCK_BOOTTIME, relative and
 * TIMER_ABSTIME; the siginfo (SI_TIMER, si_timerid, si_value,
 * si_overrun) and timer_getoverrun counting the expirations missed while
 * the signal was blocked; SIGEV_NONE, SIGEV_THREAD_ID to another thread,
 * the default sigevent (SIGALRM with the id as value); the old value
 * timer_settime returns; the errors; timers neither inherited by fork
 * nor kept by exec; RLIMIT_SIGPENDING counting timers (as nobody). The
 * timing checks allow for a 10 ms tick and a slow emulator. Prints TAP;
 * exits with the failure count.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <time.h>
#include "abi_tap.h"

/* Linux's clock ids for the raw calls (newlib's CLOCK_* differ; libc translates them). */
#define L_REALTIME		0
#define L_MONOTONIC		1
#define L_PROCESS_CPUTIME	2
#define L_MONOTONIC_RAW		4
#define L_BOOTTIME		7

/* glibc before 2.35 names SIGEV_THREAD_ID's field only in its union. */
#if !defined(sigev_notify_thread_id) && defined(__GLIBC__)
#define sigev_notify_thread_id	_sigev_un._tid
#endif

#define PLAN		54
#define MS		1000000L
#define WAIT_S		5		/* the longest a signal is waited for */
#define SHORT_MS	50
#define PERIOD_MS	20
#define BLOCKED_MS	300		/* about 15 periods pass while blocked */
#define MIN_OVERRUN	5		/* at least this many of them are counted */
#define NONE_MS		100
#define VALUE		42
#define SIG_A		(SIGRTMIN)
#define SIG_B		(SIGRTMIN + 1)
#define SIG_C		(SIGRTMIN + 2)
#define BAD_CLOCK	99
#define BAD_NOTIFY	99
#define LIMIT		4		/* RLIMIT_SIGPENDING for the limit check */
#define EXEC_ARG	"--after-exec"

static long ms_of(const struct timespec *ts)
{
	return (long)ts->tv_sec * 1000 + ts->tv_nsec / MS;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * MS };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Waits for sig (blocked) up to WAIT_S seconds: its number, or -1. */
static int wait_sig(int sig, siginfo_t *si)
{
	struct timespec t = { WAIT_S, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	memset(si, 0, sizeof(*si));
	return sigtimedwait(&set, si, &t);
}

static int pending(int sig)
{
	sigset_t set;

	sigpending(&set);
	return sigismember(&set, sig);
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static int make_timer(clockid_t clock, int notify, int sig, int value, timer_t *t)
{
	struct sigevent ev;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = notify;
	ev.sigev_signo = sig;
	ev.sigev_value.sival_int = value;
	return timer_create(clock, &ev, t);
}

static int arm(timer_t t, int flags, long value_ms, long interval_ms, struct itimerspec *old)
{
	struct itimerspec its = {
		.it_interval = { interval_ms / 1000, (interval_ms % 1000) * MS },
		.it_value = { value_ms / 1000, (value_ms % 1000) * MS },
	};

	return timer_settime(t, flags, &its, old);
}

static int kid(timer_t t)
{
	return (int)(intptr_t)t;
}

static void test_oneshot(void)
{
	struct itimerspec cur;
	siginfo_t si;
	timer_t t;
	int r;

	check(make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, VALUE, &t) == 0,
	      "timer_create(CLOCK_MONOTONIC, SIGEV_SIGNAL)");
	check(timer_gettime(t, &cur) == 0 && !cur.it_value.tv_sec && !cur.it_value.tv_nsec &&
	      !cur.it_interval.tv_sec && !cur.it_interval.tv_nsec, "a new timer is disarmed");
	check(arm(t, 0, SHORT_MS, 0, NULL) == 0, "armed for %d ms", SHORT_MS);
	check(timer_gettime(t, &cur) == 0 && ms_of(&cur.it_value) <= SHORT_MS &&
	      (cur.it_value.tv_sec || cur.it_value.tv_nsec) && !cur.it_interval.tv_nsec,
	      "timer_gettime: %ld ms left, no interval", ms_of(&cur.it_value));
	r = wait_sig(SIG_A, &si);
	check(r == SIG_A && si.si_code == SI_TIMER, "the signal came: SI_TIMER (%d, %d)", r,
	      si.si_code);
	check(si.si_value.sival_int == VALUE && si.si_timerid == kid(t) && si.si_overrun == 0,
	      "si_value %d, si_timerid %d, si_overrun %d", si.si_value.sival_int, si.si_timerid,
	      si.si_overrun);
	check(timer_gettime(t, &cur) == 0 && !cur.it_value.tv_sec && !cur.it_value.tv_nsec,
	      "expired: disarmed");
	check(timer_delete(t) == 0, "timer_delete");
	check(timer_delete(t) == -1 && errno == EINVAL, "timer_delete again: EINVAL");
}

static void test_overrun(void)
{
	struct itimerspec cur, old;
	struct timespec t0, t1;
	siginfo_t si;
	timer_t t;
	int r, ov;
	long most;

	check(make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_B, VALUE, &t) == 0,
	      "an interval timer");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(arm(t, 0, PERIOD_MS, PERIOD_MS, NULL) == 0, "every %d ms", PERIOD_MS);
	sleep_ms(BLOCKED_MS);
	check(timer_gettime(t, &cur) == 0 && ms_of(&cur.it_interval) == PERIOD_MS &&
	      ms_of(&cur.it_value) <= PERIOD_MS, "timer_gettime: interval %ld ms, %ld ms left",
	      ms_of(&cur.it_interval), ms_of(&cur.it_value));
	r = wait_sig(SIG_B, &si);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* At most one expiration per period that passed (a loaded emulator oversleeps). */
	most = ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / MS) / PERIOD_MS;
	check(r == SIG_B && si.si_overrun >= MIN_OVERRUN && si.si_overrun <= most,
	      "blocked %d ms: one signal, si_overrun %d (at most %ld)", BLOCKED_MS, si.si_overrun,
	      most);
	ov = timer_getoverrun(t);
	check(ov == si.si_overrun, "timer_getoverrun: the delivered signal's %d (%d)",
	      si.si_overrun, ov);
	r = wait_sig(SIG_B, &si);
	check(r == SIG_B && si.si_overrun < MIN_OVERRUN,
	      "the next period: another signal, si_overrun %d", si.si_overrun);
	check(arm(t, 0, 0, 0, &old) == 0 && ms_of(&old.it_interval) == PERIOD_MS,
	      "disarmed; the old value had the interval");
	check(timer_getoverrun(t) == 0, "timer_settime resets timer_getoverrun");
	sleep_ms(2 * PERIOD_MS);
	while (pending(SIG_B))
		wait_sig(SIG_B, &si);	/* one may have been due as it was disarmed */
	sleep_ms(3 * PERIOD_MS);
	check(!pending(SIG_B), "disarmed: no more signals");
	timer_delete(t);
}

static void test_clocks(void)
{
	struct timespec now;
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	siginfo_t si;
	timer_t t;
	int r1, r2;

	check(make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, 1, &t) == 0,
	      "a CLOCK_MONOTONIC timer");
	clock_gettime(CLOCK_MONOTONIC, &now);
	its.it_value.tv_sec = now.tv_sec + (now.tv_nsec + SHORT_MS * MS) / 1000000000L;
	its.it_value.tv_nsec = (now.tv_nsec + SHORT_MS * MS) % 1000000000L;
	check(timer_settime(t, TIMER_ABSTIME, &its, NULL) == 0 && wait_sig(SIG_A, &si) == SIG_A,
	      "TIMER_ABSTIME %d ms ahead: the signal came", SHORT_MS);
	/* 1 ns after boot: always past. */
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 1;
	r1 = timer_settime(t, TIMER_ABSTIME, &its, NULL);
	r2 = wait_sig(SIG_A, &si);
	check(r1 == 0 && r2 == SIG_A, "TIMER_ABSTIME in the past: at once (%d, %d)", r1, r2);
	timer_delete(t);
	check(make_timer(CLOCK_REALTIME, SIGEV_SIGNAL, SIG_A, 2, &t) == 0,
	      "a CLOCK_REALTIME timer");
	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec + (now.tv_nsec + SHORT_MS * MS) / 1000000000L;
	its.it_value.tv_nsec = (now.tv_nsec + SHORT_MS * MS) % 1000000000L;
	check(timer_settime(t, TIMER_ABSTIME, &its, NULL) == 0 && wait_sig(SIG_A, &si) == SIG_A &&
	      si.si_value.sival_int == 2, "CLOCK_REALTIME TIMER_ABSTIME: the signal came");
	timer_delete(t);
	check(make_timer(CLOCK_BOOTTIME, SIGEV_SIGNAL, SIG_A, 3, &t) == 0 &&
	      arm(t, 0, SHORT_MS, 0, NULL) == 0 && wait_sig(SIG_A, &si) == SIG_A &&
	      si.si_value.sival_int == 3, "a CLOCK_BOOTTIME timer fires");
	timer_delete(t);
}

static void test_none(void)
{
	struct itimerspec cur;
	timer_t t;

	check(make_timer(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0, &t) == 0, "a SIGEV_NONE timer");
	check(arm(t, 0, NONE_MS, NONE_MS, NULL) == 0, "every %d ms", NONE_MS);
	sleep_ms(2 * NONE_MS + NONE_MS / 2);
	check(timer_gettime(t, &cur) == 0 && ms_of(&cur.it_value) <= NONE_MS &&
	      (cur.it_value.tv_sec || cur.it_value.tv_nsec) && ms_of(&cur.it_interval) == NONE_MS,
	      "after 2.5 periods: %ld ms to the next, still armed", ms_of(&cur.it_value));
	check(timer_getoverrun(t) == 0, "SIGEV_NONE: timer_getoverrun 0");
	timer_delete(t);
}

struct thread_wait {
	pid_t tid;
	int sig;
	siginfo_t si;
	int ready[2];
};

static void *thread_waits(void *arg)
{
	struct thread_wait *w = arg;

	w->tid = (pid_t)syscall(SYS_gettid);
	write(w->ready[1], "r", 1);
	w->sig = wait_sig(SIG_C, &w->si);
	return NULL;
}

static void test_thread_id(void)
{
	struct thread_wait w = { 0 };
	struct sigevent ev;
	pthread_t th;
	timer_t t;
	char c;

	if (pipe(w.ready) || pthread_create(&th, NULL, thread_waits, &w)) {
		check(0, "a thread");
		return;
	}
	read(w.ready[0], &c, 1);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIG_C;
	ev.sigev_value.sival_int = VALUE;
	ev.sigev_notify_thread_id = w.tid;
	check(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 && arm(t, 0, SHORT_MS, 0, NULL) == 0,
	      "SIGEV_THREAD_ID to another thread");
	pthread_join(th, NULL);
	check(w.sig == SIG_C && w.si.si_code == SI_TIMER && w.si.si_value.sival_int == VALUE,
	      "that thread took it (%d, code %d)", w.sig, w.si.si_code);
	timer_delete(t);
	ev.sigev_notify_thread_id = 1;
	errno = 0;
	check(timer_create(CLOCK_MONOTONIC, &ev, &t) == -1 && errno == EINVAL,
	      "SIGEV_THREAD_ID of another process's thread: EINVAL");
}

static void test_default_event(void)
{
	siginfo_t si;
	long id = -1;
	int r;

	block(SIGALRM);
	r = (int)raw(SYS_timer_create, L_MONOTONIC, NULL, &id);
	check(r == 0, "timer_create with no sigevent (%d)", r);
	{
		struct itimerspec its = { { 0, 0 }, { 0, SHORT_MS * MS } };

		r = (int)raw(SYS_timer_settime, (int)id, 0, &its);
	}
	r = wait_sig(SIGALRM, &si);
	check(r == SIGALRM && si.si_code == SI_TIMER && si.si_value.sival_int == (int)id &&
	      si.si_timerid == (int)id, "SIGALRM with the timer id as value (%d, %d)",
	      si.si_value.sival_int, (int)id);
	raw(SYS_timer_delete, (int)id, 0, 0);
}

static void test_errors(void)
{
	struct itimerspec its = { { 0, 0 }, { 1, 0 } }, old;
	struct sigevent ev;
	timer_t t;
	int id;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIG_A;
	check(raw(SYS_timer_create, BAD_CLOCK, &ev, &id) == -EINVAL, "an unknown clock: EINVAL");
	check(raw(SYS_timer_create, L_MONOTONIC_RAW, &ev, &id) == -EOPNOTSUPP,
	      "L_MONOTONIC_RAW: EOPNOTSUPP");
	ev.sigev_notify = BAD_NOTIFY;
	check(raw(SYS_timer_create, L_MONOTONIC, &ev, &id) == -EINVAL,
	      "an unknown sigev_notify: EINVAL");
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 0;
	check(raw(SYS_timer_create, L_MONOTONIC, &ev, &id) == -EINVAL, "signal 0: EINVAL");
	ev.sigev_signo = 65;
	check(raw(SYS_timer_create, L_MONOTONIC, &ev, &id) == -EINVAL, "signal 65: EINVAL");
	check(raw(SYS_timer_create, L_MONOTONIC, 8, &id) == -EFAULT, "a bad sigevent: EFAULT");
	ev.sigev_signo = SIG_A;
	check(raw(SYS_timer_create, L_MONOTONIC, &ev, 8) == -EFAULT, "a bad id pointer: EFAULT");
	check(make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, 0, &t) == 0, "a timer");
	id = kid(t);
	check(raw(SYS_timer_settime, id, 0, NULL) == -EINVAL, "timer_settime with no value: EINVAL");
	check(raw(SYS_timer_settime, id, 0, 8) == -EFAULT, "a bad value: EFAULT");
	its.it_value.tv_nsec = 1000000000L;
	check(raw(SYS_timer_settime, id, 0, &its) == -EINVAL, "tv_nsec of 1e9: EINVAL");
	its.it_value.tv_nsec = 0;
	its.it_value.tv_sec = -1;
	check(raw(SYS_timer_settime, id, 0, &its) == -EINVAL, "a negative time: EINVAL");
	its.it_value.tv_sec = 1;
	check(raw(SYS_timer_settime, id + 1000, 0, &its) == -EINVAL, "an unknown timer: EINVAL");
	check(raw(SYS_timer_gettime, id + 1000, &old, 0) == -EINVAL, "timer_gettime of it: EINVAL");
	check(raw(SYS_timer_gettime, id, 8, 0) == -EFAULT, "timer_gettime to a bad pointer: EFAULT");
	check(raw(SYS_timer_getoverrun, id + 1000, 0, 0) == -EINVAL, "timer_getoverrun: EINVAL");
	check(raw6(SYS_timer_settime, id, 0, (long)&its, 8, 0, 0) == -EFAULT,
	      "a bad old-value pointer: EFAULT (after setting)");
	check(timer_gettime(t, &old) == 0 && old.it_value.tv_sec <= 1 &&
	      (old.it_value.tv_sec || old.it_value.tv_nsec), "and the timer was set");
	timer_delete(t);
}

/* The child of fork and the program after exec have no timers. */
static void test_fork_exec(const char *self)
{
	struct itimerspec cur;
	int status = -1;
	timer_t t;
	pid_t pid;

	make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, 0, &t);
	arm(t, 0, WAIT_S * 1000, 0, NULL);
	pid = fork();
	if (pid == 0)
		_exit(timer_gettime(t, &cur) == -1 && errno == EINVAL ? 0 : 1);
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a fork child has no timers");
	pid = fork();
	if (pid == 0) {
		char id[16];

		snprintf(id, sizeof(id), "%d", kid(t));
		execl(self, self, EXEC_ARG, id, (char *)NULL);
		_exit(2);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec deletes the timers (%#x)",
	      status);
	timer_delete(t);
}

/* As nobody: each timer holds a unit of RLIMIT_SIGPENDING until deleted. */
static int sigpending_limit(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	timer_t t[LIMIT + 1];
	int made = 0, ok;
	pid_t pid;

	if (setrlimit(RLIMIT_SIGPENDING, &rl))
		return 1;
	while (made <= LIMIT && make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, 0, &t[made]) == 0)
		made++;
	ok = made == LIMIT && errno == EAGAIN;
	if (made && timer_delete(t[--made]))
		ok = 0;
	ok = ok && make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, 0, &t[made]) == 0;
	made++;
	while (made)
		timer_delete(t[--made]);
	/* A child's timers go back at its exit. */
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < LIMIT; i++)
			make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, 0, &t[i]);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	while (made < LIMIT && make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIG_A, 0, &t[made]) == 0)
		made++;
	return ok && made == LIMIT ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], EXEC_ARG)) {
		struct itimerspec cur;

		return raw(SYS_timer_gettime, atoi(argv[2]), &cur, 0) == -EINVAL ? 0 : 1;
	}
	tap_plan(PLAN);
	block(SIG_A);
	block(SIG_B);
	block(SIG_C);
	test_oneshot();
	test_overrun();
	test_clocks();
	test_none();
	test_thread_id();
	test_default_event();
	test_errors();
	test_fork_exec(argv[0]);
	check_as_nobody(sigpending_limit,
			"RLIMIT_SIGPENDING %d: %d timers, EAGAIN, one back per delete and at exit");
	return tap_failures;
}
