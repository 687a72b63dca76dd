/*
 * smp_stress.c: threads and processes on every CPU at once (issue 19),
 * each part for a bounded time or count, every result checked:
 *   - a page unmapped and mapped again while threads on the other CPUs
 *     read it: once munmap returned, no thread reads the old frame
 *     (a stale TLB entry would; mm/tlb.c's shootdown prevents it);
 *   - a page made PROT_NONE and back while they read it: once mprotect
 *     returned, a read faults;
 *   - futex ping-pong between threads on two CPUs: no wake-up is lost
 *     (a lost one hangs, and the watchdog alarm kills the test);
 *   - pipes between processes on different CPUs carry every byte;
 *   - fork, exec and exit on every CPU at once;
 *   - signals to a thread spinning in user mode on another CPU all
 *     arrive (sched_kick_running).
 * Threads are pinned round-robin over the CPUs this process may use
 * (one CPU: all on it). Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "abi_tap.h"

#define PLAN			6
#define STRESS_PAGE		4096
#define STRESS_PART_NS		1000000000LL	/* each memory part: 1 s */
#define STRESS_MAX_CPUS		64
#define STRESS_READERS_MAX	8
#define STRESS_PINGPONGS	2000
#define STRESS_PIPE_BYTES	(256 * 1024)
#define STRESS_EXECS		10		/* per CPU */
#define STRESS_SIGNALS		200
#define STRESS_WATCHDOG_S	240		/* a hang fails instead of blocking */
#define STRESS_CHILD_ARG	"smp-stress-child"
#define STRESS_CHILD_STATUS	42
/* What the page of step g holds: never 0, which a new page reads as. */
#define STRESS_VALUE(g)		((g) + 0x5a5a0000ULL)

static int cpu_list[STRESS_MAX_CPUS];
static int ncpus;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Pins the caller to the i-th CPU of the list (round-robin). */
static void pin(int i)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu_list[i % ncpus], &one);
	sched_setaffinity(0, sizeof(one), &one);
}

/* ---- reads that may fault ------------------------------------------------- */

static __thread sigjmp_buf fault_jmp;
static __thread volatile int fault_armed;

static void on_segv(int sig)
{
	if (!fault_armed)
		_exit(128 + sig);
	fault_armed = 0;
	siglongjmp(fault_jmp, 1);
}

/* Reads *p: 0 and the value, or -1 if the read faulted. */
static int try_read(const volatile uint64_t *p, uint64_t *v)
{
	if (sigsetjmp(fault_jmp, 1))
		return -1;
	fault_armed = 1;
	*v = *p;
	fault_armed = 0;
	return 0;
}

/* ---- a page unmapped, mapped again, protected: no stale reads -------------- */

struct mem_part {
	volatile uint64_t *page;
	uint64_t state;		/* the writer's step, published after each call */
	int stop;
	int protect;		/* 1: mprotect toggling, 0: munmap/mmap */
	int next_cpu;		/* readers take CPUs 1, 2... of the list */
	long bad, reads, faults;
	uint64_t bad_state, bad_value;	/* the first stale read, for the report */
};

/*
 * Unmap mode: state 2g means the page is mapped holding STRESS_VALUE(g);
 * 2g+1 means munmap returned (a new page may be mapped, still 0 or
 * already holding the next value).
 * Protect mode: odd means mprotect(PROT_NONE) returned and the writer
 * has not yet begun making the page readable again (it publishes the
 * even step before that mprotect). A reader checks only when the state did not move around its
 * read, so every verdict is one a correct kernel must give.
 */
static void *mem_reader(void *arg)
{
	struct mem_part *m = arg;

	pin(__atomic_add_fetch(&m->next_cpu, 1, __ATOMIC_RELAXED));
	while (!__atomic_load_n(&m->stop, __ATOMIC_ACQUIRE)) {
		uint64_t s1 = __atomic_load_n(&m->state, __ATOMIC_ACQUIRE), s2, v = 0;
		int faulted = try_read(m->page, &v);

		s2 = __atomic_load_n(&m->state, __ATOMIC_ACQUIRE);
		if (s1 != s2)
			continue;
		__atomic_add_fetch(faulted ? &m->faults : &m->reads, 1, __ATOMIC_RELAXED);
		if (faulted)
			continue;
		if (m->protect ? (s1 & 1)
			       : (s1 & 1) ? v == STRESS_VALUE(s1 / 2) : v != STRESS_VALUE(s1 / 2)) {
			if (__atomic_add_fetch(&m->bad, 1, __ATOMIC_RELAXED) == 1) {
				m->bad_state = s1;
				m->bad_value = v;
			}
		}
	}
	return NULL;
}

static int mem_writer_step(struct mem_part *m, uint64_t g)
{
	void *addr = (void *)m->page;

	if (m->protect) {
		if (mprotect(addr, STRESS_PAGE, PROT_NONE))
			return -1;
		__atomic_store_n(&m->state, 2 * g + 1, __ATOMIC_RELEASE);
		sched_yield();
		/* Published first: from here on a read may succeed again. */
		__atomic_store_n(&m->state, 2 * g + 2, __ATOMIC_RELEASE);
		if (mprotect(addr, STRESS_PAGE, PROT_READ | PROT_WRITE))
			return -1;
		sched_yield();	/* on one CPU the readers run in both states */
		return 0;
	}
	if (munmap(addr, STRESS_PAGE))
		return -1;
	__atomic_store_n(&m->state, 2 * g + 1, __ATOMIC_RELEASE);
	sched_yield();
	if (mmap(addr, STRESS_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) != addr)
		return -1;
	*m->page = STRESS_VALUE(g + 1);
	__atomic_store_n(&m->state, 2 * g + 2, __ATOMIC_RELEASE);
	sched_yield();
	return 0;
}

static void mem_part_run(int protect, const char *what)
{
	struct mem_part m = { 0 };
	pthread_t th[STRESS_READERS_MAX];
	int readers = ncpus > 1 ? (ncpus - 1 < STRESS_READERS_MAX ? ncpus - 1 : STRESS_READERS_MAX)
				: 1;
	long long end;
	uint64_t g = 0;
	int err = 0;

	m.protect = protect;
	m.page = mmap(NULL, STRESS_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m.page == MAP_FAILED) {
		check(0, "%s: mmap", what);
		return;
	}
	*m.page = STRESS_VALUE(0);	/* state 0: step 0's page */
	pin(0);
	for (int i = 0; i < readers; i++)
		pthread_create(&th[i], NULL, mem_reader, &m);
	for (end = now_ns() + STRESS_PART_NS; now_ns() < end && !err; g++)
		err = mem_writer_step(&m, g);
	__atomic_store_n(&m.stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < readers; i++)
		pthread_join(th[i], NULL);
	munmap((void *)m.page, STRESS_PAGE);
	check(!err && m.bad == 0 && m.reads > 0,
	      "%s: %llu changes, %d readers: %ld reads, %ld faults, %ld stale", what,
	      (unsigned long long)g, readers, m.reads, m.faults, m.bad);
	if (m.bad)
		diag("first stale read: %llu in state %llu", (unsigned long long)m.bad_value,
		     (unsigned long long)m.bad_state);
}

/* ---- futex ping-pong ------------------------------------------------------- */

static uint32_t pp_turn;	/* 0: the main thread's turn, 1: the partner's */

static void futex_wait_while(uint32_t *word, uint32_t val)
{
	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) == val)
		syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_set_wake(uint32_t *word, uint32_t val)
{
	__atomic_store_n(word, val, __ATOMIC_RELEASE);
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *pp_partner(void *arg)
{
	(void)arg;
	pin(1);
	for (int i = 0; i < STRESS_PINGPONGS; i++) {
		futex_wait_while(&pp_turn, 0);
		futex_set_wake(&pp_turn, 0);
	}
	return NULL;
}

static void part_futex(void)
{
	pthread_t th;
	int i;

	pin(0);
	pp_turn = 0;
	pthread_create(&th, NULL, pp_partner, NULL);
	for (i = 0; i < STRESS_PINGPONGS; i++) {
		futex_set_wake(&pp_turn, 1);
		futex_wait_while(&pp_turn, 1);
	}
	pthread_join(th, NULL);
	check(i == STRESS_PINGPONGS, "futex ping-pong across CPUs: %d round trips, none lost", i);
}

/* ---- pipes between processes ------------------------------------------------ */

static uint8_t pipe_byte(size_t i)
{
	return (uint8_t)(i * 7 + (i >> 9));
}

/* A writer on CPU k, a reader on CPU k+1; the reader's status: 0 if all came right. */
static int pipe_pair(int k)
{
	int fds[2], status;
	pid_t w, r;

	if (pipe(fds))
		return -1;
	w = fork();
	if (w == 0) {
		uint8_t buf[3000];
		size_t sent = 0;

		pin(k);
		close(fds[0]);
		while (sent < STRESS_PIPE_BYTES) {
			size_t n = STRESS_PIPE_BYTES - sent < sizeof(buf) ? STRESS_PIPE_BYTES - sent
									    : sizeof(buf);
			for (size_t i = 0; i < n; i++)
				buf[i] = pipe_byte(sent + i);
			if (write(fds[1], buf, n) != (ssize_t)n)
				_exit(1);
			sent += n;
		}
		_exit(0);
	}
	r = fork();
	if (r == 0) {
		uint8_t buf[4096];
		size_t got = 0;
		ssize_t n;

		pin(k + 1);
		close(fds[1]);
		while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
			for (ssize_t i = 0; i < n; i++)
				if (buf[i] != pipe_byte(got + (size_t)i))
					_exit(2);
			got += (size_t)n;
		}
		_exit(n == 0 && got == STRESS_PIPE_BYTES ? 0 : 3);
	}
	close(fds[0]);
	close(fds[1]);
	if (w < 0 || r < 0 || waitpid(w, &status, 0) != w || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	if (waitpid(r, &status, 0) != r || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void part_pipes(void)
{
	int bad = 0, pairs = ncpus < 2 ? 2 : ncpus;

	for (int k = 0; k < pairs; k++)
		if (pipe_pair(k))
			bad++;
	check(bad == 0, "pipes: %d writer/reader pairs on different CPUs, %d KiB each, %d bad",
	      pairs, STRESS_PIPE_BYTES / 1024, bad);
}

/* ---- fork, exec, exit on every CPU ------------------------------------------ */

static void part_exec(char *self)
{
	pid_t workers[STRESS_MAX_CPUS];
	int bad = 0, n = ncpus < 2 ? 2 : ncpus;

	for (int k = 0; k < n; k++) {
		workers[k] = fork();
		if (workers[k] == 0) {
			pin(k);
			for (int i = 0; i < STRESS_EXECS; i++) {
				char *const argv[] = { self, STRESS_CHILD_ARG, NULL };
				int status;
				pid_t c = fork();

				if (c == 0) {
					execv("/proc/self/exe", argv);
					_exit(127);
				}
				if (c < 0 || waitpid(c, &status, 0) != c || !WIFEXITED(status) ||
				    WEXITSTATUS(status) != STRESS_CHILD_STATUS)
					_exit(1);
			}
			_exit(0);
		}
	}
	for (int k = 0; k < n; k++) {
		int status;

		if (workers[k] < 0 || waitpid(workers[k], &status, 0) != workers[k] ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	}
	check(bad == 0, "fork/exec/exit: %d workers on their CPUs, %d execs each, %d failed", n,
	      STRESS_EXECS, bad);
}

/* ---- signals to a thread running on another CPU ------------------------------ */

static volatile sig_atomic_t sig_count;
static int spin_stop;

static void on_usr1(int sig)
{
	(void)sig;
	sig_count++;
}

static void *spinner(void *arg)
{
	(void)arg;
	pin(1);
	while (!__atomic_load_n(&spin_stop, __ATOMIC_ACQUIRE))
		;
	return NULL;
}

static void part_signals(void)
{
	pthread_t th;
	sigset_t usr1;
	int sent;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	signal(SIGUSR1, on_usr1);
	pin(0);
	pthread_create(&th, NULL, spinner, NULL);
	/* Only the spinner takes SIGUSR1: the main thread blocks it. */
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);
	for (sent = 0; sent < STRESS_SIGNALS; sent++) {
		int before = sig_count;

		if (pthread_kill(th, SIGUSR1))
			break;
		while (sig_count == before)
			sched_yield();
	}
	__atomic_store_n(&spin_stop, 1, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	check(sent == STRESS_SIGNALS && sig_count == STRESS_SIGNALS,
	      "signals to a thread spinning on another CPU: %d sent, %d handled", sent,
	      (int)sig_count);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	cpu_set_t all;

	if (argc > 1 && !strcmp(argv[1], STRESS_CHILD_ARG))
		return STRESS_CHILD_STATUS;
	tap_plan(PLAN);
	alarm(STRESS_WATCHDOG_S);
	CPU_ZERO(&all);
	sched_getaffinity(0, sizeof(all), &all);
	for (int c = 0; c < STRESS_MAX_CPUS; c++)
		if (CPU_ISSET(c, &all))
			cpu_list[ncpus++] = c;
	if (!ncpus)
		cpu_list[ncpus++] = 0;
	diag("%d CPUs", ncpus);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_segv;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);

	mem_part_run(0, "munmap/mmap while other CPUs read");
	mem_part_run(1, "mprotect while other CPUs read");
	part_futex();
	part_pipes();
	part_exec(argv[0]);
	part_signals();
	sched_setaffinity(0, sizeof(all), &all);
	return tap_done();
}
