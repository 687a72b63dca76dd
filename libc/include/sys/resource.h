/* sys/resource.h: resource limits and usage with Linux's numbers and structures (replaces newlib's). */
/*
 * Values from getrlimit(2), getrusage(2), getpriority(2) and Linux's
 * include/uapi/asm-generic/resource.h; struct rusage is the kernel's
 * (two timevals and fourteen longs).
 */
#ifndef _SYS_RESOURCE_H_
#define _SYS_RESOURCE_H_

#include <sys/types.h>
#include <sys/time.h>

#ifdef __cplusplus
extern "C" {
#endif

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
#define RLIMIT_NLIMITS		16
#define RLIM_NLIMITS		RLIMIT_NLIMITS
#define RLIMIT_OFILE		RLIMIT_NOFILE

typedef unsigned long rlim_t;

#define RLIM_INFINITY		(~0UL)
#define RLIM_SAVED_MAX		RLIM_INFINITY
#define RLIM_SAVED_CUR		RLIM_INFINITY

struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};

#define RUSAGE_SELF		0
#define RUSAGE_CHILDREN		(-1)
#define RUSAGE_THREAD		1

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss;
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;
	long ru_majflt;
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;
	long ru_nivcsw;
};

#define PRIO_PROCESS		0
#define PRIO_PGRP		1
#define PRIO_USER		2
#define PRIO_MIN		(-20)
#define PRIO_MAX		20

int getrlimit(int, struct rlimit *);
int setrlimit(int, const struct rlimit *);
int prlimit(pid_t, int, const struct rlimit *, struct rlimit *);
int getrusage(int, struct rusage *);
int getpriority(int, id_t);
int setpriority(int, id_t, int);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_RESOURCE_H_ */
