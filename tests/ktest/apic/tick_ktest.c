/*
 * tick_ktest.c: the local APIC timer ticks at TIME_HZ once interrupts are
 * on. Bounds are loose: QEMU under TCG on a shared host may lose or
 * bunch ticks, but a dead or wildly miscalibrated timer fails.
 */
#include <arch/x86_64/apic/apic.h>
#include <basalt/ktest.h>
#include <time/time.h>
#include <asm/cpu.h>

#define KT_TICK_WAIT_NS		(200 * NSEC_PER_MSEC)	/* 20 ticks at 100 Hz */
#define KT_TICKS_MIN		5
#define KT_TICKS_MAX		200

KTEST(apic_lapic_enabled)
{
	KT_ASSERT(t, lapic_available());
	KT_EXPECT(t, lapic_timer_hz() != 0);
	KT_EXPECT(t, cpu_read_rflags() & RFLAGS_IF);
}

KTEST(apic_tick_advances)
{
	uint64_t j0 = time_jiffies(), j1;

	KT_ASSERT(t, cpu_read_rflags() & RFLAGS_IF);
	time_delay_ns(KT_TICK_WAIT_NS);
	j1 = time_jiffies();
	KT_EXPECT(t, j1 - j0 >= KT_TICKS_MIN);
	KT_EXPECT(t, j1 - j0 <= KT_TICKS_MAX);
}

KTEST(apic_ioapic_routes_isa)
{
	/* ISA IRQ 0 goes to GSI 2 under QEMU's override; 16 is no ISA IRQ. */
	KT_EXPECT_EQ(t, ioapic_mask_isa_irq(0), 0);
	KT_EXPECT(t, ioapic_mask_isa_irq(16) < 0);
}
