/*
 * futex_shared.c: futexes between processes (futex(2): without
 * FUTEX_PRIVATE_FLAG a futex is keyed by the memory it lies in, so a
 * waiter in one process is woken by another that maps the same
 * MAP_SHARED memory), and FUTEX_REQUEUE / FUTEX_CMP_REQUEUE's counts
 * (woken + requeued; EAGAIN when *uaddr != val3; EINVAL for negative
 * counts). A private futex, or a shared one in private memory, stays
 * within its own address space, as Linux keys it by (mm, address).
 * Children wait; the parent sees them asleep in /proc/PID/stat and
 * wakes. Raw system calls, so both libcs make the same ones.
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi_tap.h"

#define SLEEP_POLL_US	10000	/* between looks at a child's state */
#define SLEEP_POLLS	500	/* 5 s for a child to fall asleep */
#define SHORT_WAIT_NS	300000000L	/* a wait that should time out */
#define EXIT_WOKEN	0
#define EXIT_TIMEDOUT	10
#define EXIT_OTHER	20

struct shared {
	uint32_t a;
	uint32_t pad[15];	/* B on its own cache line: a distinct word anyway */
	uint32_t b;
};

static long futex(uint32_t *uaddr, int op, uint32_t val, long val2, uint32_t *uaddr2,
		  uint32_t val3)
{
	return raw6(SYS_futex, (long)uaddr, op, val, val2, (long)uaddr2, val3);
}

/* Whether pid is in state S (interruptible sleep) within SLEEP_POLLS looks. */
static int wait_asleep(pid_t pid)
{
	char path[64], buf[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (int i = 0; i < SLEEP_POLLS; i++) {
		FILE *f = fopen(path, "r");

		if (f) {
			size_t n = fread(buf, 1, sizeof(buf) - 1, f);

			fclose(f);
			buf[n] = 0;
			p = strrchr(buf, ')');
			if (p && p[1] == ' ' && p[2] == 'S')
				return 1;
		}
		usleep(SLEEP_POLL_US);
	}
	return 0;
}

/* A child that waits on uaddr (value 0) with op, and exits with how it ended. */
static pid_t waiter(uint32_t *uaddr, int op, long timeout_ns)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec ts = { 0, timeout_ns };
		long r = futex(uaddr, op, 0, timeout_ns ? (long)&ts : 0, NULL, 0);

		_exit(r == 0 ? EXIT_WOKEN : r == -ETIMEDOUT ? EXIT_TIMEDOUT : EXIT_OTHER);
	}
	return pid;
}

static int reap(pid_t pid)
{
	int status;

	if (pid <= 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	struct shared *s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint32_t *priv = mmap(NULL, sizeof(uint32_t), PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t c1, c2;
	long r, r2;

	tap_plan(13);
	if (s == MAP_FAILED || priv == MAP_FAILED) {
		check(0, "mmap");
		return 1;
	}

	/* A shared futex in MAP_SHARED memory: woken from the other process. */
	c1 = waiter(&s->a, FUTEX_WAIT, 0);
	check(wait_asleep(c1), "the child sleeps in FUTEX_WAIT");
	r = futex(&s->a, FUTEX_WAKE, 1, 0, NULL, 0);
	check(r == 1, "FUTEX_WAKE from the parent wakes the child's shared futex (%ld)", r);
	if (r != 1)
		kill(c1, SIGKILL);
	check(reap(c1) == EXIT_WOKEN, "the child's FUTEX_WAIT returned 0");

	/* FUTEX_PRIVATE_FLAG: the same word, but private to each process. */
	c1 = waiter(&s->a, FUTEX_WAIT_PRIVATE, SHORT_WAIT_NS);
	wait_asleep(c1);
	r = futex(&s->a, FUTEX_WAKE_PRIVATE, 1, 0, NULL, 0);
	r2 = futex(&s->a, FUTEX_WAKE, 1, 0, NULL, 0);
	check(r == 0 && r2 == 0, "a private waiter is not woken from another process (%ld %ld)",
	      r, r2);
	check(reap(c1) == EXIT_TIMEDOUT, "the private wait timed out");

	/* A shared futex in private memory is keyed by (mm, address). */
	c1 = waiter(priv, FUTEX_WAIT, SHORT_WAIT_NS);
	wait_asleep(c1);
	r = futex(priv, FUTEX_WAKE, 1, 0, NULL, 0);
	check(r == 0 && reap(c1) == EXIT_TIMEDOUT,
	      "a shared futex in MAP_PRIVATE memory is not shared after fork (%ld)", r);

	/* FUTEX_CMP_REQUEUE between processes: counts and the value check. */
	c1 = waiter(&s->a, FUTEX_WAIT, 0);
	c2 = waiter(&s->a, FUTEX_WAIT, 0);
	wait_asleep(c1);
	wait_asleep(c2);
	r = futex(&s->a, FUTEX_CMP_REQUEUE, 1, 1, &s->b, 1);
	check(r == -EAGAIN, "FUTEX_CMP_REQUEUE with *uaddr != val3: EAGAIN (%ld)", r);
	r = futex(&s->a, FUTEX_CMP_REQUEUE, 1, -1, &s->b, 0);
	check(r == -EINVAL, "FUTEX_CMP_REQUEUE with a negative count: EINVAL (%ld)", r);
	r = futex(&s->a, FUTEX_CMP_REQUEUE, 1, 1, &s->b, 0);
	check(r == 2, "FUTEX_CMP_REQUEUE wakes 1 and requeues 1: returns 2 (%ld)", r);
	r = futex(&s->a, FUTEX_WAKE, 10, 0, NULL, 0);
	r2 = futex(&s->b, FUTEX_WAKE, 10, 0, NULL, 0);
	check(r == 0 && r2 == 1, "the requeued waiter sleeps on the second word (%ld %ld)", r, r2);
	if (r + r2 < 1) {
		kill(c1, SIGKILL);
		kill(c2, SIGKILL);
	}
	r = reap(c1);
	r2 = reap(c2);
	check(r == EXIT_WOKEN && r2 == EXIT_WOKEN, "both children woke (%ld %ld)", r, r2);

	/* FUTEX_REQUEUE (no check): two waiters, none woken, both moved. */
	c1 = waiter(&s->a, FUTEX_WAIT, 0);
	c2 = waiter(&s->a, FUTEX_WAIT, 0);
	wait_asleep(c1);
	wait_asleep(c2);
	r = futex(&s->a, FUTEX_REQUEUE, 0, 5, &s->b, 0);
	r2 = futex(&s->b, FUTEX_WAKE, 10, 0, NULL, 0);
	check(r == 2 && r2 == 2, "FUTEX_REQUEUE moves both waiters (%ld, then %ld woken)", r, r2);
	if (r2 < 2) {
		kill(c1, SIGKILL);
		kill(c2, SIGKILL);
	}
	reap(c1);
	reap(c2);

	munmap(priv, sizeof(uint32_t));
	r = futex(priv, FUTEX_WAKE, 1, 0, NULL, 0);
	check(r == -EFAULT, "a shared FUTEX_WAKE on unmapped memory: EFAULT (%ld)", r);
	return tap_failures;
}
