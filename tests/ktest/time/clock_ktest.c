/*
 * clock_ktest.c: the monotonic clock is monotonic and advances at the
 * right rate, checked against independent sources (the PIT's channel 2
 * and the TSC). QEMU runs under TCG on a shared host: the bounds are
 * generous and only catch a clock that is stuck, wildly off or backwards.
 */
#include <basalt/ktest.h>
#include <time/time.h>
#include <asm/cpu.h>

#define KT_MONO_READS		20000
#define KT_PIT_WAIT_US		20000			/* 20 ms */
#define KT_PIT_WAIT_NS		(KT_PIT_WAIT_US * NSEC_PER_USEC)
#define KT_MAX_SLACK_NS		(2 * NSEC_PER_SEC)	/* a loaded host */
#define KT_DELAY_NS		(5 * NSEC_PER_MSEC)

KTEST(time_clock_source_present)
{
	KT_EXPECT(t, time_monotonic_ns() != 0);
	KT_EXPECT(t, time_tsc_khz() != 0);
}

KTEST(time_monotonic_never_backwards)
{
	uint64_t prev = time_monotonic_ns(), backwards = 0;

	for (int i = 0; i < KT_MONO_READS; i++) {
		uint64_t now = time_monotonic_ns();

		if (now < prev)
			backwards++;
		prev = now;
	}
	KT_EXPECT_EQ(t, backwards, 0);
}

/* 20 ms counted by the PIT must read as 10 ms .. 2 s on the clock. */
KTEST(time_monotonic_matches_pit)
{
	uint64_t flags = cpu_irq_save();
	uint64_t t0 = time_monotonic_ns(), t1;
	int err = pit_wait_us(KT_PIT_WAIT_US);

	t1 = time_monotonic_ns();
	cpu_irq_restore(flags);
	KT_ASSERT(t, err == 0);
	KT_EXPECT(t, t1 - t0 >= KT_PIT_WAIT_NS / 2);
	KT_EXPECT(t, t1 - t0 <= KT_PIT_WAIT_NS + KT_MAX_SLACK_NS);
}

/* A 5 ms delay on the clock is at least 2.5 ms of TSC time. */
KTEST(time_delay_matches_tsc)
{
	uint64_t khz = time_tsc_khz(), tsc0, tsc1, tsc_ns;

	KT_ASSERT(t, khz != 0);
	tsc0 = cpu_rdtsc();
	time_delay_ns(KT_DELAY_NS);
	tsc1 = cpu_rdtsc();
	tsc_ns = (tsc1 - tsc0) * NSEC_PER_MSEC / khz;
	KT_EXPECT(t, tsc_ns >= KT_DELAY_NS / 2);
	KT_EXPECT(t, tsc_ns <= KT_DELAY_NS + KT_MAX_SLACK_NS);
}
