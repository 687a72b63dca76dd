/*
 * file_truncate.c: truncating a file that is mapped, as Linux does it
 * (truncate_pagecache: the pages past the new end are unmapped from
 * every address space that maps the file, private copies included):
 *
 * - ftruncate(2) of a shared mapping's file: a page past the new end is
 *   SIGBUS (BUS_ADRERR) even though it was mapped before, the rest of
 *   the last page reads as zeros, the pages before stay; growing the
 *   file again reads zeros there, through the mapping and read(2), never
 *   the old bytes;
 * - truncate(2) of a private mapping's file: pages copied on write keep
 *   their data if they are still inside the file, bytes past the end
 *   included; pages past the new end are SIGBUS, copied or not;
 * - open(O_TRUNC) while another process maps the file: its mapping is
 *   SIGBUS at once.
 *
 * The files are in /tmp (tmpfs in Basalt, a disk or tmpfs on a host).
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		16
#define PAGE		4096
#define FILE_PAGES	4
#define TAIL		100	/* bytes kept in the last page */

static sigjmp_buf fault_jmp;
static volatile int fault_sig, fault_code;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	fault_sig = sig;
	fault_code = si->si_code;
	siglongjmp(fault_jmp, 1);
}

/* Reads *p: the byte, or -SIGNAL if the read raised one. */
static int peek(volatile uint8_t *p)
{
	int v = 0;

	fault_sig = fault_code = 0;
	if (sigsetjmp(fault_jmp, 1) == 0)
		v = *p;
	return fault_sig ? -fault_sig : v;
}

/* Makes path FILE_PAGES pages of fill; the open descriptor, or -1. */
static int fill_file(const char *path, int fill)
{
	static uint8_t buf[FILE_PAGES * PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return -1;
	memset(buf, fill, sizeof(buf));
	if (pwrite(fd, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int file_byte(int fd, off_t off)
{
	uint8_t c;

	return pread(fd, &c, 1, off) == 1 ? c : -1;
}

static void shared_truncate(const char *path)
{
	int fd = fill_file(path, 'A'), v;
	volatile uint8_t *m;
	int sum = 0;

	m = fd < 0 ? MAP_FAILED : mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE,
				      MAP_SHARED, fd, 0);
	check(m != MAP_FAILED, "a %d-page file mapped shared", FILE_PAGES);
	if (m == MAP_FAILED)
		return;
	for (int i = 0; i < FILE_PAGES; i++)
		sum += m[i * PAGE];	/* every page mapped before the truncate */
	check(sum == 'A' * FILE_PAGES, "every page reads the file");
	check(ftruncate(fd, PAGE + TAIL) == 0, "ftruncate to one page and %d bytes", TAIL);
	v = peek(m + 2 * PAGE);
	check(v == -SIGBUS && fault_code == BUS_ADRERR,
	      "a mapped page past the new end: SIGBUS BUS_ADRERR (%d, code %d)", v,
	      fault_code);
	v = peek(m + 3 * PAGE);
	check(v == -SIGBUS, "the last page too (%d)", v);
	check(m[0] == 'A' && m[PAGE + TAIL - 1] == 'A', "the pages before the end stay");
	check(m[PAGE + TAIL] == 0 && m[2 * PAGE - 1] == 0,
	      "the rest of the last page reads as zeros (%d)", m[PAGE + TAIL]);
	check(ftruncate(fd, FILE_PAGES * PAGE) == 0, "ftruncate back to %d pages", FILE_PAGES);
	v = peek(m + 2 * PAGE);
	check(v == 0 && peek(m + 3 * PAGE + 7) == 0,
	      "grown again: the mapping reads zeros, not the old bytes (%d)", v);
	check(file_byte(fd, 2 * PAGE) == 0 && file_byte(fd, PAGE + TAIL) == 0,
	      "and so does read(2)");
	munmap((void *)m, FILE_PAGES * PAGE);
	close(fd);
}

static void private_truncate(const char *path)
{
	int fd = fill_file(path, 'B'), v2, v3;
	volatile uint8_t *p;

	p = fd < 0 ? MAP_FAILED : mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE, fd, 0);
	check(p != MAP_FAILED, "the file mapped private");
	if (p == MAP_FAILED)
		return;
	p[0] = 'X';			/* copied on write */
	p[PAGE + 2 * TAIL] = 'Z';	/* the page the new end falls in, copied */
	p[2 * PAGE] = 'Y';		/* copied, past the new end */
	(void)p[3 * PAGE];		/* the file's own page, past the new end */
	check(truncate(path, PAGE + TAIL) == 0, "truncate(2) to one page and %d bytes", TAIL);
	check(p[0] == 'X' && p[1] == 'B', "a copied page inside the file keeps its data");
	check(p[PAGE + 2 * TAIL] == 'Z' && p[PAGE + TAIL] == 'B',
	      "the copied last page keeps its bytes past the end (%d)", p[PAGE + TAIL]);
	v2 = peek(p + 2 * PAGE);
	v3 = peek(p + 3 * PAGE);
	check(v2 == -SIGBUS && v3 == -SIGBUS,
	      "pages past the new end are SIGBUS, copied (%d) or not (%d)", v2, v3);
	munmap((void *)p, FILE_PAGES * PAGE);
	close(fd);
}

/* Another process maps the file; we open it O_TRUNC: its next access is SIGBUS. */
static void other_process(const char *path)
{
	int fd = fill_file(path, 'C'), go[2], ready[2], status = -1;
	char c = 0;
	pid_t pid;

	if (fd < 0 || pipe(go) || pipe(ready)) {
		check(0, "file and pipes");
		return;
	}
	pid = fork();
	if (pid == 0) {
		volatile uint8_t *m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);

		if (m == MAP_FAILED || m[0] != 'C' || m[PAGE] != 'C')
			_exit(2);
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(3);
		_exit(peek(m) == -SIGBUS && peek(m + PAGE) == -SIGBUS ? 0 : 1);
	}
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		check(0, "the child mapped the file");
		return;
	}
	close(open(path, O_RDWR | O_TRUNC));
	if (write(go[1], "g", 1) != 1 || waitpid(pid, &status, 0) != pid)
		status = -1;
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "open(O_TRUNC): another process's shared mapping is SIGBUS (status %#x)", status);
	close(go[0]);
	close(go[1]);
	close(ready[0]);
	close(ready[1]);
	close(fd);
}

int main(void)
{
	char path[] = "/tmp/file_truncate.XXXXXX";
	struct sigaction sa;
	int fd;

	tap_plan(PLAN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	fd = mkstemp(path);
	if (fd < 0) {
		check(0, "a file in /tmp");
		return tap_done();
	}
	close(fd);
	shared_truncate(path);
	private_truncate(path);
	other_process(path);
	unlink(path);
	return tap_done();
}
