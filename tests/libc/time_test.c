/* time_test.c: the clocks (time, gettimeofday, clock_gettime), sleeping, and time formatting. */
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define BUF_SIZE 64
#define NSEC_PER_SEC 1000000000LL
#define SLEEP_NSEC 20000000L		/* 20 ms */
#define MAX_CLOCK_SKEW_SEC 2
/* 2000-02-29 12:34:56 UTC, a leap day: date -u -d @951827696 */
#define LEAP_DAY_SECONDS 951827696

static long long timespec_nsec(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static void test_clocks(void)
{
	struct timespec real, mono1, mono2, resolution;
	struct timespec nap = { .tv_sec = 0, .tv_nsec = SLEEP_NSEC };
	struct timeval tv;
	time_t now = time(NULL);

	tap_ok(now > LEAP_DAY_SECONDS, "time() is after 2000");
	tap_ok(gettimeofday(&tv, NULL) == 0 && tv.tv_sec - now <= MAX_CLOCK_SKEW_SEC &&
	       tv.tv_usec >= 0 && tv.tv_usec < 1000000, "gettimeofday agrees with time()");
	tap_ok(clock_gettime(CLOCK_REALTIME, &real) == 0 &&
	       real.tv_sec - now <= MAX_CLOCK_SKEW_SEC, "clock_gettime(CLOCK_REALTIME)");
	tap_ok(clock_getres(CLOCK_MONOTONIC, &resolution) == 0 &&
	       timespec_nsec(&resolution) > 0, "clock_getres(CLOCK_MONOTONIC)");
	tap_ok(clock_gettime(CLOCK_MONOTONIC, &mono1) == 0 && nanosleep(&nap, NULL) == 0 &&
	       clock_gettime(CLOCK_MONOTONIC, &mono2) == 0 &&
	       timespec_nsec(&mono2) - timespec_nsec(&mono1) >= SLEEP_NSEC,
	       "nanosleep(20 ms) lasts at least 20 ms on CLOCK_MONOTONIC");
	tap_ok(usleep(1000) == 0, "usleep");
}

static void test_formatting(void)
{
	time_t epoch = 0, leap = LEAP_DAY_SECONDS, back;
	char buf[BUF_SIZE];
	struct tm tm;

	tap_ok(gmtime_r(&epoch, &tm) && tm.tm_year == 70 && tm.tm_mon == 0 &&
	       tm.tm_mday == 1 && tm.tm_wday == 4, "gmtime of 0 is Thursday 1970-01-01");
	tap_ok(gmtime_r(&leap, &tm) && tm.tm_year == 100 && tm.tm_mon == 1 &&
	       tm.tm_mday == 29 && tm.tm_hour == 12 && tm.tm_yday == 59,
	       "gmtime of a leap day");
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b %j", &tm);
	tap_ok(strcmp(buf, "2000-02-29 12:34:56 Tue Feb 060") == 0, "strftime: %s", buf);
	strftime(buf, sizeof(buf), "%F %T %%", &tm);
	tap_ok(strcmp(buf, "2000-02-29 12:34:56 %") == 0, "strftime %%F %%T: %s", buf);
	tm.tm_isdst = 0;
	back = mktime(&tm);
	tap_ok(back != (time_t)-1, "mktime");
	tap_ok(asctime_r(&tm, buf) && strcmp(buf, "Tue Feb 29 12:34:56 2000\n") == 0,
	       "asctime");
}

int main(void)
{
	tap_plan(12);
	test_clocks();
	test_formatting();
	return tap_done();
}
