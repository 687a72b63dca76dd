/* sched.h: newlib's, plus sched_yield always, and (with _GNU_SOURCE) clone(2)'s flags and sched_getcpu. */
#ifndef BASALT_SCHED_H
#define BASALT_SCHED_H

#include_next <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

/* newlib declares it only when the system defines _POSIX_THREADS; POSIX 2008 always does. */
int sched_yield(void);

#if __GNU_VISIBLE
/* clone(2) flags, Linux's values (clone(2), include/uapi/linux/sched.h). */
#define CSIGNAL			0x000000ff	/* the exit signal, in the low byte */
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000

/*
 * clone(2)'s glibc-style wrapper: runs fn(arg) on child_stack (its top) in
 * the new task; the optional arguments are parent_tid, tls, child_tid.
 */
int clone(int (*)(void *), void *, int, void *, ...);
int sched_getcpu(void);

/*
 * CPU affinity masks (sched_setaffinity(2), CPU_SET(3)): a bit per CPU,
 * CPU_SETSIZE (1024) of them in unsigned longs, as glibc's cpu_set_t; the
 * kernel takes any whole number of longs.
 */
#define CPU_SETSIZE		1024
#define __CPU_BITS_PER_WORD	(8 * sizeof(unsigned long))

typedef struct {
	unsigned long __bits[CPU_SETSIZE / (8 * sizeof(unsigned long))];
} cpu_set_t;

#define __CPU_WORD(cpu)		((cpu) / __CPU_BITS_PER_WORD)
#define __CPU_BIT(cpu)		(1UL << ((cpu) % __CPU_BITS_PER_WORD))
#define CPU_ZERO(set)		__builtin_memset((set), 0, sizeof(cpu_set_t))
#define CPU_SET(cpu, set)						\
	((size_t)(cpu) < CPU_SETSIZE ?					\
	 ((set)->__bits[__CPU_WORD((size_t)(cpu))] |= __CPU_BIT((size_t)(cpu))) : 0)
#define CPU_CLR(cpu, set)						\
	((size_t)(cpu) < CPU_SETSIZE ?					\
	 ((set)->__bits[__CPU_WORD((size_t)(cpu))] &= ~__CPU_BIT((size_t)(cpu))) : 0)
#define CPU_ISSET(cpu, set)						\
	((size_t)(cpu) < CPU_SETSIZE &&					\
	 ((set)->__bits[__CPU_WORD((size_t)(cpu))] & __CPU_BIT((size_t)(cpu))) != 0)
#define CPU_COUNT(set)		__sched_cpucount(sizeof(cpu_set_t), (set))

int __sched_cpucount(size_t size, const cpu_set_t *set);
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *mask);
int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *mask);
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_SCHED_H */
