/*
 * civil.c: days and seconds since the Unix epoch from a calendar date.
 *
 * The Gregorian calendar repeats every 400 years (an "era" of 146097
 * days). Counting years from March makes February the last month, so
 * the leap day is at the end of the year and the day of the year is a
 * linear function of the month: (153 * m + 2) / 5 gives the days before
 * month m of a March-based year (30 or 31 days alternating in a 5-month
 * pattern of 153 days).
 */
#include <time/time.h>

#define DAYS_PER_YEAR		365
#define YEARS_PER_ERA		400
#define DAYS_PER_ERA		146097	/* 400 * 365 + 97 leap days */
#define DAYS_0000_03_01_TO_EPOCH 719468	/* 0000-03-01 .. 1970-01-01 */
#define MONTHS_PER_YEAR		12
#define FEBRUARY		2
#define SECS_PER_HOUR		3600
#define SECS_PER_MIN		60

bool time_is_leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned time_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char days[MONTHS_PER_YEAR] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > MONTHS_PER_YEAR)
		return 0;
	return days[m - 1] + (m == FEBRUARY && time_is_leap_year(y));
}

int64_t time_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, mp, doy, doe;

	if (m <= FEBRUARY)
		y--;		/* January and February end the March year */
	/* Floor division, so years before 0 fall in the right era. */
	era = (y >= 0 ? y : y - (YEARS_PER_ERA - 1)) / YEARS_PER_ERA;
	yoe = (unsigned)(y - era * YEARS_PER_ERA);		/* 0..399 */
	mp = m > FEBRUARY ? m - 3 : m + 9;			/* March = 0 */
	doy = (153 * mp + 2) / 5 + d - 1;			/* 0..365 */
	doe = yoe * DAYS_PER_YEAR + yoe / 4 - yoe / 100 + doy;	/* 0..146096 */
	return era * DAYS_PER_ERA + (int64_t)doe - DAYS_0000_03_01_TO_EPOCH;
}

int64_t time_unix_from_civil(int64_t y, unsigned mon, unsigned day,
			     unsigned hour, unsigned min, unsigned sec)
{
	return time_days_from_civil(y, mon, day) * SECS_PER_DAY +
	       (int64_t)hour * SECS_PER_HOUR + (int64_t)min * SECS_PER_MIN + sec;
}
