/*
 * futex.h: fast user-space locking (futex(2)), kernel/proc/futex.c.
 */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H

#include <stdint.h>

/*
 * Wakes up to n waiters on the futex word at user address uaddr of the
 * current address space (thread exit with CLONE_CHILD_CLEARTID). Returns
 * how many woke.
 */
int futex_wake_addr(uint64_t uaddr, int n);

#endif /* PROC_FUTEX_H */
