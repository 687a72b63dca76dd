/*
 * time.c: clock_gettime(2), clock_getres(2), gettimeofday(2), time(2),
 * nanosleep(2) and clock_nanosleep(2): monotonic order, the clocks
 * agreeing, sleeps never ending early, absolute sleeps, EINVAL for bad
 * timespecs and clock ids, EFAULT (raw system calls: glibc's vDSO path
 * would crash instead), CPU-time clocks advancing, and a sleep cut
 * short by a signal (EINTR, rem). Prints TAP; exits with the failure
 * count.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		20
#define NS		1000000000L
#define SLEEP_NS	20000000L
#define SIGNAL_AFTER_NS	30000000L
#define LONG_SLEEP_S	3
#define BUSY_LIMIT_NS	(2 * NS)
#define BAD_ADDR	0x100000000000L
#define BAD_CLOCK	42
#define COARSE_MAX_NS	10000000L	/* Linux: 1/HZ, 1..4 ms; Basalt 10 ms */

static int64_t ns_of(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * NS + ts->tv_nsec;
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ns_of(&ts);
}

static void on_usr1(int sig)
{
	(void)sig;
}

int main(void)
{
	struct timespec a, b, req, rem;
	struct timeval tv;
	int64_t t0, prev;
	int ordered = 1, r;

	tap_plan(PLAN);
	prev = mono_ns();
	for (int i = 0; i < 1000; i++) {
		int64_t now = mono_ns();

		ordered &= now >= prev;
		prev = now;
	}
	check(ordered, "CLOCK_MONOTONIC never goes backwards (1000 reads)");
	{
		int valid = 1;
		clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW,
				    CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE,
				    CLOCK_BOOTTIME, CLOCK_PROCESS_CPUTIME_ID,
				    CLOCK_THREAD_CPUTIME_ID };

		for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			valid &= clock_gettime(ids[i], &a) == 0 && a.tv_nsec >= 0 &&
				 a.tv_nsec < NS && a.tv_sec >= 0;
		}
		check(valid, "every clock id gives a valid timespec");
	}
	clock_gettime(CLOCK_REALTIME, &a);
	gettimeofday(&tv, NULL);
	check(tv.tv_sec - a.tv_sec <= 1 && tv.tv_sec >= a.tv_sec && time(NULL) >= tv.tv_sec &&
	      time(NULL) - tv.tv_sec <= 1, "CLOCK_REALTIME, gettimeofday and time agree");
	check(raw(SYS_gettimeofday, &tv, 0, 0) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000,
	      "gettimeofday with a NULL timezone");
	r = (int)raw(SYS_clock_getres, CLOCK_MONOTONIC, &a, 0);
	check(r == 0 && a.tv_sec == 0 &&
	      a.tv_nsec > 0 && a.tv_nsec <= 1000000, "CLOCK_MONOTONIC resolution %ld ns",
	      (long)a.tv_nsec);
	r = (int)raw(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &a, 0);
	check(r == 0 && a.tv_sec == 0 &&
	      a.tv_nsec > 0 && a.tv_nsec <= COARSE_MAX_NS, "CLOCK_MONOTONIC_COARSE resolution %ld ns",
	      (long)a.tv_nsec);
	check(raw(SYS_clock_getres, CLOCK_REALTIME, 0, 0) == 0, "clock_getres with a NULL res");
	check(raw(SYS_clock_gettime, BAD_CLOCK, &a, 0) == -EINVAL &&
	      raw(SYS_clock_getres, BAD_CLOCK, &a, 0) == -EINVAL, "an unknown clock id: EINVAL");
	check(raw(SYS_clock_gettime, CLOCK_MONOTONIC, BAD_ADDR, 0) == -EFAULT &&
	      raw(SYS_clock_gettime, CLOCK_REALTIME, 0, 0) == -EFAULT &&
	      raw(SYS_gettimeofday, BAD_ADDR, 0, 0) == -EFAULT &&
	      raw(SYS_time, BAD_ADDR, 0, 0) == -EFAULT, "bad pointers: EFAULT");

	req = (struct timespec){ 0, SLEEP_NS };
	t0 = mono_ns();
	r = nanosleep(&req, &rem);
	check(r == 0 && mono_ns() - t0 >= SLEEP_NS, "nanosleep of 20 ms lasts at least 20 ms");
	req = (struct timespec){ 0, NS };
	errno = 0;
	check(nanosleep(&req, NULL) == -1 && errno == EINVAL, "nanosleep tv_nsec = 1e9: EINVAL");
	req = (struct timespec){ 0, -1 };
	errno = 0;
	check(nanosleep(&req, NULL) == -1 && errno == EINVAL, "nanosleep tv_nsec = -1: EINVAL");
	req = (struct timespec){ -1, 0 };
	errno = 0;
	check(nanosleep(&req, NULL) == -1 && errno == EINVAL, "nanosleep tv_sec = -1: EINVAL");

	/* clock_nanosleep returns the error number itself. */
	clock_gettime(CLOCK_MONOTONIC, &a);
	check(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &a, NULL) == 0,
	      "clock_nanosleep TIMER_ABSTIME in the past returns at once");
	t0 = mono_ns() + SLEEP_NS;
	b = (struct timespec){ t0 / NS, t0 % NS };
	check(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &b, NULL) == 0 && mono_ns() >= t0,
	      "clock_nanosleep TIMER_ABSTIME 20 ms ahead: not woken early");
	req = (struct timespec){ 0, NS };
	check(clock_nanosleep(CLOCK_REALTIME, 0, &req, NULL) == EINVAL &&
	      clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL) == EINVAL &&
	      clock_nanosleep(BAD_CLOCK, 0, &req, NULL) == EINVAL,
	      "clock_nanosleep: EINVAL for a bad timespec, the thread CPU clock, a bad id");

	/* Burn CPU until the process clock moves (tick-based on Basalt). */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	t0 = mono_ns();
	do {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	} while (ns_of(&b) == ns_of(&a) && mono_ns() - t0 < BUSY_LIMIT_NS);
	check(ns_of(&b) > ns_of(&a), "CLOCK_PROCESS_CPUTIME_ID advances while running");
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
	check(ns_of(&a) > 0 && ns_of(&a) <= ns_of(&b) + NS / 100,
	      "CLOCK_THREAD_CPUTIME_ID of the only thread: at most the process's");

	{
		clockid_t cid;

		r = clock_getcpuclockid(0, &cid);
		check(r == 0 && clock_gettime(cid, &a) == 0 && ns_of(&a) > 0,
		      "clock_getcpuclockid(0)'s clock reads the process CPU time");
	}

	/* A child signals us in the middle of a long sleep. */
	{
		struct sigaction sa;
		pid_t parent = getpid(), pid;
		int status;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;	/* no SA_RESTART */
		sigaction(SIGUSR1, &sa, NULL);
		pid = fork();
		if (pid == 0) {
			struct timespec d = { 0, SIGNAL_AFTER_NS };

			nanosleep(&d, NULL);
			kill(parent, SIGUSR1);
			_exit(0);
		}
		req = (struct timespec){ LONG_SLEEP_S, 0 };
		rem = (struct timespec){ -1, -1 };
		errno = 0;
		r = nanosleep(&req, &rem);
		check(r == -1 && errno == EINTR && rem.tv_sec >= 0 && rem.tv_sec < LONG_SLEEP_S &&
		      rem.tv_nsec >= 0 && rem.tv_nsec < NS && ns_of(&rem) > 0,
		      "a signal ends nanosleep: EINTR, rem %lld.%09ld s", (long long)rem.tv_sec,
		      (long)rem.tv_nsec);
		waitpid(pid, &status, 0);
	}
	return tap_done();
}
