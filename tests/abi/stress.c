/*
 * stress.c: what an unprivileged user can throw at the kernel, bounded
 * (issue 21): random system calls with random arguments from children
 * running as nobody (a fixed seed, so a failure replays), a fork bomb
 * under RLIMIT_NPROC, memory hogs, and pipe, pty and descriptor
 * exhaustion.
 * While each runs, root must keep working (a fork, a pipe, a read of
 * /proc/meminfo) and /proc/meminfo's MemAvailable must stay above zero.
 *
 * The random calls come from an allowlist of calls that act on the
 * caller only (no kill, ptrace, prlimit or process_vm_* on other pids,
 * no clone, exec or reboot; no changes to the signal setup the children
 * rely on): the host runs this too. Each child has an interval timer
 * whose handler interrupts blocking calls (no SA_RESTART); a child that
 * dies (SIGSEGV from a random munmap, say) or stalls is replaced and
 * the count goes on. make test issues STRESS_CALLS calls; make stress
 * builds stress_long.c (STRESS_LONG: a million) and runs it in Basalt.
 * Prints TAP, and the figures as diagnostics.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include "abi_tap.h"

#ifdef STRESS_LONG
#define STRESS_CALLS	1000000ULL
#else
#define STRESS_CALLS	4000ULL
#endif
#define STRESS_SEED	0x5eed2026ULL
#define FUZZ_CHILDREN	3
#define FUZZ_ARGS	6
#define FUZZ_BUF	8192
#define FUZZ_AS_LIMIT	(64ULL << 20)
#define FUZZ_FILES	64
#define FUZZ_FSIZE	(1 << 20)
#define FUZZ_TICK_US	20000		/* the interval timer that breaks blocking calls */
#define STALL_MS	10000		/* no progress for this long: the child is killed */
#define POLL_US		2000
#define NPROC_LIMIT	24
#define BOMB_TRIES	200
#define HOGS		2
#define HOG_AS_LIMIT	(96ULL << 20)
#define HOG_CHUNK	(1 << 20)
#define PIPE_NOFILE	4096
#define WAIT_READY_MS	60000

/* x86_64 system call numbers that act on the caller only (the allowlist). */
static const int fuzz_calls[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 18, 19, 20, 21, 22, 23, 24,
	25, 26, 27, 28, 32, 33, 35, 36, 39, 60, 63, 72, 73, 74, 77, 78, 79, 80, 81,
	82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 95, 96, 97, 98, 99, 100, 102, 104,
	107, 110, 111, 112, 115, 131, 137, 138, 143, 149, 150, 157, 158, 160, 186,
	201, 202, 204, 213, 217, 218, 228, 229, 230, 232, 233, 235, 257, 258, 262,
	263, 267, 269, 270, 271, 273, 274, 280, 281, 282, 283, 284, 285, 286, 287,
	289, 290, 291, 292, 293, 295, 296, 309, 318, 319, 326, 327, 328, 332, 436,
	439,
};

struct fuzz_shared {
	volatile uint64_t calls[FUZZ_CHILDREN];	/* issued by each slot's current child */
	volatile int started[FUZZ_CHILDREN];	/* it became nobody (random exits come after) */
};

static char scratch[] = "/tmp/stress.XXXXXX";
static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64* (Vigna): a fixed seed replays the same calls. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Drops root for nobody (when root); 0, or -1. */
static int become_nobody(void)
{
	if (getuid() != 0)
		return 0;
	return setgroups(0, NULL) || setgid(TAP_NOBODY) || setuid(TAP_NOBODY) ? -1 : 0;
}

static void set_limit(int res, rlim_t v)
{
	struct rlimit rl = { v, v };

	setrlimit(res, &rl);
}

static void on_tick(int sig)
{
	(void)sig;
}

/* One random argument: small numbers, edges, pointers good and bad. */
static long fuzz_arg(char *buf)
{
	switch (rng() % 10) {
	case 0:
		return (long)(rng() % 8);
	case 1:
		return -1;
	case 2:
		return (long)rng();
	case 3:
	case 4:
		return (long)(buf + rng() % (FUZZ_BUF / 2));
	case 5:
		return (long)(rng() % 4096);
	case 6:
		return 0x1000;				/* unmapped */
	case 7:
		return (long)0xffff800000000000ULL;	/* the kernel half */
	case 8:
		return (long)(1UL << (rng() % 64));
	default:
		return (long)(rng() % FUZZ_FILES);	/* a plausible descriptor */
	}
}

/* A child as nobody that makes random calls until the parent stops it. */
static void fuzz_child(struct fuzz_shared *sh, int slot, uint64_t seed, uint64_t quota)
{
	static char buf[FUZZ_BUF];
	struct itimerval it = { { 0, FUZZ_TICK_US }, { 0, FUZZ_TICK_US } };
	struct sigaction sa;
	int null = open("/dev/null", O_RDWR);

	if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0 ||
	    chdir(scratch) || become_nobody())
		_exit(TAP_NOUSER);
	sh->started[slot] = 1;
	set_limit(RLIMIT_AS, FUZZ_AS_LIMIT);
	set_limit(RLIMIT_NOFILE, FUZZ_FILES);
	set_limit(RLIMIT_FSIZE, FUZZ_FSIZE);
	set_limit(RLIMIT_CORE, 0);
	set_limit(RLIMIT_NPROC, 0);
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;	/* no SA_RESTART: blocking calls end with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	/* Paths the calls may find in the buffer: relative names in scratch. */
	for (size_t i = 0; i + 8 < FUZZ_BUF; i += 16)
		snprintf(buf + i, 16, "f%zu", (i / 16) % 8);
	rng_state = seed;
	for (uint64_t n = 0; n < quota; n++) {
		long a[FUZZ_ARGS];
		int nr = fuzz_calls[rng() % (sizeof(fuzz_calls) / sizeof(fuzz_calls[0]))];

		for (int i = 0; i < FUZZ_ARGS; i++)
			a[i] = fuzz_arg(buf);
		sh->calls[slot]++;
		syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	_exit(0);
}

/* Root still works: a fork whose child makes a pipe and reads /proc/meminfo. */
static int root_check(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int p[2];
		char c = 'x';

		if (pipe(p) || write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1)
			_exit(1);
		_exit(tap_meminfo_kib("MemAvailable") > 0 ? 0 : 2);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_fuzz(void)
{
	struct fuzz_shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t kids[FUZZ_CHILDREN] = { 0 };
	uint64_t done = 0, seeds = 0, last_calls[FUZZ_CHILDREN] = { 0 };
	long last_progress[FUZZ_CHILDREN], start = now_ms();
	unsigned spawned = 0, signalled = 0, stalled = 0, nouser = 0;
	uint64_t per_child = STRESS_CALLS / FUZZ_CHILDREN / 4 + 1;

	if (sh == MAP_FAILED) {
		check(0, "shared counters");
		return;
	}
	for (;;) {
		int active = 0;

		for (int s = 0; s < FUZZ_CHILDREN; s++) {
			int status;

			if (kids[s] > 0) {
				pid_t r = waitpid(kids[s], &status, WNOHANG);

				if (r == 0) {
					active++;
					if (sh->calls[s] != last_calls[s]) {
						last_calls[s] = sh->calls[s];
						last_progress[s] = now_ms();
					} else if (now_ms() - last_progress[s] > STALL_MS) {
						kill(kids[s], SIGKILL);
						stalled++;
					}
					continue;
				}
				done += sh->calls[s];
				if (r == kids[s] && WIFSIGNALED(status))
					signalled++;
				if (r == kids[s] && !sh->started[s] && WIFEXITED(status) &&
				    WEXITSTATUS(status) == TAP_NOUSER)
					nouser++;
				kids[s] = 0;
			}
			if (done + active * per_child >= STRESS_CALLS || nouser)
				continue;
			sh->calls[s] = 0;
			sh->started[s] = 0;
			last_calls[s] = 0;
			last_progress[s] = now_ms();
			kids[s] = fork();
			if (kids[s] == 0)
				fuzz_child(sh, s, STRESS_SEED + seeds, per_child);
			seeds++;
			if (kids[s] > 0) {
				spawned++;
				active++;
			}
		}
		if (!active)
			break;
		usleep(POLL_US);
	}
	if (nouser) {
		skip("random calls: cannot become uid %d here", TAP_NOBODY);
		return;
	}
	diag("random calls: %llu issued by %u children as nobody (%u killed by a signal, "
	     "%u stalled), %ld ms", (unsigned long long)done, spawned, signalled, stalled,
	     now_ms() - start);
	check(done >= STRESS_CALLS && root_check() == 0,
	      "%llu random calls from unprivileged children; root still works after them",
	      (unsigned long long)done);
	munmap(sh, sizeof(*sh));
}

/* Children of the bomb sit here; their parent kills them. */
static int bomb(void)
{
	pid_t kids[BOMB_TRIES];
	int n = 0, err = 0, ok;

	set_limit(RLIMIT_NPROC, NPROC_LIMIT);
	while (n < BOMB_TRIES) {
		pid_t pid = fork();

		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	ok = err == EAGAIN && n < NPROC_LIMIT;
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return ok ? 0 : 1;
}

/* A fork bomb as nobody; root forks while it runs. */
static void test_fork_bomb(void)
{
	int status, root_ok = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(become_nobody() ? TAP_NOUSER : bomb());
	/* Root's forks do not count against nobody's RLIMIT_NPROC. */
	for (int i = 0; i < 5; i++)
		root_ok = root_check();
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == TAP_NOUSER) {
		skip("fork bomb: cannot become uid %d here", TAP_NOBODY);
		return;
	}
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && root_ok == 0,
	      "fork bomb as nobody under RLIMIT_NPROC %d: EAGAIN; root forks meanwhile",
	      NPROC_LIMIT);
}

/* Waits until *flag is set (or the child is gone); 0 when set. */
static int wait_flag(volatile int *flag, pid_t pid)
{
	long start = now_ms();

	while (!*flag && now_ms() - start < WAIT_READY_MS) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return *flag ? 0 : -1;
		usleep(POLL_US * 5);
	}
	return *flag ? 0 : -1;
}

/* A hog: touches memory up to RLIMIT_AS (or until the OOM killer takes it). */
static void hog(volatile int *ready, volatile long *got_mib)
{
	if (become_nobody())
		_exit(TAP_NOUSER);
	set_limit(RLIMIT_AS, HOG_AS_LIMIT);
	for (;;) {
		char *m = mmap(NULL, HOG_CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			break;
		for (long i = 0; i < HOG_CHUNK; i += 4096)
			m[i] = 1;
		(*got_mib)++;
	}
	*ready = 1;
	pause();
	_exit(0);
}

static void test_memory_hogs(void)
{
	struct hog_shared {
		int ready[HOGS];
		long mib[HOGS];
	} *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		     -1, 0);
	pid_t pids[HOGS];
	int ready = 0, root_ok, status, nouser = 0;
	long avail;

	if (sh == MAP_FAILED) {
		check(0, "shared flags");
		return;
	}
	memset(sh, 0, sizeof(*sh));
	for (int i = 0; i < HOGS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			hog(&sh->ready[i], &sh->mib[i]);
	}
	for (int i = 0; i < HOGS; i++)
		ready += wait_flag(&sh->ready[i], pids[i]) == 0;
	root_ok = root_check();
	avail = tap_meminfo_kib("MemAvailable");
	for (int i = 0; i < HOGS; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], &status, 0);
		nouser += WIFEXITED(status) && WEXITSTATUS(status) == TAP_NOUSER;
	}
	if (nouser) {
		skip("memory hogs: cannot become uid %d here", TAP_NOBODY);
		return;
	}
	diag("memory hogs: %ld and %ld MiB touched (%d filled their limit); MemAvailable %ld kB",
	     sh->mib[0], sh->mib[1], ready, avail);
	/* A hog the OOM killer took never reports ready: that is fine too. */
	check(root_ok == 0 && avail > 0 && sh->mib[0] + sh->mib[1] > 0,
	      "memory hogs as nobody: root still works, MemAvailable %ld kB > 0", avail);
	munmap(sh, sizeof(*sh));
}

/*
 * As nobody: pipes (or pseudo-terminals) until a limit, a byte in each;
 * reports the errno that ended it.
 */
static void fd_hog(bool ptys, volatile int *ready, volatile int *err, volatile int *count)
{
	char c = 'x';
	int p[2];

	if (become_nobody())
		_exit(TAP_NOUSER);
	set_limit(RLIMIT_NOFILE, PIPE_NOFILE);
	for (;;) {
		if (ptys) {
			p[1] = open("/dev/ptmx", O_RDWR | O_NOCTTY);
			if (p[1] < 0)
				break;
		} else if (pipe(p)) {
			break;
		}
		(*count)++;
		if (write(p[1], &c, 1) != 1)
			break;
	}
	*err = errno;
	*ready = 1;
	pause();
	_exit(0);
}

/*
 * Pipes until EMFILE, or ptys until EMFILE or ENOSPC (kernel/pty/max,
 * or Basalt's table of pairs), while root keeps working.
 */
static void test_fd_exhaustion(bool ptys)
{
	struct fd_shared {
		int ready, err, count;
	} *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		     -1, 0);
	const char *what = ptys ? "ptys" : "pipes";
	int status, root_ok;
	long avail;
	pid_t pid;

	if (sh == MAP_FAILED) {
		check(0, "shared flags");
		return;
	}
	memset(sh, 0, sizeof(*sh));
	pid = fork();
	if (pid == 0)
		fd_hog(ptys, &sh->ready, &sh->err, &sh->count);
	wait_flag(&sh->ready, pid);
	root_ok = root_check();
	avail = tap_meminfo_kib("MemAvailable");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == TAP_NOUSER) {
		skip("%s exhaustion: cannot become uid %d here", what, TAP_NOBODY);
		return;
	}
	diag("%s exhaustion: %d holding a byte each, then %s; MemAvailable %ld kB", what,
	     sh->count, strerror(sh->err), avail);
	check(sh->ready && (sh->err == EMFILE || (ptys && sh->err == ENOSPC)) && root_ok == 0 &&
	      avail > 0, "%s as nobody until EMFILE%s (%d): root still works, MemAvailable > 0",
	      what, ptys ? " or ENOSPC" : "", sh->count);
	munmap(sh, sizeof(*sh));
}

/* Removes what the random calls left under path (files, links, directories). */
static void remove_tree(const char *path, int depth)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st))
		return;
	if (S_ISDIR(st.st_mode) && depth < 16 && (d = opendir(path))) {
		chmod(path, 0700);
		while ((e = readdir(d))) {
			char child[512];

			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
			remove_tree(child, depth + 1);
		}
		closedir(d);
		rmdir(path);
		return;
	}
	unlink(path);
}

int main(void)
{
	tap_plan(5);
	if (!mkdtemp(scratch) || (getuid() == 0 && chown(scratch, TAP_NOBODY, TAP_NOBODY))) {
		check(0, "a scratch directory");
		return 1;
	}
	test_fuzz();
	test_fork_bomb();
	test_memory_hogs();
	test_fd_exhaustion(false);
	test_fd_exhaustion(true);
	remove_tree(scratch, 0);
	return tap_failures;
}
