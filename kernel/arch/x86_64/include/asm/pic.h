/*
 * The legacy 8259A interrupt controllers (kernel/arch/x86_64/cpu/pic.c).
 * Basalt routes device interrupts through the local APIC and I/O APIC;
 * the PICs are only moved out of the exception vectors and silenced.
 */
#ifndef ASM_PIC_H
#define ASM_PIC_H

#include <stdint.h>
#include <basalt/irq.h>

/* Where the remapped PICs deliver: ISA IRQ n on IRQ_VECTOR_BASE + n. */
#define PIC_MASTER_VECTOR	IRQ_VECTOR_BASE
#define PIC_SLAVE_VECTOR	(IRQ_VECTOR_BASE + 8)
#define PIC_IRQS		16

/*
 * Reprograms both PICs to PIC_MASTER_VECTOR/PIC_SLAVE_VECTOR and masks
 * every line. A masked PIC can still raise a spurious IRQ 7 or 15, which
 * then arrives on vector 39 or 47 instead of looking like an exception.
 */
void pic_init(void);

/* The interrupt mask registers, slave in bits 15..8 (bit n = IRQ n off). */
uint16_t pic_get_mask(void);

#endif /* ASM_PIC_H */
