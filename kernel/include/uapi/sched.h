/*
 * clone(2) and clone3(2) flags and arguments of the Linux x86_64 ABI.
 */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#include <stdint.h>

#define CSIGNAL			0x000000ffULL	/* the exit signal, low byte */
#define CLONE_VM		0x00000100ULL
#define CLONE_FS		0x00000200ULL
#define CLONE_FILES		0x00000400ULL
#define CLONE_SIGHAND		0x00000800ULL
#define CLONE_PIDFD		0x00001000ULL
#define CLONE_PTRACE		0x00002000ULL
#define CLONE_VFORK		0x00004000ULL
#define CLONE_PARENT		0x00008000ULL
#define CLONE_THREAD		0x00010000ULL
#define CLONE_NEWNS		0x00020000ULL
#define CLONE_SYSVSEM		0x00040000ULL
#define CLONE_SETTLS		0x00080000ULL
#define CLONE_PARENT_SETTID	0x00100000ULL
#define CLONE_CHILD_CLEARTID	0x00200000ULL
#define CLONE_DETACHED		0x00400000ULL
#define CLONE_UNTRACED		0x00800000ULL
#define CLONE_CHILD_SETTID	0x01000000ULL
#define CLONE_NEWCGROUP		0x02000000ULL
#define CLONE_NEWUTS		0x04000000ULL
#define CLONE_NEWIPC		0x08000000ULL
#define CLONE_NEWUSER		0x10000000ULL
#define CLONE_NEWPID		0x20000000ULL
#define CLONE_NEWNET		0x40000000ULL
#define CLONE_IO		0x80000000ULL
#define CLONE_CLEAR_SIGHAND	0x100000000ULL	/* clone3 only */
#define CLONE_INTO_CGROUP	0x200000000ULL	/* clone3 only */

/* clone3's argument (sched.h of Linux 5.7+); size 64 up to cgroup (VER1: 80). */
struct clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
};
#define CLONE_ARGS_SIZE_VER0	64
#define CLONE_ARGS_SIZE_VER2	88

/* sched(7): policies. */
#define SCHED_OTHER		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5
#define SCHED_DEADLINE		6
/* The static priority range of SCHED_FIFO and SCHED_RR (sched_get_priority_max(2)). */
#define SCHED_RT_PRIO_MIN	1
#define SCHED_RT_PRIO_MAX	99

/* sched_setparam(2), sched_getparam(2). */
struct sched_param {
	int sched_priority;
};

/* Or-ed into sched_setscheduler's policy (sched(7)); sched_getscheduler reports it. */
#define SCHED_RESET_ON_FORK	0x40000000

/* sched_setattr(2)'s sched_flags. */
#define SCHED_FLAG_RESET_ON_FORK	0x01ULL
#define SCHED_FLAG_RECLAIM		0x02ULL
#define SCHED_FLAG_DL_OVERRUN		0x04ULL
#define SCHED_FLAG_KEEP_POLICY		0x08ULL
#define SCHED_FLAG_KEEP_PARAMS		0x10ULL
#define SCHED_FLAG_UTIL_CLAMP_MIN	0x20ULL
#define SCHED_FLAG_UTIL_CLAMP_MAX	0x40ULL
#define SCHED_FLAG_ALL			0x7fULL

/* sched_setattr(2), sched_getattr(2): size 48 up to sched_period (VER0), 56 (VER1). */
struct sched_attr {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;		/* SCHED_DEADLINE, in ns */
	uint64_t sched_deadline;
	uint64_t sched_period;
	uint32_t sched_util_min;	/* utilization clamps, 0..1024 */
	uint32_t sched_util_max;
};
#define SCHED_ATTR_SIZE_VER0	48
#define SCHED_ATTR_SIZE_VER1	56

#endif /* UAPI_SCHED_H */
