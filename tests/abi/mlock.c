/*
 * mlock.c: mlock(2), mlock2(2), munlock(2), mlockall(2), munlockall(2)
 * and MAP_LOCKED: pages faulted in (mincore), VmLck in /proc/self/status
 * through mprotect, munmap and mremap splits, the errnos of holes, bad
 * flags and PROT_NONE, RLIMIT_MEMLOCK for an unprivileged user (EPERM at
 * 0, ENOMEM and EAGAIN over it), and fork not inheriting locks.
 */
#define _GNU_SOURCE
#include "abi_tap.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define PG		4096L
#define T_MCL_CURRENT	1
#define T_MCL_FUTURE	2
#define T_MCL_ONFAULT	4
#define T_MLOCK_ONFAULT	1
#define T_MAP_LOCKED	0x2000
#define T_LIMIT_PAGES	8

/* VmLck of /proc/self/status in kB, or -1. */
static long vmlck(void)
{
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");
	long v = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmLck:", 6))
			v = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* How many of the n pages at p are resident (mincore). */
static int resident(void *p, int n)
{
	unsigned char vec[64];
	int r = 0;

	if (n > 64 || mincore(p, (size_t)n * PG, vec))
		return -1;
	for (int i = 0; i < n; i++)
		r += vec[i] & 1;
	return r;
}

static char *anon(int pages, int prot)
{
	void *p = mmap(NULL, (size_t)pages * PG, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static long lock2(void *p, long len, unsigned flags)
{
	return raw(SYS_mlock2, p, len, flags);
}

static void test_lock_splits(void)
{
	char *p = anon(8, PROT_READ | PROT_WRITE);
	long base = vmlck();

	check(p && base >= 0 && resident(p, 8) == 0, "a new anonymous mapping has no pages");
	check(raw(SYS_mlock, p + 10, 4 * PG - 20, 0) == 0 && vmlck() == base + 16 &&
	      resident(p, 8) == 4, "mlock rounds to pages, faults them in, VmLck +16 kB");
	check(mprotect(p + PG, PG, PROT_READ) == 0 && vmlck() == base + 16,
	      "mprotect splitting the locked range keeps it locked");
	check(madvise(p, PG, MADV_DONTNEED) == -1 && errno == EINVAL && resident(p, 1) == 1,
	      "MADV_DONTNEED on locked pages: EINVAL, they stay");
	check(munlock(p + 2 * PG, PG) == 0 && vmlck() == base + 12, "munlock of one page: VmLck -4 kB");
	check(munmap(p + 3 * PG, PG) == 0 && vmlck() == base + 8, "munmap of a locked page: -4 kB");
	check(mlock(p + 2 * PG, 2 * PG) == -1 && errno == ENOMEM &&
	      munlock(p + 2 * PG, 2 * PG) == -1 && errno == ENOMEM,
	      "mlock, munlock over a hole: ENOMEM");
	check(mlock(p, (size_t)-1) == 0, "a length that wraps to 0 pages: nothing to do");
	munmap(p, 8 * PG);
	check(vmlck() == base, "munmap of the rest: VmLck back");
}

static void test_remap(void)
{
	char *p = anon(2, PROT_READ | PROT_WRITE), *q;
	long base = vmlck();

	check(p && mlock(p, 2 * PG) == 0 && vmlck() == base + 8, "mlock 2 pages");
	q = mremap(p, 2 * PG, 6 * PG, MREMAP_MAYMOVE);
	check(q != MAP_FAILED && vmlck() == base + 24 && resident(q, 6) == 6,
	      "mremap grows a locked area: locked and faulted in");
	check(q != MAP_FAILED && mremap(q, 6 * PG, 3 * PG, 0) == q && vmlck() == base + 12,
	      "mremap shrinks it: VmLck follows");
	if (q != MAP_FAILED)
		munmap(q, 3 * PG);
}

static void test_flags(void)
{
	char *p = anon(4, PROT_READ | PROT_WRITE), *n = anon(2, PROT_NONE);
	long base = vmlck();

	check(lock2(p, PG, 2) == -EINVAL && lock2(p, PG, ~0u) == -EINVAL, "mlock2: unknown flags EINVAL");
	check(lock2(p, 4 * PG, T_MLOCK_ONFAULT) == 0 && vmlck() == base + 16 && resident(p, 4) == 0,
	      "MLOCK_ONFAULT: locked, nothing faulted in");
	check(raw(SYS_mlockall, 0, 0, 0) == -EINVAL &&
	      raw(SYS_mlockall, T_MCL_ONFAULT, 0, 0) == -EINVAL &&
	      raw(SYS_mlockall, 8, 0, 0) == -EINVAL, "mlockall: 0, MCL_ONFAULT alone, unknown: EINVAL");
	check(raw(SYS_mlock, n, 2 * PG, 0) == -ENOMEM && vmlck() == base + 24,
	      "mlock of PROT_NONE: ENOMEM after marking it locked");
	check(raw(SYS_mlock, 0x10000, PG, 0) == -ENOMEM, "mlock of an unmapped address: ENOMEM");
	munmap(p, 4 * PG);
	munmap(n, 2 * PG);
}

static int child_vmlck(void)
{
	return vmlck() == 0 ? 0 : 1;
}

/* mlockall as root: every area, then future ones; munlockall undoes both. */
static int mlockall_child(void)
{
	char *p = anon(4, PROT_READ | PROT_WRITE), *q;
	long before;

	if (!p || mlockall(MCL_CURRENT) || vmlck() <= 0 || resident(p, 4) != 4)
		return 1;
	before = vmlck();
	q = anon(4, PROT_READ | PROT_WRITE);
	if (!q || vmlck() != before || resident(q, 4) != 0)
		return 2;
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		return 3;
	before = vmlck();
	munmap(q, 4 * PG);
	q = anon(4, PROT_READ | PROT_WRITE);
	if (!q || resident(q, 4) != 4 || vmlck() != before)
		return 4;
	if (tap_in_child(child_vmlck) != 0)
		return 5;
	if (munlockall() || vmlck() != 0)
		return 6;
	q = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | T_MAP_LOCKED, -1, 0);
	if (q == MAP_FAILED || vmlck() != 8 || resident(q, 2) != 2)
		return 7;
	return 0;
}

static int nobody_zero(void)
{
	struct rlimit rl = { 0, 0 };
	char *p = anon(2, PROT_READ | PROT_WRITE);

	if (!p || setrlimit(RLIMIT_MEMLOCK, &rl))
		return 1;
	if (raw(SYS_mlock, p, PG, 0) != -EPERM || lock2(p, PG, 0) != -EPERM ||
	    raw(SYS_mlockall, T_MCL_CURRENT, 0, 0) != -EPERM)
		return 2;
	if (mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | T_MAP_LOCKED, -1, 0) != MAP_FAILED ||
	    errno != EPERM)
		return 3;
	return munlock(p, PG) == 0 && munlockall() == 0 ? 0 : 4;
}

static int nobody_limit(void)
{
	struct rlimit rl = { T_LIMIT_PAGES * PG, T_LIMIT_PAGES * PG };
	char *p = anon(12, PROT_READ | PROT_WRITE), *q;

	if (!p || setrlimit(RLIMIT_MEMLOCK, &rl))
		return 1;
	if (mlock(p, 4 * PG) || mlock(p, 4 * PG) || vmlck() != 16)
		return 2;
	if (raw(SYS_mlock, p + 4 * PG, 8 * PG, 0) != -ENOMEM || vmlck() != 16)
		return 3;
	if (raw(SYS_mlockall, T_MCL_CURRENT, 0, 0) != -ENOMEM)
		return 4;
	if (mlockall(MCL_FUTURE))
		return 5;
	if (mmap(NULL, 8 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED ||
	    errno != EAGAIN)
		return 6;
	q = anon(4, PROT_READ | PROT_WRITE);
	if (!q || vmlck() != 32 || resident(q, 4) != 4)
		return 7;
	if (mremap(q, 4 * PG, 8 * PG, MREMAP_MAYMOVE) != MAP_FAILED || errno != EAGAIN)
		return 8;
	return 0;
}

int main(void)
{
	char *p;
	int r;

	tap_plan(21);
	test_lock_splits();
	test_remap();
	test_flags();
	p = anon(2, PROT_READ | PROT_WRITE);
	check(p && mlock(p, 2 * PG) == 0 && vmlck() > 0 && tap_in_child(child_vmlck) == 0,
	      "fork: the child has nothing locked");
	munlock(p, 2 * PG);
	r = tap_in_child(mlockall_child);
	if (getuid() != 0)
		skip("mlockall: not root");
	else
		check(r == 0, "mlockall MCL_CURRENT/MCL_FUTURE, munlockall, MAP_LOCKED (step %d)", r);
	check_as_nobody(nobody_zero, "nobody, RLIMIT_MEMLOCK 0: EPERM; munlock still fine");
	check_as_nobody(nobody_limit, "nobody, RLIMIT_MEMLOCK 8 pages: ENOMEM, EAGAIN past it");
	return tap_done();
}
