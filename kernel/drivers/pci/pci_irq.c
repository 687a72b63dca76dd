/*
 * pci_irq.c: device interrupts. In order of preference:
 *
 *  - MSI-X (PCI 3.0 section 6.8.2): a table in a memory BAR, one address
 *    and data pair per vector, each written message arriving as an
 *    edge-triggered interrupt on the chosen CPU vector;
 *  - MSI (section 6.8.1): one address/data pair in the capability;
 *  - INTx: the level-triggered pin, routed by the firmware to the PIC IRQ
 *    it wrote in the Interrupt Line register (PCI 3.0 section 6.2.4),
 *    which on QEMU's i440fx the MADT overrides to a level-triggered GSI of
 *    the I/O APIC. Several functions may share a line: each handler checks
 *    its own device.
 *
 * The message address and data for x86 are in Intel SDM Vol. 3A 11.11
 * (10.11 in older editions): 0xFEE00000 | destination APIC ID << 12, data
 * = the vector, fixed delivery, edge.
 *
 * Locking: pci_intx_lock (irqsave) guards the shared-line handler lists;
 * it is held while those handlers run, so it is taken before any driver
 * lock (docs/locking.md). MSI contexts are written before their vector is
 * installed and never change.
 */
#include <arch/x86_64/apic/apic.h>
#include <basalt/irq.h>
#include <basalt/log.h>
#include <drivers/pci/pci.h>
#include <mm/mm.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>

#define PCI_CAP_NEXT		1
#define PCI_CAP_WALK_MAX	48	/* (256 - 64) / 4: ends a looping list */
#define PCI_CAP_PTR_MASK	0xFC

/* MSI capability, PCI 3.0 section 6.8.1. */
#define PCI_MSI_CTRL		2
#define PCI_MSI_ADDR_LO		4
#define PCI_MSI_ADDR_HI		8
#define PCI_MSI_DATA_32		8
#define PCI_MSI_DATA_64		12
#define PCI_MSI_CTRL_ENABLE	(1u << 0)
#define PCI_MSI_CTRL_MME_MASK	(7u << 4)	/* multiple message enable: 1 */
#define PCI_MSI_CTRL_64BIT	(1u << 7)

/* MSI-X capability, PCI 3.0 section 6.8.2. */
#define PCI_MSIX_CTRL		2
#define PCI_MSIX_TABLE		4
#define PCI_MSIX_CTRL_SIZE_MASK	0x7FF		/* table size - 1 */
#define PCI_MSIX_CTRL_MASKALL	(1u << 14)
#define PCI_MSIX_CTRL_ENABLE	(1u << 15)
#define PCI_MSIX_BIR_MASK	0x7
#define PCI_MSIX_ENTRY_SIZE	16
#define PCI_MSIX_ENTRY_ADDR_LO	0
#define PCI_MSIX_ENTRY_ADDR_HI	4
#define PCI_MSIX_ENTRY_DATA	8
#define PCI_MSIX_ENTRY_CTRL	12
#define PCI_MSIX_ENTRY_MASKED	(1u << 0)

/* Intel SDM Vol. 3A 11.11.1: the message address. */
#define MSI_ADDRESS_BASE	0xFEE00000u
#define MSI_ADDRESS_DEST_SHIFT	12

/* Vectors for MSI and MSI-X: above the ISA range, below the timer's. */
#define PCI_VECTOR_FIRST	0x50
#define PCI_VECTOR_LAST		0xDF

#define PCI_ISA_IRQS		16
#define PCI_IRQ_MAX_VECTORS	8

struct pci_irq_ctx {
	struct pci_dev *pdev;
	unsigned index;
	pci_irq_handler_t handler;
	void *arg;
	struct list_node link;		/* INTx: pci_intx_lines[irq].handlers */
};

struct pci_intx_line {
	struct list_node handlers;	/* struct pci_irq_ctx.link */
	bool installed;			/* vector handler set, I/O APIC routed */
};

/* guards: pci_intx_lines (lists and installed flags) */
static struct spinlock pci_intx_lock = SPINLOCK_INIT("pci_intx_lock");
static struct pci_intx_line pci_intx_lines[PCI_ISA_IRQS];

uint8_t pci_find_capability(const struct pci_dev *p, uint8_t id)
{
	uint8_t off;

	if (!(pci_read16(p, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	off = pci_read8(p, PCI_CAP_PTR) & PCI_CAP_PTR_MASK;
	for (unsigned n = 0; off && n < PCI_CAP_WALK_MAX; n++) {
		if (pci_read8(p, off) == id)
			return off;
		off = pci_read8(p, (uint16_t)(off + PCI_CAP_NEXT)) & PCI_CAP_PTR_MASK;
	}
	return 0;
}

/* The MSI and MSI-X handler: the driver's, then the EOI. */
static void pci_msi_interrupt(unsigned vector __unused, void *arg)
{
	struct pci_irq_ctx *c = arg;

	c->handler(c->pdev, c->index, c->arg);
	lapic_eoi();
}

/* Every function on the line may have raised it: each checks its own. */
static void pci_intx_interrupt(unsigned vector, void *arg __unused)
{
	struct pci_intx_line *line = &pci_intx_lines[vector - IRQ_VECTOR_BASE];
	struct list_node *n;
	uint64_t flags = spin_lock_irqsave(&pci_intx_lock);

	for (n = line->handlers.next; n != &line->handlers; n = n->next) {
		struct pci_irq_ctx *c = list_entry(n, struct pci_irq_ctx, link);

		c->handler(c->pdev, c->index, c->arg);
	}
	spin_unlock_irqrestore(&pci_intx_lock, flags);
	lapic_eoi();
}

/* A free vector now running c's handler; 0 if none is left. */
static unsigned pci_vector_alloc(struct pci_irq_ctx *c)
{
	for (unsigned v = PCI_VECTOR_FIRST; v <= PCI_VECTOR_LAST; v++)
		if (irq_set_handler(v, pci_msi_interrupt, c) == 0)
			return v;
	return 0;
}

static struct pci_irq_ctx *pci_ctx_new(struct pci_dev *p, unsigned index,
				       pci_irq_handler_t handler, void *arg)
{
	struct pci_irq_ctx *c = kzalloc(sizeof(*c));

	if (c) {
		c->pdev = p;
		c->index = index;
		c->handler = handler;
		c->arg = arg;
	}
	return c;
}

static uint32_t pci_msi_address(void)
{
	return MSI_ADDRESS_BASE | (uint32_t)lapic_id() << MSI_ADDRESS_DEST_SHIFT;
}

static int pci_setup_msix(struct pci_dev *p, unsigned nvec, pci_irq_handler_t handler,
			  void *arg)
{
	uint8_t cap = pci_find_capability(p, PCI_CAP_ID_MSIX);
	uint16_t ctrl;
	uint32_t table;
	unsigned size, bir;
	volatile uint8_t *t;

	if (!cap)
		return -ENODEV;
	ctrl = pci_read16(p, (uint16_t)(cap + PCI_MSIX_CTRL));
	table = pci_read32(p, (uint16_t)(cap + PCI_MSIX_TABLE));
	size = (ctrl & PCI_MSIX_CTRL_SIZE_MASK) + 1u;
	bir = table & PCI_MSIX_BIR_MASK;
	if (nvec > size || bir >= PCI_NUM_BARS || p->bars[bir].io || !p->bars[bir].size ||
	    (table & ~PCI_MSIX_BIR_MASK) + (uint64_t)size * PCI_MSIX_ENTRY_SIZE >
	    p->bars[bir].size)
		return -EINVAL;
	t = ioremap(p->bars[bir].base + (table & ~PCI_MSIX_BIR_MASK),
		    (uint64_t)size * PCI_MSIX_ENTRY_SIZE);
	if (!t)
		return -ENOMEM;
	/* Masked as a whole while the entries are written (6.8.2.3). */
	pci_write16(p, (uint16_t)(cap + PCI_MSIX_CTRL),
		    (uint16_t)(ctrl | PCI_MSIX_CTRL_ENABLE | PCI_MSIX_CTRL_MASKALL));
	for (unsigned i = 0; i < size; i++)
		*(volatile uint32_t *)(t + i * PCI_MSIX_ENTRY_SIZE + PCI_MSIX_ENTRY_CTRL) =
			PCI_MSIX_ENTRY_MASKED;
	for (unsigned i = 0; i < nvec; i++) {
		struct pci_irq_ctx *c = pci_ctx_new(p, i, handler, arg);
		volatile uint8_t *e = t + i * PCI_MSIX_ENTRY_SIZE;
		unsigned v = c ? pci_vector_alloc(c) : 0;

		if (!v) {
			kfree(c);
			pci_write16(p, (uint16_t)(cap + PCI_MSIX_CTRL), ctrl);
			return -ENOSPC;		/* earlier vectors stay allocated */
		}
		p->irq_vectors[i] = v;
		*(volatile uint32_t *)(e + PCI_MSIX_ENTRY_ADDR_LO) = pci_msi_address();
		*(volatile uint32_t *)(e + PCI_MSIX_ENTRY_ADDR_HI) = 0;
		*(volatile uint32_t *)(e + PCI_MSIX_ENTRY_DATA) = v;
		*(volatile uint32_t *)(e + PCI_MSIX_ENTRY_CTRL) = 0;
	}
	p->irq_count = nvec;
	pci_write16(p, PCI_COMMAND, pci_read16(p, PCI_COMMAND) | PCI_COMMAND_INTX_OFF);
	pci_write16(p, (uint16_t)(cap + PCI_MSIX_CTRL),
		    (uint16_t)((ctrl | PCI_MSIX_CTRL_ENABLE) & ~PCI_MSIX_CTRL_MASKALL));
	return PCI_IRQ_MSIX;
}

static int pci_setup_msi(struct pci_dev *p, pci_irq_handler_t handler, void *arg)
{
	uint8_t cap = pci_find_capability(p, PCI_CAP_ID_MSI);
	struct pci_irq_ctx *c;
	uint16_t ctrl;
	unsigned v;

	if (!cap)
		return -ENODEV;
	c = pci_ctx_new(p, 0, handler, arg);
	v = c ? pci_vector_alloc(c) : 0;
	if (!v) {
		kfree(c);
		return -ENOSPC;
	}
	ctrl = pci_read16(p, (uint16_t)(cap + PCI_MSI_CTRL));
	pci_write32(p, (uint16_t)(cap + PCI_MSI_ADDR_LO), pci_msi_address());
	if (ctrl & PCI_MSI_CTRL_64BIT) {
		pci_write32(p, (uint16_t)(cap + PCI_MSI_ADDR_HI), 0);
		pci_write16(p, (uint16_t)(cap + PCI_MSI_DATA_64), (uint16_t)v);
	} else {
		pci_write16(p, (uint16_t)(cap + PCI_MSI_DATA_32), (uint16_t)v);
	}
	p->irq_vectors[0] = v;
	p->irq_count = 1;
	pci_write16(p, PCI_COMMAND, pci_read16(p, PCI_COMMAND) | PCI_COMMAND_INTX_OFF);
	pci_write16(p, (uint16_t)(cap + PCI_MSI_CTRL),
		    (uint16_t)((ctrl & ~PCI_MSI_CTRL_MME_MASK) | PCI_MSI_CTRL_ENABLE));
	return PCI_IRQ_MSI;
}

static int pci_setup_intx(struct pci_dev *p, pci_irq_handler_t handler, void *arg)
{
	unsigned irq = p->irq_line;
	struct pci_intx_line *line;
	struct pci_irq_ctx *c;
	bool install = false;
	uint64_t flags;
	int err = 0;

	if (!p->irq_pin || irq >= PCI_ISA_IRQS)
		return -ENODEV;	/* no pin, or the firmware did not route it */
	c = pci_ctx_new(p, 0, handler, arg);
	if (!c)
		return -ENOMEM;
	line = &pci_intx_lines[irq];
	flags = spin_lock_irqsave(&pci_intx_lock);
	if (!line->handlers.next)
		line->handlers = (struct list_node){ &line->handlers, &line->handlers };
	list_add_tail(&line->handlers, &c->link);
	if (!line->installed) {
		line->installed = true;
		install = true;
	}
	spin_unlock_irqrestore(&pci_intx_lock, flags);
	pci_write16(p, PCI_COMMAND, pci_read16(p, PCI_COMMAND) & ~PCI_COMMAND_INTX_OFF);
	if (install) {
		err = irq_set_handler(IRQ_VECTOR_BASE + irq, pci_intx_interrupt, NULL);
		if (!err)
			err = ioapic_route_isa_irq(irq);
		if (err) {
			pr_err("pci %s: cannot route IRQ %u: error %d\n", p->name, irq, err);
			return err;
		}
	}
	p->irq_vectors[0] = IRQ_VECTOR_BASE + irq;
	p->irq_count = 1;
	return PCI_IRQ_INTX;
}

int pci_irq_setup(struct pci_dev *p, unsigned nvec, pci_irq_handler_t handler, void *arg)
{
	static const char *const kinds[] = { "none", "INTx", "MSI", "MSI-X" };
	int kind = -ENODEV;

	if (!handler || nvec == 0 || nvec > PCI_IRQ_MAX_VECTORS)
		return -EINVAL;
	if (!pci_msi_disabled()) {
		kind = pci_setup_msix(p, nvec, handler, arg);
		if (kind < 0 && nvec == 1)
			kind = pci_setup_msi(p, handler, arg);
	}
	if (kind < 0 && nvec == 1)
		kind = pci_setup_intx(p, handler, arg);
	if (kind < 0)
		return kind;
	p->irq_kind = (unsigned)kind;
	if (kind == PCI_IRQ_INTX)
		pr_info("pci %s: %s, IRQ %u (INT%c)\n", p->name, kinds[kind], p->irq_line,
			'A' + p->irq_pin - 1);
	else
		pr_info("pci %s: %s, vector %#x\n", p->name, kinds[kind], p->irq_vectors[0]);
	return kind;
}
