/*
 * futex.h: fast user-space locking (kernel/proc/futex.c), futex(2).
 *
 * A futex is a 32-bit word in user memory. Waiters sleep on a hash of
 * keys; FUTEX_WAIT checks the word's value and blocks in one step with
 * respect to wakers (the bucket's lock), which is the whole point of a
 * futex. A private futex (FUTEX_PRIVATE_FLAG) is named by (address
 * space, user address); a shared one in MAP_SHARED memory by the
 * physical address of the word, so processes that share the memory
 * share the futex (futex.c says why the frame is a stable name).
 *
 * The futex_wait/wake/requeue/waiters entry points below use private
 * keys (the in-kernel tests); futex_op decides by FUTEX_PRIVATE_FLAG,
 * and futex_wake_addr (thread exit) uses shared keys, as Linux.
 */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>

struct timespec;
struct vm_space;

/*
 * futex(2) with its arguments typed: the body of sys_futex, for the
 * in-kernel tests too. utime is the timeout of the waits, and for the
 * requeues the count of waiters to move (val2), as in Linux.
 */
long futex_op(uint32_t __user *uaddr, int op, uint32_t val,
	      const struct timespec __user *utime, uint32_t __user *uaddr2, uint32_t val3);

/*
 * Wakes up to n (at least one, as Linux) waiters of the futex at uaddr
 * in the current address space; returns how many woke. For the
 * thread-exit path: clear_child_tid (CLONE_CHILD_CLEARTID,
 * set_tid_address) is zeroed by the caller and then woken with n = 1.
 */
int futex_wake_addr(uint64_t uaddr, int n);

/*
 * The operations with their arguments decoded, for futex_op and the
 * in-kernel tests. deadline is on the monotonic clock, 0 for none.
 * futex_wait: 0 when woken, -EAGAIN if *uaddr != val, -ETIMEDOUT,
 * -EINTR (a signal), -EFAULT, -EINVAL (misaligned, bitset 0).
 */
int futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t bitset);
/* Waiters woken (at most max(n, 1)), or -EFAULT / -EINVAL. */
int futex_wake(uint64_t uaddr, int n, uint32_t bitset);
/*
 * FUTEX_CMP_REQUEUE (check_val true) and FUTEX_REQUEUE: wakes n_wake
 * waiters of uaddr and moves up to n_requeue others to uaddr2.
 */
int futex_requeue(uint64_t uaddr, uint64_t uaddr2, int n_wake, int n_requeue,
		  bool check_val, uint32_t val);
/* Waiters currently queued on uaddr in the current address space. */
unsigned futex_waiters(uint64_t uaddr);

struct task;
/*
 * robust_list.c: marks the robust futexes t still holds FUTEX_OWNER_DIED
 * and wakes a waiter on each, then forgets its list. For the thread
 * itself, at exit and at exec (its memory is still mapped).
 */
void robust_list_exit(struct task *t);

#endif /* PROC_FUTEX_H */
