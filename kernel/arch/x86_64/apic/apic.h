/*
 * The local APIC (lapic.c: Intel SDM Vol. 3A chapter 11 in the 2023+
 * numbering, chapter 10 before) and the I/O APIC (ioapic.c: Intel 82093AA
 * datasheet). Device interrupts arrive through the I/O APIC on vectors
 * IRQ_VECTOR_BASE + ISA IRQ; the local APIC timer drives the tick.
 */
#ifndef ARCH_X86_64_APIC_APIC_H
#define ARCH_X86_64_APIC_APIC_H

#include <stdbool.h>
#include <stdint.h>

/* The local timer's vector: above the ISA range, below the spurious one. */
#define LAPIC_TIMER_VECTOR	0xEF

/*
 * Enables the local APIC at the MADT's address (or the IA32_APIC_BASE
 * MSR's) with the spurious vector IRQ_VECTOR_SPURIOUS. Returns 0, -ENODEV.
 */
int lapic_init(void);
bool lapic_available(void);
uint8_t lapic_id(void);
/* Signals end of interrupt; every device interrupt handler calls it. */
void lapic_eoi(void);
/*
 * Calibrates the timer against the monotonic clock and starts it
 * periodic at hz, calling time_tick() each time. Returns 0 or -errno.
 */
int lapic_timer_start(unsigned hz);
/*
 * An application processor's timer: periodic at hz from its own measured
 * input rate freq (lapic_timer_calibrate); the handler is lapic_timer_start's.
 */
int lapic_timer_start_ap(uint64_t freq, unsigned hz);
/* Timer input ticks per second measured by lapic_timer_start (0: none). */
uint64_t lapic_timer_hz(void);
/*
 * Measures this CPU's timer input rate against the monotonic clock
 * (ticks per second after the divider, 0 if unusable); leaves it stopped.
 */
uint64_t lapic_timer_calibrate(void);

/* smp.c: an application processor enables its own local APIC (0, -ENODEV). */
int lapic_ap_init(void);
/*
 * The start-up IPIs of SDM 8.4.4.1 to the CPU with local APIC ID apic_id:
 * INIT, and STARTUP at physical address page << 12 (below 1 MiB).
 * 0, -EINVAL, -ENODEV, or -ETIMEDOUT if the APIC never sent it.
 */
int lapic_send_init(uint32_t apic_id);
int lapic_send_startup(uint32_t apic_id, uint32_t page);
/* A fixed-delivery IPI of vector (16..255) to one CPU: 0 or -errno. */
int lapic_send_fixed(uint32_t apic_id, uint32_t vector);
/*
 * An NMI to one CPU (delivery mode NMI, SDM 10.6.1): it arrives even
 * with interrupts off there (smp_stop_others). 0 or -errno.
 */
int lapic_send_nmi(uint32_t apic_id);

/* Finds the MADT's I/O APICs and masks every input. Returns 0, -ENODEV. */
int ioapic_init(void);
/*
 * Routes ISA IRQ irq to vector IRQ_VECTOR_BASE + irq on this CPU,
 * honouring the MADT's interrupt source overrides (GSI, polarity,
 * trigger). Returns 0, -EINVAL or -ENODEV.
 */
int ioapic_route_isa_irq(unsigned irq);
int ioapic_mask_isa_irq(unsigned irq);

#endif /* ARCH_X86_64_APIC_APIC_H */
