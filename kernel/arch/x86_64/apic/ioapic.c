/*
 * ioapic.c: the I/O APICs the MADT lists (Intel 82093AA I/O APIC
 * datasheet, section 3). ISA IRQ n goes to vector IRQ_VECTOR_BASE + n on
 * the boot CPU, through the GSI, polarity and trigger mode of its MADT
 * interrupt source override if there is one (ACPI 6.4 section 5.2.12.5),
 * else GSI n, active high, edge (the ISA defaults).
 *
 * Locking: the register window (IOREGSEL then IOWIN) is a two-step
 * access, done under ioapic_lock (irqsave: handlers mask and unmask). The table of I/O APICs is written by
 * ioapic_init at boot, then only read.
 */
#include <arch/x86_64/apic/apic.h>
#include <acpi/acpi.h>
#include <basalt/irq.h>
#include <basalt/log.h>
#include <basalt/vmlayout.h>
#include <asm/cpu.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>

/* Memory-mapped window, datasheet 3.1. */
#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_MMIO_SIZE	0x20

/* Registers, datasheet 3.2. */
#define IOAPIC_REG_ID		0x00
#define IOAPIC_REG_VER		0x01
#define IOAPIC_REG_REDTBL	0x10	/* entry n: 0x10 + 2n (low), +1 (high) */
#define IOAPIC_VER_MAXRED_SHIFT	16	/* bits 23:16: entries - 1 */
#define IOAPIC_VER_MAXRED_MASK	0xFF

/* Redirection entry, datasheet 3.2.4. */
#define IOAPIC_RTE_POLARITY_LOW	(1u << 13)
#define IOAPIC_RTE_LEVEL	(1u << 15)
#define IOAPIC_RTE_MASKED	(1u << 16)
#define IOAPIC_RTE_DEST_SHIFT	24	/* high dword bits 63:56 */
/* Fixed delivery (000) and physical destination (0) are the zero bits. */

#define ISA_IRQS		16
#define IOAPIC_PHYS_LIMIT	(4ULL << 30)	/* boot.S direct map */

struct ioapic {
	volatile uint32_t *base;
	uint32_t gsi_base;
	unsigned entries;
};

static struct ioapic ioapics[ACPI_MADT_MAX_IOAPICS];
static unsigned ioapic_count;

/* guards: every I/O APIC's IOREGSEL between the select and the access */
static struct spinlock ioapic_lock = SPINLOCK_INIT("ioapic_lock");

static uint32_t ioapic_read(struct ioapic *io, uint32_t reg)
{
	uint64_t flags = spin_lock_irqsave(&ioapic_lock);
	uint32_t v;

	io->base[IOAPIC_REGSEL / sizeof(uint32_t)] = reg;
	v = io->base[IOAPIC_WINDOW / sizeof(uint32_t)];
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return v;
}

static void ioapic_write(struct ioapic *io, uint32_t reg, uint32_t v)
{
	uint64_t flags = spin_lock_irqsave(&ioapic_lock);

	io->base[IOAPIC_REGSEL / sizeof(uint32_t)] = reg;
	io->base[IOAPIC_WINDOW / sizeof(uint32_t)] = v;
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

static uint32_t ioapic_rte_reg(unsigned pin)
{
	return IOAPIC_REG_REDTBL + 2 * pin;
}

int ioapic_init(void)
{
	if (!acpi.have_madt || acpi.madt.nioapics == 0)
		return -ENODEV;
	for (unsigned i = 0; i < acpi.madt.nioapics; i++) {
		const struct acpi_ioapic_info *info = &acpi.madt.ioapics[i];
		struct ioapic *io = &ioapics[ioapic_count];

		if (!info->address ||
		    (uint64_t)info->address + IOAPIC_MMIO_SIZE > IOAPIC_PHYS_LIMIT)
			continue;
		io->base = phys_to_virt(info->address);
		io->gsi_base = info->gsi_base;
		io->entries = ((ioapic_read(io, IOAPIC_REG_VER) >>
				IOAPIC_VER_MAXRED_SHIFT) & IOAPIC_VER_MAXRED_MASK) + 1;
		for (unsigned pin = 0; pin < io->entries; pin++)
			ioapic_write(io, ioapic_rte_reg(pin), IOAPIC_RTE_MASKED);
		pr_info("ioapic: id %u at %#x, GSI %u-%u\n", info->id,
			info->address, io->gsi_base, io->gsi_base + io->entries - 1);
		ioapic_count++;
	}
	return ioapic_count ? 0 : -ENODEV;
}

/* The GSI and INTI flags of ISA IRQ irq, after any MADT override. */
static uint32_t ioapic_isa_gsi(unsigned irq, uint16_t *flags)
{
	for (unsigned i = 0; i < acpi.madt.noverrides; i++) {
		const struct acpi_irq_override *o = &acpi.madt.overrides[i];

		if (o->bus == 0 && o->source == irq) {
			*flags = o->flags;
			return o->gsi;
		}
	}
	*flags = 0;
	return irq;
}

static struct ioapic *ioapic_for_gsi(uint32_t gsi, unsigned *pin)
{
	for (unsigned i = 0; i < ioapic_count; i++) {
		struct ioapic *io = &ioapics[i];

		if (gsi >= io->gsi_base && gsi - io->gsi_base < io->entries) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

static int ioapic_set_isa_irq(unsigned irq, bool masked)
{
	uint16_t flags;
	uint32_t gsi, low;
	struct ioapic *io;
	unsigned pin;

	if (irq >= ISA_IRQS)
		return -EINVAL;
	gsi = ioapic_isa_gsi(irq, &flags);
	io = ioapic_for_gsi(gsi, &pin);
	if (!io)
		return -ENODEV;
	low = IRQ_VECTOR_BASE + irq;
	/* "Conforms to the bus" means ISA: active high, edge triggered. */
	if ((flags & ACPI_MADT_POLARITY_MASK) == ACPI_MADT_POLARITY_LOW)
		low |= IOAPIC_RTE_POLARITY_LOW;
	if ((flags & ACPI_MADT_TRIGGER_MASK) == ACPI_MADT_TRIGGER_LEVEL)
		low |= IOAPIC_RTE_LEVEL;
	if (masked)
		low |= IOAPIC_RTE_MASKED;
	/* Destination first, so the entry is never live with a stale one. */
	ioapic_write(io, ioapic_rte_reg(pin), IOAPIC_RTE_MASKED);
	ioapic_write(io, ioapic_rte_reg(pin) + 1,
		     (uint32_t)lapic_id() << IOAPIC_RTE_DEST_SHIFT);
	ioapic_write(io, ioapic_rte_reg(pin), low);
	return 0;
}

int ioapic_route_isa_irq(unsigned irq)
{
	return ioapic_set_isa_irq(irq, false);
}

int ioapic_mask_isa_irq(unsigned irq)
{
	return ioapic_set_isa_irq(irq, true);
}
