/*
 * tsc.c: the TSC's frequency, measured against a clock of known rate
 * (the HPET, else the PIT), for time/clock.c. The TSC counts CPU cycles
 * at a constant rate on the CPUs Basalt supports (Intel SDM Vol. 3B
 * 18.17, "Time-Stamp Counter"); its rate is not reported reliably, so it
 * is measured, as Linux's native_calibrate_tsc falls back to doing.
 */
#include <asm/cpu.h>
#include <time/time.h>

#define TSC_CAL_HPET_NS		(10 * NSEC_PER_MSEC)
#define TSC_CAL_PIT_US		PIT_MAX_WAIT_US
#define TSC_USEC_PER_MSEC	1000

/*
 * TSC ticks during a known interval. Hardware timing, not a lock: an
 * interrupt taken between the two reads would stretch the interval the
 * TSC counts but not the reference clock's, so interrupts stay off.
 */
uint64_t tsc_calibrate_khz(void)
{
	uint64_t flags = cpu_irq_save();
	uint64_t t0, t1, khz = 0;

	if (hpet_available()) {
		uint64_t h0 = hpet_read_counter(), h1, ns;

		t0 = cpu_rdtsc();
		do {
			h1 = hpet_read_counter();
			ns = hpet_ticks_to_ns(h1 - h0);
		} while (ns < TSC_CAL_HPET_NS);
		t1 = cpu_rdtsc();
		khz = (t1 - t0) * NSEC_PER_MSEC / ns;
	} else {
		t0 = cpu_rdtsc();
		if (!pit_wait_us(TSC_CAL_PIT_US)) {
			t1 = cpu_rdtsc();
			khz = (t1 - t0) * TSC_USEC_PER_MSEC / TSC_CAL_PIT_US;
		}
	}
	cpu_irq_restore(flags);
	return khz;
}
