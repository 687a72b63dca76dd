/* linux_time.h: the clock IDs, flags and time structure sizes of Linux x86_64's time calls. */
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

/* clock_nanosleep(2)'s flag; newlib's TIMER_ABSTIME is 4 (a "historic" value). */
#define LINUX_TIMER_ABSTIME		1

/*
 * Another process's CPU clock is a negative Linux clock ID: the bitwise
 * complement of its pid shifted left by 3, and CPUCLOCK_SCHED (2) in the
 * low bits (Linux's include/linux/posix-timers.h; clock_getcpuclockid(3)
 * notes the encoding). clock_ids.c passes such IDs through unchanged.
 */
#define LINUX_CPUCLOCK_SHIFT		3
#define LINUX_CPUCLOCK_SCHED		2

/*
 * The sizes of the kernel's struct timespec and struct timeval (two
 * longs) and struct tms (four clock_t): newlib's must match them, as the
 * kernel writes them directly.
 */
#define LINUX_TIMESPEC_SIZE		16
#define LINUX_TIMEVAL_SIZE		16
#define LINUX_TMS_SIZE			32

#endif /* BASALT_LIBC_LINUX_TIME_H */
