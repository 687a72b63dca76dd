/*
 * harden_errnos.c: results where Basalt once differed from Linux 6.1
 * (issue 21), each checked on the host Linux first:
 *   - fork past /proc/sys/kernel/threads-max: EAGAIN (guests only: the
 *     test lowers the global limit, as root, and puts it back);
 *   - pipe2(O_DIRECT) packet mode (pipe(7)): one write, one packet; a
 *     read returns at most one packet, a short read drops the rest;
 *   - select on a FIFO counts each ready descriptor once per set;
 *   - the real-time signal queue (RLIMIT_SIGPENDING, per real user):
 *     rt_sigqueueinfo and tgkill give EAGAIN when it is full, kill does
 *     not (SI_USER drops the siginfo instead);
 *   - rt_sigqueueinfo to another live process delivers its si_value;
 *   - arch_prctl: ARCH_GET_CPUID is 1, ARCH_SET_CPUID is ENODEV without
 *     CPUID faulting (the cpuid_fault flag of /proc/cpuinfo);
 *   - sigtimedwait and pause wake on every signal, sigtimedwait times out;
 *   - /proc/PID/stat of a multithreaded process: the main thread's state;
 *   - mmap: argument errors (EINVAL) before the file's access mode (EACCES),
 *     as do_mmap orders them;
 *   - fcntl(F_GETLK) reports the conflicting holder's lock type and pid.
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN			18
#define GUEST_MARK		"/abi/list"
#define THREADS_MAX_PATH	"/proc/sys/kernel/threads-max"
#define THREADS_MAX_MIN		20	/* Linux's MIN_THREADS: the default is at least that */
#define THREADS_MAX_LOW		"20\n"	/* what the fork test sets */
#define FORK_TRIES		64
#define SIGPENDING_LIMIT	3
#define ARCH_GET_CPUID_NR	0x1011
#define ARCH_SET_CPUID_NR	0x1012
#define WAKE_ROUNDS		20
#define SHORT_NS		50000000L	/* 50 ms */
#define POLL_US			10000
#define POLLS			500
#define PKT_BUF			100
#define PKT_HUGE		5000
#define QUEUE_VALUE		4242

static char scratch[] = "/tmp/harden_errnos.XXXXXX";

/* ---- threads-max ------------------------------------------------------------ */

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

static void test_threads_max(int guest)
{
	long max = tap_proc_number(THREADS_MAX_PATH), r;
	pid_t kids[FORK_TRIES];
	int n = 0, err = 0;
	char buf[32];

	check(max >= THREADS_MAX_MIN, "%s is there (%ld)", THREADS_MAX_PATH, max);
	if (!guest || getuid() != 0) {
		skip("threads-max left alone outside the abi guests");
		skip("threads-max left alone outside the abi guests");
		return;
	}
	r = write_text(THREADS_MAX_PATH, "0\n");
	check(r == -EINVAL, "threads-max 0: EINVAL (%ld)", r);
	write_text(THREADS_MAX_PATH, THREADS_MAX_LOW);
	/* Every task counts, kernel threads too: fork fails within FORK_TRIES. */
	while (n < FORK_TRIES) {
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
	snprintf(buf, sizeof(buf), "%ld\n", max);
	write_text(THREADS_MAX_PATH, buf);
	for (int i = 0; i < n; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	check(err == EAGAIN && tap_proc_number(THREADS_MAX_PATH) == max,
	      "fork at threads-max 20: EAGAIN after %d children (%s)", n, strerror(err));
}

/* ---- pipes and FIFOs --------------------------------------------------------- */

static void test_packet_pipe(void)
{
	int p[2], ok;
	char buf[PKT_BUF], big[PKT_BUF];
	ssize_t a, b, c, d;

	if (pipe2(p, O_DIRECT)) {
		check(0, "pipe2(O_DIRECT): %s", strerror(errno));
		check(0, "packet reads");
		check(0, "big packet writes");
		return;
	}
	/* Linux's create_pipe_files gives O_DIRECT to the write end only. */
	ok = !(fcntl(p[0], F_GETFL) & O_DIRECT) && (fcntl(p[1], F_GETFL) & O_DIRECT);
	check(ok, "pipe2(O_DIRECT): the write end has O_DIRECT, the read end not");
	memset(big, 'x', sizeof(big));
	a = write(p[1], big, 10);
	b = write(p[1], big, 20);
	c = write(p[1], big, 30);
	a = read(p[0], buf, sizeof(buf));
	b = read(p[0], buf, 5);		/* the 20-byte packet: 15 bytes dropped */
	c = read(p[0], buf, sizeof(buf));
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	d = read(p[0], buf, sizeof(buf));
	check(a == 10 && b == 5 && c == 30 && d == -1 && errno == EAGAIN,
	      "packets: reads of 10, 5 (of 20: the rest dropped), 30, then empty (%zd %zd %zd %zd)",
	      a, b, c, d);
	/* A write longer than PIPE_BUF: a packet per page (Linux's pipe_write). */
	{
		static char huge[PKT_HUGE], back[2 * PKT_HUGE];

		a = write(p[1], huge, sizeof(huge));
		b = read(p[0], back, sizeof(back));
		c = read(p[0], back, sizeof(back));
		check(a == PKT_HUGE && b == 4096 && c == PKT_HUGE - 4096,
		      "a %d-byte packet write reads back as %zd + %zd", PKT_HUGE, b, c);
	}
	close(p[0]);
	close(p[1]);
}

static void test_fifo_select(void)
{
	char path[sizeof(scratch) + 8];
	struct timeval tv = { 0, 0 };
	fd_set rd, wr;
	int r, w, n;

	snprintf(path, sizeof(path), "%s/fifo", scratch);
	if (mkfifo(path, 0600) || (r = open(path, O_RDONLY | O_NONBLOCK)) < 0 ||
	    (w = open(path, O_WRONLY | O_NONBLOCK)) < 0) {
		check(0, "a FIFO: %s", strerror(errno));
		return;
	}
	(void)!write(w, "x", 1);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(r, &rd);
	FD_SET(w, &wr);
	FD_SET(r, &wr);		/* a read-only FIFO end is never writable */
	n = select((r > w ? r : w) + 1, &rd, &wr, NULL, &tv);
	check(n == 2 && FD_ISSET(r, &rd) && FD_ISSET(w, &wr) && !FD_ISSET(r, &wr),
	      "select on a FIFO with data: 2 ready (reader readable, writer writable) (%d)", n);
	close(r);
	close(w);
	unlink(path);
}

/* ---- signals ---------------------------------------------------------------- */

static int queue_info(pid_t pid, int sig, int value)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = value;
	return (int)raw(SYS_rt_sigqueueinfo, pid, sig, &si);
}

/* As nobody: SIGPENDING_LIMIT queued, then EAGAIN; kill still 0. */
static int sigpending_full(void)
{
	struct rlimit rl = { SIGPENDING_LIMIT, SIGPENDING_LIMIT };
	sigset_t set;
	int r[SIGPENDING_LIMIT + 1], tg, k;

	sigemptyset(&set);
	for (int s = SIGRTMIN; s <= SIGRTMIN + 3; s++)
		sigaddset(&set, s);
	if (sigprocmask(SIG_BLOCK, &set, NULL) || setrlimit(RLIMIT_SIGPENDING, &rl))
		return 1;
	for (int i = 0; i <= SIGPENDING_LIMIT; i++)
		r[i] = queue_info(getpid(), SIGRTMIN, i);
	tg = (int)raw(SYS_tgkill, getpid(), getpid(), SIGRTMIN + 1);
	k = kill(getpid(), SIGRTMIN + 2) ? -errno : 0;
	for (int i = 0; i < SIGPENDING_LIMIT; i++)
		if (r[i])
			return 2;
	return r[SIGPENDING_LIMIT] == -EAGAIN && tg == -EAGAIN && k == 0 ? 0 : 3;
}

static void test_sigqueue_other(void)
{
	sigset_t set;
	int status, r;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = fork();
	if (pid == 0) {
		siginfo_t si;
		struct timespec ts = { 5, 0 };
		int s = sigtimedwait(&set, &si, &ts);

		_exit(s == SIGRTMIN && si.si_code == SI_QUEUE && si.si_value.sival_int == QUEUE_VALUE &&
		      si.si_pid == getppid() ? 0 : 1);
	}
	r = queue_info(pid, SIGRTMIN, QUEUE_VALUE);
	check(r == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0,
	      "rt_sigqueueinfo to a live child: 0, and it gets SI_QUEUE with si_value (%d)", r);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static volatile sig_atomic_t got_usr2;

static void on_usr2(int sig)
{
	(void)sig;
	got_usr2++;
}

/* A child that sends sig to the parent after a short sleep. */
static pid_t send_later(int sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec ts = { 0, 2000000 };

		nanosleep(&ts, NULL);
		kill(getppid(), sig);
		_exit(0);
	}
	return pid;
}

/*
 * A child that sends sig to the parent every 2 ms until killed: pause()
 * has no mask to close the race with one early signal, so a loaded
 * machine could otherwise deliver it before the parent pauses, and the
 * pause would wait forever.
 */
static pid_t send_repeatedly(int sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec ts = { 0, 2000000 };

		for (;;) {
			nanosleep(&ts, NULL);
			kill(getppid(), sig);
		}
	}
	return pid;
}

static void test_wakeups(void)
{
	struct timespec ts = { 5, 0 }, shortts = { 0, SHORT_NS }, t0, t1;
	struct sigaction sa;
	sigset_t set, old;
	int woke = 0, paused = 0, r;
	long ms;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	for (int i = 0; i < WAKE_ROUNDS; i++) {
		pid_t pid = send_later(SIGUSR1);

		woke += sigtimedwait(&set, NULL, &ts) == SIGUSR1;
		waitpid(pid, NULL, 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = sigtimedwait(&set, NULL, &shortts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	check(woke == WAKE_ROUNDS && r == -1 && errno == EAGAIN && ms >= SHORT_NS / 1000000,
	      "sigtimedwait: woken %d/%d times, an empty 50 ms wait gives EAGAIN after %ld ms",
	      woke, WAKE_ROUNDS, ms);
	sigprocmask(SIG_SETMASK, &old, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	for (int i = 0; i < WAKE_ROUNDS; i++) {
		pid_t pid = send_repeatedly(SIGUSR2);

		paused += pause() == -1 && errno == EINTR;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	check(paused == WAKE_ROUNDS && got_usr2 >= WAKE_ROUNDS,
	      "pause returns EINTR after each handled signal (%d/%d, %d handled)", paused,
	      WAKE_ROUNDS, (int)got_usr2);
	signal(SIGUSR2, SIG_DFL);
}

/* ---- arch_prctl CPUID ------------------------------------------------------- */

static int cpu_has_cpuid_fault(void)
{
	char line[4096];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int has = 0;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5) && strstr(line, " cpuid_fault"))
			has = 1;
	if (f)
		fclose(f);
	return has;
}

static void test_cpuid(void)
{
	long get = raw(SYS_arch_prctl, ARCH_GET_CPUID_NR, 0, 0);
	long set = raw(SYS_arch_prctl, ARCH_SET_CPUID_NR, 1, 0);
	int fault = cpu_has_cpuid_fault();

	check(get == 1, "ARCH_GET_CPUID: 1, CPUID allowed (%ld)", get);
	check(fault ? set == 0 : set == -ENODEV, "ARCH_SET_CPUID: %s (%ld)",
	      fault ? "0 with CPUID faulting" : "ENODEV without CPUID faulting", set);
}

/* ---- /proc/PID/stat of a multithreaded process ------------------------------ */

static volatile int spin_stop;

static void *spinner(void *arg)
{
	(void)arg;
	while (!spin_stop)
		;
	return NULL;
}

static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static void test_thread_state(void)
{
	char state = '?';
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t th;

		if (pthread_create(&th, NULL, spinner, NULL))
			_exit(1);
		pause();	/* the main thread sleeps; the other one runs */
		_exit(0);
	}
	/* The main thread falls asleep quickly; the spinner stays runnable. */
	for (int i = 0; i < POLLS && state != 'S'; i++) {
		usleep(POLL_US);
		state = proc_state(pid);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	check(state == 'S', "/proc/PID/stat of a process whose main thread sleeps: S (%c)", state);
}

/* ---- mmap's order of checks ------------------------------------------------- */

static void test_mmap_order(void)
{
	char path[sizeof(scratch) + 8];
	void *m;
	int fd, e1, e2, e3;

	snprintf(path, sizeof(path), "%s/map", scratch);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	if (fd < 0 || ftruncate(fd, 8192)) {
		check(0, "a write-only file: %s", strerror(errno));
		return;
	}
	m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 1);
	e1 = m == MAP_FAILED ? errno : 0;
	m = mmap((void *)0x10000001, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
	e2 = m == MAP_FAILED ? errno : 0;
	m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	e3 = m == MAP_FAILED ? errno : 0;
	check(e1 == EINVAL && e2 == EINVAL && e3 == EACCES,
	      "mmap of a write-only fd: unaligned offset EINVAL, unaligned MAP_FIXED EINVAL, "
	      "else EACCES (%s, %s, %s)", strerror(e1), strerror(e2), strerror(e3));
	close(fd);
	unlink(path);
}

/* ---- F_GETLK reports the holder's lock ---------------------------------------- */

/* The parent holds held over the file; a child asks F_GETLK for want. */
static void test_getlk(short held, short want)
{
	char path[sizeof(scratch) + 8];
	struct flock fl = { .l_type = held, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100 };
	int fd, status, pipefd[2];
	struct flock got = { 0 };
	pid_t pid;

	snprintf(path, sizeof(path), "%s/lock", scratch);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	if (fd < 0 || fcntl(fd, F_SETLK, &fl) || pipe(pipefd)) {
		check(0, "a lock to hold: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		struct flock q = { .l_type = want, .l_whence = SEEK_SET, .l_start = 10, .l_len = 5 };
		int cfd = open(path, O_RDWR);

		if (cfd < 0 || fcntl(cfd, F_GETLK, &q))
			q.l_type = -1;
		(void)!write(pipefd[1], &q, sizeof(q));
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &got, sizeof(got)) != sizeof(got))
		got.l_type = -2;
	waitpid(pid, &status, 0);
	close(pipefd[0]);
	check(got.l_type == held && got.l_pid == getpid() && got.l_start == 0 && got.l_len == 100,
	      "F_GETLK for %s over the parent's %s: the holder's type %d, pid %d, 0+%ld",
	      want == F_WRLCK ? "F_WRLCK" : "F_RDLCK", held == F_WRLCK ? "F_WRLCK" : "F_RDLCK",
	      got.l_type, (int)got.l_pid, (long)got.l_len);
	close(fd);
	unlink(path);
}

int main(void)
{
	int guest = access(GUEST_MARK, F_OK) == 0;

	tap_plan(PLAN);
	if (!mkdtemp(scratch)) {
		check(0, "mkdtemp");
		return 1;
	}
	test_threads_max(guest);
	test_packet_pipe();
	test_fifo_select();
	check_as_nobody(sigpending_full,
			"RLIMIT_SIGPENDING 3: 3 queued, then rt_sigqueueinfo and tgkill EAGAIN, "
			"kill 0");
	test_sigqueue_other();
	test_cpuid();
	test_wakeups();
	test_thread_state();
	test_mmap_order();
	test_getlk(F_RDLCK, F_WRLCK);
	test_getlk(F_WRLCK, F_RDLCK);
	test_getlk(F_WRLCK, F_WRLCK);
	rmdir(scratch);
	return tap_failures;
}
