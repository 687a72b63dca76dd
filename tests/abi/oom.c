/*
 * oom.c: running out of memory as on Linux: a process that touches more
 * anonymous memory than the machine has (MAP_NORESERVE, so the mapping
 * itself is allowed) is killed by the OOM killer with SIGKILL, not a
 * catchable SIGSEGV, the kernel log says "Out of memory: Killed process
 * PID", and the rest of the system goes on: the parent can allocate and
 * fork again. Only in a small machine (a test guest, MemTotal under
 * 2 GiB): on a real host it would press the host's own memory.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include "abi_tap.h"

#define PLAN		4
#define KIB		1024UL
#define GUEST_MAX_KIB	(2 * 1024 * 1024UL)	/* MemTotal of a test guest, at most */
#define EXTRA_KIB	(64 * 1024UL)		/* past MemTotal by this much */
#define PAGE		4096UL
#define LOG_BUF		(256 * 1024)
#define SYSLOG_READ_ALL	3			/* syslog(2) SYSLOG_ACTION_READ_ALL */

/* Touches a page at a time of more memory than there is; never returns normally. */
static void hog(unsigned long kib)
{
	size_t len = kib * KIB;
	volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		_exit(2);
	for (size_t off = 0; off < len; off += PAGE)
		p[off] = 1;
	_exit(3);	/* it all fit: not out of memory after all */
}

/* Whether the kernel log names pid as killed for memory (root only), -1 if unreadable. */
static int log_names(pid_t pid)
{
	char want[64], *buf = malloc(LOG_BUF);
	int n, found;

	if (!buf)
		return -1;
	n = klogctl(SYSLOG_READ_ALL, buf, LOG_BUF - 1);
	if (n < 0) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	snprintf(want, sizeof(want), "Out of memory: Killed process %d ", (int)pid);
	found = strstr(buf, want) != NULL;
	free(buf);
	return found;
}

int main(void)
{
	long total = tap_meminfo_kib("MemTotal");
	int status = 0, logged, ok_after;
	void *again;
	pid_t pid;

	tap_plan(PLAN);
	if (total <= 0 || (unsigned long)total > GUEST_MAX_KIB) {
		for (int i = 0; i < PLAN; i++)
			skip("MemTotal %ld kB: not a small test machine", total);
		return tap_done();
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		hog((unsigned long)total + EXTRA_KIB);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "touching %ld kB more than MemTotal: killed by SIGKILL (wait status %#x)",
	      (long)EXTRA_KIB, status);
	logged = log_names(pid);
	if (logged < 0)
		skip("the kernel log needs root");
	else
		check(logged == 1, "the log says \"Out of memory: Killed process %d\"", (int)pid);
	again = malloc(PAGE * 256);
	if (again)
		memset(again, 1, PAGE * 256);
	check(again != NULL, "the parent allocates a megabyte afterwards");
	free(again);
	pid = fork();
	if (pid == 0)
		_exit(0);
	ok_after = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		   WEXITSTATUS(status) == 0;
	check(ok_after, "and forks a child that exits 0");
	return tap_done();
}
