/*
 * sched_policy.c: scheduling policies (sched(7)): sched_setscheduler,
 * sched_getscheduler, sched_setparam, sched_getparam, sched_setattr,
 * sched_getattr and sched_rr_get_interval, as root and as nobody, with
 * Linux's errnos for bad policies, priorities and sched_attr sizes.
 * Raw system calls with our own constants (glibc and newlib differ in
 * what they wrap). Changes of policy run in children.
 */
#define _GNU_SOURCE
#include "abi_tap.h"
#include <stdint.h>
#include <time.h>

#define T_OTHER		0
#define T_FIFO		1
#define T_RR		2
#define T_BATCH		3
#define T_ISO		4	/* reserved, never implemented */
#define T_IDLE		5
#define T_DEADLINE	6
#define T_RESET_ON_FORK	0x40000000
#define T_FLAG_RESET_ON_FORK	0x01ULL
#define T_FLAG_KEEP_POLICY	0x08ULL
#define T_ATTR_VER0	48
#define T_ATTR_VER1	56
#define T_NO_PID	0x3ffffff0
#define T_BAD_PTR	((void *)1)
#define T_RR_NS		100000000L	/* sched_rr_timeslice_ms: 100 */
/* proc(5) /proc/PID/stat: priority, rt_priority, policy. */
#define T_STAT_PRIO	18
#define T_STAT_RTPRIO	40
#define T_STAT_POLICY	41
#define T_STAT_FIELDS	41

struct t_attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
	uint8_t tail[8];	/* past VER1: must be zero for the kernel */
};

static long setsched(int pid, int policy, int prio)
{
	int p = prio;

	return raw(SYS_sched_setscheduler, pid, policy, &p);
}

static long getparam(int pid)
{
	int p = -1;
	long r = raw(SYS_sched_getparam, pid, &p, 0);

	return r ? r : p;
}

static long setattr(const struct t_attr *a)
{
	return raw(SYS_sched_setattr, 0, a, 0);
}

static long getattr(struct t_attr *a, unsigned size)
{
	memset(a, 0xff, sizeof(*a));
	return raw6(SYS_sched_getattr, 0, (long)a, size, 0, 0, 0);
}

static long rr_ns(void)
{
	struct timespec ts;
	long r = raw(SYS_sched_rr_get_interval, 0, &ts, 0);

	return r ? r : ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void test_errors(void)
{
	int p = 0;

	check(raw(SYS_sched_getscheduler, 0, 0, 0) == T_OTHER && getparam(0) == 0,
	      "a fresh process is SCHED_OTHER, priority 0");
	check(setsched(0, 7, 0) == -EINVAL && setsched(0, T_ISO, 0) == -EINVAL &&
	      setsched(0, -1, 0) == -EINVAL, "unknown policies: EINVAL");
	check(setsched(0, T_OTHER, 5) == -EINVAL && setsched(0, T_FIFO, 0) == -EINVAL &&
	      setsched(0, T_FIFO, 100) == -EINVAL && setsched(0, T_RR, -1) == -EINVAL,
	      "priority outside the policy's range: EINVAL");
	check(raw(SYS_sched_setscheduler, 0, T_OTHER, NULL) == -EINVAL &&
	      raw(SYS_sched_setscheduler, -1, T_OTHER, &p) == -EINVAL,
	      "NULL param, negative pid: EINVAL");
	check(raw(SYS_sched_setscheduler, 0, T_OTHER, T_BAD_PTR) == -EFAULT,
	      "bad param pointer: EFAULT");
	check(setsched(T_NO_PID, T_OTHER, 0) == -ESRCH &&
	      raw(SYS_sched_getscheduler, T_NO_PID, 0, 0) == -ESRCH &&
	      raw(SYS_sched_getscheduler, -1, 0, 0) == -EINVAL, "no such thread: ESRCH");
	check(raw(SYS_sched_getparam, 0, NULL, 0) == -EINVAL &&
	      raw(SYS_sched_getparam, 0, T_BAD_PTR, 0) == -EFAULT,
	      "sched_getparam: NULL EINVAL, bad pointer EFAULT");
}

static int root_rt_child_keeps(void)
{
	return raw(SYS_sched_getscheduler, 0, 0, 0) == T_RR && getparam(0) == 5 ? 0 : 1;
}

static int root_rt_child_reset(void)
{
	return raw(SYS_sched_getscheduler, 0, 0, 0) == T_OTHER && getparam(0) == 0 ? 0 : 1;
}

/* /proc/self/stat's priority (18), rt_priority (40) and policy (41), as "p rt pol". */
static int stat_sched(char *out, size_t n)
{
	char buf[1024], *f;
	FILE *fp = fopen("/proc/self/stat", "r");
	size_t len = fp ? fread(buf, 1, sizeof(buf) - 1, fp) : 0;
	long v[T_STAT_FIELDS + 1] = { 0 };
	int i = 3;

	if (fp)
		fclose(fp);
	buf[len] = 0;
	f = strrchr(buf, ')');	/* comm may hold spaces */
	if (!f)
		return -1;
	/* Field 3 (the state) follows ") "; numbers from field 4 on. */
	for (f = strchr(f + 2, ' '); f && i < T_STAT_FIELDS; f = strchr(f + 1, ' '))
		v[++i] = strtol(f + 1, NULL, 10);
	snprintf(out, n, "%ld %ld %ld", v[T_STAT_PRIO], v[T_STAT_RTPRIO], v[T_STAT_POLICY]);
	return 0;
}

/* As root: SCHED_FIFO and SCHED_RR, kept or reset across fork. */
static int root_rt(void)
{
	char st[64];
	int prio = 20;

	if (setsched(0, T_FIFO, 10))
		return 1;
	if (raw(SYS_sched_getscheduler, 0, 0, 0) != T_FIFO || getparam(0) != 10 || rr_ns() != 0)
		return 2;
	if (raw(SYS_sched_setparam, 0, &prio, 0) || getparam(0) != 20)
		return 3;
	if (setsched(0, T_RR, 5) || rr_ns() != T_RR_NS)
		return 4;
	if (stat_sched(st, sizeof(st)) || strcmp(st, "-6 5 2"))
		return 9;
	/* Without SCHED_RESET_ON_FORK a child keeps the policy. */
	if (tap_in_child(root_rt_child_keeps) != 0)
		return 5;
	if (setsched(0, T_FIFO | T_RESET_ON_FORK, 10) ||
	    raw(SYS_sched_getscheduler, 0, 0, 0) != (T_FIFO | T_RESET_ON_FORK))
		return 6;
	if (tap_in_child(root_rt_child_reset) != 0)
		return 7;
	return setsched(0, T_OTHER, 0) || raw(SYS_sched_getscheduler, 0, 0, 0) != T_OTHER ? 8 : 0;
}

/* SCHED_BATCH and SCHED_IDLE need no privilege; setparam keeps the policy. */
static int batch_idle(void)
{
	char st[64], want[64];
	int zero = 0;

	if (setsched(0, T_BATCH, 0) || raw(SYS_sched_getscheduler, 0, 0, 0) != T_BATCH)
		return 1;
	if (raw(SYS_sched_setparam, 0, &zero, 0) || raw(SYS_sched_getscheduler, 0, 0, 0) != T_BATCH)
		return 2;
	/* 20 + nice; getpriority gives 20 - nice (the suite may run niced). */
	snprintf(want, sizeof(want), "%ld 0 3", 40 - raw(SYS_getpriority, 0, 0, 0));
	if (stat_sched(st, sizeof(st)) || strcmp(st, want))
		return 4;
	if (setsched(0, T_IDLE, 0) || raw(SYS_sched_getscheduler, 0, 0, 0) != T_IDLE)
		return 3;
	return 0;
}

/* As nobody (RLIMIT_RTPRIO and RLIMIT_NICE 0): Linux's EPERM cases. */
static int nobody_rt(void)
{
	if (setsched(0, T_FIFO, 1) != -EPERM || setsched(0, T_RR, 1) != -EPERM)
		return 1;
	/* init belongs to root. */
	if (setsched(1, T_OTHER, 0) != -EPERM)
		return 2;
	return 0;
}

static int nobody_idle(void)
{
	/* SCHED_IDLE counts as nice 20: going back needs RLIMIT_NICE. */
	if (setsched(0, T_IDLE, 0) || setsched(0, T_OTHER, 0) != -EPERM ||
	    setsched(0, T_BATCH, 0) != -EPERM)
		return 1;
	return raw(SYS_sched_getscheduler, 0, 0, 0) == T_IDLE ? 0 : 2;
}

static int nobody_attr(void)
{
	struct t_attr a = { .size = T_ATTR_VER0, .policy = T_OTHER, .nice = -5 };

	if (setattr(&a) != -EPERM)
		return 1;
	/* Raising it is always allowed (19: the suite may already run niced). */
	a.nice = 19;
	if (setattr(&a) || getattr(&a, T_ATTR_VER0) || a.nice != 19)
		return 2;
	a = (struct t_attr){ .size = T_ATTR_VER0, .policy = T_DEADLINE,
			     .runtime = 1000000, .deadline = 10000000, .period = 10000000 };
	if (setattr(&a) != -EPERM)
		return 3;
	/* Once set, only privilege clears SCHED_RESET_ON_FORK. */
	if (setsched(0, T_OTHER | T_RESET_ON_FORK, 0) || setsched(0, T_OTHER, 0) != -EPERM)
		return 4;
	return 0;
}

/* sched_setattr and sched_getattr: sizes, flags, nice, KEEP_POLICY. */
static int attr_calls(void)
{
	struct t_attr a = { .size = T_ATTR_VER0 - 1 };
	const uint8_t *b = (const uint8_t *)&a;

	if (setattr(&a) != -E2BIG || a.size != T_ATTR_VER1)
		return 1;
	a = (struct t_attr){ .size = sizeof(a), .policy = T_OTHER };
	a.tail[0] = 1;
	if (setattr(&a) != -E2BIG || a.size != T_ATTR_VER1)
		return 2;
	a = (struct t_attr){ .size = sizeof(a), .policy = T_BATCH, .nice = 3 };
	if (setattr(&a) || getattr(&a, T_ATTR_VER0) || a.size != T_ATTR_VER0 ||
	    a.policy != T_BATCH || a.nice != 3 || a.priority != 0)
		return 3;
	/* size 0 is the first version; nice out of range is clamped. */
	a = (struct t_attr){ .size = 0, .policy = T_OTHER, .nice = 100,
			     .flags = T_FLAG_KEEP_POLICY };
	if (setattr(&a) || getattr(&a, T_ATTR_VER0) || a.policy != T_OTHER + T_BATCH || a.nice != 19)
		return 4;
	if (raw(SYS_getpriority, 0, 0, 0) != 20 - 19)
		return 5;
	/*
	 * A larger buffer gets the kernel's own size (6.1 leaves the bytes
	 * past it alone, later kernels zero them: not checked).
	 */
	if (getattr(&a, sizeof(a)) || a.size != T_ATTR_VER1 || b[0] != T_ATTR_VER1)
		return 6;
	a = (struct t_attr){ .size = T_ATTR_VER0, .policy = T_OTHER, .flags = 0x80 };
	if (setattr(&a) != -EINVAL)
		return 7;
	a = (struct t_attr){ .size = T_ATTR_VER0, .policy = T_DEADLINE, .runtime = 2000000,
			     .deadline = 1000000 };
	if (setattr(&a) != -EINVAL)
		return 8;
	a.deadline = 0;
	if (setattr(&a) != -EINVAL)
		return 9;
	a = (struct t_attr){ .size = T_ATTR_VER0, .policy = T_OTHER, .flags = T_FLAG_RESET_ON_FORK };
	if (setattr(&a) || getattr(&a, T_ATTR_VER0) || a.flags != T_FLAG_RESET_ON_FORK)
		return 10;
	return 0;
}

static void test_attr_errors(void)
{
	struct t_attr a = { .size = T_ATTR_VER0 };

	check(raw(SYS_sched_setattr, 0, NULL, 0) == -EINVAL &&
	      raw(SYS_sched_setattr, 0, &a, 1) == -EINVAL &&
	      raw(SYS_sched_setattr, -1, &a, 0) == -EINVAL, "sched_setattr: NULL, flags, pid < 0: EINVAL");
	check(raw(SYS_sched_setattr, 0, T_BAD_PTR, 0) == -EFAULT &&
	      raw(SYS_sched_setattr, T_NO_PID, &a, 0) == -ESRCH, "sched_setattr: EFAULT, ESRCH");
	a.policy = (uint32_t)-1;
	check(setattr(&a) == -EINVAL, "sched_setattr: negative policy EINVAL");
	check(getattr(&a, T_ATTR_VER0 - 1) == -EINVAL && getattr(&a, 4097) == -EINVAL &&
	      raw6(SYS_sched_getattr, 0, (long)&a, T_ATTR_VER0, 1, 0, 0) == -EINVAL &&
	      raw6(SYS_sched_getattr, 0, 0, T_ATTR_VER0, 0, 0, 0) == -EINVAL,
	      "sched_getattr: size < 48, size > page, flags, NULL: EINVAL");
	check(raw6(SYS_sched_getattr, 0, (long)T_BAD_PTR, T_ATTR_VER0, 0, 0, 0) == -EFAULT &&
	      raw6(SYS_sched_getattr, T_NO_PID, (long)&a, T_ATTR_VER0, 0, 0, 0) == -ESRCH,
	      "sched_getattr: EFAULT, ESRCH");
	check(getattr(&a, T_ATTR_VER0) == 0 && a.size == T_ATTR_VER0 && a.policy == T_OTHER &&
	      a.flags == 0 && a.nice == 20 - raw(SYS_getpriority, 0, 0, 0) && a.priority == 0 &&
	      a.deadline == 0,
	      "sched_getattr of a fresh process");
}

int main(void)
{
	int r;

	tap_plan(19);
	test_errors();
	test_attr_errors();
	r = tap_in_child(root_rt);
	if (getuid() != 0)
		skip("SCHED_FIFO/SCHED_RR: not root");
	else if (r == 1 && setsched(0, T_FIFO, 10) == -EPERM)
		skip("SCHED_FIFO refused to root here (no real-time bandwidth)");
	else
		check(r == 0, "root: SCHED_FIFO, SCHED_RR, setparam, rr interval, fork (step %d)", r);
	r = tap_in_child(batch_idle);
	check(r == 0, "SCHED_BATCH, SCHED_IDLE (step %d)", r);
	r = tap_in_child(attr_calls);
	check(r == 0, "sched_setattr/getattr: sizes, nice, KEEP_POLICY, flags (step %d)", r);
	check_as_nobody(nobody_rt, "nobody: SCHED_FIFO/RR and another user's thread: EPERM");
	check_as_nobody(nobody_idle, "nobody: no way back from SCHED_IDLE without RLIMIT_NICE");
	check_as_nobody(nobody_attr, "nobody: lower nice, SCHED_DEADLINE, clearing reset-on-fork: EPERM");
	return tap_done();
}
