/*
 * Time types and clock ids of the Linux x86_64 ABI: clock_gettime(2),
 * clock_getres(2), clock_nanosleep(2), nanosleep(2), gettimeofday(2).
 * Written from the man pages; on x86_64 time_t and long are 64 bits.
 */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

#include <stdint.h>

struct timespec {
	int64_t tv_sec;
	int64_t tv_nsec;	/* 0..999999999 when valid */
};

struct timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

/* gettimeofday(2): obsolete, always zero on Linux unless set. */
struct timezone {
	int32_t tz_minuteswest;
	int32_t tz_dsttime;
};

/* clock_gettime(2) clock ids (Linux's numbering). */
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11

/* timer_settime(2), timer_gettime(2): the period and the time to the next expiry. */
struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

/* clock_nanosleep(2) flags: the request is an absolute time. */
#define TIMER_ABSTIME			0x01

#endif /* UAPI_TIME_H */
