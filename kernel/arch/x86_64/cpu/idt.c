/*
 * idt.c: the interrupt descriptor table. Every vector gets a gate to its
 * isr.S stub; #DF, NMI and #MC run on their own IST stacks (asm/gdt.h).
 *
 * Locking: idt_table is written once by idt_init, before interrupts are
 * enabled; handlers are chosen at dispatch time (irq.c), not here.
 */
#include <asm/gdt.h>
#include <asm/trap.h>
#include <basalt/compiler.h>
#include <basalt/irq.h>

_Static_assert(TRAP_VECTORS == IRQ_VECTORS, "isr.S has a stub per vector");

extern const char isr_stubs[];

static struct idt_gate idt_table[IRQ_VECTORS] __aligned(16);

static void idt_set_gate(unsigned vector, uint64_t handler, unsigned ist,
			 unsigned dpl)
{
	struct idt_gate *g = &idt_table[vector];

	g->offset_low = (uint16_t)handler;
	g->offset_mid = (uint16_t)(handler >> 16);
	g->offset_high = (uint32_t)(handler >> 32);
	g->selector = GDT_KERNEL_CS;
	g->ist = (uint8_t)ist;
	g->type_attr = IDT_ATTR_PRESENT | (uint8_t)(dpl << IDT_ATTR_DPL_SHIFT) |
		       IDT_TYPE_INTERRUPT_GATE;
	g->reserved = 0;
}

static unsigned idt_vector_ist(unsigned vector)
{
	switch (vector) {
	case TRAP_DF:
		return IST_DOUBLE_FAULT;
	case TRAP_NMI:
		return IST_NMI;
	case TRAP_MC:
		return IST_MACHINE_CHECK;
	default:
		return IST_NONE;
	}
}

/* Every CPU shares the one table: its gates name IST slots, not stacks. */
void idt_load(void)
{
	struct desc_table_ptr ptr = {
		.limit = sizeof(idt_table) - 1,
		.base = (uint64_t)idt_table,
	};

	__asm__ volatile("lidt %0" : : "m"(ptr) : "memory");
}

void idt_init(void)
{
	for (unsigned v = 0; v < IRQ_VECTORS; v++)
		idt_set_gate(v, (uint64_t)(isr_stubs + v * ISR_STUB_SIZE),
			     idt_vector_ist(v),
			     v == TRAP_BP ? IDT_DPL_USER : IDT_DPL_KERNEL);
	idt_load();
}
