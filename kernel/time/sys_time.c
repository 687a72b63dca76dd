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
#include <asm/cpu.h>
#include <basalt/syscalls.h>
#include <proc/task.h>
#include <sched/wait.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <user/user.h>

long ksys_clock_gettime(int which_clock, struct timespec __user *tp)
{
	struct timespec ts;
	int64_t ns;
	int err = time_clock_read(which_clock, &ns);

	if (err)
		return err;
	ts = timespec_from_ns(ns);
	return copy_to_user(tp, &ts, sizeof(ts));
}

SYSCALL_DEFINE2(clock_gettime, int, which_clock, struct timespec __user *, tp)
{
	return ksys_clock_gettime(which_clock, tp);
}

long ksys_clock_getres(int which_clock, struct timespec __user *tp)
{
	struct timespec ts;
	int64_t ns;
	int err = time_clock_res(which_clock, &ns);

	if (err)
		return err;
	/* res may be NULL: then only the clock id is checked. */
	if (!tp)
		return 0;
	ts = timespec_from_ns(ns);
	return copy_to_user(tp, &ts, sizeof(ts));
}

SYSCALL_DEFINE2(clock_getres, int, which_clock, struct timespec __user *, tp)
{
	return ksys_clock_getres(which_clock, tp);
}

long ksys_gettimeofday(struct timeval __user *utv, struct timezone __user *utz)
{
	/* Both pointers may be NULL (gettimeofday(2)). */
	if (utv) {
		struct timeval tv = timeval_from_ns(time_realtime_ns());

		if (copy_to_user(utv, &tv, sizeof(tv)))
			return -EFAULT;
	}
	if (utz) {
		/* What settimeofday(2) set, as Linux's sys_tz. */
		struct timezone tz = time_get_timezone();

		if (copy_to_user(utz, &tz, sizeof(tz)))
			return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE2(gettimeofday, struct timeval __user *, utv, struct timezone __user *, utz)
{
	return ksys_gettimeofday(utv, utz);
}

long ksys_time(int64_t __user *tloc)
{
	int64_t now = time_realtime_ns() / (int64_t)NSEC_PER_SEC;

	if (tloc && copy_to_user(tloc, &now, sizeof(now)))
		return -EFAULT;
	return now;
}

SYSCALL_DEFINE1(time, int64_t __user *, tloc)
{
	return ksys_time(tloc);
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
static long time_nanosleep(int64_t clockid, int flags, const struct timespec __user *ureq,
			   struct timespec __user *urem)
{
	struct timespec req;
	uint64_t deadline, now;
	int64_t ns;
	int err;

	if (copy_from_user(&req, ureq, sizeof(req)))
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
	if (err == -EINTR && !(flags & TIMER_ABSTIME) && urem) {
		struct timespec rem;

		now = time_monotonic_ns();
		rem = timespec_from_ns(deadline > now ? (int64_t)(deadline - now) : 0);
		if (copy_to_user(urem, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return err;
}

long ksys_nanosleep(const struct timespec __user *rqtp, struct timespec __user *rmtp)
{
	return time_nanosleep(CLOCK_MONOTONIC, 0, rqtp, rmtp);
}

SYSCALL_DEFINE2(nanosleep, const struct timespec __user *, rqtp, struct timespec __user *, rmtp)
{
	return ksys_nanosleep(rqtp, rmtp);
}

long ksys_clock_nanosleep(int which_clock, int flags, const struct timespec __user *rqtp,
			  struct timespec __user *rmtp)
{
	int64_t clockid = which_clock;

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
	return time_nanosleep(clockid, flags, rqtp, rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep, int, which_clock, int, flags,
		const struct timespec __user *, rqtp, struct timespec __user *, rmtp)
{
	return ksys_clock_nanosleep(which_clock, flags, rqtp, rmtp);
}
