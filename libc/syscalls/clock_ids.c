/* clock_ids.c: Linux's clock ID for each of newlib's clockid_t values. */
#define _GNU_SOURCE
#include <time.h>

#include "linux_syscall.h"
#include "linux_time.h"

long clock_id_to_linux(clockid_t clock_id)
{
	switch (clock_id) {
	case CLOCK_REALTIME:
		return LINUX_CLOCK_REALTIME;
	case CLOCK_MONOTONIC:
		return LINUX_CLOCK_MONOTONIC;
	case CLOCK_PROCESS_CPUTIME_ID:
		return LINUX_CLOCK_PROCESS_CPUTIME_ID;
	case CLOCK_THREAD_CPUTIME_ID:
		return LINUX_CLOCK_THREAD_CPUTIME_ID;
	case CLOCK_MONOTONIC_RAW:
		return LINUX_CLOCK_MONOTONIC_RAW;
	case CLOCK_REALTIME_COARSE:
		return LINUX_CLOCK_REALTIME_COARSE;
	case CLOCK_MONOTONIC_COARSE:
		return LINUX_CLOCK_MONOTONIC_COARSE;
	case CLOCK_BOOTTIME:
		return LINUX_CLOCK_BOOTTIME;
	default:
		/* Linux's negative per-process CPU clocks (clock_getcpuclockid.c). */
		if ((long)clock_id < 0)
			return (long)clock_id;
		return -1;
	}
}
