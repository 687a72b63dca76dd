/*
 * clock.c: the monotonic clock and the tick counter.
 *
 * The clock source is the HPET main counter when there is one; without
 * it, the TSC calibrated against the PIT's channel 2. The TSC frequency is
 * measured in both cases (against the HPET when present), so tests and
 * the local APIC timer calibration have a second, independent source.
 *
 * Locking: the source is chosen by time_init on the boot CPU before it is
 * handed to klog; after that everything here is read-only except
 * time_jiffies_count, written only by the timer interrupt (an aligned
 * 64-bit store, so readers never see half of it).
 */
#include <time/time.h>
#include <acpi/acpi.h>
#include <basalt/log.h>
#include <asm/cpu.h>
#include <asm/vdso.h>
#include <uapi/errno.h>

#define TSC_MULT_SHIFT		32	/* ns = tsc * mult >> shift */
#define KHZ_PER_MHZ		1000
#define TSC_MIN_KHZ		KHZ_PER_MHZ	/* below 1 MHz: not a TSC */

enum time_source { TIME_SOURCE_NONE, TIME_SOURCE_HPET, TIME_SOURCE_TSC };

static enum time_source time_source;
static uint64_t tsc_khz;
static uint64_t tsc_mult;	/* ns per TSC tick, fixed point 32.32 */
static uint64_t tsc_origin;
static volatile uint64_t time_jiffies_count;

static uint64_t time_tsc_to_ns(uint64_t delta)
{
	return (uint64_t)(((unsigned __int128)delta * tsc_mult) >> TSC_MULT_SHIFT);
}

uint64_t time_monotonic_ns(void)
{
	switch (time_source) {
	case TIME_SOURCE_HPET:
		return hpet_ticks_to_ns(hpet_read_counter());
	case TIME_SOURCE_TSC:
		return time_tsc_to_ns(cpu_rdtsc() - tsc_origin);
	default:
		return 0;
	}
}

const char *time_clock_name(void)
{
	static const char *const names[] = {
		[TIME_SOURCE_NONE] = "none",
		[TIME_SOURCE_HPET] = "hpet",
		[TIME_SOURCE_TSC] = "tsc",
	};

	return names[time_source];
}

uint64_t time_tsc_khz(void)
{
	return tsc_khz;
}

void time_delay_ns(uint64_t ns)
{
	uint64_t end = time_monotonic_ns() + ns;

	while (time_monotonic_ns() < end)
		cpu_pause();
}

bool time_tsc_formula(uint64_t *origin, uint64_t *mult)
{
	*origin = tsc_origin;
	*mult = tsc_mult;
	return time_source == TIME_SOURCE_TSC;
}

void time_tick(void)
{
	time_jiffies_count++;
	vdso_tick();
	/* A 32-bit HPET counter must be read once per wrap (hpet.c). */
	if (time_source == TIME_SOURCE_HPET)
		hpet_read_counter();
}

uint64_t time_jiffies(void)
{
	return time_jiffies_count;
}

int time_init(void)
{
	if (acpi.have_hpet && hpet_init(acpi.hpet.address) == 0)
		time_source = TIME_SOURCE_HPET;
	tsc_khz = tsc_calibrate_khz();
	if (tsc_khz >= TSC_MIN_KHZ) {
		tsc_mult = (NSEC_PER_MSEC << TSC_MULT_SHIFT) / tsc_khz;
		tsc_origin = cpu_rdtsc();
		if (time_source == TIME_SOURCE_NONE)
			time_source = TIME_SOURCE_TSC;
	} else {
		tsc_khz = 0;
	}
	if (time_source == TIME_SOURCE_NONE) {
		pr_warn("time: neither HPET nor a calibrated TSC; no clock\n");
		return -ENODEV;
	}
	pr_info("time: clocksource %s, TSC %llu.%03llu MHz\n", time_clock_name(),
		(unsigned long long)(tsc_khz / KHZ_PER_MHZ),
		(unsigned long long)(tsc_khz % KHZ_PER_MHZ));
	return 0;
}
