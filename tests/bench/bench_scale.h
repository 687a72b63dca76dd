/*
 * bench_scale.h: the scaling rows of make bench (issue 19). Each is one
 * fixed job split among as many workers as the process may use CPUs
 * (sched_getaffinity): a CPU-bound loop in N processes, the same in N
 * threads, and N shell loops running small programs (fork and exec).
 * run-bench.sh boots both kernels once more at -smp 2, where bench-init
 * runs only these rows, and prints each job's time at 1 and 2 CPUs and
 * the speedup. Included by bench-init.c.
 */
#ifndef BENCH_SCALE_H
#define BENCH_SCALE_H

#include <pthread.h>
#include <sched.h>

/* The CPU job: so many rounds of a xorshift step, split among workers. */
#define BENCH_SCALE_ROUNDS	200000000u
/* The fork/exec job: so many "sh -c" runs of the tiny program in all. */
#define BENCH_SCALE_SH_RUNS	120u
#define BENCH_SCALE_MAX_WORKERS	64

/* How many CPUs this process may run on: the number of workers. */
static unsigned bench_scale_workers(void)
{
	cpu_set_t set;
	int n;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set))
		return 1;
	n = CPU_COUNT(&set);
	if (n < 1)
		return 1;
	return n > BENCH_SCALE_MAX_WORKERS ? BENCH_SCALE_MAX_WORKERS : (unsigned)n;
}

/* Worker i's share of total (the first ones take the remainder). */
static unsigned bench_scale_share(unsigned total, unsigned workers, unsigned i)
{
	return total / workers + (i < total % workers);
}

/* The CPU-bound work: rounds of xorshift64 (no memory traffic). */
static uint64_t bench_scale_spin(unsigned rounds)
{
	uint64_t x = 88172645463325252ULL;

	for (unsigned i = 0; i < rounds; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	return x;
}

static volatile uint64_t bench_scale_sink;

/* N processes, each spinning its share; 0 if all exited 0. */
static int bench_scale_procs(unsigned n)
{
	unsigned workers = bench_scale_workers();
	pid_t pids[BENCH_SCALE_MAX_WORKERS];
	int rc = 0;

	(void)n;
	for (unsigned i = 0; i < workers; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			bench_scale_sink = bench_scale_spin(
				bench_scale_share(BENCH_SCALE_ROUNDS, workers, i));
			_exit(0);
		}
	}
	for (unsigned i = 0; i < workers; i++)
		if (bench_wait(pids[i]))
			rc = -1;
	return rc;
}

static void *bench_scale_thread(void *arg)
{
	bench_scale_sink = bench_scale_spin((unsigned)(uintptr_t)arg);
	return NULL;
}

/* N threads of this process, each spinning its share. */
static int bench_scale_threads(unsigned n)
{
	unsigned workers = bench_scale_workers();
	pthread_t th[BENCH_SCALE_MAX_WORKERS];
	unsigned started = 0;
	int rc = 0;

	(void)n;
	for (unsigned i = 0; i < workers; i++) {
		uintptr_t share = bench_scale_share(BENCH_SCALE_ROUNDS, workers, i);

		if (pthread_create(&th[i], NULL, bench_scale_thread, (void *)share)) {
			rc = -1;
			break;
		}
		started++;
	}
	for (unsigned i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	return rc;
}

/* N shells, each running its share of "sh -c tiny" one after another. */
static int bench_scale_sh(unsigned n)
{
	unsigned workers = bench_scale_workers();
	pid_t pids[BENCH_SCALE_MAX_WORKERS];
	char script[128];
	int rc = 0;

	(void)n;
	for (unsigned i = 0; i < workers; i++) {
		snprintf(script, sizeof(script),
			 "i=0; while [ $i -lt %u ]; do sh -c " BENCH_SMALL_PROG "; i=$((i+1)); done",
			 bench_scale_share(BENCH_SCALE_SH_RUNS, workers, i));
		pids[i] = fork();
		if (pids[i] == 0) {
			char *const argv[] = { "sh", "-c", script, NULL };

			execve("/bin/sh", argv, bench_envp);
			_exit(127);
		}
	}
	for (unsigned i = 0; i < workers; i++)
		if (bench_wait(pids[i]))
			rc = -1;
	return rc;
}

#endif /* BENCH_SCALE_H */
