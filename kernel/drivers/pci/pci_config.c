/*
 * pci_config.c: PCI configuration space access.
 *
 * ECAM (PCI Express Base 4.0 section 7.2.2): each function's 4 KiB of
 * configuration space is memory-mapped at base + (bus << 20 | dev << 15 |
 * fn << 12), the base coming from ACPI's MCFG table (PCI Firmware 3.2
 * section 4.1.2). q35 has one; i440fx (QEMU's -M pc) has not, and there
 * the legacy Configuration Mechanism #1 (PCI 3.0 section 3.2.2.3.2) is
 * used: the address goes to port 0xCF8, the data moves through 0xCFC.
 *
 * Locking: pci_config_lock (irqsave: interrupt handlers may read their
 * device's status) guards the 0xCF8 address register between the write
 * of the address and the data access. ECAM needs no lock: each access
 * is one memory operation. ECAM windows are mapped one bus (1 MiB) at a
 * time on first use, under pci_ecam_lock.
 */
#include <acpi/acpi.h>
#include <asm/io.h>
#include <basalt/log.h>
#include <drivers/pci/pci.h>
#include <mm/mm.h>
#include <sched/spinlock.h>

#define PCI_CONFIG_ADDRESS	0xCF8
#define PCI_CONFIG_DATA		0xCFC
#define PCI_CONFIG_ENABLE	(1u << 31)
#define PCI_LEGACY_SPACE	256	/* mechanism #1 reaches the first 256 bytes */
#define PCI_ECAM_SPACE		4096	/* PCIe 4.0 section 7.2.2 */
#define PCI_ECAM_BUS_SHIFT	20
#define PCI_ECAM_DEV_SHIFT	15
#define PCI_ECAM_FN_SHIFT	12
#define PCI_ECAM_BUS_SIZE	(1u << PCI_ECAM_BUS_SHIFT)

/* MCFG, PCI Firmware 3.2 table 4-2/4-3: header, 8 reserved, then entries. */
#define MCFG_RESERVED_LEN	8
struct mcfg_entry {
	uint64_t base;
	uint16_t segment;
	uint8_t bus_start, bus_end;
	uint32_t reserved;
} __packed;

static bool pci_ecam;			/* written once by pci_config_init */
static uint64_t pci_ecam_base;
static uint8_t pci_ecam_bus_start, pci_ecam_bus_end;

/* guards: pci_ecam_map (the per-bus window pointers) */
static struct spinlock pci_ecam_lock = SPINLOCK_INIT("pci_ecam_lock");
static volatile uint8_t *pci_ecam_map[PCI_MAX_BUSES];

/* guards: the CONFIG_ADDRESS port between address and data accesses */
static struct spinlock pci_config_lock = SPINLOCK_INIT("pci_config_lock");

void pci_config_init(void)
{
	const struct acpi_sdt_header *h = NULL;
	const struct mcfg_entry *e;

	if (acpi.present)
		h = acpi_find_table(&acpi.root, "MCFG", 0);
	if (h && h->length >= sizeof(*h) + MCFG_RESERVED_LEN + sizeof(*e)) {
		e = (const struct mcfg_entry *)((const uint8_t *)(h + 1) + MCFG_RESERVED_LEN);
		/* Segment 0 only: QEMU and PCs have one. */
		if (e->segment == 0 && e->bus_start <= e->bus_end && e->base) {
			pci_ecam = true;
			pci_ecam_base = e->base;
			pci_ecam_bus_start = e->bus_start;
			pci_ecam_bus_end = e->bus_end;
		}
	}
	if (pci_ecam)
		pr_info("PCI: ECAM [mem %#llx-%#llx] for [bus %02x-%02x] (MCFG)\n",
			(unsigned long long)pci_ecam_base,
			(unsigned long long)(pci_ecam_base +
			 (uint64_t)(pci_ecam_bus_end - pci_ecam_bus_start + 1) *
			 PCI_ECAM_BUS_SIZE - 1),
			pci_ecam_bus_start, pci_ecam_bus_end);
	else
		pr_info("PCI: using configuration type 1 (ports 0xcf8-0xcff)\n");
}

bool pci_config_is_ecam(void)
{
	return pci_ecam;
}

/* The function's ECAM window, mapping its bus on first use; NULL if none. */
static volatile uint8_t *pci_ecam_fn(uint8_t bus, uint8_t dev, uint8_t fn)
{
	volatile uint8_t *b;

	if (bus < pci_ecam_bus_start || bus > pci_ecam_bus_end)
		return NULL;
	spin_lock(&pci_ecam_lock);
	b = pci_ecam_map[bus];
	spin_unlock(&pci_ecam_lock);
	if (!b) {
		/* Two CPUs may both map it: one window is wasted, no harm. */
		b = ioremap(pci_ecam_base +
			    (uint64_t)(bus - pci_ecam_bus_start) * PCI_ECAM_BUS_SIZE,
			    PCI_ECAM_BUS_SIZE);
		if (!b)
			return NULL;
		spin_lock(&pci_ecam_lock);
		if (pci_ecam_map[bus])
			b = pci_ecam_map[bus];
		else
			pci_ecam_map[bus] = b;
		spin_unlock(&pci_ecam_lock);
	}
	return b + ((uint32_t)dev << PCI_ECAM_DEV_SHIFT) + ((uint32_t)fn << PCI_ECAM_FN_SHIFT);
}

static bool pci_config_valid(uint8_t dev, uint8_t fn, uint16_t off, unsigned size)
{
	unsigned space = pci_ecam ? PCI_ECAM_SPACE : PCI_LEGACY_SPACE;

	return dev < PCI_MAX_DEVICES && fn < PCI_MAX_FUNCTIONS &&
	       off % size == 0 && off + size <= space;
}

static uint32_t pci_legacy_address(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	return PCI_CONFIG_ENABLE | (uint32_t)bus << 16 | (uint32_t)dev << 11 |
	       (uint32_t)fn << 8 | (off & 0xFC);
}

uint32_t pci_config_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	volatile uint8_t *w;
	uint64_t flags;
	uint32_t v;

	if (!pci_config_valid(dev, fn, off, sizeof(uint32_t)))
		return UINT32_MAX;
	if (pci_ecam) {
		w = pci_ecam_fn(bus, dev, fn);
		return w ? *(volatile uint32_t *)(w + off) : UINT32_MAX;
	}
	flags = spin_lock_irqsave(&pci_config_lock);
	outl(PCI_CONFIG_ADDRESS, pci_legacy_address(bus, dev, fn, off));
	v = inl(PCI_CONFIG_DATA);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return v;
}

uint16_t pci_config_read16(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	if (!pci_config_valid(dev, fn, off, sizeof(uint16_t)))
		return UINT16_MAX;
	return (uint16_t)(pci_config_read32(bus, dev, fn, off & ~3u) >> ((off & 2) * 8));
}

uint8_t pci_config_read8(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
	if (!pci_config_valid(dev, fn, off, sizeof(uint8_t)))
		return UINT8_MAX;
	return (uint8_t)(pci_config_read32(bus, dev, fn, off & ~3u) >> ((off & 3) * 8));
}

void pci_config_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off, uint32_t v)
{
	volatile uint8_t *w;
	uint64_t flags;

	if (!pci_config_valid(dev, fn, off, sizeof(uint32_t)))
		return;
	if (pci_ecam) {
		w = pci_ecam_fn(bus, dev, fn);
		if (w)
			*(volatile uint32_t *)(w + off) = v;
		return;
	}
	flags = spin_lock_irqsave(&pci_config_lock);
	outl(PCI_CONFIG_ADDRESS, pci_legacy_address(bus, dev, fn, off));
	outl(PCI_CONFIG_DATA, v);
	spin_unlock_irqrestore(&pci_config_lock, flags);
}

/* A 16-bit write as one access: the other half may hold write-1-to-clear bits. */
void pci_config_write16(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off, uint16_t v)
{
	volatile uint8_t *w;
	uint64_t flags;

	if (!pci_config_valid(dev, fn, off, sizeof(uint16_t)))
		return;
	if (pci_ecam) {
		w = pci_ecam_fn(bus, dev, fn);
		if (w)
			*(volatile uint16_t *)(w + off) = v;
		return;
	}
	flags = spin_lock_irqsave(&pci_config_lock);
	outl(PCI_CONFIG_ADDRESS, pci_legacy_address(bus, dev, fn, off));
	outw((uint16_t)(PCI_CONFIG_DATA + (off & 2)), v);
	spin_unlock_irqrestore(&pci_config_lock, flags);
}
