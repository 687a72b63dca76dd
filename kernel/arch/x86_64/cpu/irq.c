/*
 * irq.c: handlers for vectors IRQ_VECTOR_BASE..255 (<basalt/irq.h>):
 * device interrupts, IPIs later, and software "int $n".
 *
 * Locking: irq_lock (irqsave) guards irq_handlers and
 * irq_unexpected_seen; dispatch (interrupts off: interrupt gates) reads
 * a handler and its argument as a pair under it, then calls the handler
 * without it.
 */
#include <stdbool.h>
#include <asm/cpu.h>
#include <asm/trap.h>
#include <sched/spinlock.h>
#include <basalt/irq.h>
#include <basalt/log.h>
#include <uapi/errno.h>

#define BITS_PER_WORD	64

struct irq_slot {
	irq_handler_t handler;
	void *arg;
};

static struct spinlock irq_lock = SPINLOCK_INIT("irq_lock");
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
	flags = spin_lock_irqsave(&irq_lock);
	if (irq_handlers[vector].handler) {
		err = -EBUSY;
		goto out_restore;
	}
	irq_handlers[vector].arg = arg;
	irq_handlers[vector].handler = handler;
out_restore:
	spin_unlock_irqrestore(&irq_lock, flags);
	return err;
}

void irq_clear_handler(unsigned vector)
{
	uint64_t flags;

	if (!irq_vector_valid(vector))
		return;
	flags = spin_lock_irqsave(&irq_lock);
	irq_handlers[vector].handler = NULL;
	irq_handlers[vector].arg = NULL;
	spin_unlock_irqrestore(&irq_lock, flags);
}

/*
 * No end-of-interrupt is sent for an unexpected vector: which controller
 * raised it is unknown, and the PICs' only possible source, a spurious
 * IRQ 7 or 15, must not get one (8259A datasheet, "spurious interrupt").
 */
static void irq_unexpected(unsigned vector)
{
	uint64_t bit = 1ULL << (vector % BITS_PER_WORD);
	bool seen;

	spin_lock(&irq_lock);	/* interrupts are off in dispatch */
	seen = irq_unexpected_seen[vector / BITS_PER_WORD] & bit;
	irq_unexpected_seen[vector / BITS_PER_WORD] |= bit;
	spin_unlock(&irq_lock);
	if (!seen)
		pr_warn("unexpected interrupt vector %u\n", vector);
}

void irq_dispatch(struct trap_frame *f)
{
	unsigned vector = (unsigned)f->vector;
	struct irq_slot slot;

	spin_lock(&irq_lock);
	slot = irq_handlers[vector];
	spin_unlock(&irq_lock);
	if (slot.handler)
		slot.handler(vector, slot.arg);
	else
		irq_unexpected(vector);
}
