/*
 * pty_pairs.c: many pseudo-terminal pairs at once, as Linux allows them
 * (pty(7), proc(5) /proc/sys/kernel/pty). Opening /dev/ptmx past
 * kernel/pty/max fails with ENOSPC: Linux's devpts_new_index refuses the
 * pair that would bring kernel/pty/nr to max, so at most max - 1 pairs
 * exist (4095 by default); kernel/pty/reserve (1024) only holds back
 * pairs from devpts instances mounted outside the initial mount
 * namespace. The test, inside the abi guests only (/abi/list exists; a
 * shared host must keep its ptys), opens pairs until the limit as root,
 * checks the errno and the count, and that MemFree stays well above
 * zero in a 256 MiB machine; it reports the memory a pair costs (idle,
 * with a byte of input and its echo, and drained again). On every
 * system: data through PAIRS_IO pairs in both directions, more than a
 * page each way, comes out intact and in order.
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <termios.h>
#include "abi_tap.h"

#define PLAN		11
#define PTY_MAX_PATH	"/proc/sys/kernel/pty/max"
#define PTY_NR_PATH	"/proc/sys/kernel/pty/nr"
#define PTY_RESERVE_PATH "/proc/sys/kernel/pty/reserve"
#define GUEST_MARK	"/abi/list"
#define LINUX_MAX	4096	/* kernel.pty.max's default */
#define LINUX_RESERVE	1024	/* kernel.pty.reserve's default */
#define MAX_PAIRS	8192	/* more than the limit: the loop must end on an errno */
#define NOFILE_WANT	(MAX_PAIRS + 64)
#define MEASURE_PAIRS	1000	/* pairs the per-pair figures average over */
#define PAIRS_IO	128	/* pairs written and read through */
#define IO_BYTES	12000	/* slave to master: three pages of the master's queue */
#define IN_BYTES	2000	/* master to slave: less than the slave's 4095-byte line limit */
#define FREE_FLOOR_KIB	(32 * 1024)	/* "well above zero" with every pair open */
#define FILL_FLOOR_DIVISOR	16	/* MemAvailable above MemTotal / 16 while queues are full */
#define POLL_MS		5000
#define FILL_PAIRS	3000	/* nobody's pairs with full output queues */
#define FILL_CHUNK	4096
#define FILL_WAIT_MS	300000

static int masters[MAX_PAIRS];

static int open_master(void)
{
	return open("/dev/ptmx", O_RDWR | O_NOCTTY);
}

/* The slave of master, unlocked, in raw mode (no echo, no line editing). */
static int open_slave(int master)
{
	int unlock = 0, n = -1, fd;
	char path[32];
	struct termios t;

	if (ioctl(master, TIOCSPTLCK, &unlock) || ioctl(master, TIOCGPTN, &n))
		return -1;
	snprintf(path, sizeof(path), "/dev/pts/%d", n);
	fd = open(path, O_RDWR | O_NOCTTY);
	if (fd < 0)
		return -1;
	if (tcgetattr(fd, &t)) {
		close(fd);
		return -1;
	}
	t.c_iflag &= ~(tcflag_t)(ICRNL | IXON | ISTRIP | INLCR | IGNCR);
	t.c_oflag &= ~(tcflag_t)OPOST;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &t)) {
		close(fd);
		return -1;
	}
	return fd;
}

static unsigned char pattern(unsigned pair, size_t i)
{
	return (unsigned char)('a' + (pair * 7 + i) % 26);
}

/* One direction of one pair: bytes written and read, and whether they matched. */
struct pty_flow {
	int from, to;
	size_t total, sent, got;
	bool bad;
};

/* Moves what fits (non-blocking); whether anything moved. */
static bool flow_step(struct pty_flow *fl, unsigned pair, bool read_too)
{
	static unsigned char buf[IO_BYTES];
	bool moved = false;
	ssize_t n;

	if (fl->sent < fl->total) {
		size_t len = fl->total - fl->sent;

		for (size_t i = 0; i < len; i++)
			buf[i] = pattern(pair, fl->sent + i);
		n = write(fl->from, buf, len);
		if (n > 0) {
			fl->sent += (size_t)n;
			moved = true;
		} else if (errno != EAGAIN) {
			fl->bad = true;
		}
	}
	if (read_too && fl->got < fl->total) {
		n = read(fl->to, buf, fl->total - fl->got);
		for (ssize_t i = 0; i < n; i++)
			fl->bad |= buf[i] != pattern(pair, fl->got + (size_t)i);
		if (n > 0) {
			fl->got += (size_t)n;
			moved = true;
		} else if (n == 0 || errno != EAGAIN) {
			fl->bad = true;
		}
	}
	return moved;
}

/*
 * PAIRS_IO pairs open at once, non-blocking: each slave sends IO_BYTES
 * to its master (the master's queue grows page by page and drains) and
 * each master IN_BYTES to its slave. Every queue is filled first, then
 * all are written and read round-robin. Returns the pairs that passed.
 */
static int pairs_io(void)
{
	static struct pty_flow up[PAIRS_IO], down[PAIRS_IO];
	static int m[PAIRS_IO], s[PAIRS_IO];
	int ok = 0, opened = 0, idle_ms = 0;
	bool busy = true;

	for (; opened < PAIRS_IO; opened++) {
		m[opened] = open_master();
		if (m[opened] < 0)
			break;
		s[opened] = open_slave(m[opened]);
		if (s[opened] < 0) {
			close(m[opened]);
			break;
		}
		fcntl(m[opened], F_SETFL, O_NONBLOCK);
		fcntl(s[opened], F_SETFL, O_NONBLOCK);
		up[opened] = (struct pty_flow){ s[opened], m[opened], IO_BYTES, 0, 0, false };
		down[opened] = (struct pty_flow){ m[opened], s[opened], IN_BYTES, 0, 0, false };
	}
	for (int p = 0; p < opened; p++) {
		flow_step(&up[p], (unsigned)p, false);
		flow_step(&down[p], (unsigned)p, false);
	}
	while (busy && idle_ms < POLL_MS) {
		bool moved = false;

		busy = false;
		for (int p = 0; p < opened; p++) {
			moved |= flow_step(&up[p], (unsigned)p, true);
			moved |= flow_step(&down[p], (unsigned)p, true);
			busy |= up[p].got < IO_BYTES || down[p].got < IN_BYTES;
		}
		if (!moved) {
			usleep(1000);
			idle_ms++;
		}
	}
	for (int p = 0; p < opened; p++) {
		ok += !up[p].bad && !down[p].bad && up[p].got == IO_BYTES && down[p].got == IN_BYTES;
		close(s[p]);
		close(m[p]);
	}
	return ok;
}

/* What nobody's child managed: pairs with a full output queue, bytes queued. */
struct fill_shared {
	volatile int ready, pairs, err;
	volatile long long queued;
};

/*
 * As nobody: FILL_PAIRS pairs, each slave writing until its queue is
 * full (EAGAIN), nothing read; then it waits to be killed.
 */
static void fill_child(struct fill_shared *sh)
{
	static unsigned char block[FILL_CHUNK];

	memset(block, 'f', sizeof(block));
	if (setgid(TAP_NOBODY) || setuid(TAP_NOBODY))
		_exit(TAP_NOUSER);
	for (int i = 0; i < FILL_PAIRS; i++) {
		int m = open_master(), s = m < 0 ? -1 : open_slave(m);
		ssize_t w;

		if (s < 0) {
			sh->err = errno;
			break;
		}
		fcntl(s, F_SETFL, O_NONBLOCK);
		while ((w = write(s, block, sizeof(block))) > 0)
			sh->queued += w;
		if (errno != EAGAIN) {
			sh->err = errno;
			break;
		}
		sh->pairs++;
	}
	sh->ready = 1;
	pause();
	_exit(0);
}

/*
 * Nobody fills FILL_PAIRS output queues; root then looks at MemAvailable
 * (free memory and what reclaim can give back: the page cache, which
 * the rest of the test run leaves large) and opens a pair and a pipe.
 * Two checks.
 */
static void fill_test(void)
{
	struct fill_shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status, waited = 0, m, pp[2], root_ok;
	long free_kib;
	pid_t pid;

	if (sh == MAP_FAILED) {
		check(0, "shared memory for the fill");
		check(0, "(likewise)");
		return;
	}
	memset((void *)sh, 0, sizeof(*sh));
	pid = fork();
	if (pid == 0)
		fill_child(sh);
	while (pid > 0 && !sh->ready && waited < FILL_WAIT_MS && waitpid(pid, &status, WNOHANG) == 0) {
		usleep(10000);
		waited += 10;
	}
	free_kib = tap_meminfo_kib("MemAvailable");
	m = open_master();
	root_ok = m >= 0 && pipe(pp) == 0;
	if (m >= 0)
		close(m);
	if (root_ok) {
		close(pp[0]);
		close(pp[1]);
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	diag("nobody: %d pairs with full output queues, %lld bytes queued (%s); MemAvailable %ld kB",
	     sh->pairs, sh->queued, sh->err ? strerror(sh->err) : "no error", free_kib);
	check(sh->ready && sh->pairs == FILL_PAIRS && sh->queued >= (long long)FILL_PAIRS * FILL_CHUNK,
	      "nobody opens %d pairs (slaves too) and fills their output queues (%d)", FILL_PAIRS,
	      sh->pairs);
	/*
	 * A sixteenth of the memory: the queues may take an eighth (the
	 * kernel's cap), and the tests before leave files in /tmp.
	 */
	check(root_ok && free_kib > tap_meminfo_kib("MemTotal") / FILL_FLOOR_DIVISOR,
	      "meanwhile root opens a pair and a pipe, MemAvailable %ld kB > MemTotal / %d",
	      free_kib, FILL_FLOOR_DIVISOR);
	munmap((void *)sh, sizeof(*sh));
}

static int write_number(const char *path, long v)
{
	char text[32];
	int fd = open(path, O_WRONLY | O_TRUNC), n, err = 0;

	if (fd < 0)
		return -errno;
	n = snprintf(text, sizeof(text), "%ld\n", v);
	if (write(fd, text, (size_t)n) < 0)
		err = -errno;
	close(fd);
	return err;
}

/* MemFree lost per pair, in bytes, over n pairs that step() changed. */
static long per_pair(long before_kib, long after_kib, int n)
{
	return n > 0 ? (before_kib - after_kib) * 1024 / n : -1;
}

int main(void)
{
	long max = tap_proc_number(PTY_MAX_PATH), reserve = tap_proc_number(PTY_RESERVE_PATH);
	long nr0, free0, free_idle, free_used, free_drained, free_full, nr_full, free_end;
	struct rlimit rl = { NOFILE_WANT, NOFILE_WANT };
	int got, err, io;
	char c = 'x', echo[8];

	tap_plan(PLAN);
	check(reserve == LINUX_RESERVE, "kernel/pty/reserve is Linux's default %d (%ld)",
	      LINUX_RESERVE, reserve);
	io = pairs_io();
	check(io == PAIRS_IO, "%d pairs at once: %d bytes out of each slave and %d into it, intact",
	      PAIRS_IO, IO_BYTES, IN_BYTES);
	if (access(GUEST_MARK, F_OK) || getuid() != 0) {
		for (int i = 0; i < PLAN - 2; i++)
			skip("the pty limit is only reached inside the test guests, as root");
		return tap_done();
	}
	check(write_number(PTY_RESERVE_PATH, reserve + 1) == 0 &&
	      tap_proc_number(PTY_RESERVE_PATH) == reserve + 1 &&
	      write_number(PTY_RESERVE_PATH, reserve) == 0, "root writes kernel/pty/reserve");
	if (setrlimit(RLIMIT_NOFILE, &rl))
		diag("setrlimit(RLIMIT_NOFILE, %d): %s", NOFILE_WANT, strerror(errno));

	/* What a pair costs: MemFree before and after MEASURE_PAIRS of them. */
	sync();
	nr0 = tap_proc_number(PTY_NR_PATH);
	free0 = tap_meminfo_kib("MemFree");
	for (got = 0; got < MEASURE_PAIRS && (masters[got] = open_master()) >= 0; got++)
		;
	free_idle = tap_meminfo_kib("MemFree");
	/* A byte of input each: the slave's line buffer, and its echo in the master's queue. */
	for (int i = 0; i < got; i++)
		if (write(masters[i], &c, 1) != 1)
			break;
	free_used = tap_meminfo_kib("MemFree");
	for (int i = 0; i < got; i++)
		if (read(masters[i], echo, sizeof(echo)) != 1)
			break;
	free_drained = tap_meminfo_kib("MemFree");
	diag("per pair: %ld bytes idle, %ld with a byte of input and its echo, %ld with the echo "
	     "read (MemFree over %d pairs)", per_pair(free0, free_idle, got),
	     per_pair(free0, free_used, got), per_pair(free0, free_drained, got), got);

	/* Then pairs until the limit. */
	errno = 0;
	while (got < MAX_PAIRS && (masters[got] = open_master()) >= 0)
		got++;
	err = errno;
	nr_full = tap_proc_number(PTY_NR_PATH);
	free_full = tap_meminfo_kib("MemFree");
	diag("%d pairs (kernel/pty/nr %ld -> %ld, max %ld), then %s; MemFree %ld -> %ld kB", got,
	     nr0, nr_full, max, strerror(err), free0, free_full);
	check(err == ENOSPC, "past kernel/pty/max, /dev/ptmx gives ENOSPC (%s)", strerror(err));
	check(max == LINUX_MAX && nr0 + got == max - 1 && nr_full == max - 1,
	      "%ld pairs exist at the limit: kernel/pty/max %ld less one (%ld + %d)",
	      nr_full, max, nr0, got);
	check(free_full > FREE_FLOOR_KIB, "MemFree %ld kB stays above %d kB with every pair open",
	      free_full, FREE_FLOOR_KIB);
	/* With every pair open: root raises the limit, one more opens, the old limit is back. */
	check(write_number(PTY_MAX_PATH, max + 1) == 0 && (masters[got] = open_master()) >= 0 &&
	      write_number(PTY_MAX_PATH, max) == 0,
	      "root raises kernel/pty/max to %ld: one more pair opens", max + 1);
	if (masters[got] >= 0)
		got++;
	for (int i = 0; i < got; i++)
		close(masters[i]);
	free_end = tap_meminfo_kib("MemFree");
	diag("after closing them all: kernel/pty/nr %ld, MemFree %ld kB",
	     tap_proc_number(PTY_NR_PATH), free_end);
	check(tap_proc_number(PTY_NR_PATH) == nr0, "kernel/pty/nr is back to %ld", nr0);
	/* Through many pairs again, after the limit was reached. */
	check(pairs_io() == PAIRS_IO, "%d pairs pass data again afterwards", PAIRS_IO);
	fill_test();
	return tap_done();
}
