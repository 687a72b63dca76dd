/*
 * timer.h: one-shot timers on the monotonic clock (timer.c), kept in a
 * list sorted by expiry. The timer tick (sched_tick) runs the expired
 * ones; a timer's resolution is therefore one tick (1 / TIME_HZ s), and
 * it never fires early.
 *
 * The timer_list_ functions are pure bookkeeping (unit tested on the
 * host); the caller holds the list's lock. In the kernel that is
 * interrupts off, and sched.c owns the one list (sched_timer_arm...).
 */
#ifndef SCHED_TIMER_H
#define SCHED_TIMER_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>

struct timer;
typedef void (*timer_fn_t)(struct timer *t);

struct timer {
	uint64_t expires_ns;	/* time_monotonic_ns() at which fn runs */
	timer_fn_t fn;		/* runs with interrupts off, from the tick */
	void *data;		/* for fn */
	struct list_node link;	/* on the list while armed */
};

struct timer_list {
	struct list_node timers;	/* sorted by expires_ns, earliest first */
};

void timer_list_init(struct timer_list *l);
void timer_init(struct timer *t, timer_fn_t fn, void *data);
/*
 * Arms t to expire at expires_ns; re-arming an armed timer moves it.
 * Timers with equal expiry fire in the order they were armed.
 */
void timer_list_add(struct timer_list *l, struct timer *t, uint64_t expires_ns);
/* Disarms t; returns whether it was armed. */
bool timer_list_del(struct timer *t);
static inline bool timer_armed(const struct timer *t)
{
	return list_node_linked(&t->link);
}
/* Removes and returns the earliest timer due at now, or NULL. */
struct timer *timer_list_pop_expired(struct timer_list *l, uint64_t now_ns);

#endif /* SCHED_TIMER_H */
