/*
 * Time keeping (kernel/time/): the HPET (hpet.c) as the reference clock,
 * the PIT's channel 2 (pit.c) as a fallback for calibration, the
 * monotonic clock and the tick counter (clock.c), and calendar
 * conversions (civil.c, pure and unit tested on the host).
 */
#ifndef TIME_TIME_H
#define TIME_TIME_H

#include <stdbool.h>
#include <stdint.h>

#define NSEC_PER_SEC		1000000000ULL
#define NSEC_PER_MSEC		1000000ULL
#define NSEC_PER_USEC		1000ULL
#define USEC_PER_SEC		1000000ULL
#define FSEC_PER_NSEC		1000000ULL
#define SECS_PER_DAY		86400

/* The periodic tick rate (the local APIC timer, arch/x86_64/apic). */
#define TIME_HZ			100

/* hpet.c: the High Precision Event Timer (IA-PC HPET spec 1.0a). */
/* Maps and enables the HPET at phys. Returns 0, -ENODEV, -EINVAL. */
int hpet_init(uint64_t phys);
bool hpet_available(void);
/* The main counter, extended to 64 bits if the hardware has 32. */
uint64_t hpet_read_counter(void);
/* Counter ticks to nanoseconds (exact, no overflow for 500 years). */
uint64_t hpet_ticks_to_ns(uint64_t ticks);
uint32_t hpet_period_fs(void);

/* pit.c: the 8254 PIT's channel 2, gated through port 0x61. */
#define PIT_HZ			1193182	/* 8254 input clock (14.31818 MHz / 12) */
/*
 * Busy-waits for us microseconds (at most PIT_MAX_WAIT_US) counted by the
 * PIT alone. Returns 0, -EINVAL, or -ETIMEDOUT if the PIT never fires.
 */
#define PIT_MAX_WAIT_US		50000
int pit_wait_us(unsigned us);
/* arch/x86_64/cpu/tsc.c: the TSC's rate in kHz, measured; 0 if it cannot be. */
uint64_t tsc_calibrate_khz(void);

/* clock.c: the monotonic clock and the tick. */
/*
 * Chooses the clock source: the HPET, else the TSC calibrated against
 * the PIT. Returns 0 or -ENODEV if neither works.
 */
int time_init(void);
/* Nanoseconds since an arbitrary point at boot; never goes backwards. */
uint64_t time_monotonic_ns(void);
const char *time_clock_name(void);
/* TSC frequency in kHz measured against the HPET or PIT (0: unknown). */
uint64_t time_tsc_khz(void);
/* Busy-waits at least ns nanoseconds on the monotonic clock. */
void time_delay_ns(uint64_t ns);
/*
 * The monotonic clock's TSC formula, ns = (tsc - origin) * mult >> 32,
 * for the vDSO: true when the TSC is the clock source (else the HPET).
 */
bool time_tsc_formula(uint64_t *origin, uint64_t *mult);
/* Called TIME_HZ times a second by the timer interrupt. */
void time_tick(void);
/* Ticks since the timer started. */
uint64_t time_jiffies(void);

/* civil.c: the proleptic Gregorian calendar. */
/* Days from 1970-01-01 to y-m-d (negative before); m 1..12, d 1..31. */
int64_t time_days_from_civil(int64_t y, unsigned m, unsigned d);
bool time_is_leap_year(int64_t y);
unsigned time_days_in_month(int64_t y, unsigned m);	/* 0 if m is bad */
/* Seconds since the Unix epoch of a UTC date and time. */
int64_t time_unix_from_civil(int64_t y, unsigned mon, unsigned day,
			     unsigned hour, unsigned min, unsigned sec);

#endif /* TIME_TIME_H */
