/*
 * rtc_decode.c: MC146818 register values to a date: BCD or binary, 12 or
 * 24 hours (datasheet "Register B" and the time/calendar register table).
 */
#include <drivers/rtc/rtc.h>
#include <time/time.h>
#include <uapi/errno.h>

#define RTC_DEFAULT_CENTURY	20	/* no century register: 2000..2099 */
#define RTC_YEARS_PER_CENTURY	100
#define RTC_HOURS_12		12
#define RTC_HOURS_24		24
#define RTC_MINUTES		60
#define RTC_SECONDS		60
#define BCD_LOW_MASK		0x0F
#define BCD_HIGH_SHIFT		4
#define BCD_DIGIT_MAX		9

/* Two BCD digits to binary; -1 if a nibble is not a decimal digit. */
static int rtc_bcd(uint8_t v)
{
	unsigned hi = v >> BCD_HIGH_SHIFT, lo = v & BCD_LOW_MASK;

	if (hi > BCD_DIGIT_MAX || lo > BCD_DIGIT_MAX)
		return -1;
	return (int)(hi * 10 + lo);
}

static int rtc_value(uint8_t v, bool binary)
{
	return binary ? v : rtc_bcd(v);
}

int rtc_decode(const struct rtc_raw *raw, struct rtc_time *out)
{
	bool binary = raw->status_b & RTC_B_BINARY;
	bool pm = false;
	uint8_t hour_reg = raw->hour;
	int sec, min, hour, mday, mon, year, century;

	if (!(raw->status_b & RTC_B_24H)) {
		pm = hour_reg & RTC_HOUR_PM;
		hour_reg &= (uint8_t)~RTC_HOUR_PM;
	}
	sec = rtc_value(raw->sec, binary);
	min = rtc_value(raw->min, binary);
	hour = rtc_value(hour_reg, binary);
	mday = rtc_value(raw->mday, binary);
	mon = rtc_value(raw->mon, binary);
	year = rtc_value(raw->year, binary);
	century = raw->has_century ? rtc_value(raw->century, binary) :
				     RTC_DEFAULT_CENTURY;
	if (sec < 0 || sec >= RTC_SECONDS || min < 0 || min >= RTC_MINUTES ||
	    year < 0 || year >= RTC_YEARS_PER_CENTURY || century < 0 ||
	    mon < 1 || mon > 12 || hour < 0)
		return -EINVAL;
	if (!(raw->status_b & RTC_B_24H)) {
		/* 12-hour mode: 12 AM is midnight, 12 PM is noon. */
		if (hour < 1 || hour > RTC_HOURS_12)
			return -EINVAL;
		hour %= RTC_HOURS_12;
		if (pm)
			hour += RTC_HOURS_12;
	} else if (hour >= RTC_HOURS_24) {
		return -EINVAL;
	}
	year += century * RTC_YEARS_PER_CENTURY;
	if (mday < 1 || (unsigned)mday > time_days_in_month(year, (unsigned)mon))
		return -EINVAL;
	out->year = year;
	out->mon = (unsigned)mon;
	out->mday = (unsigned)mday;
	out->hour = (unsigned)hour;
	out->min = (unsigned)min;
	out->sec = (unsigned)sec;
	return 0;
}
