/*
 * vclock.c: the vDSO's code, a shared object the kernel maps into every
 * process (vdso.c) and glibc binds to through AT_SYSINFO_EHDR, with the
 * symbol version LINUX_2.6 (vdso.lds), as on Linux x86_64 (vdso(7)):
 * __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time,
 * __vdso_clock_getres and __vdso_getcpu.
 *
 * Built -fPIC, without libc, from this file alone: no relocations, no
 * data of its own. The vvar page (vdso_data.h) sits one page below the
 * image; vdso.lds defines vdso_vvar_page there, and a hidden symbol is
 * reached RIP-relative, wherever the image is mapped.
 *
 * What is answered here: the coarse clocks and time() from the last
 * tick's values; CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME and
 * CLOCK_REALTIME with the kernel's own formula when its clock source is
 * the TSC. Otherwise (the HPET is not mapped to user space, other clock
 * ids, a timezone asked for, getcpu) the system call, exactly as Linux's
 * vDSO falls back when its clock source has no vDSO mode.
 */
#include <stddef.h>
#include <stdint.h>
#include "../vdso_data.h"

/* Linux's values (uapi/linux/time.h, asm/unistd_64.h). */
#define V_CLOCK_REALTIME		0
#define V_CLOCK_MONOTONIC		1
#define V_CLOCK_MONOTONIC_RAW		4
#define V_CLOCK_REALTIME_COARSE		5
#define V_CLOCK_MONOTONIC_COARSE	6
#define V_CLOCK_BOOTTIME		7
#define V_NR_gettimeofday		96
#define V_NR_time			201
#define V_NR_clock_gettime		228
#define V_NR_clock_getres		229
#define V_NR_getcpu			309
#define V_NSEC_PER_SEC			1000000000LL
#define V_NSEC_PER_USEC			1000

struct v_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct v_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

extern const struct vdso_data vdso_vvar_page __attribute__((visibility("hidden")));

#define V_BARRIER()	__asm__ volatile("" ::: "memory")

static long v_syscall2(long nr, long a, long b)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return r;
}

static long v_syscall3(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

static uint32_t v_seq_begin(const volatile struct vdso_data *vd)
{
	uint32_t s;

	while ((s = vd->seq) & 1)
		__asm__ volatile("pause");
	V_BARRIER();
	return s;
}

static int v_seq_retry(const volatile struct vdso_data *vd, uint32_t s)
{
	V_BARRIER();
	return vd->seq != s;
}

static uint64_t v_rdtsc(void)
{
	uint32_t lo, hi;

	/* LFENCE keeps RDTSC after earlier loads (SDM Vol. 2B RDTSC). */
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

/*
 * The clock's nanoseconds: 0 with *ns, or -1 when the system call must
 * answer (a clock id this page does not cover, or no TSC mode).
 */
static int v_clock_ns(long clock, int64_t *ns)
{
	const volatile struct vdso_data *vd = &vdso_vvar_page;
	uint64_t delta, origin, mult;
	int64_t off = 0, v = 0;
	uint32_t s;
	int mode;

	do {
		s = v_seq_begin(vd);
		mode = (int)vd->clock_mode;
		origin = vd->tsc_origin;
		mult = vd->tsc_mult;
		off = vd->real_offset_ns;
		if (clock == V_CLOCK_REALTIME_COARSE)
			v = vd->coarse_real_ns;
		else if (clock == V_CLOCK_MONOTONIC_COARSE)
			v = vd->coarse_mono_ns;
	} while (v_seq_retry(vd, s));
	switch (clock) {
	case V_CLOCK_REALTIME_COARSE:
	case V_CLOCK_MONOTONIC_COARSE:
		*ns = v;
		return 0;
	case V_CLOCK_REALTIME:
	case V_CLOCK_MONOTONIC:
	case V_CLOCK_MONOTONIC_RAW:
	case V_CLOCK_BOOTTIME:
		if (mode != VDSO_CLOCK_TSC)
			return -1;
		delta = v_rdtsc() - origin;
		v = (int64_t)(((unsigned __int128)delta * mult) >> VDSO_TSC_SHIFT);
		*ns = clock == V_CLOCK_REALTIME ? v + off : v;
		return 0;
	default:
		return -1;
	}
}

int __vdso_clock_gettime(long clock, struct v_timespec *ts)
{
	int64_t ns;

	if (v_clock_ns(clock, &ns))
		return (int)v_syscall2(V_NR_clock_gettime, clock, (long)ts);
	ts->tv_sec = ns / V_NSEC_PER_SEC;
	ts->tv_nsec = ns % V_NSEC_PER_SEC;
	return 0;
}

int __vdso_gettimeofday(struct v_timeval *tv, void *tz)
{
	int64_t ns;

	if (tz || v_clock_ns(V_CLOCK_REALTIME, &ns))
		return (int)v_syscall2(V_NR_gettimeofday, (long)tv, (long)tz);
	if (tv) {
		tv->tv_sec = ns / V_NSEC_PER_SEC;
		tv->tv_usec = ns % V_NSEC_PER_SEC / V_NSEC_PER_USEC;
	}
	return 0;
}

/* time(2): the system call's answer, the realtime clock's seconds. */
int64_t __vdso_time(int64_t *t)
{
	int64_t ns, sec;

	if (v_clock_ns(V_CLOCK_REALTIME, &ns))
		return v_syscall2(V_NR_time, (long)t, 0);
	sec = ns / V_NSEC_PER_SEC;
	if (t)
		*t = sec;
	return sec;
}

int __vdso_clock_getres(long clock, struct v_timespec *res)
{
	return (int)v_syscall2(V_NR_clock_getres, clock, (long)res);
}

long __vdso_getcpu(unsigned *cpu, unsigned *node, void *unused)
{
	return v_syscall3(V_NR_getcpu, (long)cpu, (long)node, (long)unused);
}

/* The names without the prefix, as Linux's vDSO also exports them. */
int clock_gettime(long clock, struct v_timespec *ts)
	__attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct v_timeval *tv, void *tz)
	__attribute__((weak, alias("__vdso_gettimeofday")));
int64_t time(int64_t *t) __attribute__((weak, alias("__vdso_time")));
int clock_getres(long clock, struct v_timespec *res)
	__attribute__((weak, alias("__vdso_clock_getres")));
long getcpu(unsigned *cpu, unsigned *node, void *unused)
	__attribute__((weak, alias("__vdso_getcpu")));
