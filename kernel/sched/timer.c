/*
 * timer.c: the sorted timer list (timer.h). Insertion walks the list, so
 * it costs O(armed timers); there are few (one per sleeping thread), and
 * the tick only ever looks at the head.
 */
#include <sched/timer.h>

void timer_list_init(struct timer_list *l)
{
	list_init(&l->timers);
}

void timer_init(struct timer *t, timer_fn_t fn, void *data)
{
	t->expires_ns = 0;
	t->fn = fn;
	t->data = data;
	list_init(&t->link);
}

void timer_list_add(struct timer_list *l, struct timer *t, uint64_t expires_ns)
{
	struct list_node *pos;

	if (timer_armed(t))
		list_del(&t->link);
	t->expires_ns = expires_ns;
	/* Before the first later timer: equal expiries stay in FIFO order. */
	list_for_each(pos, &l->timers) {
		if (list_entry(pos, struct timer, link)->expires_ns > expires_ns)
			break;
	}
	list_add_before(pos, &t->link);
}

bool timer_list_del(struct timer *t)
{
	if (!timer_armed(t))
		return false;
	list_del(&t->link);
	return true;
}

struct timer *timer_list_pop_expired(struct timer_list *l, uint64_t now_ns)
{
	struct timer *t;

	if (list_empty(&l->timers))
		return NULL;
	t = list_first_entry(&l->timers, struct timer, link);
	if (t->expires_ns > now_ns)
		return NULL;
	list_del(&t->link);
	return t;
}
