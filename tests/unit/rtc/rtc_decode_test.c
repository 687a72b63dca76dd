/*
 * rtc_decode_test.c: kernel/drivers/rtc/rtc_decode.c on register values
 * in every MC146818 format: BCD and binary, 12 and 24 hours, with and
 * without a century register, and invalid ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <drivers/rtc/rtc.h>
#include <uapi/errno.h>

static void test_bcd_24h(void **state)
{
	struct rtc_raw raw = { .sec = 0x59, .min = 0x07, .hour = 0x23,
		.mday = 0x29, .mon = 0x02, .year = 0x24, .century = 0x20,
		.has_century = true, .status_b = RTC_B_24H };
	struct rtc_time t;

	(void)state;
	assert_int_equal(rtc_decode(&raw, &t), 0);
	assert_int_equal(t.year, 2024);
	assert_int_equal(t.mon, 2);
	assert_int_equal(t.mday, 29);
	assert_int_equal(t.hour, 23);
	assert_int_equal(t.min, 7);
	assert_int_equal(t.sec, 59);
}

static void test_binary_12h(void **state)
{
	struct rtc_raw raw = { .sec = 1, .min = 2, .hour = 12,
		.mday = 31, .mon = 12, .year = 99, .century = 21,
		.has_century = true, .status_b = RTC_B_BINARY };
	struct rtc_time t;

	(void)state;
	/* 12 AM is midnight, 12 PM noon, 1 PM is 13. */
	assert_int_equal(rtc_decode(&raw, &t), 0);
	assert_int_equal(t.hour, 0);
	assert_int_equal(t.year, 2199);
	raw.hour = 12 | RTC_HOUR_PM;
	assert_int_equal(rtc_decode(&raw, &t), 0);
	assert_int_equal(t.hour, 12);
	raw.hour = 1 | RTC_HOUR_PM;
	assert_int_equal(rtc_decode(&raw, &t), 0);
	assert_int_equal(t.hour, 13);
	/* BCD 12-hour: 0x11 PM is 23. */
	raw = (struct rtc_raw){ .sec = 0, .min = 0, .hour = 0x11 | RTC_HOUR_PM,
		.mday = 1, .mon = 1, .year = 0x26, .status_b = 0 };
	assert_int_equal(rtc_decode(&raw, &t), 0);
	assert_int_equal(t.hour, 23);
	assert_int_equal(t.year, 2026);	/* no century register: 20xx */
}

static void test_invalid(void **state)
{
	struct rtc_raw good = { .sec = 0x30, .min = 0x30, .hour = 0x10,
		.mday = 0x15, .mon = 0x06, .year = 0x25,
		.status_b = RTC_B_24H };
	struct rtc_raw raw;
	struct rtc_time t;

	(void)state;
	assert_int_equal(rtc_decode(&good, &t), 0);
	raw = good;
	raw.sec = 0x5A;		/* not BCD */
	assert_int_equal(rtc_decode(&raw, &t), -EINVAL);
	raw = good;
	raw.hour = 0x24;
	assert_int_equal(rtc_decode(&raw, &t), -EINVAL);
	raw = good;
	raw.mon = 0x13;
	assert_int_equal(rtc_decode(&raw, &t), -EINVAL);
	raw = good;
	raw.mon = 0x02;
	raw.mday = 0x29;
	raw.year = 0x00;
	raw.century = 0x21;
	raw.has_century = true;	/* 2100-02-29 does not exist */
	assert_int_equal(rtc_decode(&raw, &t), -EINVAL);
	raw.century = 0x20;	/* 2000-02-29 does */
	assert_int_equal(rtc_decode(&raw, &t), 0);
	raw = good;
	raw.status_b = 0;	/* 12-hour mode has no hour 0 */
	raw.hour = 0;
	assert_int_equal(rtc_decode(&raw, &t), -EINVAL);
	raw.mday = 0;
	raw.hour = 1;
	assert_int_equal(rtc_decode(&raw, &t), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bcd_24h),
		cmocka_unit_test(test_binary_12h),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
