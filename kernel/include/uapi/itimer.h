/*
 * Interval timers of the Linux x86_64 ABI (getitimer(2), setitimer(2)):
 * which timer, and struct itimerval of two struct timevals with 64-bit
 * seconds and microseconds.
 */
#ifndef UAPI_ITIMER_H
#define UAPI_ITIMER_H

#include <stdint.h>

#define ITIMER_REAL	0	/* wall clock: SIGALRM */
#define ITIMER_VIRTUAL	1	/* user CPU time: SIGVTALRM */
#define ITIMER_PROF	2	/* user and system CPU time: SIGPROF */

struct itimer_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct itimerval {
	struct itimer_timeval it_interval;	/* reload value, 0: one-shot */
	struct itimer_timeval it_value;		/* time left, 0: disarmed */
};

#endif /* UAPI_ITIMER_H */
