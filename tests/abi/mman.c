/*
 * mman.c: brk, mmap, munmap, mprotect, mremap and madvise as Linux does
 * them (mmap(2), brk(2), mremap(2), madvise(2)): results, zero-filled
 * pages, pages that come on first touch, a stack that grows, and errno
 * for bad arguments. Run on the host and on Basalt; prints TAP, exits
 * with the failure count.
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
#define PLAN		35
#define BIG_STACK	(2 << 20)	/* beyond any initial stack mapping */
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

/* Touches 2 MiB of stack: it has to grow on faults (up to RLIMIT_STACK). */
static __attribute__((noinline)) int deep_stack(void)
{
	volatile char big[BIG_STACK];

	for (size_t i = 0; i < sizeof(big); i += PAGE)
		big[i] = (char)i;
	big[sizeof(big) - 1] = 1;
	return big[0] == 0 && big[sizeof(big) - 1] == 1;
}

static void check_mremap(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *q, *r;

	if (p == MAP_FAILED) {
		check(0, "mmap for mremap");
		return;
	}
	memset(p, 0x33, 2 * PAGE);
	/* A one-page blocker right after the mapping, in a page known free. */
	munmap(p + 2 * PAGE, PAGE);
	q = mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		 -1, 0);
	check(q == p + 2 * PAGE, "MAP_FIXED_NOREPLACE on a free range maps there");
	check(mremap(p, 2 * PAGE, 4 * PAGE, 0) == MAP_FAILED && errno == ENOMEM,
	      "mremap growing into a mapping without MREMAP_MAYMOVE: ENOMEM");
	r = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	check(r != MAP_FAILED && r != p && r[0] == 0x33 && r[2 * PAGE - 1] == 0x33 &&
	      r[4 * PAGE - 1] == 0, "mremap MREMAP_MAYMOVE moves, keeps the bytes, zero tail");
	if (r == MAP_FAILED)
		r = p;
	check(mremap(r, 4 * PAGE, PAGE, 0) == r && r[0] == 0x33,
	      "mremap shrinks in place");
	check(mremap(r + 1, PAGE, PAGE, 0) == MAP_FAILED && errno == EINVAL,
	      "mremap of an unaligned address: EINVAL");
	check(mremap(r, PAGE, 2 * PAGE, MREMAP_FIXED, FIXED_ADDR) == MAP_FAILED &&
	      errno == EINVAL, "MREMAP_FIXED without MREMAP_MAYMOVE: EINVAL");
	check(mremap(r, PAGE, 0, 0) == MAP_FAILED && errno == EINVAL,
	      "mremap to length 0: EINVAL");
	p = mremap(r, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, FIXED_ADDR);
	check(p == FIXED_ADDR && p[0] == 0x33, "MREMAP_FIXED moves to the address");
	munmap(p, 2 * PAGE);
	munmap(q, PAGE);
	munmap(r, PAGE);
}

static void check_madvise(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		check(0, "mmap for madvise");
		return;
	}
	memset(p, 0x44, 3 * PAGE);
	check(madvise(p, PAGE, MADV_DONTNEED) == 0 && p[0] == 0 && p[PAGE] == 0x44,
	      "MADV_DONTNEED: private pages read back as zero");
	check(madvise(p, 3 * PAGE, MADV_WILLNEED) == 0 && madvise(p, PAGE, MADV_NORMAL) == 0,
	      "madvise hints are accepted");
	check(madvise(p + 1, PAGE, MADV_DONTNEED) == -1 && errno == EINVAL,
	      "madvise of an unaligned address: EINVAL");
	check(madvise(p, PAGE, 12345) == -1 && errno == EINVAL, "madvise of bad advice: EINVAL");
	munmap(p + PAGE, PAGE);
	check(madvise(p, 3 * PAGE, MADV_NORMAL) == -1 && errno == ENOMEM,
	      "madvise over a hole: ENOMEM");
	munmap(p, 3 * PAGE);
}

static void check_lazy_and_shared(void)
{
	char *p = mmap(NULL, HUGE_LEN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	check(p != MAP_FAILED, "mmap of 32 TiB with MAP_NORESERVE: pages come on touch");
	if (p != MAP_FAILED) {
		p[0] = 1;
		p[HUGE_LEN / 2] = 2;
		check(p[0] == 1 && p[HUGE_LEN / 2] == 2 && p[HUGE_LEN - 1] == 0,
		      "touching a few pages of it works");
		munmap(p, HUGE_LEN);
	} else {
		check(0, "touching a few pages of it works");
	}
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE,
		 -1, 0);
	check(p != MAP_FAILED && p[0] == 0 && (p[PAGE] = 5) == 5,
	      "MAP_SHARED|MAP_ANONYMOUS with MAP_POPULATE: zeroed, writable");
	if (p != MAP_FAILED)
		munmap(p, 2 * PAGE);
	check(fails_with(mmap(NULL, HUGE_LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			      -1, 0), ENOMEM), "MAP_SHARED|MAP_ANONYMOUS of 32 TiB: ENOMEM");
	p = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && write(1, p, 1) == -1 && errno == EFAULT,
	      "a system call reading PROT_NONE memory: EFAULT");
	if (p != MAP_FAILED)
		munmap(p, PAGE);
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
	check_mremap();
	check_madvise();
	check_lazy_and_shared();
	check(deep_stack(), "the stack grows on demand to 2 MiB");
	cur = raw_brk(0);
	raw_brk((unsigned long)cur + PAGE);
	*(volatile char *)cur = 9;
	raw_brk((unsigned long)cur);
	raw_brk((unsigned long)cur + PAGE);
	check(*(volatile char *)cur == 0, "brk memory given back and taken again is zero");
	printf("# %d failed\n", failures);
	return failures;
}
