/*
 * timespec_test.c: kernel/time/timespec.c: Linux's validity rule
 * (tv_sec >= 0, 0 <= tv_nsec < 1e9: nanosleep(2) EINVAL), conversions
 * and the saturation of far-away times.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <time/time.h>
#include <time/sys_time.h>

static void test_valid(void **state)
{
	struct timespec ok = { 1, 999999999 }, zero = { 0, 0 };
	struct timespec neg_ns = { 1, -1 }, big_ns = { 0, 1000000000 };
	struct timespec neg_s = { -1, 0 };

	(void)state;
	assert_true(timespec_valid(&ok));
	assert_true(timespec_valid(&zero));
	assert_false(timespec_valid(&neg_ns));
	assert_false(timespec_valid(&big_ns));
	assert_false(timespec_valid(&neg_s));
}

static void test_to_ns(void **state)
{
	struct timespec ts = { 3, 250 }, huge = { INT64_MAX, 0 };
	struct timespec edge = { INT64_MAX / 1000000000 - 1, 999999999 };

	(void)state;
	assert_int_equal(timespec_to_ns(&ts), 3000000250LL);
	assert_int_equal(timespec_to_ns(&huge), INT64_MAX);
	assert_true(timespec_to_ns(&edge) > 0);
}

static void test_from_ns(void **state)
{
	struct timespec ts = timespec_from_ns(5123456789LL);
	struct timeval tv = timeval_from_ns(5123456789LL);

	(void)state;
	assert_int_equal(ts.tv_sec, 5);
	assert_int_equal(ts.tv_nsec, 123456789);
	assert_int_equal(tv.tv_sec, 5);
	assert_int_equal(tv.tv_usec, 123456);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_to_ns),
		cmocka_unit_test(test_from_ns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
