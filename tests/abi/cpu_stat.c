/*
 * cpu_stat.c: the per-CPU files of /proc (proc(5)) agree with the CPUs a
 * process may use: one "cpuN" line of /proc/stat and one "processor"
 * block of /proc/cpuinfo per CPU, the "cpu" line the sum of the others,
 * /proc/uptime's idle time the sum of every CPU's, and user time charged
 * to the CPU that ran it. Pins itself to each CPU in turn
 * (sched_setaffinity) and spins in user mode there. Prints TAP; exits
 * with the failure count.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		7
#define STAT_MAX_CPUS	64
#define STAT_USER_HZ	100	/* USER_HZ on x86_64 (proc(5)) */
#define SPIN_NS		200000000LL
/*
 * Additions between two clock reads: a read may be a system call (newlib
 * has no vDSO path, a kernel may lack one), and the spinner must spend
 * its time in user mode, not in the clock.
 */
#define SPIN_STEPS	100000
/* A spinner shares its CPU with the host's other work: a fair share. */
#define SPIN_MIN_TICKS	3
/* Two reads of the sums are a few ticks apart on each CPU. */
#define SUM_SLACK_TICKS	4

struct cpu_ticks {
	unsigned long long user, system, idle;
};

struct stat_snapshot {
	struct cpu_ticks all;			/* the "cpu" line */
	struct cpu_ticks cpu[STAT_MAX_CPUS];	/* "cpuN" lines */
	int lines;				/* how many "cpuN" lines */
	int in_order;				/* N counted 0, 1, 2... */
};

static int stat_read(struct stat_snapshot *s)
{
	char line[512];
	unsigned long long v[4];
	FILE *f = fopen("/proc/stat", "r");
	int n, ok = 0;

	memset(s, 0, sizeof(*s));
	s->in_order = 1;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		/* user nice system idle: the first four columns */
		if (sscanf(line, "cpu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) == 4 &&
		    line[3] == ' ') {
			s->all = (struct cpu_ticks){ v[0] + v[1], v[2], v[3] };
			ok = 1;
		} else if (sscanf(line, "cpu%d %llu %llu %llu %llu", &n, &v[0], &v[1], &v[2],
				  &v[3]) == 5) {
			if (n != s->lines)
				s->in_order = 0;
			if (n >= 0 && n < STAT_MAX_CPUS)
				s->cpu[n] = (struct cpu_ticks){ v[0] + v[1], v[2], v[3] };
			s->lines++;
		}
	}
	fclose(f);
	return ok ? 0 : -1;
}

static int cpuinfo_processors(void)
{
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "processor", strlen("processor")))
			n++;
	if (f)
		fclose(f);
	return f ? n : -1;
}

static unsigned long long diff(unsigned long long a, unsigned long long b)
{
	return a > b ? a - b : b - a;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Spins in user mode on CPU cpu: the ticks its /proc/stat line gained. */
static long long user_ticks_on(int cpu, int *ran_there)
{
	struct stat_snapshot before, after;
	cpu_set_t one;
	volatile unsigned long sink = 0;
	long long end;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) || stat_read(&before))
		return -1;
	*ran_there = sched_getcpu() == cpu;
	for (end = now_ns() + SPIN_NS; now_ns() < end;)
		for (int i = 0; i < SPIN_STEPS; i++)
			sink += i;
	*ran_there &= sched_getcpu() == cpu;
	if (stat_read(&after))
		return -1;
	return (long long)(after.cpu[cpu].user - before.cpu[cpu].user);
}

int main(void)
{
	struct stat_snapshot s;
	struct cpu_ticks sum = { 0, 0, 0 };
	cpu_set_t all;
	int cpus, ok, worst_cpu = -1;
	long long least = -1;
	double up, idle;
	FILE *f;

	tap_plan(PLAN);
	CPU_ZERO(&all);
	if (sched_getaffinity(0, sizeof(all), &all)) {
		check(0, "sched_getaffinity");
		return tap_done();
	}
	cpus = CPU_COUNT(&all);

	ok = stat_read(&s) == 0;
	check(ok && s.in_order && s.lines >= cpus && s.lines <= STAT_MAX_CPUS,
	      "/proc/stat: one cpuN line per CPU, in order (%d lines, %d CPUs in the mask)",
	      s.lines, cpus);
	check(cpuinfo_processors() == s.lines, "/proc/cpuinfo: %d processor blocks, one per CPU",
	      cpuinfo_processors());

	for (int i = 0; i < s.lines && i < STAT_MAX_CPUS; i++) {
		sum.user += s.cpu[i].user;
		sum.system += s.cpu[i].system;
		sum.idle += s.cpu[i].idle;
	}
	check(diff(sum.user, s.all.user) <= (unsigned long long)SUM_SLACK_TICKS * s.lines &&
	      diff(sum.system, s.all.system) <= (unsigned long long)SUM_SLACK_TICKS * s.lines &&
	      diff(sum.idle, s.all.idle) <= (unsigned long long)SUM_SLACK_TICKS * s.lines,
	      "/proc/stat: the cpu line is the sum of the cpuN lines (user %llu/%llu, system "
	      "%llu/%llu, idle %llu/%llu)", s.all.user, sum.user, s.all.system, sum.system,
	      s.all.idle, sum.idle);

	f = fopen("/proc/uptime", "r");
	ok = f && fscanf(f, "%lf %lf", &up, &idle) == 2;
	if (f)
		fclose(f);
	ok = ok && stat_read(&s) == 0;
	check(ok && diff((unsigned long long)(idle * STAT_USER_HZ), s.all.idle)
	      <= (unsigned long long)STAT_USER_HZ * s.lines,
	      "/proc/uptime: idle %.2f s is every CPU's (/proc/stat: %llu ticks)", idle, s.all.idle);
	check(ok && idle <= up * s.lines + s.lines,
	      "/proc/uptime: idle %.2f s at most uptime %.2f s times %d CPUs", idle, up, s.lines);

	/* Each CPU in turn: the spinner's time lands on that CPU's line. */
	ok = 1;
	for (int cpu = 0; cpu < STAT_MAX_CPUS; cpu++) {
		int there = 0;
		long long got;

		if (!CPU_ISSET(cpu, &all))
			continue;
		got = user_ticks_on(cpu, &there);
		ok &= there;
		if (least < 0 || got < least) {
			least = got;
			worst_cpu = cpu;
		}
	}
	check(ok, "sched_getcpu: pinned to each CPU, ran on it");
	check(least >= SPIN_MIN_TICKS, "/proc/stat: %lld ms spinning on CPU %d gave its user "
	      "column %lld ticks (the least of the %d CPUs)", SPIN_NS / 1000000, worst_cpu, least,
	      cpus);
	sched_setaffinity(0, sizeof(all), &all);
	return tap_done();
}
