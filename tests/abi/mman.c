/*
 * mman.c: brk, mmap, munmap and mprotect as Linux does them (mmap(2),
 * brk(2)): results, zero-filled pages and errno for bad arguments. Run
 * on the host and on Basalt; prints TAP, exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE		4096
#define FIXED_ADDR	((void *)0x200000000000ULL)	/* well clear of everything */
#define PLAN		15
#define HUGE_LEN	(1ULL << 45)	/* 32 TiB: more than any test machine has */

static int failures, test_no;

static void check(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, what);
	if (!ok)
		failures++;
}

/* The raw system call: -errno on failure, as the kernel returns it. */
static long raw_brk(unsigned long addr)
{
	return syscall(SYS_brk, addr);
}

static int fails_with(void *ret, int err)
{
	return ret == MAP_FAILED && errno == err;
}

int main(void)
{
	long cur = raw_brk(0), grown;
	char *p, *q;

	printf("1..%d\n", PLAN);
	check(cur > 0 && raw_brk(1) == cur, "brk(0) and a bad brk report the break");
	grown = raw_brk((unsigned long)cur + 3 * PAGE + 5);
	check(grown == cur + 3 * PAGE + 5, "brk grows by an unaligned amount");
	if (grown > cur) {
		memset((void *)cur, 0x11, 3 * PAGE + 5);
		check(raw_brk((unsigned long)cur) == cur, "brk shrinks back");
	} else {
		check(0, "brk shrinks back");
	}

	p = mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && ((uintptr_t)p & (PAGE - 1)) == 0 && p[0] == 0 &&
	      p[5 * PAGE - 1] == 0, "anonymous mmap: page aligned and zeroed");
	if (p != MAP_FAILED) {
		memset(p, 0x22, 5 * PAGE);
		check(munmap(p + PAGE, PAGE) == 0 && p[0] == 0x22 && p[2 * PAGE] == 0x22,
		      "munmap of one page keeps its neighbours");
		check(mprotect(p, 2 * PAGE, PROT_READ) == -1 && errno == ENOMEM,
		      "mprotect over a hole: ENOMEM");
		check(mprotect(p + 2 * PAGE, 3 * PAGE, PROT_READ) == 0 && p[2 * PAGE] == 0x22,
		      "mprotect read-only keeps the contents");
		munmap(p, 5 * PAGE);
	} else {
		check(0, "munmap of one page keeps its neighbours");
		check(0, "mprotect over a hole: ENOMEM");
		check(0, "mprotect read-only keeps the contents");
	}

	q = mmap(FIXED_ADDR, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check(q == FIXED_ADDR && q[0] == 0, "MAP_FIXED maps at the address");
	if (q == FIXED_ADDR)
		q[0] = 1;
	check(fails_with(mmap(FIXED_ADDR, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
			      MAP_FIXED_NOREPLACE, -1, 0), EEXIST),
	      "MAP_FIXED_NOREPLACE over a mapping: EEXIST");
	q = mmap(FIXED_ADDR, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check(q == FIXED_ADDR && q[0] == 0, "MAP_FIXED replaces with a zeroed page");
	munmap(FIXED_ADDR, PAGE);

	check(fails_with(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL) &&
	      fails_with(mmap((char *)FIXED_ADDR + 1, PAGE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL),
	      "mmap of length 0 or an unaligned fixed address: EINVAL");
	check(fails_with(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 42, 0), EBADF),
	      "mmap of a file descriptor that is not open: EBADF");
	check(munmap((char *)FIXED_ADDR + 1, PAGE) == -1 && errno == EINVAL &&
	      munmap(FIXED_ADDR, 0) == -1 && errno == EINVAL,
	      "munmap unaligned or of length 0: EINVAL");
	check(fails_with(mmap(NULL, HUGE_LEN, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM),
	      "mmap of 32 TiB: ENOMEM");
	check(munmap(FIXED_ADDR, HUGE_LEN) == 0, "munmap of a huge empty range succeeds");
	printf("# %d failed\n", failures);
	return failures;
}
