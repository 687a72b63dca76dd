/*
 * runqueue_test.c: kernel/sched/runqueue.c, the run queue and time-slice
 * bookkeeping, on tasks built here; plus a simulation of busy tasks
 * checking that CPU shares follow the nice values and nobody starves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sched/sched.h>
#include <uapi/sched.h>

#define NTASKS		4
#define SIM_TICKS	10000

static struct task tasks[NTASKS];
static struct runqueue rq;

static void setup_tasks(void)
{
	memset(tasks, 0, sizeof(tasks));
	sched_rq_init(&rq);
	for (int i = 0; i < NTASKS; i++) {
		tasks[i].tid = i;
		tasks[i].nice = TASK_NICE_DEFAULT;
		list_init(&tasks[i].run_link);
	}
}

static void test_slice_ticks(void **state)
{
	(void)state;
	assert_int_equal(sched_slice_ticks(TASK_NICE_MIN), SCHED_SLICE_MAX_TICKS);
	assert_int_equal(sched_slice_ticks(TASK_NICE_MAX), SCHED_SLICE_MIN_TICKS);
	assert_int_equal(sched_slice_ticks(TASK_NICE_MIN - 100), SCHED_SLICE_MAX_TICKS);
	assert_int_equal(sched_slice_ticks(TASK_NICE_MAX + 100), SCHED_SLICE_MIN_TICKS);
	assert_int_equal(sched_slice_ticks(0), 10);
	for (int n = TASK_NICE_MIN; n < TASK_NICE_MAX; n++)
		assert_true(sched_slice_ticks(n) >= sched_slice_ticks(n + 1));
}

static void test_fifo_order(void **state)
{
	(void)state;
	setup_tasks();
	assert_null(sched_rq_pick(&rq));
	for (int i = 0; i < NTASKS; i++) {
		sched_rq_enqueue(&rq, &tasks[i]);
		assert_int_equal(tasks[i].state, TASK_RUNNABLE);
	}
	assert_int_equal(rq.nr_running, NTASKS);
	sched_rq_dequeue(&rq, &tasks[1]);
	assert_false(list_node_linked(&tasks[1].run_link));
	assert_ptr_equal(sched_rq_pick(&rq), &tasks[0]);
	assert_int_equal(tasks[0].state, TASK_RUNNING);
	assert_int_equal(tasks[0].slice_left, sched_slice_ticks(0));
	assert_ptr_equal(sched_rq_pick(&rq), &tasks[2]);
	assert_ptr_equal(sched_rq_pick(&rq), &tasks[3]);
	assert_null(sched_rq_pick(&rq));
	assert_int_equal(rq.nr_running, 0);
}

static void test_tick_expires_slice(void **state)
{
	struct task *cur;
	unsigned slice;

	(void)state;
	setup_tasks();
	tasks[0].nice = TASK_NICE_MAX - 3;
	slice = sched_slice_ticks(tasks[0].nice);
	assert_true(slice >= 2);
	sched_rq_enqueue(&rq, &tasks[0]);
	cur = sched_rq_pick(&rq);
	assert_int_equal(cur->slice_left, slice);
	/* Alone: the slice is renewed instead of asking for a switch. */
	for (unsigned i = 0; i < slice; i++)
		assert_false(sched_rq_tick(&rq, cur));
	assert_int_equal(cur->slice_left, slice);
	sched_rq_enqueue(&rq, &tasks[1]);
	for (unsigned i = 0; i + 1 < slice; i++)
		assert_false(sched_rq_tick(&rq, cur));
	assert_true(sched_rq_tick(&rq, cur));
	assert_int_equal(cur->runtime_ticks, 2 * slice);
}

/* What sched_tick and schedule do for busy tasks, without the switch. */
/* Real-time tasks queue by priority, ahead of the others (sched(7)). */
static void test_rt_order(void **state)
{
	(void)state;
	setup_tasks();
	tasks[1].policy = SCHED_FIFO;
	tasks[1].rt_priority = 5;
	tasks[2].policy = SCHED_RR;
	tasks[2].rt_priority = 10;
	tasks[3].policy = SCHED_FIFO;
	tasks[3].rt_priority = 5;
	for (int i = 0; i < NTASKS; i++)
		sched_rq_enqueue(&rq, &tasks[i]);
	assert_ptr_equal(sched_rq_pick(&rq), &tasks[2]);
	assert_int_equal(tasks[2].slice_left, SCHED_RR_SLICE_TICKS);
	assert_ptr_equal(sched_rq_pick(&rq), &tasks[1]);
	assert_int_equal(tasks[1].slice_left, 0);
	assert_ptr_equal(sched_rq_pick(&rq), &tasks[3]);
	assert_ptr_equal(sched_rq_pick(&rq), &tasks[0]);
}

static void test_rt_tick(void **state)
{
	struct task *cur;

	(void)state;
	setup_tasks();
	tasks[0].policy = SCHED_FIFO;
	tasks[0].rt_priority = 1;
	sched_rq_enqueue(&rq, &tasks[0]);
	cur = sched_rq_pick(&rq);
	/* SCHED_FIFO: a SCHED_OTHER task waiting never takes the CPU. */
	sched_rq_enqueue(&rq, &tasks[1]);
	for (int i = 0; i < SIM_TICKS; i++)
		assert_false(sched_rq_tick(&rq, cur));
	/* A higher priority does, at the next tick. */
	tasks[2].policy = SCHED_RR;
	tasks[2].rt_priority = 2;
	sched_rq_enqueue(&rq, &tasks[2]);
	assert_true(sched_rq_tick(&rq, cur));
	/* A SCHED_OTHER task gives way to a waiting real-time one at once. */
	setup_tasks();
	sched_rq_enqueue(&rq, &tasks[0]);
	cur = sched_rq_pick(&rq);
	assert_false(sched_rq_tick(&rq, cur));
	tasks[1].policy = SCHED_RR;
	tasks[1].rt_priority = 1;
	sched_rq_enqueue(&rq, &tasks[1]);
	assert_true(sched_rq_tick(&rq, cur));
	/* SCHED_RR renews its slice while only lower priorities wait. */
	cur = sched_rq_pick(&rq);
	for (int i = 0; i < 3 * SCHED_RR_SLICE_TICKS; i++)
		assert_false(sched_rq_tick(&rq, cur));
	/* SCHED_IDLE runs the shortest slice. */
	tasks[2].policy = SCHED_IDLE;
	assert_int_equal(sched_task_slice(&tasks[2]), SCHED_SLICE_MIN_TICKS);
}

static void test_shares_follow_nice(void **state)
{
	static const int nices[NTASKS] = { TASK_NICE_MIN, 0, 0, TASK_NICE_MAX };
	struct task *cur;

	(void)state;
	setup_tasks();
	for (int i = 0; i < NTASKS; i++) {
		tasks[i].nice = nices[i];
		sched_rq_enqueue(&rq, &tasks[i]);
	}
	cur = sched_rq_pick(&rq);
	for (int tick = 0; tick < SIM_TICKS; tick++) {
		if (sched_rq_tick(&rq, cur)) {
			sched_rq_enqueue(&rq, cur);
			cur = sched_rq_pick(&rq);
		}
	}
	for (int i = 0; i < NTASKS; i++)
		assert_true(tasks[i].runtime_ticks > 0);
	assert_true(tasks[0].runtime_ticks > tasks[1].runtime_ticks);
	assert_true(tasks[1].runtime_ticks > tasks[3].runtime_ticks);
	/* Equal nice, equal share (within one slice). */
	assert_true(tasks[1].runtime_ticks - tasks[2].runtime_ticks <= sched_slice_ticks(0) ||
		    tasks[2].runtime_ticks - tasks[1].runtime_ticks <= sched_slice_ticks(0));
	/*
	 * Shares are proportional to the slices (20 : 10 : 10 : 1): every
	 * task gets the same number of turns, give or take the last one.
	 */
	for (int i = 0; i < NTASKS; i++) {
		uint64_t turns = tasks[i].runtime_ticks / sched_slice_ticks(nices[i]);
		uint64_t ref = tasks[3].runtime_ticks / sched_slice_ticks(nices[3]);

		assert_true(turns + 1 >= ref && turns <= ref + 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slice_ticks),
		cmocka_unit_test(test_fifo_order),
		cmocka_unit_test(test_tick_expires_slice),
		cmocka_unit_test(test_rt_order),
		cmocka_unit_test(test_rt_tick),
		cmocka_unit_test(test_shares_follow_nice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
