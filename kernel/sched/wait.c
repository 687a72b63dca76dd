/*
 * wait.c: wait queues, timed blocking and sleeping (wait.h). A blocked
 * task sits on at most one wait queue and has at most one timer armed,
 * both in struct task; sched_wake takes it off whichever it is on.
 * Wait entries (poll) let it watch more queues: they are not taken off
 * by a wake-up, their owner removes them when it stops watching.
 *
 * Locking: sched_lock (sched.c) guards every queue's lists and the
 * blocking fields of every task.
 */
#include <basalt/panic.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <signal/signal.h>

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
	list_init(&wq->entries);
	wq->wakeups = 0;
}

void wait_entry_add(struct wait_queue *wq, struct wait_entry *e)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	e->task = task_current();
	e->wq = wq;
	e->func = NULL;
	list_add_tail(&wq->entries, &e->link);
	spin_unlock_irqrestore(&sched_lock, flags);
}

void wait_entry_add_func(struct wait_queue *wq, struct wait_entry *e, wait_entry_fn_t func)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	e->task = NULL;
	e->wq = wq;
	e->func = func;
	list_add_tail(&wq->entries, &e->link);
	spin_unlock_irqrestore(&sched_lock, flags);
}

void wait_entry_remove(struct wait_entry *e)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	if (e->wq) {
		list_del(&e->link);
		e->wq = NULL;
	}
	spin_unlock_irqrestore(&sched_lock, flags);
}

/*
 * sched_lock held: wakes every watcher, or runs its callback with the
 * events key announces; they stay on the queue.
 */
static unsigned wake_entries(struct wait_queue *wq, unsigned key)
{
	struct list_node *pos;
	unsigned n = 0;

	/* Every wake-up counts, for wait_block_since (sched_lock held). */
	__atomic_store_n(&wq->wakeups, wq->wakeups + 1, __ATOMIC_RELEASE);

	list_for_each(pos, &wq->entries) {
		struct wait_entry *e = list_entry(pos, struct wait_entry, link);
		struct task *t = e->task;

		if (e->func) {
			e->func(e, key);
			continue;
		}
		/* Seen by wait_block_entries even if t is not asleep yet. */
		t->entry_woken = true;
		n += sched_wake_locked(t);
	}
	return n;
}

/* A timed block's deadline passed (from the tick, interrupts off). */
static void wait_timer_expired(struct timer *timer)
{
	struct task *t = timer->data;
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	if (t->state == TASK_BLOCKED) {
		t->timed_out = true;
		sched_wake_locked(t);
	}
	spin_unlock_irqrestore(&sched_lock, flags);
}

void wait_task_init(struct task *t)
{
	t->waiting_on = NULL;
	list_init(&t->wait_link);
	timer_init(&t->wake_timer, wait_timer_expired, t);
	t->timed_out = false;
	wait_queue_init(&t->exit_wait);
}

void wait_entries_arm(void)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);

	task_current()->entry_woken = false;
	spin_unlock_irqrestore(&sched_lock, flags);
}

/*
 * The task is on the queue and BLOCKED (under sched_lock) before lock is
 * released: a waker must take lock to change the condition and then
 * sched_lock to wake, so it either ran before the caller's test or finds
 * the task on the queue. No wake-up is lost in between.
 */
static int wait_block_common(struct wait_queue *wq, uint64_t deadline_ns,
			     struct spinlock *lock, bool intr, bool entries,
			     const uint64_t *gen)
{
	struct task *me = task_current();
	uint64_t flags;

	/* Before sched_lock: a report prints, and printing wakes log readers. */
	lockcheck_might_sleep(lock, "wait_block");
	flags = spin_lock_irqsave(&sched_lock);
	BUG_ON(me->flags & TASK_FLAG_IDLE);
	/*
	 * Senders set the pending bit before they wake (under sched_lock),
	 * so a signal is either seen here or wakes the task once blocked.
	 */
	if (gen && wq->wakeups != *gen) {	/* woken since the caller's test */
		spin_unlock_irqrestore(&sched_lock, flags);
		return 0;
	}
	if ((intr && signal_pending(me)) || (entries && me->entry_woken)) {
		spin_unlock_irqrestore(&sched_lock, flags);
		return intr && signal_pending(me) ? -EINTR : 0;
	}
	me->state = TASK_BLOCKED;
	me->timed_out = false;
	if (wq) {
		list_add_tail(&wq->waiters, &me->wait_link);
		me->waiting_on = wq;
	}
	if (deadline_ns)
		sched_timer_arm_locked(&me->wake_timer, deadline_ns);
	if (lock)
		spin_unlock(lock);	/* interrupts stay off: no switch here */
	schedule_locked();
	if (lock)
		spin_lock(lock);
	cpu_irq_restore(flags);
	return me->timed_out ? -ETIMEDOUT : 0;
}

int wait_block_lock(struct wait_queue *wq, uint64_t deadline_ns,
		    struct spinlock *lock)
{
	return wait_block_common(wq, deadline_ns, lock, false, false, NULL);
}

int wait_block_lock_intr(struct wait_queue *wq, uint64_t deadline_ns,
			 struct spinlock *lock)
{
	return wait_block_common(wq, deadline_ns, lock, true, false, NULL);
}

int wait_block_entries(uint64_t deadline_ns)
{
	return wait_block_common(NULL, deadline_ns, NULL, true, true, NULL);
}

int wait_block(struct wait_queue *wq, uint64_t deadline_ns)
{
	return wait_block_common(wq, deadline_ns, NULL, false, false, NULL);
}

int wait_block_since(struct wait_queue *wq, uint64_t deadline_ns, uint64_t gen)
{
	return wait_block_common(wq, deadline_ns, NULL, false, false, &gen);
}

unsigned wake_up(struct wait_queue *wq)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);
	unsigned n = wake_entries(wq, 0);

	if (!list_empty(&wq->waiters))
		n = sched_wake_locked(list_first_entry(&wq->waiters, struct task,
						       wait_link));
	spin_unlock_irqrestore(&sched_lock, flags);
	return n;
}

unsigned wake_up_poll_locked(struct wait_queue *wq, unsigned key)
{
	unsigned n = wake_entries(wq, key);

	/* sched_wake_locked takes each one off the list. */
	while (!list_empty(&wq->waiters))
		n += sched_wake_locked(list_first_entry(&wq->waiters, struct task,
							wait_link));
	return n;
}

unsigned wake_up_poll(struct wait_queue *wq, unsigned key)
{
	uint64_t flags = spin_lock_irqsave(&sched_lock);
	unsigned n = wake_up_poll_locked(wq, key);

	spin_unlock_irqrestore(&sched_lock, flags);
	return n;
}

unsigned wake_up_all(struct wait_queue *wq)
{
	return wake_up_poll(wq, 0);
}

/* Only the wake timer ends the block: nothing to lose between the tests. */
void sleep_ns(uint64_t ns)
{
	uint64_t end = time_monotonic_ns() + ns;

	/* Re-check the clock: a wake-up by someone else is not the end. */
	while (time_monotonic_ns() < end)
		wait_block(NULL, end);
}

void msleep(uint64_t ms)
{
	sleep_ns(ms * NSEC_PER_MSEC);
}
