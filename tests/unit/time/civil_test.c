/*
 * civil_test.c: kernel/time/civil.c against fixed dates (epoch, leap
 * days, 2000 and 2100), a naive day-by-day count, and the host's timegm.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>
#include <time/time.h>

static void test_fixed_dates(void **state)
{
	(void)state;
	assert_int_equal(time_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(time_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(time_days_from_civil(2000, 1, 1), 10957);
	assert_int_equal(time_days_from_civil(2000, 2, 29), 11016);
	assert_int_equal(time_days_from_civil(2000, 3, 1), 11017);
	/* 2100 is not a leap year: Feb 28 is followed by Mar 1. */
	assert_int_equal(time_days_from_civil(2100, 3, 1) -
			 time_days_from_civil(2100, 2, 28), 1);
	assert_int_equal(time_days_from_civil(2000, 3, 1) -
			 time_days_from_civil(2000, 2, 28), 2);
	assert_int_equal(time_days_from_civil(2024, 2, 29), 19782);
	assert_int_equal(time_unix_from_civil(2038, 1, 19, 3, 14, 8), 2147483648LL);
	assert_int_equal(time_unix_from_civil(2026, 11, 23, 9, 16, 20), 1795425380LL);
	assert_int_equal(time_days_from_civil(1600, 3, 1), -135080);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(time_is_leap_year(2000));
	assert_true(time_is_leap_year(2024));
	assert_false(time_is_leap_year(2100));
	assert_false(time_is_leap_year(1900));
	assert_false(time_is_leap_year(2023));
	assert_int_equal(time_days_in_month(2000, 2), 29);
	assert_int_equal(time_days_in_month(2100, 2), 28);
	assert_int_equal(time_days_in_month(2023, 4), 30);
	assert_int_equal(time_days_in_month(2023, 0), 0);
	assert_int_equal(time_days_in_month(2023, 13), 0);
}

/* Every day from 1900 to 2200 is one more than the day before. */
static void test_consecutive_days(void **state)
{
	int64_t expect = time_days_from_civil(1900, 1, 1);

	(void)state;
	for (int64_t y = 1900; y < 2200; y++)
		for (unsigned m = 1; m <= 12; m++)
			for (unsigned d = 1; d <= time_days_in_month(y, m); d++)
				assert_int_equal(time_days_from_civil(y, m, d),
						 expect++);
	assert_int_equal(expect, time_days_from_civil(2200, 1, 1));
}

/* Differential: the host libc's timegm on a spread of dates and times. */
static void test_against_timegm(void **state)
{
	(void)state;
	for (int y = 1901; y < 2400; y += 7) {
		for (unsigned m = 1; m <= 12; m++) {
			struct tm tm = {
				.tm_year = y - 1900, .tm_mon = (int)m - 1,
				.tm_mday = (int)(m * 2 + 1), .tm_hour = (int)m,
				.tm_min = (int)(m * 4), .tm_sec = (int)(m * 5),
			};

			assert_int_equal(time_unix_from_civil(y, m, m * 2 + 1, m,
							      m * 4, m * 5),
					 (int64_t)timegm(&tm));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_dates),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_consecutive_days),
		cmocka_unit_test(test_against_timegm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
