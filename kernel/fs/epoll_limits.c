/*
 * epoll_limits.c: the per-user limit on epoll watches (epoll(7),
 * /proc/sys/fs/epoll/max_user_watches). Every item on any epoll's
 * interest list counts for the real uid that created the epoll (Linux's
 * ep->user, get_current_user at epoll_create); EPOLL_CTL_ADD past the
 * limit is ENOSPC, for root too (ep_insert). The default is Linux's: 4%
 * of RAM divided by what a watch costs (an item and one hook here,
 * EPOLL_WATCH_COST; epitem and eppoll_entry there).
 *
 * The counts live in a table of the users holding watches right now; a
 * user that finds it full (EPOLL_WATCH_USERS users with watches) is
 * refused as if at its limit.
 *
 * Locking: epoll_watch_lock guards the table; epoll_watch_max is one
 * aligned word, read and written whole.
 */
#include <fs/epoll_limits.h>
#include <basalt/compiler.h>
#include <mm/mm.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>

#define EPOLL_WATCH_USERS	128	/* users with watches at once */
#define EPOLL_RAM_SHARE		25	/* Linux: (totalram / 25) / EP_ITEM_COST */
#define EPOLL_WATCH_MAX_LIMIT	((uint64_t)INT64_MAX)	/* proc_doulongvec_minmax's long_max */
/* A watch's memory: epoll.c's item (a 128-byte slab) and one hook (64). */
#define EPOLL_WATCH_COST	192
#define EPOLL_WATCH_UNSET	UINT64_MAX

struct epoll_watch_user {
	uint32_t uid;
	uint64_t count;		/* 0: a free slot */
};

/* guards: epoll_watch_users. */
static struct spinlock epoll_watch_lock = SPINLOCK_INIT("epoll_watch_lock");
static struct epoll_watch_user epoll_watch_users[EPOLL_WATCH_USERS];
static uint64_t epoll_watch_max = EPOLL_WATCH_UNSET;	/* the default on first use */

uint64_t epoll_max_user_watches(void)
{
	uint64_t v = __atomic_load_n(&epoll_watch_max, __ATOMIC_RELAXED), unset = EPOLL_WATCH_UNSET;

	if (v != EPOLL_WATCH_UNSET)
		return v;
	/* After boot: the page allocator knows the RAM by the first epoll or read. */
	v = pmm_total_pages() / EPOLL_RAM_SHARE * PAGE_SIZE / EPOLL_WATCH_COST;
	__atomic_compare_exchange_n(&epoll_watch_max, &unset, v, false, __ATOMIC_RELAXED,
				    __ATOMIC_RELAXED);
	return __atomic_load_n(&epoll_watch_max, __ATOMIC_RELAXED);
}

int epoll_set_max_user_watches(uint64_t v)
{
	if (v > EPOLL_WATCH_MAX_LIMIT)
		return -EINVAL;
	__atomic_store_n(&epoll_watch_max, v, __ATOMIC_RELAXED);
	return 0;
}

bool epoll_watch_charge(uint32_t uid)
{
	struct epoll_watch_user *u = NULL, *free_slot = NULL;
	bool ok = false;

	spin_lock(&epoll_watch_lock);
	for (size_t i = 0; i < ARRAY_SIZE(epoll_watch_users); i++) {
		struct epoll_watch_user *s = &epoll_watch_users[i];

		if (s->count && s->uid == uid) {
			u = s;
			break;
		}
		if (!s->count && !free_slot)
			free_slot = s;
	}
	if (!u && free_slot) {
		u = free_slot;
		u->uid = uid;
	}
	/* ep_insert: refused once the count has reached the limit. */
	if (u && u->count < epoll_max_user_watches()) {
		u->count++;
		ok = true;
	}
	spin_unlock(&epoll_watch_lock);
	return ok;
}

void epoll_watch_uncharge(uint32_t uid)
{
	spin_lock(&epoll_watch_lock);
	for (size_t i = 0; i < ARRAY_SIZE(epoll_watch_users); i++) {
		if (epoll_watch_users[i].count && epoll_watch_users[i].uid == uid) {
			epoll_watch_users[i].count--;
			break;
		}
	}
	spin_unlock(&epoll_watch_lock);
}
