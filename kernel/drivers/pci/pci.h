/*
 * pci.h: the PCI bus (PCI Local Bus 3.0, PCI Express Base 4.0 chapter 7).
 *
 *   pci_config.c   pci_config_*   configuration space: ECAM (the ACPI MCFG
 *                                 table, PCI Firmware 3.2 section 4.1.2)
 *                                 or the legacy 0xCF8/0xCFC ports
 *   pci_enum.c     pci_init       bus enumeration, the boot log lines, the
 *                                 driver model (match tables, probe)
 *   pci_bar.c      pci_bar_*      BAR sizing and mapping, command bits
 *   pci_irq.c      pci_irq_*      capabilities, MSI, MSI-X, shared INTx
 *
 * Drivers call pci_register_driver before pci_init (from pci_drivers.c's
 * list); pci_init probes every device against every driver once, at boot,
 * in process context (probe may sleep). Interrupt handlers registered
 * with pci_irq_setup run in interrupt context and must not sleep; the
 * PCI layer sends the local APIC EOI after them.
 */
#ifndef DRIVERS_PCI_PCI_H
#define DRIVERS_PCI_PCI_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>

/* Configuration header, PCI 3.0 section 6.1 (figure 6-1). */
#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_STATUS		0x06
#define PCI_REVISION		0x08
#define PCI_PROG_IF		0x09
#define PCI_SUBCLASS		0x0A
#define PCI_CLASS		0x0B
#define PCI_HEADER_TYPE		0x0E
#define PCI_BAR0		0x10
#define PCI_SECONDARY_BUS	0x19	/* type 1 header (PCI-PCI bridge 1.2) */
#define PCI_CAP_PTR		0x34
#define PCI_INTERRUPT_LINE	0x3C
#define PCI_INTERRUPT_PIN	0x3D

#define PCI_VENDOR_NONE		0xFFFF	/* no function answers */
#define PCI_HEADER_TYPE_MASK	0x7F
#define PCI_HEADER_MULTIFUNC	0x80
#define PCI_HEADER_BRIDGE	0x01

#define PCI_COMMAND_IO		(1u << 0)
#define PCI_COMMAND_MEMORY	(1u << 1)
#define PCI_COMMAND_MASTER	(1u << 2)
#define PCI_COMMAND_INTX_OFF	(1u << 10)
#define PCI_STATUS_CAP_LIST	(1u << 4)

#define PCI_MAX_BUSES		256
#define PCI_MAX_DEVICES		32
#define PCI_MAX_FUNCTIONS	8
#define PCI_NUM_BARS		6

/* Capability IDs, PCI 3.0 appendix H. */
#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_MSIX		0x11

#define PCI_ANY_ID		0xFFFFFFFFu

struct pci_bar {
	uint64_t base;		/* physical address or I/O port */
	uint64_t size;		/* 0: not implemented */
	bool io;		/* I/O space */
	bool is64;		/* memory BAR taking two slots */
	bool prefetch;
};

struct pci_driver;

struct pci_dev {
	struct list_node link;		/* pci_devices */
	uint16_t segment;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class_code, subclass, prog_if, revision;
	uint8_t header_type;
	uint8_t irq_line, irq_pin;	/* firmware's INTx routing (PIC IRQ), pin 1..4 */
	struct pci_bar bars[PCI_NUM_BARS];
	const struct pci_driver *driver;	/* the one that took it, or NULL */
	void *driver_data;
	/* Interrupt state (pci_irq.c). */
	unsigned irq_kind;		/* PCI_IRQ_NONE, _INTX, _MSI, _MSIX */
	unsigned irq_vectors[8];	/* CPU vectors, by the device's index */
	unsigned irq_count;
	char name[16];			/* "0000:00:1f.2" */
};

/* A match: PCI_ANY_ID matches anything; class_mask selects class bits. */
struct pci_device_id {
	uint32_t vendor, device;
	uint32_t class_code;		/* class << 16 | subclass << 8 | prog_if */
	uint32_t class_mask;
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *ids;	/* ends with an all-zero entry */
	/* 0: the driver owns the device; -ENODEV and others: it does not. */
	int (*probe)(struct pci_dev *pdev, const struct pci_device_id *id);
	struct list_node link;		/* pci_drivers */
};

/* ---- pci_config.c --------------------------------------------------------- */
/* Chooses ECAM (MCFG present) or the legacy ports; logs which. */
void pci_config_init(void);
bool pci_config_is_ecam(void);
/* Reads return all-ones for an absent function or a bad offset. */
uint32_t pci_config_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off);
uint16_t pci_config_read16(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off);
uint8_t pci_config_read8(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off);
void pci_config_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off, uint32_t v);
void pci_config_write16(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off, uint16_t v);

static inline uint32_t pci_read32(const struct pci_dev *p, uint16_t off)
{
	return pci_config_read32(p->bus, p->dev, p->fn, off);
}
static inline uint16_t pci_read16(const struct pci_dev *p, uint16_t off)
{
	return pci_config_read16(p->bus, p->dev, p->fn, off);
}
static inline uint8_t pci_read8(const struct pci_dev *p, uint16_t off)
{
	return pci_config_read8(p->bus, p->dev, p->fn, off);
}
static inline void pci_write32(const struct pci_dev *p, uint16_t off, uint32_t v)
{
	pci_config_write32(p->bus, p->dev, p->fn, off, v);
}
static inline void pci_write16(const struct pci_dev *p, uint16_t off, uint16_t v)
{
	pci_config_write16(p->bus, p->dev, p->fn, off, v);
}

/* ---- pci_enum.c ----------------------------------------------------------- */
/* pci_drivers.c: registers the built-in drivers (before pci_init). */
void pci_drivers_init(void);
/* Enumerates every bus, logs each function, probes the drivers. */
void pci_init(void);
int pci_register_driver(struct pci_driver *drv);
/*
 * The i-th function found (in enumeration order), or NULL past the last;
 * functions are never removed, so the pointer stays valid (sysfs).
 */
struct pci_dev *pci_dev_at(unsigned i);
/* pci=nomsi on the command line: drivers get INTx only (as Linux). */
bool pci_msi_disabled(void);

/* ---- pci_bar.c ------------------------------------------------------------ */
/* Sizes the six BARs (PCI 3.0 section 6.2.5.1) into pdev->bars. */
void pci_bar_probe(struct pci_dev *pdev);
/* Maps memory BAR i uncached; NULL for an I/O or absent BAR. */
void *pci_bar_map(struct pci_dev *pdev, unsigned i);
/* Turns on memory and I/O decoding and, if master, bus mastering (DMA). */
void pci_enable_device(struct pci_dev *pdev, bool master);

/* ---- pci_irq.c ------------------------------------------------------------ */
#define PCI_IRQ_NONE	0
#define PCI_IRQ_INTX	1
#define PCI_IRQ_MSI	2
#define PCI_IRQ_MSIX	3

/* Offset of the first capability with id, or 0 (PCI 3.0 section 6.7). */
uint8_t pci_find_capability(const struct pci_dev *pdev, uint8_t id);

typedef void (*pci_irq_handler_t)(struct pci_dev *pdev, unsigned index, void *arg);
/*
 * Gives the device nvec interrupts (1 for INTx and MSI here; up to 8
 * MSI-X table entries), each calling handler(pdev, index, arg), preferring
 * MSI-X, then MSI, then shared INTx through the I/O APIC. Returns the
 * PCI_IRQ_* kind used (> 0), or a negative errno.
 */
int pci_irq_setup(struct pci_dev *pdev, unsigned nvec, pci_irq_handler_t handler,
		  void *arg);

#endif /* DRIVERS_PCI_PCI_H */
