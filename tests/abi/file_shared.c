/*
 * file_shared.c: shared file mappings over the page cache, and the
 * signals of page faults, as Linux gives them:
 *
 * - MAP_SHARED of a file: a store through the mapping is in the file at
 *   once (pread sees it), a write(2) shows in the mapping, another
 *   process's mapping of the same file sees both;
 * - PROT_WRITE with MAP_SHARED needs a descriptor open for writing
 *   (EACCES), and so does mprotect adding it later;
 * - a page wholly past the end of the file is SIGBUS (BUS_ADRERR, at
 *   the address), for shared and private mappings; the rest of the last
 *   page reads as zeros;
 * - SIGSEGV's code: SEGV_MAPERR where nothing is mapped, SEGV_ACCERR
 *   where an area refuses the access, even on a page never touched;
 * - msync(2) and mincore(2): their results and their errors.
 *
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

#define PLAN		23
#define PAGE		4096
#define FILE_PAGES	2
#define TAIL		100	/* bytes of the file in its last page */

static sigjmp_buf fault_jmp;
static volatile int fault_sig, fault_code;
static volatile void *fault_addr;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	fault_sig = sig;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(fault_jmp, 1);
}

/* Touches p (a read, or a write of 1): the signal it raised, or 0. */
static int touch(volatile uint8_t *p, int write)
{
	fault_sig = fault_code = 0;
	fault_addr = NULL;
	if (sigsetjmp(fault_jmp, 1) == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
	}
	return fault_sig;
}

static int make_file(char *path, size_t size)
{
	static uint8_t buf[FILE_PAGES * PAGE];
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	memset(buf, 'F', sizeof(buf));
	if (pwrite(fd, buf, size, 0) != (ssize_t)size) {
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

static void shared_mapping(int fd)
{
	volatile uint8_t *m = mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
				   fd, 0);
	char x = 'x';
	int status = -1, r, e;
	pid_t pid;

	check(m != MAP_FAILED, "mmap MAP_SHARED of a file open O_RDWR");
	if (m == MAP_FAILED)
		return;
	m[10] = 'M';
	check(file_byte(fd, 10) == 'M', "a store through the mapping is in the file (pread)");
	pwrite(fd, &x, 1, PAGE + 5);
	check(m[PAGE + 5] == 'x', "write(2) shows in the mapping");
	pid = fork();
	if (pid == 0) {
		volatile uint8_t *c = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

		if (c == MAP_FAILED || c[10] != 'M')
			_exit(1);
		c[11] = 'C';
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "another process's mapping sees the store");
	check(m[11] == 'C' && file_byte(fd, 11) == 'C',
	      "its store shows in ours and in the file");
	check(msync((void *)m, FILE_PAGES * PAGE, MS_SYNC) == 0, "msync MS_SYNC");
	check(msync((void *)m, PAGE, MS_ASYNC | MS_INVALIDATE) == 0, "msync MS_ASYNC|MS_INVALIDATE");
	errno = 0;
	r = msync((void *)m, PAGE, MS_ASYNC | MS_SYNC);
	e = errno;
	check(r == -1 && e == EINVAL,
	      "msync MS_ASYNC|MS_SYNC: EINVAL (%d)", e);
	errno = 0;
	r = msync((void *)(m + 1), PAGE, MS_SYNC);
	e = errno;
	check(r == -1 && e == EINVAL,
	      "msync of an unaligned address: EINVAL (%d)", e);
	munmap((void *)m, FILE_PAGES * PAGE);
	errno = 0;
	r = msync((void *)m, PAGE, MS_SYNC);
	e = errno;
	check(r == -1 && e == ENOMEM,
	      "msync of an unmapped range: ENOMEM (%d)", e);
}

static void write_rights(int rw_fd)
{
	char proc[64];
	int fd, r, e;
	void *m;

	/* The file is unlinked: reopen it read-only through /proc/self/fd. */
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", rw_fd);
	fd = open(proc, O_RDONLY);
	if (fd < 0) {
		check(0, "reopen the file read-only");
		check(0, "(skipped)");
		check(0, "(skipped)");
		return;
	}
	errno = 0;
	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	e = errno;
	check(m == MAP_FAILED && e == EACCES,
	      "MAP_SHARED PROT_WRITE of an O_RDONLY descriptor: EACCES (%d)", e);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	check(m != MAP_FAILED, "MAP_SHARED PROT_READ of it works");
	errno = 0;
	r = m != MAP_FAILED ? mprotect(m, PAGE, PROT_READ | PROT_WRITE) : 0;
	e = errno;
	check(r == -1 && e == EACCES,
	      "mprotect adding PROT_WRITE to it: EACCES (%d)", e);
	if (m != MAP_FAILED)
		munmap(m, PAGE);
	close(fd);
}

static void past_eof(int fd)
{
	volatile uint8_t *s = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	volatile uint8_t *p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	int zeros = 1, sig;

	if (s == MAP_FAILED || p == MAP_FAILED) {
		check(0, "map a one-page file over two pages");
		check(0, "(skipped)");
		check(0, "(skipped)");
		return;
	}
	for (int i = TAIL; i < PAGE; i++)
		zeros &= s[i] == 0;
	check(s[0] == 'F' && zeros, "the last page: the file's bytes, then zeros");
	sig = touch(s + PAGE + 8, 0);
	check(sig == SIGBUS && fault_code == BUS_ADRERR && fault_addr == (void *)(s + PAGE + 8),
	      "a shared page past the end: SIGBUS BUS_ADRERR at the address (%d, %d)",
	      fault_sig, fault_code);
	sig = touch(p + PAGE, 0);
	check(sig == SIGBUS && fault_code == BUS_ADRERR,
	      "a private page past the end: SIGBUS BUS_ADRERR (%d, %d)", fault_sig, fault_code);
	munmap((void *)s, 2 * PAGE);
	munmap((void *)p, 2 * PAGE);
}

static void segv_codes(void)
{
	volatile uint8_t *r = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int sig = touch(r + PAGE, 1);

	check(sig == SIGSEGV && fault_code == SEGV_ACCERR,
	      "a write to a read-only page never touched: SEGV_ACCERR (%d, %d)", fault_sig,
	      fault_code);
	munmap((void *)r, 2 * PAGE);
	sig = touch(r, 0);
	check(sig == SIGSEGV && fault_code == SEGV_MAPERR &&
	      fault_addr == (void *)r,
	      "a read where nothing is mapped: SEGV_MAPERR at the address (%d, %d)", fault_sig,
	      fault_code);
}

static void mincore_checks(int fd)
{
	uint8_t *a = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t *f = mmap(NULL, FILE_PAGES * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	unsigned char vec[4] = { 9, 9, 9, 9 };
	int r, e;

	a[0] = 1;
	a[2 * PAGE] = 1;
	r = mincore(a, 4 * PAGE, vec);
	check(r == 0 && (vec[0] & 1) && !(vec[1] & 1) && (vec[2] & 1) && !(vec[3] & 1),
	      "mincore: touched anonymous pages are resident (%d%d%d%d)", vec[0] & 1,
	      vec[1] & 1, vec[2] & 1, vec[3] & 1);
	/* The file's pages were written with write(2): in the page cache, untouched here. */
	check(f != MAP_FAILED && mincore(f, FILE_PAGES * PAGE, vec) == 0 && (vec[0] & 1) &&
	      (vec[1] & 1), "mincore: a written file's pages are resident before any touch");
	errno = 0;
	r = mincore(a + 1, PAGE, vec);
	e = errno;
	check(r == -1 && e == EINVAL,
	      "mincore of an unaligned address: EINVAL (%d)", e);
	errno = 0;
	r = mincore(a, PAGE, (unsigned char *)8);
	e = errno;
	check(r == -1 && e == EFAULT,
	      "mincore with a bad vector: EFAULT (%d)", e);
	munmap(a, 4 * PAGE);
	errno = 0;
	r = mincore(a, PAGE, vec);
	e = errno;
	check(r == -1 && e == ENOMEM,
	      "mincore of an unmapped range: ENOMEM (%d)", e);
	if (f != MAP_FAILED)
		munmap(f, FILE_PAGES * PAGE);
}

int main(void)
{
	char big[] = "/tmp/file_shared.XXXXXX", small[] = "/tmp/file_shared.XXXXXX";
	struct sigaction sa;
	int fd, fd1;

	tap_plan(PLAN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	fd = make_file(big, FILE_PAGES * PAGE);
	fd1 = make_file(small, TAIL);
	if (fd < 0 || fd1 < 0) {
		check(0, "files in /tmp");
		return tap_done();
	}
	shared_mapping(fd);
	write_rights(fd);
	past_eof(fd1);
	segv_codes();
	mincore_checks(fd);
	close(fd);
	close(fd1);
	return tap_done();
}
