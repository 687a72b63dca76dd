/* pthread_impl.h: the thread control block, TLS layout and futex helpers shared by libc/pthread/ (not installed). */
/*
 * Each thread's %fs base points at its struct pthread (the thread control
 * block). System V AMD64 psABI / "ELF Handling For Thread-Local Storage"
 * (Drepper), variant II: the TCB's first word points at itself, so %fs:0
 * is the thread pointer, and the program's TLS block (its PT_TLS segment)
 * lies immediately below it, at a fixed negative offset the linker
 * computed for the local-exec model. GCC's stack protector reads its
 * canary at %fs:0x28 (TARGET_THREAD_SSP_OFFSET for x86_64), so the same
 * offset holds one here.
 */
#ifndef BASALT_LIBC_PTHREAD_IMPL_H
#define BASALT_LIBC_PTHREAD_IMPL_H

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <reent.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "linux_syscall.h"

/* <pthread.h>'s PTHREAD_KEYS_MAX and PTHREAD_DESTRUCTOR_ITERATIONS. */
#define PTHREAD_IMPL_KEYS_MAX		PTHREAD_KEYS_MAX
#define PTHREAD_IMPL_DESTRUCTOR_ROUNDS	PTHREAD_DESTRUCTOR_ITERATIONS

/* The smallest stack pthread_attr_setstacksize(3) takes. */
#define PTHREAD_STACK_MIN_BYTES		PTHREAD_STACK_MIN

/*
 * The default stack: 2 MiB (glibc takes RLIMIT_STACK, usually 8 MiB; pages
 * are only used when touched).
 */
#define PTHREAD_DEFAULT_STACK		(2UL << 20)

/* detach_state: who frees the thread's memory. */
enum pthread_detach_state {
	PTHREAD_STATE_JOINABLE,	/* a join will */
	PTHREAD_STATE_DETACHED,	/* the thread itself, as it exits */
	PTHREAD_STATE_EXITING,	/* exiting while joinable: a join (or detach) will */
};

struct pthread_specific {
	unsigned int seq;	/* the key's generation when the value was set */
	void *value;
};

struct pthread {
	/* The psABI part, at fixed offsets from %fs. */
	struct pthread *self;		/* 0x00: %fs:0, the thread pointer */
	void *dtv;			/* 0x08: no dynamic TLS modules */
	struct pthread *self2;		/* 0x10 */
	uint64_t reserved[2];		/* 0x18 */
	uintptr_t stack_guard;		/* 0x28: -fstack-protector's canary */
	uintptr_t pointer_guard;	/* 0x30 */

	/* Ours. */
	struct _reent *reent;		/* newlib's state for __getreent() */
	volatile int tid;		/* the kernel clears it and wakes it at exit (CLONE_CHILD_CLEARTID) */
	volatile int detach_state;	/* enum pthread_detach_state */
	void *(*start)(void *);
	void *arg;
	void *result;
	void *map_base;			/* the stack mapping holding all of this, or NULL */
	size_t map_size;
	sigset_t start_mask;		/* the creator's signal mask, restored in the new thread */
	struct __pthread_cleanup *cleanup;
	struct pthread_specific specific[PTHREAD_IMPL_KEYS_MAX];
	struct _reent reent_data;	/* a new thread's own; the first thread uses newlib's global one */
};

/* The calling thread's control block. */
static inline struct pthread *pthread_impl_self(void)
{
	struct pthread *self;

	__asm__("mov %%fs:0, %0" : "=r"(self));
	return self;
}

/* TLS: the PT_TLS image and where a thread's block goes (tls.c). */
struct pthread_tls_image {
	const void *init;	/* p_vaddr: the initialized part */
	size_t filesz;		/* bytes copied from init */
	size_t memsz;		/* the block's size; the rest is zeroed */
	size_t align;
	size_t offset;		/* block start = thread pointer - offset */
};
extern struct pthread_tls_image pthread_tls;

/* Bytes a thread needs for its TCB and TLS block (alignment slack included). */
size_t pthread_tls_area_size(void);
/* Lays out a TCB and TLS block at the top of [area, area + size); returns the TCB. */
struct pthread *pthread_tls_setup(void *area, size_t size);

/* Threads alive in the process (pthread_exit of the last one exits the process). */
extern volatile int pthread_live_count;

/*
 * clone(2) running fn(arg) in the child on stack, as glibc's clone(3)
 * (thread_clone.S); returns the child's tid or -errno, as the system call.
 */
long pthread_impl_clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
			volatile int *parent_tid, void *tls, volatile int *child_tid);
/* munmap(base, size) then exit(0), touching no stack in between (thread_clone.S). */
void pthread_impl_unmap_exit(void *base, size_t size) __attribute__((noreturn));

/* Frees a finished thread's memory (join.c). */
void pthread_impl_free(struct pthread *thread);

/* Runs and clears the calling thread's key destructors (key.c). */
void pthread_impl_run_destructors(struct pthread *self);

/* futex(2): private operations unless the object is process-shared. */
static inline long pthread_futex_wait(volatile void *word, int expected, const struct timespec *rel,
				      int private_flag)
{
	return linux_syscall4(SYS_futex, (long)word, FUTEX_WAIT | private_flag, expected,
			      (long)rel);
}

static inline long pthread_futex_wake(volatile void *word, int count, int private_flag)
{
	return linux_syscall3(SYS_futex, (long)word, FUTEX_WAKE | private_flag, count);
}

/* FUTEX_PRIVATE_FLAG (futex(2)): the word is not shared with another process. */
#define PTHREAD_FUTEX_PRIVATE	FUTEX_PRIVATE_FLAG
#define PTHREAD_FUTEX_SHARED	0

/*
 * A futex word used as a plain lock: 0 free, 1 held, 2 held with waiters
 * (Drepper, "Futexes Are Tricky", mutex #2). word_lock.c.
 */
void pthread_word_lock(volatile int *word, int private_flag);
int pthread_word_trylock(volatile int *word);
/* With an absolute CLOCK_REALTIME deadline (NULL: none): 0 or ETIMEDOUT, EINVAL. */
int pthread_word_timedlock(volatile int *word, const struct timespec *abstime, clockid_t clock,
			   int private_flag);
void pthread_word_unlock(volatile int *word, int private_flag);

/*
 * The time left until abstime on clock, for a relative futex wait:
 * 0, ETIMEDOUT when it has passed, EINVAL for a bad tv_nsec. timeout.c.
 */
int pthread_timeout_left(const struct timespec *abstime, clockid_t clock, struct timespec *left);

#endif /* BASALT_LIBC_PTHREAD_IMPL_H */
