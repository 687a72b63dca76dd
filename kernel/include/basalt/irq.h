/*
 * Interrupt handler registration (implemented in kernel/arch/x86_64/cpu/).
 * Vectors 0..31 are CPU exceptions (Intel SDM Vol. 3A table 6-1); device
 * interrupts use IRQ_VECTOR_BASE and up. A handler for a device interrupt
 * signals end-of-interrupt itself (lapic_eoi) before returning.
 */
#ifndef BASALT_IRQ_H
#define BASALT_IRQ_H

#include <stdint.h>

#define IRQ_VECTOR_BASE		32	/* ISA IRQ n arrives on vector 32 + n */
#define IRQ_VECTOR_SPURIOUS	0xFF	/* the local APIC's spurious vector */
#define IRQ_VECTORS		256

typedef void (*irq_handler_t)(unsigned vector, void *arg);

/*
 * Installs handler for vector (IRQ_VECTOR_BASE..255). Returns 0, -EINVAL
 * for an exception vector or out-of-range one, -EBUSY if already taken.
 */
int irq_set_handler(unsigned vector, irq_handler_t handler, void *arg);
void irq_clear_handler(unsigned vector);

#endif /* BASALT_IRQ_H */
