/*
 * futex(2) operations and flags of the Linux ABI. The operation is the
 * low bits of futex_op; FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME are
 * or'ed in.
 */
#ifndef UAPI_FUTEX_H
#define UAPI_FUTEX_H

#include <stdint.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2	/* removed in Linux 2.6.26 */
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13

#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

/* The bitset FUTEX_WAIT and FUTEX_WAKE imply. */
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu

/*
 * Robust futexes (Linux's Documentation/locking/robust-futex-ABI.rst):
 * the futex word of a lock holds its owner's tid and these bits.
 */
#define FUTEX_WAITERS		0x80000000u	/* someone sleeps on it */
#define FUTEX_OWNER_DIED	0x40000000u	/* the owner exited holding it */
#define FUTEX_TID_MASK		0x3fffffffu

/*
 * set_robust_list(2)'s head, in user memory: a circular list of the
 * locks a thread holds (each entry's address, bit 0 set for a PI lock),
 * where each lock's futex word lies relative to its entry, and the lock
 * being taken or released right now.
 */
struct robust_list_head {
	uint64_t list_next;
	int64_t futex_offset;
	uint64_t list_op_pending;
};

#endif /* UAPI_FUTEX_H */
