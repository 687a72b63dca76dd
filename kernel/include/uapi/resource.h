/*
 * Resource limits and usage of the Linux x86_64 ABI (getrlimit(2),
 * prlimit(2), getrusage(2), times(2)).
 */
#ifndef UAPI_RESOURCE_H
#define UAPI_RESOURCE_H

#include <stdint.h>

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16

#define RLIM64_INFINITY		(~0ULL)

struct rlimit64 {
	uint64_t rlim_cur;
	uint64_t rlim_max;
};

#define RUSAGE_SELF		0
#define RUSAGE_CHILDREN		(-1)
#define RUSAGE_THREAD		1

/* struct timeval is two longs on x86_64. */
struct rusage_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct rusage {
	struct rusage_timeval ru_utime;
	struct rusage_timeval ru_stime;
	int64_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss;
	int64_t ru_minflt, ru_majflt, ru_nswap, ru_inblock, ru_oublock;
	int64_t ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/* times(2): clock ticks of sysconf(_SC_CLK_TCK) == 100. */
struct tms {
	int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/* getpriority(2), setpriority(2): which. */
#define PRIO_PROCESS		0
#define PRIO_PGRP		1
#define PRIO_USER		2

#endif /* UAPI_RESOURCE_H */
