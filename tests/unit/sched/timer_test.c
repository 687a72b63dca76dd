/*
 * timer_test.c: kernel/sched/timer.c, the sorted timer list: expiry
 * order, FIFO among equal expiries, re-arming and cancelling.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sched/timer.h>

#define NTIMERS		5

static struct timer_list list;
static struct timer timers[NTIMERS];

static void fired(struct timer *t)
{
	(void)t;
}

static void setup(void)
{
	timer_list_init(&list);
	for (int i = 0; i < NTIMERS; i++)
		timer_init(&timers[i], fired, &timers[i]);
}

static void test_expiry_order(void **state)
{
	static const uint64_t when[NTIMERS] = { 50, 10, 40, 20, 30 };

	(void)state;
	setup();
	for (int i = 0; i < NTIMERS; i++) {
		assert_false(timer_armed(&timers[i]));
		timer_list_add(&list, &timers[i], when[i]);
		assert_true(timer_armed(&timers[i]));
	}
	assert_null(timer_list_pop_expired(&list, 9));
	assert_ptr_equal(timer_list_pop_expired(&list, 10), &timers[1]);
	assert_null(timer_list_pop_expired(&list, 19));
	assert_ptr_equal(timer_list_pop_expired(&list, 100), &timers[3]);
	assert_ptr_equal(timer_list_pop_expired(&list, 100), &timers[4]);
	assert_ptr_equal(timer_list_pop_expired(&list, 100), &timers[2]);
	assert_ptr_equal(timer_list_pop_expired(&list, 100), &timers[0]);
	assert_null(timer_list_pop_expired(&list, UINT64_MAX));
	assert_false(timer_armed(&timers[0]));
}

static void test_equal_expiry_fifo(void **state)
{
	(void)state;
	setup();
	for (int i = 0; i < NTIMERS; i++)
		timer_list_add(&list, &timers[i], 7);
	for (int i = 0; i < NTIMERS; i++)
		assert_ptr_equal(timer_list_pop_expired(&list, 7), &timers[i]);
}

static void test_rearm_and_cancel(void **state)
{
	(void)state;
	setup();
	timer_list_add(&list, &timers[0], 10);
	timer_list_add(&list, &timers[1], 20);
	timer_list_add(&list, &timers[0], 30);	/* moves behind timers[1] */
	assert_true(timer_list_del(&timers[1]));
	assert_false(timer_list_del(&timers[1]));
	assert_null(timer_list_pop_expired(&list, 29));
	assert_ptr_equal(timer_list_pop_expired(&list, 30), &timers[0]);
	assert_int_equal(timers[0].expires_ns, 30);
	assert_ptr_equal(timers[0].data, &timers[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expiry_order),
		cmocka_unit_test(test_equal_expiry_fifo),
		cmocka_unit_test(test_rearm_and_cancel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
