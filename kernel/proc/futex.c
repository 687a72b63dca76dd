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
 * Keys (Linux's get_futex_key): a private futex (FUTEX_PRIVATE_FLAG) is
 * (address space, user address). A shared one in a MAP_SHARED area is
 * the physical address of its word: shared anonymous memory has all its
 * frames from mmap until the last unmap (vm_map.c), so every process
 * that maps it finds the same frame, at whatever virtual address. A
 * shared futex in private memory keys as a private one, as on Linux:
 * no other address space can see that word. No frame reference is held
 * while waiting: the key is only compared, and a frame freed and reused
 * under a sleeper can at worst wake it spuriously, which futex(2)
 * callers must allow anyway. A MAP_SHARED file mapping maps the page
 * cache's frame itself (mm/page_cache.h), so its word keys the same way
 * while the page is cached: a memory file system's pages stay as long
 * as the file has them; once a disk file system's clean pages can be
 * dropped, the key must become (inode, offset), Linux's.
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
#include <mm/vma.h>
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

/*
 * What a futex is named by: space is the address space and addr the
 * user address (private), or space FUTEX_KEY_PHYS and addr the physical
 * address of the word (shared memory).
 */
struct futex_key {
	uintptr_t space;
	uint64_t addr;
};

/* No address space lives at 0: the space of the physical keys. */
#define FUTEX_KEY_PHYS	((uintptr_t)0)

struct futex_waiter {
	struct list_node link;		/* on bucket->waiters */
	struct futex_bucket *bucket;	/* the bucket it is on (its lock) */
	struct futex_key key;		/* the futex it waits on */
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

/*
 * The key of the word at uaddr (checked by futex_check_addr and read
 * once, so its page is there). shared: the operation lacks
 * FUTEX_PRIVATE_FLAG.
 */
static struct futex_key futex_key(uint64_t uaddr, bool shared)
{
	struct vm_space *vm = futex_vm();
	struct futex_key key = { .space = (uintptr_t)vm, .addr = uaddr };
	struct vma *v;
	uint64_t phys;

	if (!shared || !vm)
		return key;
	down_read(&vm->sem);
	v = vma_lookup(&vm->vmas, uaddr);
	if (v && (v->flags & VMA_SHARED) && !vm_query(vm, uaddr, &phys, NULL)) {
		key.space = FUTEX_KEY_PHYS;
		key.addr = phys;
	}
	up_read(&vm->sem);
	return key;
}

static bool futex_key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->addr == b->addr;
}

static struct futex_bucket *futex_bucket(const struct futex_key *key)
{
	uint64_t h = ((uint64_t)key->space ^ key->addr) * FUTEX_HASH_MULT;

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

static int futex_wait_key(uint64_t uaddr, bool shared, uint32_t val, uint64_t deadline,
			  uint32_t bitset)
{
	struct futex_waiter w = { .bitset = bitset,
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

	w.key = futex_key(uaddr, shared);
	b = futex_bucket(&w.key);
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

int futex_wait(uint64_t uaddr, uint32_t val, uint64_t deadline, uint32_t bitset)
{
	return futex_wait_key(uaddr, false, val, deadline, bitset);
}

static int futex_wake_key(uint64_t uaddr, bool shared, int n, uint32_t bitset)
{
	struct list_node *head, *pos, *next;
	struct futex_key key;
	struct futex_bucket *b;
	uint32_t cur;
	int woken = 0, ret = futex_check_addr(uaddr);

	if (ret)
		return ret;
	if (!bitset)
		return -EINVAL;
	/* Linux's get_futex_key faults the page in for a shared key: EFAULT if it cannot. */
	if (shared && futex_read(uaddr, &cur))
		return -EFAULT;
	key = futex_key(uaddr, shared);
	b = futex_bucket(&key);
	futex_bucket_lock(b);
	head = &b->waiters;
	for (pos = head->next; pos != head; pos = next) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		next = pos->next;
		if (!futex_key_eq(&w->key, &key) || !(w->bitset & bitset))
			continue;
		futex_wake_one(w);
		/* Linux counts first: n <= 0 still wakes one. */
		if (++woken >= n)
			break;
	}
	spin_unlock(&b->lock);
	return woken;
}

int futex_wake(uint64_t uaddr, int n, uint32_t bitset)
{
	return futex_wake_key(uaddr, false, n, bitset);
}

/*
 * Linux's exit paths (the clear_child_tid wake in mm_release and
 * handle_futex_death) wake without FUTEX_PRIVATE_FLAG: shared keys.
 */
int futex_wake_addr(uint64_t uaddr, int n)
{
	return futex_wake_key(uaddr, true, n, FUTEX_BITSET_MATCH_ANY);
}

static int futex_requeue_key(uint64_t uaddr, uint64_t uaddr2, bool shared, int n_wake,
			     int n_requeue, bool check_val, uint32_t val)
{
	struct list_node *head, *head2, *pos, *next, moved_list;
	struct futex_key key, key2;
	struct futex_bucket *b, *b2;
	uint32_t cur;
	int woken = 0, moved = 0, ret;

	if ((ret = futex_check_addr(uaddr)) || (ret = futex_check_addr(uaddr2)))
		return ret;
	if (n_wake < 0 || n_requeue < 0)
		return -EINVAL;
	if ((check_val || shared) && futex_read(uaddr, &cur))
		return -EFAULT;
	if (shared && futex_read(uaddr2, &cur))
		return -EFAULT;

	key = futex_key(uaddr, shared);
	key2 = futex_key(uaddr2, shared);
	b = futex_bucket(&key);
	b2 = futex_bucket(&key2);
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
		if (!futex_key_eq(&w->key, &key))
			continue;
		if (woken < n_wake) {
			futex_wake_one(w);
			woken++;
		} else if (moved < n_requeue) {
			/* Parked aside so a same-bucket move is not seen twice. */
			list_del(&w->link);
			w->key = key2;
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

int futex_requeue(uint64_t uaddr, uint64_t uaddr2, int n_wake, int n_requeue,
		  bool check_val, uint32_t val)
{
	return futex_requeue_key(uaddr, uaddr2, false, n_wake, n_requeue, check_val, val);
}

unsigned futex_waiters(uint64_t uaddr)
{
	struct futex_key key = futex_key(uaddr, false);
	struct futex_bucket *b = futex_bucket(&key);
	struct list_node *pos;
	unsigned n = 0;

	futex_bucket_lock(b);
	list_for_each(pos, &b->waiters) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		n += futex_key_eq(&w->key, &key);
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
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
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
		return futex_wait_key(uaddr, shared, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fallthrough */
	case FUTEX_WAKE_BITSET:
		return futex_wake_key(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		/* The fourth argument is the requeue count, not a pointer. */
		return futex_requeue_key(uaddr, uaddr2, shared, (int)val,
					 (int)(uint64_t)utime, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue_key(uaddr, uaddr2, shared, (int)val,
					 (int)(uint64_t)utime, true, val3);
	default:
		return -ENOSYS;
	}
}

SYSCALL_DEFINE6(futex, uint32_t __user *, uaddr, int, op, uint32_t, val,
		const struct timespec __user *, utime, uint32_t __user *, uaddr2, uint32_t, val3)
{
	return futex_op(uaddr, op, val, utime, uaddr2, val3);
}
