/*
 * pty_limits.c: /proc/sys/kernel/pty (proc(5)): max is the most
 * pseudo-terminal pairs at once (4096 by default), nr the pairs open,
 * which opening /dev/ptmx raises by one and closing the master lowers;
 * with max at nr, opening /dev/ptmx is ENOSPC, so no user can pin
 * memory through ptys past it. The limit is global: the test lowers it
 * only inside the abi guests (/abi/list exists), as root, and puts the
 * old value back. Hundreds of pairs open at once (Basalt's table once
 * held 64).
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include "abi_tap.h"

#define PLAN		6
#define PAIRS_AT_ONCE	300
#define PTY_MAX_PATH	"/proc/sys/kernel/pty/max"
#define PTY_NR_PATH	"/proc/sys/kernel/pty/nr"
#define GUEST_MARK	"/abi/list"
#define LINUX_DEFAULT	4096

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

/* Opens n masters at once; how many opened. */
static int open_pairs(int n)
{
	int fds[PAIRS_AT_ONCE], got = 0;

	while (got < n && (fds[got] = open("/dev/ptmx", O_RDWR | O_NOCTTY)) >= 0)
		got++;
	for (int i = 0; i < got; i++)
		close(fds[i]);
	return got;
}

int main(void)
{
	long max = tap_proc_number(PTY_MAX_PATH), nr = tap_proc_number(PTY_NR_PATH), nr2;
	int fd, fd2, got;

	tap_plan(PLAN);
	got = open_pairs(PAIRS_AT_ONCE);
	check(got == PAIRS_AT_ONCE, "%d pairs open at once (%d)", PAIRS_AT_ONCE, got);
	check(max == LINUX_DEFAULT || (max > 0 && access(GUEST_MARK, F_OK)),
	      "kernel/pty/max is Linux's default 4096 (%ld)", max);
	fd = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	nr2 = tap_proc_number(PTY_NR_PATH);
	/* On a busy host other ptys may come and go: only the guests are exact. */
	check(fd >= 0 && (nr2 == nr + 1 || (nr2 > 0 && access(GUEST_MARK, F_OK))),
	      "opening /dev/ptmx counts one more pair (%ld -> %ld)", nr, nr2);
	if (access(GUEST_MARK, F_OK)) {
		skip("the limit is only lowered inside the test guests");
		skip("(likewise)");
		skip("(likewise)");
		return tap_done();
	}
	check(write_number(PTY_MAX_PATH, nr2) == 0, "root sets kernel/pty/max to nr (%ld)", nr2);
	errno = 0;
	fd2 = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	check(fd2 < 0 && errno == ENOSPC, "then /dev/ptmx is ENOSPC (%d)", errno);
	check(write_number(PTY_MAX_PATH, max) == 0 && tap_proc_number(PTY_MAX_PATH) == max,
	      "the old limit is back");
	if (fd2 >= 0)
		close(fd2);
	close(fd);
	return tap_done();
}
