/*
 * clock_set.c: clock_settime(2), settimeofday(2), adjtimex(2) and
 * clock_adjtime(2): the errors (EINVAL for clocks that cannot be set and
 * bad times, EFAULT, EPERM for anyone but root, EOPNOTSUPP), adjtimex's
 * report, and, only inside the throwaway test machines (never on the
 * host, whose clock others use), setting the clock: gettimeofday,
 * clock_gettime, time(2) and new files follow it, CLOCK_MONOTONIC does
 * not, a timerfd and a POSIX timer at an absolute CLOCK_REALTIME time
 * follow the change, TFD_TIMER_CANCEL_ON_SET cancels, the time zone,
 * ADJ_SETOFFSET and ADJ_STATUS. Prints
 * TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/timex.h>
#include <time.h>
#include "abi_tap.h"

/* Linux's clock ids for the raw calls (newlib's CLOCK_* differ; libc translates them). */
#define L_REALTIME		0
#define L_MONOTONIC		1
#define L_PROCESS_CPUTIME	2
#define L_MONOTONIC_RAW		4
#define L_BOOTTIME		7

#define PLAN		35
#define SET_CHECKS	17		/* test_set's checks */
#define NS		1000000000LL
#define JUMP_S		1000		/* how far the clock is set forward */
#define SLACK_S		2		/* what a check of the time allows */
#define TZ_WEST		60
#define TZ_BAD		(16 * 60)
#define TICK_USEC	10000		/* USEC_PER_SEC / USER_HZ */
#define TOLERANCE	32768000	/* 500 ppm << 16 */
#define TIMER_AHEAD_MS	3000		/* the timer's wall time, from the start */
#define STEP_MS		2900		/* the step that brings it near */
#define TIMER_WITHIN_MS	1500		/* it must fire this soon after the step */
#define BAD_CLOCK	99
#define SIG_T		(SIGRTMIN)

static int64_t now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * NS + ts.tv_nsec;
}

static struct timespec ts_of(int64_t ns)
{
	struct timespec ts = { ns / NS, ns % NS };

	return ts;
}

/* The test machines boot our initramfs: /init is abi-init, the programs are in /abi. */
static int in_test_machine(void)
{
	char exe[64];
	long n = readlink("/proc/1/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	return !strcmp(exe, "/init") && access("/abi", F_OK) == 0;
}

static void test_errors(void)
{
	struct timespec ts = ts_of(now_ns(CLOCK_REALTIME));
	struct timeval tv = { 0, 1000001 };
	struct timezone tz = { TZ_BAD, 0 };
	struct timex tx;
	long r;

	check(raw(SYS_clock_settime, L_MONOTONIC, &ts, 0) == -EINVAL,
	      "clock_settime(L_MONOTONIC): EINVAL");
	check(raw(SYS_clock_settime, L_BOOTTIME, &ts, 0) == -EINVAL,
	      "clock_settime(L_BOOTTIME): EINVAL");
	check(raw(SYS_clock_settime, BAD_CLOCK, &ts, 0) == -EINVAL, "an unknown clock: EINVAL");
	r = raw(SYS_clock_settime, L_PROCESS_CPUTIME, &ts, 0);
	check(r == -EINVAL, "a CPU-time clock: EINVAL (%ld)", r);
	check(raw(SYS_clock_settime, L_REALTIME, 8, 0) == -EFAULT, "a bad pointer: EFAULT");
	ts.tv_nsec = NS;
	check(raw(SYS_clock_settime, L_REALTIME, &ts, 0) == -EINVAL, "tv_nsec 1e9: EINVAL");
	ts.tv_nsec = 0;
	ts.tv_sec = -1;
	check(raw(SYS_clock_settime, L_REALTIME, &ts, 0) == -EINVAL, "a negative time: EINVAL");
	check(raw(SYS_settimeofday, &tv, NULL, 0) == -EINVAL, "settimeofday, tv_usec 1000001: EINVAL");
	check(raw(SYS_settimeofday, 8, NULL, 0) == -EFAULT, "settimeofday, a bad pointer: EFAULT");
	check(raw(SYS_settimeofday, NULL, &tz, 0) == -EINVAL,
	      "a time zone 16 hours west: EINVAL");
	check(raw(SYS_adjtimex, 8, 0, 0) == -EFAULT, "adjtimex, a bad pointer: EFAULT");
	memset(&tx, 0, sizeof(tx));
	check(raw(SYS_clock_adjtime, L_MONOTONIC, &tx, 0) == -EOPNOTSUPP,
	      "clock_adjtime(L_MONOTONIC): EOPNOTSUPP");
	check(raw(SYS_clock_adjtime, BAD_CLOCK, &tx, 0) == -EINVAL,
	      "clock_adjtime of an unknown clock: EINVAL");
}

static void test_report(void)
{
	struct timex tx;
	struct timeval tv;
	int r;

	memset(&tx, 0, sizeof(tx));
	r = adjtimex(&tx);
	gettimeofday(&tv, NULL);
	check(r >= TIME_OK && r <= TIME_ERROR, "adjtimex reads the state: %d", r);
	check(tx.tick == TICK_USEC && tx.tolerance == TOLERANCE && tx.precision >= 1,
	      "tick %ld us, tolerance %ld, precision %ld", tx.tick, tx.tolerance, tx.precision);
	check(tx.time.tv_sec >= tv.tv_sec - SLACK_S && tx.time.tv_sec <= tv.tv_sec,
	      "its time is the clock's (%lld, %lld)", (long long)tx.time.tv_sec,
	      (long long)tv.tv_sec);
	memset(&tx, 0, sizeof(tx));
	check(raw(SYS_clock_adjtime, L_REALTIME, &tx, 0) >= 0 && tx.tick == TICK_USEC,
	      "clock_adjtime(L_REALTIME) reads the same");
}

/* As nobody: reading is allowed, setting is EPERM. */
static int not_root(void)
{
	struct timespec ts = ts_of(now_ns(CLOCK_REALTIME));
	struct timeval tv = { ts.tv_sec, 0 };
	struct timezone tz = { 0, 0 };
	struct timex tx;
	int bad = 0;

	bad |= raw(SYS_clock_settime, L_REALTIME, &ts, 0) != -EPERM;
	bad |= raw(SYS_settimeofday, &tv, NULL, 0) != -EPERM;
	bad |= raw(SYS_settimeofday, NULL, &tz, 0) != -EPERM;
	memset(&tx, 0, sizeof(tx));
	bad |= raw(SYS_adjtimex, &tx, 0, 0) < 0;
	tx.modes = ADJ_STATUS;
	bad |= raw(SYS_adjtimex, &tx, 0, 0) != -EPERM;
	tx.modes = ADJ_SETOFFSET;
	bad |= raw(SYS_adjtimex, &tx, 0, 0) != -EPERM;
	return bad;
}

/* Only in the test machines: the clock is set, and put back. */
static void test_set(void)
{
	int64_t real0 = now_ns(CLOCK_REALTIME), mono0 = now_ns(CLOCK_MONOTONIC), real, mono;
	struct timespec ts = ts_of(real0 + JUMP_S * NS);
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	struct timezone tz = { TZ_WEST, 0 }, got;
	struct sigevent ev;
	struct timeval tv;
	struct stat st;
	struct timex tx;
	siginfo_t si;
	sigset_t set;
	timer_t t;
	uint64_t ticks = 0;
	int fd, r;

	check(clock_settime(CLOCK_REALTIME, &ts) == 0, "clock_settime %d s ahead", JUMP_S);
	real = now_ns(CLOCK_REALTIME);
	mono = now_ns(CLOCK_MONOTONIC);
	check(real >= real0 + JUMP_S * NS && real < real0 + (JUMP_S + SLACK_S) * NS,
	      "CLOCK_REALTIME moved by %lld s", (long long)((real - real0) / NS));
	check(mono - mono0 < SLACK_S * NS, "CLOCK_MONOTONIC did not");
	gettimeofday(&tv, NULL);
	check(tv.tv_sec >= ts.tv_sec && tv.tv_sec < ts.tv_sec + SLACK_S &&
	      time(NULL) >= ts.tv_sec && time(NULL) < ts.tv_sec + SLACK_S,
	      "gettimeofday and time(2) follow");
	unlink("/tmp-clock-set");
	fd = open("/tmp-clock-set", O_CREAT | O_RDWR, 0600);
	check(fd >= 0 && fstat(fd, &st) == 0 && st.st_mtime >= ts.tv_sec &&
	      st.st_mtime < ts.tv_sec + SLACK_S, "a new file's time follows (%lld)",
	      (long long)st.st_mtime);
	if (fd >= 0)
		close(fd);
	unlink("/tmp-clock-set");
	fd = timerfd_create(CLOCK_REALTIME, 0);
	its.it_value = ts_of(now_ns(CLOCK_REALTIME) + NS / 20);
	check(fd >= 0 && timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL) == 0 &&
	      read(fd, &ticks, sizeof(ticks)) == sizeof(ticks) && ticks == 1 &&
	      now_ns(CLOCK_MONOTONIC) - mono < SLACK_S * NS,
	      "a timerfd at an absolute realtime 50 ms ahead fires on time");
	if (fd >= 0)
		close(fd);

	/* A POSIX timer at an absolute wall time, then the clock steps near it. */
	sigemptyset(&set);
	sigaddset(&set, SIG_T);
	sigprocmask(SIG_BLOCK, &set, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIG_T;
	real = now_ns(CLOCK_REALTIME);
	its.it_value = ts_of(real + TIMER_AHEAD_MS * 1000000LL);
	r = timer_create(CLOCK_REALTIME, &ev, &t);
	check(r == 0 && timer_settime(t, TIMER_ABSTIME, &its, NULL) == 0,
	      "a POSIX timer at an absolute realtime %d ms ahead", TIMER_AHEAD_MS);
	ts = ts_of(now_ns(CLOCK_REALTIME) + STEP_MS * 1000000LL);
	mono = now_ns(CLOCK_MONOTONIC);
	clock_settime(CLOCK_REALTIME, &ts);
	{
		struct timespec wait = { SLACK_S * 2, 0 };

		r = sigtimedwait(&set, &si, &wait);
	}
	check(r == SIG_T && now_ns(CLOCK_MONOTONIC) - mono < TIMER_WITHIN_MS * 1000000LL,
	      "stepping the clock %d ms forward fires it early (%lld ms)", STEP_MS,
	      (long long)((now_ns(CLOCK_MONOTONIC) - mono) / 1000000));
	if (r == 0 || r == SIG_T)
		timer_delete(t);

	/* The same for a timerfd, and TFD_TIMER_CANCEL_ON_SET. */
	fd = timerfd_create(CLOCK_REALTIME, 0);
	its.it_value = ts_of(now_ns(CLOCK_REALTIME) + TIMER_AHEAD_MS * 1000000LL);
	timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL);
	ts = ts_of(now_ns(CLOCK_REALTIME) + STEP_MS * 1000000LL);
	mono = now_ns(CLOCK_MONOTONIC);
	clock_settime(CLOCK_REALTIME, &ts);
	ticks = 0;
	check(read(fd, &ticks, sizeof(ticks)) == sizeof(ticks) && ticks == 1 &&
	      now_ns(CLOCK_MONOTONIC) - mono < TIMER_WITHIN_MS * 1000000LL,
	      "a timerfd at an absolute realtime fires early too (%lld ms)",
	      (long long)((now_ns(CLOCK_MONOTONIC) - mono) / 1000000));
	its.it_value = ts_of(now_ns(CLOCK_REALTIME) + JUMP_S * NS);
	timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
	ts = ts_of(now_ns(CLOCK_REALTIME) + NS);
	clock_settime(CLOCK_REALTIME, &ts);
	{
		struct pollfd p = { .fd = fd, .events = POLLIN };

		check(poll(&p, 1, 0) == 1 && (p.revents & POLLIN),
		      "TFD_TIMER_CANCEL_ON_SET: readable once the clock is set");
	}
	errno = 0;
	check(read(fd, &ticks, sizeof(ticks)) == -1 && errno == ECANCELED,
	      "and its read is ECANCELED");
	close(fd);

	check(settimeofday(NULL, &tz) == 0 && gettimeofday(&tv, &got) == 0 &&
	      got.tz_minuteswest == TZ_WEST, "settimeofday's time zone: gettimeofday says %d",
	      got.tz_minuteswest);
	tz.tz_minuteswest = 0;
	settimeofday(NULL, &tz);

	memset(&tx, 0, sizeof(tx));
	tx.modes = ADJ_SETOFFSET;
	tx.time.tv_sec = 1;
	real = now_ns(CLOCK_REALTIME);
	r = adjtimex(&tx);
	check(r >= 0 && now_ns(CLOCK_REALTIME) - real >= NS &&
	      now_ns(CLOCK_REALTIME) - real < SLACK_S * NS, "ADJ_SETOFFSET of 1 s steps the clock");
	memset(&tx, 0, sizeof(tx));
	tx.modes = ADJ_STATUS | ADJ_MAXERROR;
	tx.status = 0;
	tx.maxerror = 0;
	r = adjtimex(&tx);
	check(r == TIME_OK && !(tx.status & STA_UNSYNC), "ADJ_STATUS 0: TIME_OK (%d)", r);
	memset(&tx, 0, sizeof(tx));
	tx.modes = ADJ_STATUS;
	tx.status = STA_UNSYNC;
	r = adjtimex(&tx);
	check(r == TIME_ERROR && (tx.status & STA_UNSYNC), "STA_UNSYNC again: TIME_ERROR (%d)", r);

	/* Put the clock back where it would be. */
	ts = ts_of(real0 + (now_ns(CLOCK_MONOTONIC) - mono0));
	check(clock_settime(CLOCK_REALTIME, &ts) == 0 &&
	      llabs(now_ns(CLOCK_REALTIME) - (real0 + now_ns(CLOCK_MONOTONIC) - mono0)) <
	      SLACK_S * NS, "the clock is put back");
	tv.tv_sec = ts.tv_sec;
	tv.tv_usec = ts.tv_nsec / 1000;
	check(settimeofday(&tv, NULL) == 0, "settimeofday to the same time: 0");
}

int main(void)
{
	tap_plan(PLAN);
	test_errors();
	test_report();
	check_as_nobody(not_root, "as nobody: setting is EPERM, adjtimex reads");
	if (in_test_machine() && getuid() == 0) {
		test_set();
	} else {
		for (int i = 0; i < SET_CHECKS; i++)
			skip("setting the clock: only in the test machines, as root");
	}
	return tap_failures;
}
