/*
 * sys_time_ktest.c: the time system calls (kernel/time/sys_time.c,
 * posix_clock.c) called through their typed bodies (ksys_*) with
 * pointers into a small user address space: values, EINVAL, EFAULT,
 * and a sleep that a pending signal cuts short with -EINTR and the time
 * left. Durations are only checked from below (a sleep never ends
 * early).
 */
#include <basalt/ktest.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <signal/signal.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <drivers/rtc/rtc.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/time.h>
#include <user/user.h>
#include "../kt_uspace.h"

#define KT_TS		KT_U_VA			/* a struct timespec */
#define KT_TS2		(KT_U_VA + 64)		/* another one */
#define KT_SLEEP_NS	(20 * NSEC_PER_MSEC)
#define KT_LONG_SLEEP_S	5
#define KT_SIGNAL_MS	30
#define KT_BUSY_NS	(60 * NSEC_PER_MSEC)
/* 2020-01-01T00:00:00Z: any sane clock is later. */
#define KT_UNIX_2020	1577836800LL

/* A user address as the pointer a system call takes. */
#define KT_UPTR(va)	((void __user *)(uint64_t)(va))

static struct timespec kt_get_ts(uint64_t va)
{
	struct timespec ts = { -1, -1 };

	copy_from_user(&ts, (const void __user *)va, sizeof(ts));
	return ts;
}

static void kt_put_ts(uint64_t va, int64_t sec, int64_t nsec)
{
	struct timespec ts = { sec, nsec };

	copy_to_user((void __user *)va, &ts, sizeof(ts));
}

KTEST(sys_clock_gettime_values)
{
	struct kt_uspace u;
	struct timespec a, b;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_clock_gettime(CLOCK_MONOTONIC, KT_UPTR(KT_TS)), 0);
	a = kt_get_ts(KT_TS);
	KT_EXPECT_EQ(t, ksys_clock_gettime(CLOCK_MONOTONIC, KT_UPTR(KT_TS)), 0);
	b = kt_get_ts(KT_TS);
	KT_EXPECT(t, a.tv_nsec >= 0 && a.tv_nsec < (int64_t)NSEC_PER_SEC);
	KT_EXPECT(t, timespec_to_ns(&b) >= timespec_to_ns(&a));
	/* Each supported clock answers with a valid timespec. */
	for (int64_t id = CLOCK_REALTIME; id <= CLOCK_BOOTTIME; id++) {
		KT_EXPECT_EQ(t, ksys_clock_gettime((int)id, KT_UPTR(KT_TS)), 0);
		a = kt_get_ts(KT_TS);
		KT_EXPECT(t, timespec_valid(&a));
	}
	if (rtc_boot_unix_time() != 0) {
		ksys_clock_gettime(CLOCK_REALTIME, KT_UPTR(KT_TS));
		KT_EXPECT(t, kt_get_ts(KT_TS).tv_sec > KT_UNIX_2020);
	}
	kt_uspace_leave(&u);
}

KTEST(sys_clock_gettime_errors)
{
	struct kt_uspace u;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_clock_gettime(42, KT_UPTR(KT_TS)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_clock_gettime(-1, KT_UPTR(KT_TS)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_clock_gettime(CLOCK_REALTIME_ALARM, KT_UPTR(KT_TS)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_clock_gettime(CLOCK_MONOTONIC, NULL), -EFAULT);
	KT_EXPECT_EQ(t, ksys_clock_gettime(CLOCK_MONOTONIC, KT_UPTR(KT_U_UNMAPPED)), -EFAULT);
	KT_EXPECT_EQ(t, ksys_clock_gettime(CLOCK_MONOTONIC, KT_UPTR(KT_U_KERNEL)), -EFAULT);
	/* The last 8 bytes of the mapping: the timespec straddles the end. */
	KT_EXPECT_EQ(t, ksys_clock_gettime(CLOCK_MONOTONIC,
				KT_UPTR(KT_U_VA + KT_U_LEN - 8)), -EFAULT);
	kt_uspace_leave(&u);
}

KTEST(sys_clock_getres)
{
	struct kt_uspace u;
	struct timespec ts;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_clock_getres(CLOCK_MONOTONIC, KT_UPTR(KT_TS)), 0);
	ts = kt_get_ts(KT_TS);
	KT_EXPECT_EQ(t, ts.tv_sec, 0);
	KT_EXPECT_EQ(t, ts.tv_nsec, 1);
	KT_EXPECT_EQ(t, ksys_clock_getres(CLOCK_MONOTONIC_COARSE, KT_UPTR(KT_TS)), 0);
	KT_EXPECT_EQ(t, kt_get_ts(KT_TS).tv_nsec, TIME_TICK_NS);
	KT_EXPECT_EQ(t, ksys_clock_getres(CLOCK_THREAD_CPUTIME_ID, NULL), 0);
	KT_EXPECT_EQ(t, ksys_clock_getres(99, KT_UPTR(KT_TS)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_clock_getres(CLOCK_REALTIME, KT_UPTR(KT_U_UNMAPPED)), -EFAULT);
	kt_uspace_leave(&u);
}

KTEST(sys_gettimeofday_time)
{
	struct kt_uspace u;
	struct timeval tv;
	int64_t secs = 0;
	long now;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_gettimeofday(NULL, NULL), 0);
	KT_EXPECT_EQ(t, ksys_gettimeofday(KT_UPTR(KT_TS), KT_UPTR(KT_TS2)), 0);
	copy_from_user(&tv, (const void __user *)KT_TS, sizeof(tv));
	KT_EXPECT(t, tv.tv_usec >= 0 && tv.tv_usec < (int64_t)USEC_PER_SEC);
	KT_EXPECT_EQ(t, ksys_gettimeofday(KT_UPTR(KT_U_UNMAPPED), NULL), -EFAULT);
	KT_EXPECT_EQ(t, ksys_gettimeofday(KT_UPTR(KT_TS), KT_UPTR(KT_U_KERNEL)), -EFAULT);
	now = ksys_time(NULL);
	KT_EXPECT(t, now >= tv.tv_sec);
	KT_EXPECT_EQ(t, ksys_time(KT_UPTR(KT_TS2)) >= now, 1);
	copy_from_user(&secs, (const void __user *)KT_TS2, sizeof(secs));
	KT_EXPECT(t, secs >= now);
	KT_EXPECT_EQ(t, ksys_time(KT_UPTR(KT_U_UNMAPPED)), -EFAULT);
	kt_uspace_leave(&u);
}

KTEST(sys_nanosleep_basic)
{
	struct kt_uspace u;
	uint64_t start;

	KT_ASSERT(t, kt_uspace_enter(&u));
	kt_put_ts(KT_TS, 0, (int64_t)KT_SLEEP_NS);
	start = time_monotonic_ns();
	KT_EXPECT_EQ(t, ksys_nanosleep(KT_UPTR(KT_TS), KT_UPTR(KT_TS2)), 0);
	KT_EXPECT(t, time_monotonic_ns() - start >= KT_SLEEP_NS);
	kt_put_ts(KT_TS, 0, (int64_t)NSEC_PER_SEC);
	KT_EXPECT_EQ(t, ksys_nanosleep(KT_UPTR(KT_TS), NULL), -EINVAL);
	kt_put_ts(KT_TS, 0, -1);
	KT_EXPECT_EQ(t, ksys_nanosleep(KT_UPTR(KT_TS), NULL), -EINVAL);
	kt_put_ts(KT_TS, -1, 0);
	KT_EXPECT_EQ(t, ksys_nanosleep(KT_UPTR(KT_TS), NULL), -EINVAL);
	KT_EXPECT_EQ(t, ksys_nanosleep(KT_UPTR(KT_U_UNMAPPED), NULL), -EFAULT);
	kt_put_ts(KT_TS, 0, 0);
	KT_EXPECT_EQ(t, ksys_nanosleep(KT_UPTR(KT_TS), NULL), 0);
	kt_uspace_leave(&u);
}

KTEST(sys_clock_nanosleep_modes)
{
	struct kt_uspace u;
	uint64_t start;
	int64_t target;

	KT_ASSERT(t, kt_uspace_enter(&u));
	/* Absolute, already past: returns at once. */
	kt_put_ts(KT_TS, 0, 1);
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
				KT_UPTR(KT_TS), NULL), 0);
	/* Absolute, 20 ms ahead on the monotonic clock. */
	start = time_monotonic_ns();
	target = (int64_t)(start + KT_SLEEP_NS);
	kt_put_ts(KT_TS, target / (int64_t)NSEC_PER_SEC, target % (int64_t)NSEC_PER_SEC);
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
				KT_UPTR(KT_TS), NULL), 0);
	KT_EXPECT(t, time_monotonic_ns() >= (uint64_t)target);
	/* Absolute on the realtime clock, 20 ms ahead. */
	target = time_realtime_ns() + (int64_t)KT_SLEEP_NS;
	kt_put_ts(KT_TS, target / (int64_t)NSEC_PER_SEC, target % (int64_t)NSEC_PER_SEC);
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME,
				KT_UPTR(KT_TS), NULL), 0);
	KT_EXPECT(t, time_realtime_ns() >= target);
	/* Relative. */
	kt_put_ts(KT_TS, 0, (int64_t)KT_SLEEP_NS);
	start = time_monotonic_ns();
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(CLOCK_BOOTTIME, 0, KT_UPTR(KT_TS), NULL), 0);
	KT_EXPECT(t, time_monotonic_ns() - start >= KT_SLEEP_NS);
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, KT_UPTR(KT_TS), NULL),
		     -EOPNOTSUPP);
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(77, 0, KT_UPTR(KT_TS), NULL), -EINVAL);
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(CLOCK_MONOTONIC_RAW, 0, KT_UPTR(KT_TS), NULL),
		     -EOPNOTSUPP);
	kt_put_ts(KT_TS, 0, (int64_t)NSEC_PER_SEC);
	KT_EXPECT_EQ(t, ksys_clock_nanosleep(CLOCK_MONOTONIC, 0, KT_UPTR(KT_TS), NULL), -EINVAL);
	kt_uspace_leave(&u);
}

/* Makes a signal pending on the sleeper after KT_SIGNAL_MS, and wakes it. */
static int kt_signaller(void *arg)
{
	struct task *sleeper = arg;
	uint64_t flags;

	msleep(KT_SIGNAL_MS);
	flags = cpu_irq_save();
	sleeper->sig_pending |= SIGSET_BIT(SIGUSR1);
	sched_wake(sleeper);
	cpu_irq_restore(flags);
	return 0;
}

KTEST(sys_nanosleep_interrupted)
{
	struct task *me = task_current(), *th;
	uint64_t saved_blocked = me->sig_blocked, start;
	struct kt_uspace u;
	struct timespec rem;
	long ret;

	KT_ASSERT(t, kt_uspace_enter(&u));
	me->sig_blocked = 0;
	kt_put_ts(KT_TS, KT_LONG_SLEEP_S, 0);
	kt_put_ts(KT_TS2, -1, -1);
	th = kthread_create(kt_signaller, me, "signaller");
	KT_ASSERT(t, th);
	start = time_monotonic_ns();
	ret = ksys_nanosleep(KT_UPTR(KT_TS), KT_UPTR(KT_TS2));
	KT_EXPECT_EQ(t, ret, -EINTR);
	rem = kt_get_ts(KT_TS2);
	/* What was left: valid, positive, and less than requested. */
	KT_EXPECT(t, timespec_valid(&rem));
	KT_EXPECT(t, rem.tv_sec < KT_LONG_SLEEP_S);
	KT_EXPECT(t, timespec_to_ns(&rem) + (time_monotonic_ns() - start) >=
		     KT_LONG_SLEEP_S * NSEC_PER_SEC - NSEC_PER_MSEC);
	/* Still pending: the next sleep ends at once; absolute ones keep rem. */
	KT_EXPECT_EQ(t, ksys_nanosleep(KT_UPTR(KT_TS), NULL), -EINTR);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	me->sig_pending &= ~SIGSET_BIT(SIGUSR1);
	me->sig_blocked = saved_blocked;
	kt_uspace_leave(&u);
}

KTEST(sys_clock_cputime)
{
	struct kt_uspace u;
	struct timespec a, b, p;
	uint64_t end;

	KT_ASSERT(t, kt_uspace_enter(&u));
	ksys_clock_gettime(CLOCK_THREAD_CPUTIME_ID, KT_UPTR(KT_TS));
	a = kt_get_ts(KT_TS);
	/* Run on the CPU for a while: the tick charges this thread. */
	end = time_monotonic_ns() + KT_BUSY_NS;
	while (time_monotonic_ns() < end)
		cpu_pause();
	ksys_clock_gettime(CLOCK_THREAD_CPUTIME_ID, KT_UPTR(KT_TS));
	b = kt_get_ts(KT_TS);
	KT_EXPECT(t, timespec_to_ns(&b) > timespec_to_ns(&a));
	KT_EXPECT_EQ(t, timespec_to_ns(&b) % TIME_TICK_NS, 0);
	/* The process's clock counts its threads' ticks: at least ours. */
	list_add_tail(&u.proc.threads, &task_current()->proc_link);
	ksys_clock_gettime(CLOCK_PROCESS_CPUTIME_ID, KT_UPTR(KT_TS));
	p = kt_get_ts(KT_TS);
	list_del(&task_current()->proc_link);
	KT_EXPECT(t, timespec_to_ns(&p) >= timespec_to_ns(&b));
	kt_uspace_leave(&u);
}

/* clock_getcpuclockid(3)'s encoding: (~pid << 3) | thread 4 | type. */
#define KT_CPUCLOCK(pid, thread, type)	\
	((int)(((int64_t)~(pid) * 8) | ((thread) ? 4 : 0) | (type)))
#define KT_CPUCLOCK_SCHED	2
#define KT_NO_SUCH_PID		12345

KTEST(sys_clock_cpuclock_ids)
{
	struct kt_uspace u;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_clock_gettime(KT_CPUCLOCK(0, 0, KT_CPUCLOCK_SCHED),
				KT_UPTR(KT_TS)), 0);
	KT_EXPECT_EQ(t, ksys_clock_gettime(KT_CPUCLOCK(0, 1, KT_CPUCLOCK_SCHED),
				KT_UPTR(KT_TS)), 0);
	KT_EXPECT_EQ(t, ksys_clock_getres(KT_CPUCLOCK(0, 0, 0), KT_UPTR(KT_TS)), 0);
	KT_EXPECT_EQ(t, kt_get_ts(KT_TS).tv_nsec, TIME_TICK_NS);
	KT_EXPECT_EQ(t, ksys_clock_gettime(KT_CPUCLOCK(task_current()->tid, 1, KT_CPUCLOCK_SCHED),
				KT_UPTR(KT_TS)), 0);
	KT_EXPECT_EQ(t, ksys_clock_gettime(KT_CPUCLOCK(0, 0, 3), KT_UPTR(KT_TS)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_clock_gettime(KT_CPUCLOCK(KT_NO_SUCH_PID, 0, KT_CPUCLOCK_SCHED),
				KT_UPTR(KT_TS)), -EINVAL);
	kt_uspace_leave(&u);
}
