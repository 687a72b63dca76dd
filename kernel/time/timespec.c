/*
 * timespec.c: struct timespec / timeval checks and conversions, kept
 * free of kernel dependencies so the host unit tests cover the edges
 * (tests/unit/time/timespec_test.c).
 */
#include <time/time.h>
#include <time/sys_time.h>

bool timespec_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       (uint64_t)ts->tv_nsec < NSEC_PER_SEC;
}

int64_t timespec_to_ns(const struct timespec *ts)
{
	/* INT64_MAX ns is year 2262: later requests sleep "forever". */
	if (ts->tv_sec >= (int64_t)(INT64_MAX / NSEC_PER_SEC))
		return INT64_MAX;
	return ts->tv_sec * (int64_t)NSEC_PER_SEC + ts->tv_nsec;
}

struct timespec timespec_from_ns(int64_t ns)
{
	struct timespec ts = {
		.tv_sec = ns / (int64_t)NSEC_PER_SEC,
		.tv_nsec = ns % (int64_t)NSEC_PER_SEC,
	};

	return ts;
}

struct timeval timeval_from_ns(int64_t ns)
{
	struct timeval tv = {
		.tv_sec = ns / (int64_t)NSEC_PER_SEC,
		.tv_usec = (ns % (int64_t)NSEC_PER_SEC) / (int64_t)NSEC_PER_USEC,
	};

	return tv;
}
