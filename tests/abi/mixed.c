/*
 * mixed.c: one unmodified glibc-static program that uses threads,
 * signals and fork/exec together, as issue 3's acceptance asks: worker
 * threads counting under a mutex and waiting on a condition variable, a
 * signal aimed at one thread (pthread_kill) and handled there, SIGCHLD
 * from a forked child that execs this program again, and a fork made
 * while the other threads exist (only the caller survives in the child).
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "abi_tap.h"

#define PLAN		8
#define NTHREADS	3
#define ROUNDS		1000
#define CHILD_ARG	"--exec-child"
#define CHILD_STATUS	7

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int released;
static long counter;
static pid_t worker_tids[NTHREADS];
static volatile sig_atomic_t usr1_tid;
static volatile sig_atomic_t chld_count;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_tid = (sig_atomic_t)syscall(SYS_gettid);
}

static void on_chld(int sig)
{
	(void)sig;
	chld_count++;
}

static void *worker(void *arg)
{
	long id = (long)arg;

	worker_tids[id] = (pid_t)syscall(SYS_gettid);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	while (!released)
		pthread_cond_wait(&go, &lock);
	pthread_mutex_unlock(&lock);
	return (void *)(id + 1);
}

/* Waits until every worker has published its tid and counted. */
static void wait_for_workers(void)
{
	for (;;) {
		int ready = 1;

		pthread_mutex_lock(&lock);
		for (int i = 0; i < NTHREADS; i++)
			ready &= worker_tids[i] != 0;
		ready &= counter == (long)NTHREADS * ROUNDS;
		pthread_mutex_unlock(&lock);
		if (ready)
			return;
		sched_yield();
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	pthread_t th[NTHREADS];
	sigset_t block, old;
	int status = -1, joined_ok = 1;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], CHILD_ARG))
		return CHILD_STATUS;
	tap_plan(PLAN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);

	/*
	 * SIGCHLD is blocked before the workers start, so they inherit the
	 * block: the child's SIGCHLD stays pending for the process until the
	 * main thread unblocks it, rather than running at some moment in
	 * whichever worker the kernel picks.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	wait_for_workers();
	check(counter == (long)NTHREADS * ROUNDS, "%d threads counted %ld under a mutex",
	      NTHREADS, counter);

	/* The signal runs its handler in the thread it was sent to. */
	pthread_kill(th[1], SIGUSR1);
	for (int spin = 0; !usr1_tid && spin < 1000000; spin++)
		sched_yield();
	check(usr1_tid == worker_tids[1], "pthread_kill: the handler ran in the target thread");

	/* fork with threads running: the child has one thread, and execs us. */
	pid = fork();
	if (pid == 0) {
		char *const cargv[] = { argv[0], CHILD_ARG, NULL };

		execv(argv[0], cargv);
		_exit(127);
	}
	check(pid > 0 && waitpid(pid, &status, 0) == pid, "fork and waitpid with threads running");
	check(WIFEXITED(status) && WEXITSTATUS(status) == CHILD_STATUS,
	      "the child exec'd this program again (status %#x)", status);
	sigprocmask(SIG_SETMASK, &old, NULL);	/* the pending SIGCHLD arrives */
	check(chld_count == 1, "SIGCHLD handled once it was unblocked (%d)", (int)chld_count);

	pthread_mutex_lock(&lock);
	released = 1;
	pthread_cond_broadcast(&go);
	pthread_mutex_unlock(&lock);
	for (long i = 0; i < NTHREADS; i++) {
		void *ret = NULL;

		joined_ok &= pthread_join(th[i], &ret) == 0 && ret == (void *)(i + 1);
	}
	check(joined_ok, "the condition variable released every worker; joins return values");
	check(getpid() == (pid_t)syscall(SYS_gettid), "the main thread's tid is the pid");
	check(kill(getpid(), 0) == 0, "the process is still whole");
	return tap_done();
}
