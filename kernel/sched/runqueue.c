/*
 * runqueue.c: the run queue and time slices (sched.h). Pure bookkeeping,
 * unit tested on the host (tests/unit/sched/runqueue_test.c); the caller
 * keeps interrupts off.
 */
#include <sched/sched.h>
#include <uapi/sched.h>

void sched_rq_init(struct runqueue *rq)
{
	list_init(&rq->tasks);
	rq->nr_running = 0;
}

/*
 * Linear in nice: SCHED_SLICE_MAX_TICKS at TASK_NICE_MIN down to
 * SCHED_SLICE_MIN_TICKS at TASK_NICE_MAX (nice 0 gets 10 ticks).
 */
unsigned sched_slice_ticks(int nice)
{
	unsigned span = SCHED_SLICE_MAX_TICKS - SCHED_SLICE_MIN_TICKS;
	unsigned levels = TASK_NICE_MAX - TASK_NICE_MIN;

	if (nice < TASK_NICE_MIN)
		nice = TASK_NICE_MIN;
	if (nice > TASK_NICE_MAX)
		nice = TASK_NICE_MAX;
	return SCHED_SLICE_MIN_TICKS +
	       (unsigned)(TASK_NICE_MAX - nice) * span / levels;
}

unsigned sched_task_slice(const struct task *t)
{
	switch (t->policy) {
	case SCHED_FIFO:
		return 0;
	case SCHED_RR:
		return SCHED_RR_SLICE_TICKS;
	case SCHED_IDLE:
		return SCHED_SLICE_MIN_TICKS;
	default:
		return sched_slice_ticks(t->nice);
	}
}

/* The queue order: real-time priority, 0 for the other policies. */
static unsigned sched_rq_prio(const struct task *t)
{
	return t->policy == SCHED_FIFO || t->policy == SCHED_RR ? t->rt_priority : 0;
}

void sched_rq_enqueue(struct runqueue *rq, struct task *t)
{
	unsigned prio = sched_rq_prio(t);
	struct list_node *n;

	t->state = TASK_RUNNABLE;
	rq->nr_running++;
	if (prio) {
		for (n = rq->tasks.next; n != &rq->tasks; n = n->next) {
			if (sched_rq_prio(list_entry(n, struct task, run_link)) < prio) {
				list_add_before(n, &t->run_link);
				return;
			}
		}
	}
	list_add_tail(&rq->tasks, &t->run_link);
}

void sched_rq_dequeue(struct runqueue *rq, struct task *t)
{
	list_del(&t->run_link);
	rq->nr_running--;
}

struct task *sched_rq_pick(struct runqueue *rq)
{
	struct task *t;

	if (list_empty(&rq->tasks))
		return NULL;
	t = list_first_entry(&rq->tasks, struct task, run_link);
	sched_rq_dequeue(rq, t);
	t->state = TASK_RUNNING;
	t->slice_left = sched_task_slice(t);
	return t;
}

/* The first task of the queue that may run on cpu (its cpus_allowed). */
static struct task *sched_rq_first_for(struct runqueue *rq, unsigned cpu)
{
	struct list_node *n;

	for (n = rq->tasks.next; n != &rq->tasks; n = n->next) {
		struct task *t = list_entry(n, struct task, run_link);

		if (t->cpus_allowed & (1ULL << cpu))
			return t;
	}
	return NULL;
}

bool sched_rq_has_work(struct runqueue *rq, unsigned cpu)
{
	return rq->nr_running && sched_rq_first_for(rq, cpu);
}

struct task *sched_rq_pick_cpu(struct runqueue *rq, unsigned cpu)
{
	struct task *t = sched_rq_first_for(rq, cpu);

	if (!t)
		return NULL;
	sched_rq_dequeue(rq, t);
	t->state = TASK_RUNNING;
	t->slice_left = sched_task_slice(t);
	return t;
}

/*
 * A waiting task of a higher priority takes the CPU now; one of the same
 * priority when the slice is used up (never, under SCHED_FIFO); with
 * nobody of at least t's priority waiting the slice is renewed.
 */
bool sched_rq_tick(struct runqueue *rq, struct task *t)
{
	unsigned prio = sched_rq_prio(t), head = 0;
	bool waiting = rq->nr_running != 0;

	t->runtime_ticks++;
	if (waiting)
		head = sched_rq_prio(list_first_entry(&rq->tasks, struct task, run_link));
	if (waiting && head > prio)
		return true;
	if (t->policy == SCHED_FIFO)
		return false;
	if (t->slice_left > 0)
		t->slice_left--;
	if (t->slice_left > 0)
		return false;
	if (!waiting || head < prio) {
		t->slice_left = sched_task_slice(t);
		return false;
	}
	return true;
}
