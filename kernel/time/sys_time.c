/*
 * sys_time.c: the time system calls: clock_gettime(2), clock_getres(2),
 * gettimeofday(2), time(2), nanosleep(2), clock_nanosleep(2).
 *
 * Sleeps block on the task's wake timer (wait_block with no queue) and
 * end early, with -EINTR, when a signal is pending; the relative ones
 * then report the time left in rem, as Linux does. Linux restarts an
 * interrupted nanosleep after a handler-less stop (restart_syscall);
 * Basalt has no restart block yet, so a stopped and continued sleep
 * returns -EINTR too (nanosleep(2) allows EINTR in that case on old
 * kernels; callers loop on rem).
 */
#include <time/sys_time.h>
#include <time/time.h>
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <proc/task.h>
#include <sched/wait.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <user/user.h>

long sys_clock_gettime(struct trap_frame *f)
{
	struct timespec ts;
	int64_t ns;
	int err = time_clock_read((int64_t)(int32_t)SYSCALL_ARG0(f), &ns);

	if (err)
		return err;
	ts = timespec_from_ns(ns);
	return copy_to_user((void __user *)SYSCALL_ARG1(f), &ts, sizeof(ts));
}

long sys_clock_getres(struct trap_frame *f)
{
	struct timespec ts;
	int64_t ns;
	int err = time_clock_res((int64_t)(int32_t)SYSCALL_ARG0(f), &ns);

	if (err)
		return err;
	/* res may be NULL: then only the clock id is checked. */
	if (!SYSCALL_ARG1(f))
		return 0;
	ts = timespec_from_ns(ns);
	return copy_to_user((void __user *)SYSCALL_ARG1(f), &ts, sizeof(ts));
}

long sys_gettimeofday(struct trap_frame *f)
{
	uint64_t tv_addr = SYSCALL_ARG0(f), tz_addr = SYSCALL_ARG1(f);

	/* Both pointers may be NULL (gettimeofday(2)). */
	if (tv_addr) {
		struct timeval tv = timeval_from_ns(time_realtime_ns());

		if (copy_to_user((void __user *)tv_addr, &tv, sizeof(tv)))
			return -EFAULT;
	}
	if (tz_addr) {
		/* No time zone is kept in the kernel: UTC, no DST. */
		struct timezone tz = { 0, 0 };

		if (copy_to_user((void __user *)tz_addr, &tz, sizeof(tz)))
			return -EFAULT;
	}
	return 0;
}

long sys_time(struct trap_frame *f)
{
	int64_t now = time_realtime_ns() / (int64_t)NSEC_PER_SEC;
	uint64_t tloc = SYSCALL_ARG0(f);

	if (tloc && copy_to_user((void __user *)tloc, &now, sizeof(now)))
		return -EFAULT;
	return now;
}

int time_sleep_until(uint64_t deadline)
{
	/*
	 * Woken early by a signal or a stray wake-up: check both again. The
	 * signal test that counts is the one under sched_lock, inside the
	 * block, which no signal sent meanwhile can miss.
	 */
	while (time_monotonic_ns() < deadline)
		if (wait_block_lock_intr(NULL, deadline, NULL) == -EINTR)
			return -EINTR;
	return 0;
}

/*
 * The common part of nanosleep and clock_nanosleep: 0, -EINTR with the
 * time left stored at rem_addr (relative sleeps, rem_addr not NULL), or
 * another negative errno.
 */
static long time_nanosleep(int64_t clockid, int flags, uint64_t req_addr,
			   uint64_t rem_addr)
{
	struct timespec req;
	uint64_t deadline, now;
	int64_t ns;
	int err;

	if (copy_from_user(&req, (const void __user *)req_addr, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	ns = timespec_to_ns(&req);
	if (flags & TIMER_ABSTIME) {
		err = time_clock_deadline(clockid, ns, &deadline);
		if (err)
			return err;
	} else {
		now = time_monotonic_ns();
		deadline = (uint64_t)ns > UINT64_MAX - now ? UINT64_MAX : now + (uint64_t)ns;
	}
	err = time_sleep_until(deadline);
	if (err == -EINTR && !(flags & TIMER_ABSTIME) && rem_addr) {
		struct timespec rem;

		now = time_monotonic_ns();
		rem = timespec_from_ns(deadline > now ? (int64_t)(deadline - now) : 0);
		if (copy_to_user((void __user *)rem_addr, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return err;
}

long sys_nanosleep(struct trap_frame *f)
{
	return time_nanosleep(CLOCK_MONOTONIC, 0, SYSCALL_ARG0(f), SYSCALL_ARG1(f));
}

long sys_clock_nanosleep(struct trap_frame *f)
{
	int64_t clockid = (int64_t)(int32_t)SYSCALL_ARG0(f);
	int flags = (int)SYSCALL_ARG1(f);

	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		break;
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		/*
		 * Linux has no sleep on the thread CPU, raw and coarse clocks
		 * (EOPNOTSUPP: their k_clock has no nsleep); it has one on the
		 * process CPU clock, which Basalt does not implement yet.
		 */
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
	/* Relative sleeps on the realtime clock are measured monotonic. */
	return time_nanosleep(clockid, flags, SYSCALL_ARG2(f), SYSCALL_ARG3(f));
}
