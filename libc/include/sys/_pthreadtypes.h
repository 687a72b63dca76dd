/* sys/_pthreadtypes.h: Basalt's POSIX thread types (replacing newlib's 32-bit pthread_t), included by <sys/types.h>. */
/*
 * Layouts are ours (libc/pthread/ is their only user); the sizes follow
 * the x86_64 Linux ones so that structures embedding them keep familiar
 * sizes. A zero-filled object is each type's static initializer
 * (PTHREAD_MUTEX_INITIALIZER...), as POSIX lets a static object start
 * initialized. Words that threads sleep on with futex(2) are 32-bit, as
 * the futex word must be (futex(2), "The futex word is 32 bits").
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <sys/sched.h>

/* A thread is named by the address of its control block (libc/pthread/pthread_impl.h). */
typedef unsigned long pthread_t;

typedef struct {
	__SIZE_TYPE__ __stacksize;
	void *__stackaddr;
	__SIZE_TYPE__ __guardsize;
	int __detachstate;
	int __inheritsched;
	int __schedpolicy;
	int __scope;
	struct sched_param __schedparam;
	int __reserved;
} pthread_attr_t;

typedef struct {
	int __lock;		/* futex word: 0 free, 1 locked, 2 locked with waiters */
	int __kind;		/* PTHREAD_MUTEX_NORMAL, _RECURSIVE, _ERRORCHECK */
	int __owner;		/* tid of the owner (recursive and error-checking kinds) */
	unsigned int __count;	/* recursion depth */
	int __pshared;		/* PTHREAD_PROCESS_PRIVATE or _SHARED */
	int __reserved[5];
} pthread_mutex_t;

typedef struct {
	int __kind;
	int __pshared;
} pthread_mutexattr_t;

typedef struct {
	unsigned int __seq;	/* futex word: bumped by every signal and broadcast */
	int __clock;		/* 0: CLOCK_REALTIME, else 1 + the clockid_t given */
	int __pshared;		/* PTHREAD_PROCESS_PRIVATE or _SHARED */
	int __reserved[9];
} pthread_cond_t;

typedef struct {
	int __clock;		/* as in pthread_cond_t */
	int __pshared;
} pthread_condattr_t;

typedef unsigned int pthread_key_t;
typedef int pthread_once_t;

typedef struct {
	unsigned int __count;	/* threads the barrier waits for */
	unsigned int __arrived;	/* arrived in the current cycle */
	unsigned int __cycle;	/* futex word: bumped when a cycle completes */
	int __lock;		/* a mutex-like futex word guarding the fields */
	int __reserved[4];
} pthread_barrier_t;

typedef struct {
	int __pshared;
} pthread_barrierattr_t;

typedef struct {
	int __lock;		/* guards the fields below (futex word) */
	int __readers;		/* active readers, or -1 while a writer holds it */
	unsigned int __seq;	/* futex word: bumped at each release */
	unsigned int __writers_waiting;
	int __reserved[10];
} pthread_rwlock_t;

typedef struct {
	int __pshared;
	int __reserved;
} pthread_rwlockattr_t;

typedef int pthread_spinlock_t;

#endif /* _SYS__PTHREADTYPES_H_ */
