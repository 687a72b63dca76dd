/*
 * timerfd.c: timerfd_create(2), timerfd_settime and timerfd_gettime on
 * CLOCK_MONOTONIC, CLOCK_REALTIME and CLOCK_BOOTTIME: one-shot timers
 * never early, the 8-byte expiration count (blocking and EAGAIN), the
 * overrun of interval timers counted at read time, absolute times
 * (also in the past), gettime's time left and interval, settime's old
 * value, poll readiness, TFD_CLOEXEC/TFD_NONBLOCK, CLOCK_BOOTTIME_ALARM
 * for root only (EPERM), TFD_IOC_SET_TICKS, and EINVAL, EFAULT, EBADF.
 * Timers are a few ms; times are only checked as "at least".
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>
#include "abi_tap.h"

/* Linux's values, which newlib's headers lack. */
#define LINUX_CLOCK_BOOTTIME_ALARM	9
#ifndef TFD_IOC_SET_TICKS
#define TFD_IOC_SET_TICKS		_IOW('T', 0, uint64_t)
#endif

#define PLAN		38
#define NS_PER_MS	1000000LL
#define NS_PER_SEC	1000000000LL
#define SHORT_MS	20	/* a one-shot timer */
#define PERIOD_MS	5	/* an interval timer's period */
#define SLEEP_MS	60	/* let PERIOD_MS pass several times */
#define PAST_MS		100	/* an absolute time this long ago */
#define LONG_SEC	10	/* never expires during the test */
#define POLL_MS		5000	/* a generous bound for what must happen */

static int64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

static struct timespec ts_from_ns(int64_t ns)
{
	return (struct timespec){ .tv_sec = ns / NS_PER_SEC, .tv_nsec = ns % NS_PER_SEC };
}

static int64_t ns_of(const struct timespec *ts)
{
	return ts->tv_sec * NS_PER_SEC + ts->tv_nsec;
}

static int arm(int fd, int flags, int64_t value_ns, int64_t interval_ns)
{
	struct itimerspec its = { .it_interval = ts_from_ns(interval_ns),
				  .it_value = ts_from_ns(value_ns) };

	return timerfd_settime(fd, flags, &its, NULL);
}

static long rd(int fd, uint64_t *v)
{
	return read(fd, v, sizeof(*v));
}

static int alarm_refused(void)
{
	return syscall(SYS_timerfd_create, LINUX_CLOCK_BOOTTIME_ALARM, 0) == -1 &&
	       errno == EPERM ? 0 : 1;
}

static short readable(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, timeout_ms) == 1 && p.revents == POLLIN;
}

int main(void)
{
	struct itimerspec cur, old, bad;
	char link[64], path[64];
	uint64_t v = 0;
	int fd, bfd, p[2];
	int64_t t0, left;
	uint32_t small;

	tap_plan(PLAN);
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	check(fd >= 0, "timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK|TFD_CLOEXEC)");
	check(fcntl(fd, F_GETFD) == FD_CLOEXEC && (fcntl(fd, F_GETFL) & O_NONBLOCK),
	      "TFD_CLOEXEC and TFD_NONBLOCK show in F_GETFD and F_GETFL");
	errno = 0;
	check(rd(fd, &v) == -1 && errno == EAGAIN, "read of a disarmed timer: EAGAIN");
	check(timerfd_gettime(fd, &cur) == 0 && ns_of(&cur.it_value) == 0 &&
	      ns_of(&cur.it_interval) == 0, "gettime of a new timer: all zero");
	check(!readable(fd, 0), "a disarmed timer does not poll readable");

	check(arm(fd, 0, LONG_SEC * NS_PER_SEC, 0) == 0, "arm for %d s", LONG_SEC);
	timerfd_gettime(fd, &cur);
	left = ns_of(&cur.it_value);
	check(left > 0 && left <= LONG_SEC * NS_PER_SEC && ns_of(&cur.it_interval) == 0,
	      "gettime: time left in (0, %d s] (%lld ns)", LONG_SEC, (long long)left);
	check(arm(fd, 0, 0, 0) == 0, "settime of a zero it_value succeeds");
	memset(&old, 0, sizeof(old));
	check(arm(fd, 0, LONG_SEC * NS_PER_SEC, PERIOD_MS * NS_PER_MS) == 0 &&
	      timerfd_settime(fd, 0, &(struct itimerspec){ { 0, 0 }, { 0, 0 } }, &old) == 0 &&
	      ns_of(&old.it_value) > 0 && ns_of(&old.it_interval) == PERIOD_MS * NS_PER_MS,
	      "settime returns the old value and interval");
	timerfd_gettime(fd, &cur);
	check(ns_of(&cur.it_value) == 0, "a zero it_value disarms");
	close(fd);

	/* A blocking one-shot read: never early, count 1. */
	fd = timerfd_create(CLOCK_MONOTONIC, 0);
	t0 = now_ns(CLOCK_MONOTONIC);
	arm(fd, 0, SHORT_MS * NS_PER_MS, 0);
	check(rd(fd, &v) == 8 && v == 1, "blocking read of a %d ms one-shot: 1", SHORT_MS);
	left = (now_ns(CLOCK_MONOTONIC) - t0) / NS_PER_MS;
	check(left >= SHORT_MS, "it came after at least %d ms (%lld)", SHORT_MS, (long long)left);
	timerfd_gettime(fd, &cur);
	check(ns_of(&cur.it_value) == 0, "an expired one-shot has 0 left");
	check(!readable(fd, 0), "after the read, not readable");
	close(fd);

	/* Interval: the periods missed are counted when read. */
	fd = timerfd_create(CLOCK_BOOTTIME, TFD_NONBLOCK);
	check(fd >= 0, "timerfd_create(CLOCK_BOOTTIME)");
	arm(fd, 0, PERIOD_MS * NS_PER_MS, PERIOD_MS * NS_PER_MS);
	usleep(SLEEP_MS * 1000);
	check(readable(fd, 0), "an expired interval timer polls readable");
	check(rd(fd, &v) == 8 && v >= SLEEP_MS / PERIOD_MS - 2,
	      "read after %d ms of a %d ms period: %llu (>= %d)", SLEEP_MS, PERIOD_MS,
	      (unsigned long long)v, SLEEP_MS / PERIOD_MS - 2);
	timerfd_gettime(fd, &cur);
	left = ns_of(&cur.it_value);
	check(left > 0 && left <= PERIOD_MS * NS_PER_MS &&
	      ns_of(&cur.it_interval) == PERIOD_MS * NS_PER_MS,
	      "gettime: interval %d ms, time left within it (%lld ns)", PERIOD_MS,
	      (long long)left);
	check(readable(fd, POLL_MS) && rd(fd, &v) == 8 && v >= 1,
	      "it goes on expiring: readable again, count %llu", (unsigned long long)v);
	close(fd);

	/* Absolute times on CLOCK_REALTIME: in the future, and past. */
	fd = timerfd_create(CLOCK_REALTIME, 0);
	t0 = now_ns(CLOCK_REALTIME);
	arm(fd, TFD_TIMER_ABSTIME, t0 + SHORT_MS * NS_PER_MS, 0);
	check(rd(fd, &v) == 8 && v == 1 && now_ns(CLOCK_REALTIME) >= t0 + SHORT_MS * NS_PER_MS,
	      "TFD_TIMER_ABSTIME %d ms ahead on CLOCK_REALTIME: 1, not early", SHORT_MS);
	arm(fd, TFD_TIMER_ABSTIME, now_ns(CLOCK_REALTIME) - PAST_MS * NS_PER_MS, 0);
	check(readable(fd, POLL_MS) && rd(fd, &v) == 8 && v == 1,
	      "an absolute time in the past expires at once: 1");
	arm(fd, TFD_TIMER_ABSTIME, now_ns(CLOCK_REALTIME) - PAST_MS * NS_PER_MS,
	    PERIOD_MS * NS_PER_MS);
	check(readable(fd, POLL_MS) && rd(fd, &v) == 8 && v >= PAST_MS / PERIOD_MS,
	      "%d ms in the past with a %d ms period: %llu (>= %d)", PAST_MS, PERIOD_MS,
	      (unsigned long long)v, PAST_MS / PERIOD_MS);
	check(arm(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
		  now_ns(CLOCK_REALTIME) + LONG_SEC * NS_PER_SEC, 0) == 0,
	      "TFD_TIMER_CANCEL_ON_SET with an absolute CLOCK_REALTIME time is accepted");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	left = readlink(path, link, sizeof(link) - 1);
	link[left > 0 ? left : 0] = 0;
	check(!strcmp(link, "anon_inode:[timerfd]"), "/proc/self/fd names it %s", link);

	/* The alarm clocks: root only (CAP_WAKE_ALARM). */
	bfd = (int)syscall(SYS_timerfd_create, LINUX_CLOCK_BOOTTIME_ALARM, 0);
	if (geteuid() == 0)
		check(bfd >= 0 && arm(bfd, 0, SHORT_MS * NS_PER_MS, 0) == 0 &&
		      rd(bfd, &v) == 8 && v == 1, "CLOCK_BOOTTIME_ALARM as root: expires once");
	else
		skip("CLOCK_BOOTTIME_ALARM needs root");
	close(bfd);
	check_as_nobody(alarm_refused, "CLOCK_BOOTTIME_ALARM as nobody: EPERM");

	/* TFD_IOC_SET_TICKS. */
	bfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	v = 5;
	check(ioctl(bfd, TFD_IOC_SET_TICKS, &v) == 0 && readable(bfd, 0) &&
	      rd(bfd, &v) == 8 && v == 5, "TFD_IOC_SET_TICKS 5: a read gives 5");
	v = 0;
	errno = 0;
	check(ioctl(bfd, TFD_IOC_SET_TICKS, &v) == -1 && errno == EINVAL,
	      "TFD_IOC_SET_TICKS 0: EINVAL");
	v = 3;
	arm(bfd, 0, LONG_SEC * NS_PER_SEC, 0);
	check(ioctl(bfd, TFD_IOC_SET_TICKS, &v) == 0 && rd(bfd, &v) == 8 && v == 3 &&
	      timerfd_gettime(bfd, &cur) == 0 && ns_of(&cur.it_value) > 0,
	      "TFD_IOC_SET_TICKS 3 on a running timer: read 3, it still runs");
	errno = 0;
	check(ioctl(bfd, TFD_IOC_SET_TICKS, NULL) == -1 && errno == EFAULT,
	      "TFD_IOC_SET_TICKS from NULL: EFAULT");
	close(bfd);

	/* Errors. */
	errno = 0;
	check(read(fd, &small, sizeof(small)) == -1 && errno == EINVAL, "read of 4 bytes: EINVAL");
	errno = 0;
	check(syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 1) == -1 && errno == EINVAL &&
	      syscall(SYS_timerfd_create, 12345, 0) == -1 && errno == EINVAL &&
	      syscall(SYS_timerfd_create, 2 /* CLOCK_PROCESS_CPUTIME_ID */, 0) == -1 &&
	      errno == EINVAL, "timerfd_create: bad flags, unknown and CPU-time clocks: EINVAL");
	bad = (struct itimerspec){ .it_value = { 1, NS_PER_SEC } };
	errno = 0;
	check(timerfd_settime(fd, 0, &bad, NULL) == -1 && errno == EINVAL,
	      "settime with tv_nsec 1e9: EINVAL");
	bad = (struct itimerspec){ .it_interval = { -1, 0 }, .it_value = { 1, 0 } };
	errno = 0;
	check(timerfd_settime(fd, 0, &bad, NULL) == -1 && errno == EINVAL,
	      "settime with a negative interval: EINVAL");
	bad = (struct itimerspec){ .it_value = { 1, 0 } };
	errno = 0;
	check(timerfd_settime(fd, 4, &bad, NULL) == -1 && errno == EINVAL,
	      "settime with flag 4: EINVAL");
	errno = 0;
	check(syscall(SYS_timerfd_settime, fd, 0, NULL, NULL) == -1 && errno == EFAULT &&
	      syscall(SYS_timerfd_gettime, fd, NULL) == -1 && errno == EFAULT,
	      "NULL new value / current value: EFAULT");
	if (pipe(p))
		return 99;
	bfd = p[1] + 100;
	errno = 0;
	check(timerfd_gettime(p[0], &cur) == -1 && errno == EINVAL &&
	      timerfd_settime(p[0], 0, &bad, NULL) == -1 && errno == EINVAL,
	      "gettime and settime on a pipe: EINVAL");
	errno = 0;
	check(timerfd_gettime(bfd, &cur) == -1 && errno == EBADF &&
	      timerfd_settime(bfd, 0, &bad, NULL) == -1 && errno == EBADF,
	      "gettime and settime on a closed descriptor: EBADF");
	close(fd);
	return tap_done();
}
