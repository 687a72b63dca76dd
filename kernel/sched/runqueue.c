/*
 * runqueue.c: the run queue and time slices (sched.h). Pure bookkeeping,
 * unit tested on the host (tests/unit/sched/runqueue_test.c); the caller
 * keeps interrupts off.
 */
#include <sched/sched.h>

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

void sched_rq_enqueue(struct runqueue *rq, struct task *t)
{
	t->state = TASK_RUNNABLE;
	list_add_tail(&rq->tasks, &t->run_link);
	rq->nr_running++;
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
	t->slice_left = sched_slice_ticks(t->nice);
	return t;
}

bool sched_rq_tick(struct runqueue *rq, struct task *t)
{
	t->runtime_ticks++;
	if (t->slice_left > 0)
		t->slice_left--;
	if (t->slice_left > 0)
		return false;
	if (rq->nr_running == 0) {
		t->slice_left = sched_slice_ticks(t->nice);
		return false;
	}
	return true;
}
