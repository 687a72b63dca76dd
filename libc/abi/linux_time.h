/* linux_time.h: the clock IDs of Linux x86_64's clock_gettime(2) family. */
/*
 * Values from clock_gettime(2) and Linux's include/uapi/linux/time.h.
 * newlib's <time.h> numbers its clocks differently (CLOCK_REALTIME is 1,
 * CLOCK_MONOTONIC 4); clock_ids.c translates.
 */
#ifndef BASALT_LIBC_LINUX_TIME_H
#define BASALT_LIBC_LINUX_TIME_H

#define LINUX_CLOCK_REALTIME		0
#define LINUX_CLOCK_MONOTONIC		1
#define LINUX_CLOCK_PROCESS_CPUTIME_ID	2
#define LINUX_CLOCK_THREAD_CPUTIME_ID	3
#define LINUX_CLOCK_MONOTONIC_RAW	4
#define LINUX_CLOCK_REALTIME_COARSE	5
#define LINUX_CLOCK_MONOTONIC_COARSE	6
#define LINUX_CLOCK_BOOTTIME		7

#endif /* BASALT_LIBC_LINUX_TIME_H */
