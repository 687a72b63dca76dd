/*
 * The CMOS real-time clock (MC146818 compatible): cmos.c reads it,
 * rtc_decode.c turns its registers into a date (pure, host tested).
 */
#ifndef DRIVERS_RTC_RTC_H
#define DRIVERS_RTC_RTC_H

#include <stdbool.h>
#include <stdint.h>

/* A UTC calendar date and time. */
struct rtc_time {
	int year;		/* e.g. 2026 */
	unsigned mon;		/* 1..12 */
	unsigned mday;		/* 1..31 */
	unsigned hour;		/* 0..23 */
	unsigned min;		/* 0..59 */
	unsigned sec;		/* 0..59 */
};

/* The registers as read, still in the RTC's format (BCD or binary). */
struct rtc_raw {
	uint8_t sec, min, hour, mday, mon, year;
	uint8_t century;	/* valid if has_century */
	bool has_century;
	uint8_t status_b;	/* data mode and 12/24-hour format */
};

/* MC146818 status register B bits (datasheet "Register B"). */
#define RTC_B_24H		0x02	/* 1: 24-hour, 0: 12-hour */
#define RTC_B_BINARY		0x04	/* DM: 1 binary, 0 BCD */
#define RTC_HOUR_PM		0x80	/* 12-hour mode: PM flag in the hour */

/*
 * Decodes raw into out. Without a century register, years 00..99 are
 * taken as 2000..2099. Returns 0 or -EINVAL for out-of-range values.
 */
int rtc_decode(const struct rtc_raw *raw, struct rtc_time *out);

/* Reads the clock (a consistent snapshot). Returns 0 or -errno. */
int rtc_read_time(struct rtc_time *out);

/* Reads and logs the wall time at boot. Returns 0 or -errno. */
int rtc_init(void);

/* Unix time read at rtc_init (0 if the clock was unreadable). */
int64_t rtc_boot_unix_time(void);

#endif /* DRIVERS_RTC_RTC_H */
