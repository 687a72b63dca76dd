/*
 * fat_time.c: DOS dates and times (fatgen103 "Date and Time Formats")
 * to and from Unix time, read and written as UTC (Linux's tz=UTC: no
 * offset). Pure: host tested.
 */
#include "fat_parse.h"

#define FAT_SECS_PER_DAY	86400
#define FAT_DAYS_1970_TO_1980	3652
#define FAT_CS_PER_SEC		100
#define FAT_NSEC_PER_CS		10000000u
/* The last second a DOS date holds: 2107-12-31 23:59:58. */
#define FAT_DATE_MAX		((127 << 9) | (12 << 5) | 31)
#define FAT_TIME_MAX		((23 << 11) | (59 << 5) | 29)
#define FAT_DATE_MIN		((0 << 9) | (1 << 5) | 1)

/* Days before each month of a common year. */
static const uint16_t fat_month_days[12] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

static bool fat_leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int64_t fat_time_to_unix(uint16_t date, uint16_t time, uint8_t cs, uint32_t *nsec)
{
	unsigned year = FAT_EPOCH_YEAR + (date >> 9);
	unsigned month = (date >> 5) & 0xF, day = date & 0x1F;
	int64_t days, secs;

	/* As Linux's fat_time_fat2unix: a 0 day or month counts as the first. */
	if (!month)
		month = 1;
	if (month > 12)
		month = 12;
	if (!day)
		day = 1;
	days = FAT_DAYS_1970_TO_1980;
	for (unsigned y = FAT_EPOCH_YEAR; y < year; y++)
		days += fat_leap(y) ? 366 : 365;
	days += fat_month_days[month - 1] + (month > 2 && fat_leap(year)) + day - 1;
	secs = days * FAT_SECS_PER_DAY + (int64_t)(time >> 11) * 3600 +
	       (int64_t)((time >> 5) & 0x3F) * 60 + (int64_t)(time & 0x1F) * 2;
	if (cs >= 2 * FAT_CS_PER_SEC)
		cs = 0;
	secs += cs / FAT_CS_PER_SEC;
	if (nsec)
		*nsec = (uint32_t)(cs % FAT_CS_PER_SEC) * FAT_NSEC_PER_CS;
	return secs;
}

void fat_time_from_unix(int64_t sec, uint32_t nsec, uint16_t *date, uint16_t *time,
			uint8_t *cs)
{
	int64_t days = sec / FAT_SECS_PER_DAY - FAT_DAYS_1970_TO_1980, rem;
	unsigned year = FAT_EPOCH_YEAR, month = 0;

	if (sec < 0 || days < 0) {
		*date = FAT_DATE_MIN;
		*time = 0;
		if (cs)
			*cs = 0;
		return;
	}
	rem = sec % FAT_SECS_PER_DAY;
	while (days >= (fat_leap(year) ? 366 : 365)) {
		days -= fat_leap(year) ? 366 : 365;
		year++;
		if (year > FAT_MAX_YEAR) {
			*date = FAT_DATE_MAX;
			*time = FAT_TIME_MAX;
			if (cs)
				*cs = FAT_CS_PER_SEC - 1 + FAT_CS_PER_SEC;
			return;
		}
	}
	while (month < 11 && days >= fat_month_days[month + 1] +
					 (month + 1 >= 2 && fat_leap(year)))
		month++;
	days -= fat_month_days[month] + (month >= 2 && fat_leap(year));
	*date = (uint16_t)((year - FAT_EPOCH_YEAR) << 9 | (month + 1) << 5 | (days + 1));
	*time = (uint16_t)((rem / 3600) << 11 | ((rem / 60) % 60) << 5 | (rem % 60) / 2);
	if (cs)
		*cs = (uint8_t)((rem % 2) * FAT_CS_PER_SEC + nsec / FAT_NSEC_PER_CS);
}
