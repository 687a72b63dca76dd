/*
 * irq.c: handlers for vectors IRQ_VECTOR_BASE..255 (<basalt/irq.h>):
 * device interrupts, IPIs later, and software "int $n".
 *
 * Locking: irq_handlers and irq_unexpected_seen are changed with
 * interrupts off (cpu_irq_save). Dispatch runs with interrupts off too
 * (interrupt gates), and Basalt runs on one CPU, so a handler and its
 * argument are always read as a pair.
 */
#include <stdbool.h>
#include <asm/cpu.h>
#include <asm/trap.h>
#include <basalt/irq.h>
#include <basalt/log.h>
#include <uapi/errno.h>

#define BITS_PER_WORD	64

struct irq_slot {
	irq_handler_t handler;
	void *arg;
};

static struct irq_slot irq_handlers[IRQ_VECTORS];

/* Vectors already reported as unexpected: each is logged once only. */
static uint64_t irq_unexpected_seen[IRQ_VECTORS / BITS_PER_WORD];

static bool irq_vector_valid(unsigned vector)
{
	return vector >= IRQ_VECTOR_BASE && vector < IRQ_VECTORS;
}

int irq_set_handler(unsigned vector, irq_handler_t handler, void *arg)
{
	uint64_t flags;
	int err = 0;

	if (!irq_vector_valid(vector) || !handler)
		return -EINVAL;
	flags = cpu_irq_save();
	if (irq_handlers[vector].handler) {
		err = -EBUSY;
		goto out_restore;
	}
	irq_handlers[vector].arg = arg;
	irq_handlers[vector].handler = handler;
out_restore:
	cpu_irq_restore(flags);
	return err;
}

void irq_clear_handler(unsigned vector)
{
	uint64_t flags;

	if (!irq_vector_valid(vector))
		return;
	flags = cpu_irq_save();
	irq_handlers[vector].handler = NULL;
	irq_handlers[vector].arg = NULL;
	cpu_irq_restore(flags);
}

/*
 * No end-of-interrupt is sent for an unexpected vector: which controller
 * raised it is unknown, and the PICs' only possible source, a spurious
 * IRQ 7 or 15, must not get one (8259A datasheet, "spurious interrupt").
 */
static void irq_unexpected(unsigned vector)
{
	uint64_t bit = 1ULL << (vector % BITS_PER_WORD);

	if (irq_unexpected_seen[vector / BITS_PER_WORD] & bit)
		return;
	irq_unexpected_seen[vector / BITS_PER_WORD] |= bit;
	pr_warn("unexpected interrupt vector %u\n", vector);
}

void irq_dispatch(struct trap_frame *f)
{
	unsigned vector = (unsigned)f->vector;
	struct irq_slot *slot = &irq_handlers[vector];

	if (slot->handler)
		slot->handler(vector, slot->arg);
	else
		irq_unexpected(vector);
}
