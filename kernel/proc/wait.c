/*
 * wait.c: wait queues, timed blocking and sleeping (wait.h). A blocked
 * task sits on at most one wait queue and has at most one timer armed,
 * both in struct task; sched_wake takes it off whichever it is on.
 * Wait entries (poll) let it watch more queues: they are not taken off
 * by a wake-up, their owner removes them when it stops watching.
 */
#include <basalt/panic.h>
#include <proc/sched.h>
#include <proc/wait.h>

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
	list_init(&wq->entries);
}

void wait_entry_add(struct wait_queue *wq, struct wait_entry *e)
{
	uint64_t flags = cpu_irq_save();

	e->task = task_current();
	e->wq = wq;
	e->func = NULL;
	list_add_tail(&wq->entries, &e->link);
	cpu_irq_restore(flags);
}

void wait_entry_add_func(struct wait_queue *wq, struct wait_entry *e,
			 wait_entry_fn_t func)
{
	uint64_t flags = cpu_irq_save();

	e->task = NULL;
	e->wq = wq;
	e->func = func;
	list_add_tail(&wq->entries, &e->link);
	cpu_irq_restore(flags);
}

void wait_entry_remove(struct wait_entry *e)
{
	uint64_t flags = cpu_irq_save();

	if (e->wq) {
		list_del(&e->link);
		e->wq = NULL;
	}
	cpu_irq_restore(flags);
}

/* Interrupts off: wakes every watcher; they stay on the queue. */
static unsigned wake_entries(struct wait_queue *wq, unsigned key)
{
	struct list_node *pos;
	unsigned n = 0;

	list_for_each(pos, &wq->entries) {
		struct wait_entry *e = list_entry(pos, struct wait_entry, link);

		if (e->func)
			e->func(e, key);
		else
			n += sched_wake(e->task);
	}
	return n;
}

/* A timed block's deadline passed (from the tick, interrupts off). */
static void wait_timer_expired(struct timer *timer)
{
	struct task *t = timer->data;

	if (t->state != TASK_BLOCKED)
		return;
	t->timed_out = true;
	sched_wake(t);
}

void wait_task_init(struct task *t)
{
	t->waiting_on = NULL;
	list_init(&t->wait_link);
	timer_init(&t->wake_timer, wait_timer_expired, t);
	t->timed_out = false;
	wait_queue_init(&t->exit_wait);
}

int wait_block(struct wait_queue *wq, uint64_t deadline_ns)
{
	struct task *me = task_current();

	BUG_ON(me->flags & TASK_FLAG_IDLE);
	me->state = TASK_BLOCKED;
	me->timed_out = false;
	if (wq) {
		list_add_tail(&wq->waiters, &me->wait_link);
		me->waiting_on = wq;
	}
	if (deadline_ns)
		sched_timer_arm(&me->wake_timer, deadline_ns);
	schedule();
	return me->timed_out ? -ETIMEDOUT : 0;
}

unsigned wake_up(struct wait_queue *wq)
{
	uint64_t flags = cpu_irq_save();
	unsigned n = wake_entries(wq, 0);

	if (!list_empty(&wq->waiters))
		n = sched_wake(list_first_entry(&wq->waiters, struct task, wait_link));
	cpu_irq_restore(flags);
	return n;
}

unsigned wake_up_all(struct wait_queue *wq)
{
	return wake_up_poll(wq, 0);
}

unsigned wake_up_poll(struct wait_queue *wq, unsigned key)
{
	uint64_t flags = cpu_irq_save();
	unsigned n = wake_entries(wq, key);

	/* sched_wake takes each one off the list. */
	while (!list_empty(&wq->waiters))
		n += sched_wake(list_first_entry(&wq->waiters, struct task, wait_link));
	cpu_irq_restore(flags);
	return n;
}

void sleep_ns(uint64_t ns)
{
	uint64_t flags = cpu_irq_save();
	uint64_t end = time_monotonic_ns() + ns;

	/* Re-check the clock: a wake-up by someone else is not the end. */
	while (time_monotonic_ns() < end)
		wait_block(NULL, end);
	cpu_irq_restore(flags);
}

void msleep(uint64_t ms)
{
	sleep_ns(ms * NSEC_PER_MSEC);
}
