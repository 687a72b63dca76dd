/*
 * task_limit.c: the system's task limit, /proc/sys/kernel/threads-max
 * (proc(5)). Every task counts, kernel threads too, as Linux's
 * nr_threads; clone past the limit is -EAGAIN (copy_process), for
 * threads and processes alike, and for root too.
 *
 * The default is Linux's set_max_threads: a task per eight kernel stacks'
 * worth of RAM (THREAD_SIZE 16 KiB on x86_64), at least MIN_THREADS;
 * Basalt also caps it at its kernel-stack slots (KSTACK_MAX), so the
 * limit, not a failed stack allocation, is what a fork bomb meets.
 * Root may write 1..FUTEX_TID_MASK (Linux's sysctl_max_threads bounds).
 *
 * Locking: task_limit_max is one aligned word, read and written whole.
 */
#include <proc/task_limit.h>
#include <basalt/compiler.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/futex.h>

#define TASK_LIMIT_THREAD_SIZE	(16 * 1024)	/* x86_64's THREAD_SIZE */
#define TASK_LIMIT_MIN_THREADS	20		/* Linux's MIN_THREADS */
#define TASK_LIMIT_WRITE_MIN	1		/* sysctl_max_threads' lower bound */

static uint64_t task_limit_max;	/* 0 until first use: needs the page allocator */

uint64_t task_limit_threads_max(void)
{
	uint64_t v = __atomic_load_n(&task_limit_max, __ATOMIC_RELAXED);

	if (!v) {
		v = pmm_total_pages() / (8 * TASK_LIMIT_THREAD_SIZE / PAGE_SIZE);
		v = MIN(v, (uint64_t)KSTACK_MAX);
		if (v < TASK_LIMIT_MIN_THREADS)
			v = TASK_LIMIT_MIN_THREADS;
		__atomic_store_n(&task_limit_max, v, __ATOMIC_RELAXED);
	}
	return v;
}

int task_limit_set_threads_max(uint64_t v)
{
	if (v < TASK_LIMIT_WRITE_MIN || v > FUTEX_TID_MASK)
		return -EINVAL;
	__atomic_store_n(&task_limit_max, v, __ATOMIC_RELAXED);
	return 0;
}

bool task_limit_reached(void)
{
	return kstack_in_use() >= task_limit_threads_max();
}
