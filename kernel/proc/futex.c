/*
 * futex.c: futex(2) (see futex.h): FUTEX_WAIT, FUTEX_WAKE, their
 * _BITSET forms, FUTEX_REQUEUE and FUTEX_CMP_REQUEUE, with
 * FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME. The PI operations and
 * FUTEX_WAKE_OP are -ENOSYS (glibc 2.36 needs neither for its mutexes,
 * condition variables (FUTEX_WAIT_BITSET + FUTEX_WAKE), barriers or
 * pthread_join (the clear_child_tid wake); musl's condvars requeue).
 *
 * Waiters live on their own kernel stacks (struct futex_waiter) and are
 * linked on one of FUTEX_HASH_BUCKETS lists chosen by the key.
 *
 * Locking: each bucket's spinlock guards its list and the fields of the
 * waiters on it (as Linux's hash bucket lock). A waiter reads the futex
 * word, compares and enqueues under it, and sleeps with
 * wait_block_lock_intr, so no wake can fall between the check and the
 * sleep. A requeue moves a waiter to another bucket under both locks
 * (lower address first) and points w->bucket at the new one; the waiter
 * re-takes whichever bucket w->bucket names when it wakes.
 */
#include <proc/futex.h>
#include <asm/cpu.h>
#include <basalt/syscalls.h>
#include <mm/vm.h>
#include <basalt/list.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/futex.h>
#include <user/user.h>

#define FUTEX_HASH_BITS		6
#define FUTEX_HASH_BUCKETS	(1u << FUTEX_HASH_BITS)
/* A 64-bit golden-ratio multiplier (Knuth's multiplicative hashing). */
#define FUTEX_HASH_MULT		0x9e3779b97f4a7c15ULL
/* A futex word is a 32-bit int, naturally aligned (futex(2)). */
#define FUTEX_WORD_SIZE		sizeof(uint32_t)

struct futex_bucket {
	struct spinlock lock;		/* guards: waiters, and the waiters' fields */
	struct list_node waiters;	/* struct futex_waiter.link; NULL until first use */
};

struct futex_waiter {
	struct list_node link;		/* on bucket->waiters */
	struct futex_bucket *bucket;	/* the bucket it is on (its lock) */
	struct vm_space *vm;		/* the key: address space... */
	uint64_t uaddr;			/* ...and user address */
	uint32_t bitset;		/* FUTEX_WAIT_BITSET's mask */
	struct task *task;
	bool woken;			/* a wake took it off the list */
};

static struct futex_bucket futex_buckets[FUTEX_HASH_BUCKETS] = {
	[0 ... FUTEX_HASH_BUCKETS - 1] = { .lock = SPINLOCK_INIT("futex_bucket.lock") },
};

/*
 * The key's address space: the process's, or for a kernel thread (the
 * in-kernel tests) whatever address space is loaded.
 */
static struct vm_space *futex_vm(void)
{
	struct process *p = process_current();

	return p && p->vm ? p->vm : vm_current();
}

static struct futex_bucket *futex_bucket(struct vm_space *vm, uint64_t uaddr)
{
	uint64_t h = ((uint64_t)(uintptr_t)vm ^ uaddr) * FUTEX_HASH_MULT;

	return &futex_buckets[h >> (64 - FUTEX_HASH_BITS)];
}

static void futex_bucket_lock(struct futex_bucket *b)
{
	spin_lock(&b->lock);
	/* First use sets up the list head (no static self-pointers in a range). */
	if (!b->waiters.next)
		list_init(&b->waiters);
}

/* Locks the bucket w is on; a requeue may move it until the lock is ours. */
static struct futex_bucket *futex_lock_waiter(struct futex_waiter *w)
{
	for (;;) {
		struct futex_bucket *b = __atomic_load_n(&w->bucket, __ATOMIC_ACQUIRE);

		futex_bucket_lock(b);
		if (b == w->bucket)
			return b;
		spin_unlock(&b->lock);
	}
}

/* Linux's get_futex_key order: alignment (EINVAL), then range (EFAULT). */
static int futex_check_addr(uint64_t uaddr)
{
	if (uaddr % FUTEX_WORD_SIZE)
		return -EINVAL;
	if (!uaccess_range_ok(uaddr, FUTEX_WORD_SIZE))
		return -EFAULT;
	return 0;
}

static int futex_read(uint64_t uaddr, uint32_t *val)
{
	return copy_from_user(val, (const void __user *)uaddr, sizeof(*val));
}

/* Takes w off its bucket and makes its task runnable. Bucket locked. */
static void futex_wake_one(struct futex_waiter *w)
{
	list_del(&w->link);
	w->woken = true;
	sched_wake(w->task);
}

int futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t bitset)
{
	struct futex_waiter w = { .uaddr = uaddr, .bitset = bitset,
				  .task = task_current() };
	struct futex_bucket *b;
	uint32_t cur;
	int ret = futex_check_addr(uaddr);

	if (ret)
		return ret;
	if (!bitset)
		return -EINVAL;
	/* Once with interrupts on, so a fault can be resolved normally. */
	if (futex_read(uaddr, &cur))
		return -EFAULT;

	w.vm = futex_vm();
	b = futex_bucket(w.vm, uaddr);
	futex_bucket_lock(b);
	/* Faulted in above: the read under the lock finds the page mapped. */
	if (futex_read(uaddr, &cur)) {
		ret = -EFAULT;
		goto out;
	}
	if (cur != val) {
		ret = -EAGAIN;
		goto out;
	}
	w.bucket = b;
	list_add_tail(&b->waiters, &w.link);
	for (;;) {
		if (w.woken) {
			ret = 0;
			break;
		}
		if (signal_pending(w.task)) {
			ret = -EINTR;
			break;
		}
		if (deadline && time_monotonic_ns() >= deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		wait_block_lock_intr(NULL, deadline, &b->lock);
		if (b != w.bucket) {	/* requeued while asleep */
			spin_unlock(&b->lock);
			b = futex_lock_waiter(&w);
		}
	}
	if (!w.woken)
		list_del(&w.link);
out:
	spin_unlock(&b->lock);
	return ret;
}

int futex_wake(uint64_t uaddr, int n, uint32_t bitset)
{
	struct list_node *head, *pos, *next;
	struct vm_space *vm = futex_vm();
	struct futex_bucket *b;
	int woken = 0, ret = futex_check_addr(uaddr);

	if (ret)
		return ret;
	if (!bitset)
		return -EINVAL;
	b = futex_bucket(vm, uaddr);
	futex_bucket_lock(b);
	head = &b->waiters;
	for (pos = head->next; pos != head; pos = next) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		next = pos->next;
		if (w->vm != vm || w->uaddr != uaddr || !(w->bitset & bitset))
			continue;
		futex_wake_one(w);
		/* Linux counts first: n <= 0 still wakes one. */
		if (++woken >= n)
			break;
	}
	spin_unlock(&b->lock);
	return woken;
}

int futex_wake_addr(uint64_t uaddr, int n)
{
	return futex_wake(uaddr, n, FUTEX_BITSET_MATCH_ANY);
}

int futex_requeue(uint64_t uaddr, uint64_t uaddr2, int n_wake, int n_requeue,
		  bool check_val, uint32_t val)
{
	struct list_node *head, *head2, *pos, *next, moved_list;
	struct vm_space *vm = futex_vm();
	struct futex_bucket *b, *b2;
	uint32_t cur;
	int woken = 0, moved = 0, ret;

	if ((ret = futex_check_addr(uaddr)) || (ret = futex_check_addr(uaddr2)))
		return ret;
	if (n_wake < 0 || n_requeue < 0)
		return -EINVAL;
	if (check_val && futex_read(uaddr, &cur))
		return -EFAULT;

	b = futex_bucket(vm, uaddr);
	b2 = futex_bucket(vm, uaddr2);
	/* Two buckets: lower address first, so two requeues cannot deadlock. */
	futex_bucket_lock(b < b2 ? b : b2);
	if (b != b2)
		futex_bucket_lock(b < b2 ? b2 : b);
	if (check_val) {
		if (futex_read(uaddr, &cur)) {
			ret = -EFAULT;
			goto out;
		}
		if (cur != val) {
			ret = -EAGAIN;
			goto out;
		}
	}
	list_init(&moved_list);
	head = &b->waiters;
	head2 = &b2->waiters;
	for (pos = head->next; pos != head; pos = next) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		next = pos->next;
		if (w->vm != vm || w->uaddr != uaddr)
			continue;
		if (woken < n_wake) {
			futex_wake_one(w);
			woken++;
		} else if (moved < n_requeue) {
			/* Parked aside so a same-bucket move is not seen twice. */
			list_del(&w->link);
			w->uaddr = uaddr2;
			__atomic_store_n(&w->bucket, b2, __ATOMIC_RELEASE);
			list_add_tail(&moved_list, &w->link);
			moved++;
		} else {
			break;
		}
	}
	while (!list_empty(&moved_list)) {
		pos = moved_list.next;
		list_del(pos);
		list_add_tail(head2, pos);
	}
	ret = woken + moved;
out:
	if (b != b2)
		spin_unlock(&b2->lock);
	spin_unlock(&b->lock);
	return ret;
}

unsigned futex_waiters(uint64_t uaddr)
{
	struct vm_space *vm = futex_vm();
	struct futex_bucket *b = futex_bucket(vm, uaddr);
	struct list_node *pos;
	unsigned n = 0;

	futex_bucket_lock(b);
	list_for_each(pos, &b->waiters) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		n += w->vm == vm && w->uaddr == uaddr;
	}
	spin_unlock(&b->lock);
	return n;
}

/*
 * The timeout argument as a monotonic deadline in *deadline (0: none).
 * FUTEX_WAIT's is relative; FUTEX_WAIT_BITSET's absolute, on
 * CLOCK_MONOTONIC or, with FUTEX_CLOCK_REALTIME, CLOCK_REALTIME
 * (futex(2)). A deadline already past becomes 1: "expired".
 */
static int futex_timeout(uint64_t addr, int cmd, bool realtime, uint64_t *deadline)
{
	struct timespec ts;
	uint64_t now, rel;
	int err;

	*deadline = 0;
	if (!addr)
		return 0;
	if (copy_from_user(&ts, (const void __user *)addr, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	if (cmd == FUTEX_WAIT) {
		now = time_monotonic_ns();
		rel = (uint64_t)timespec_to_ns(&ts);
		*deadline = rel > UINT64_MAX - now ? UINT64_MAX : now + rel;
		return 0;
	}
	err = time_clock_deadline(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC,
				  timespec_to_ns(&ts), deadline);
	if (!err && !*deadline)
		*deadline = 1;
	return err;
}

long futex_op(uint32_t __user *uaddr_p, int op, uint32_t val,
	      const struct timespec __user *utime, uint32_t __user *uaddr2_p, uint32_t val3)
{
	uint64_t uaddr = (uint64_t)uaddr_p, uaddr2 = (uint64_t)uaddr2_p;
	int cmd = op & FUTEX_CMD_MASK;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	uint64_t deadline;
	int err;

	/* Linux: FUTEX_CLOCK_REALTIME only makes sense for the waits. */
	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fallthrough */
	case FUTEX_WAIT_BITSET:
		err = futex_timeout((uint64_t)utime, cmd, realtime, &deadline);
		if (err)
			return err;
		return futex_wait(uaddr, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fallthrough */
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
		/* The fourth argument is the requeue count, not a pointer. */
		return futex_requeue(uaddr, uaddr2, (int)val, (int)(uint64_t)utime,
				     false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, (int)(uint64_t)utime,
				     true, val3);
	default:
		return -ENOSYS;
	}
}

SYSCALL_DEFINE6(futex, uint32_t __user *, uaddr, int, op, uint32_t, val,
		const struct timespec __user *, utime, uint32_t __user *, uaddr2, uint32_t, val3)
{
	return futex_op(uaddr, op, val, utime, uaddr2, val3);
}
