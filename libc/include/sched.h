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
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_SCHED_H */
