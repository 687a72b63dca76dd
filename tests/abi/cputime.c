/*
 * cputime.c: user and system time told apart (getrusage(2), times(2),
 * /proc/self/stat's utime and stime): a phase of reads from /dev/zero
 * spends its time in the kernel, a phase of arithmetic in user mode, and
 * each must show up in its own counter. Each phase runs until the
 * process's CPU clock has advanced PHASE_NS, so the checks compare
 * counters, not durations. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		4
#define PHASE_NS	300000000LL	/* 30 ticks of a 100 Hz clock */
#define CHUNK		(1 << 20)
#define NS_PER_SEC	1000000000LL
#define NS_PER_USEC	1000LL

static char chunk[CHUNK];

static int64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

static int64_t tv_ns(struct timeval tv)
{
	return (int64_t)tv.tv_sec * NS_PER_SEC + (int64_t)tv.tv_usec * NS_PER_USEC;
}

/* Kernel work: copying zeros out of /dev/zero. */
static void kernel_phase(int zero)
{
	int64_t end = cpu_ns() + PHASE_NS;

	while (cpu_ns() < end)
		if (read(zero, chunk, sizeof(chunk)) < 0)
			return;
}

/* User work: arithmetic the compiler cannot drop. */
static void user_phase(void)
{
	int64_t end = cpu_ns() + PHASE_NS;
	volatile uint64_t x = 1;

	while (cpu_ns() < end)
		for (int i = 0; i < 100000; i++)
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
}

/* /proc/self/stat's utime and stime (fields 14 and 15), in ticks. */
static int stat_times(unsigned long long *ut, unsigned long long *st)
{
	char buf[1024], *close;
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	close = strrchr(buf, ')');
	return close && sscanf(close + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			       ut, st) == 2;
}

int main(void)
{
	struct rusage r0, r1, r2;
	struct tms t;
	unsigned long long ut = 0, st = 0;
	int have_times, have_stat, zero = open("/dev/zero", O_RDONLY);

	tap_plan(PLAN);
	getrusage(RUSAGE_SELF, &r0);
	kernel_phase(zero);
	getrusage(RUSAGE_SELF, &r1);
	user_phase();
	getrusage(RUSAGE_SELF, &r2);
	check(zero >= 0 && tv_ns(r1.ru_stime) > tv_ns(r0.ru_stime),
	      "reading /dev/zero adds system time (%lld ms)",
	      (long long)((tv_ns(r1.ru_stime) - tv_ns(r0.ru_stime)) / 1000000));
	check(tv_ns(r2.ru_utime) - tv_ns(r1.ru_utime) > tv_ns(r2.ru_stime) - tv_ns(r1.ru_stime),
	      "arithmetic adds more user time than system time (%lld ms against %lld ms)",
	      (long long)((tv_ns(r2.ru_utime) - tv_ns(r1.ru_utime)) / 1000000),
	      (long long)((tv_ns(r2.ru_stime) - tv_ns(r1.ru_stime)) / 1000000));
	/* Read first: check's arguments are evaluated in no set order. */
	have_times = times(&t) != (clock_t)-1;
	have_stat = stat_times(&ut, &st);
	check(have_times && t.tms_stime > 0 && t.tms_utime > 0,
	      "times: user %ld and system %ld ticks, both counted", (long)t.tms_utime,
	      (long)t.tms_stime);
	check(have_stat && ut > 0 && st > 0,
	      "/proc/self/stat: utime %llu and stime %llu, both counted", ut, st);
	close(zero);
	return tap_done();
}
