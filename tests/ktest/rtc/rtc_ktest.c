/*
 * rtc_ktest.c: the CMOS clock reads a plausible date. QEMU starts it at
 * the host's UTC time, which is past 2024.
 */
#include <basalt/ktest.h>
#include <drivers/rtc/rtc.h>

#define KT_YEAR_MIN		2024
#define KT_YEAR_MAX		2200
#define KT_UNIX_2024		1704067200	/* 2024-01-01T00:00:00Z */

KTEST(rtc_year_plausible)
{
	struct rtc_time tm;

	KT_ASSERT(t, rtc_read_time(&tm) == 0);
	KT_EXPECT(t, tm.year >= KT_YEAR_MIN && tm.year <= KT_YEAR_MAX);
	KT_EXPECT(t, tm.mon >= 1 && tm.mon <= 12);
	KT_EXPECT(t, rtc_boot_unix_time() >= KT_UNIX_2024);
}
