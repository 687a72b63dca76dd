/*
 * pci_enum.c: finds every PCI function, logs it as Linux does
 * ("pci 0000:00:1f.2: [8086:2922] class 0x010601"), and offers it to the
 * registered drivers (the first whose match table and probe accept it
 * owns it).
 *
 * Enumeration is depth-first from bus 0, following each PCI-to-PCI
 * bridge's secondary bus number (PCI-to-PCI Bridge 1.2 section 3.2.5.4,
 * assigned by the firmware), so every bus behind a bridge is scanned;
 * a multi-function device's functions 1..7 are read only when function 0
 * says so (header type bit 7, PCI 3.0 section 6.2.1).
 *
 * Locking: pci_lock guards pci_devices and pci_drivers. Both are built at
 * boot by the kmain task and then only read; probe runs without the lock
 * (it sleeps).
 */
#include <basalt/cmdline.h>
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/pci/pci.h>
#include <mm/mm.h>
#include <sched/mutex.h>
#include <uapi/errno.h>

#define PCI_CLASS_BRIDGE		0x06
#define PCI_SUBCLASS_PCI_BRIDGE		0x04

/* guards: pci_devices, pci_drivers */
static struct mutex pci_lock = MUTEX_INIT(pci_lock);
static struct list_node pci_devices = { &pci_devices, &pci_devices };
static struct list_node pci_drivers = { &pci_drivers, &pci_drivers };
static bool pci_bus_seen[PCI_MAX_BUSES];	/* kmain only: loops in bad bridges */

bool pci_msi_disabled(void)
{
	return boot_cmdline.pci_nomsi;
}

int pci_register_driver(struct pci_driver *drv)
{
	if (!drv || !drv->ids || !drv->probe)
		return -EINVAL;
	mutex_lock(&pci_lock);
	list_add_tail(&pci_drivers, &drv->link);
	mutex_unlock(&pci_lock);
	return 0;
}

static bool pci_id_matches(const struct pci_device_id *id, const struct pci_dev *p)
{
	uint32_t class = (uint32_t)p->class_code << 16 | (uint32_t)p->subclass << 8 |
			 p->prog_if;

	return (id->vendor == PCI_ANY_ID || id->vendor == p->vendor) &&
	       (id->device == PCI_ANY_ID || id->device == p->device) &&
	       (class & id->class_mask) == (id->class_code & id->class_mask);
}

static bool pci_id_is_end(const struct pci_device_id *id)
{
	return !id->vendor && !id->device && !id->class_code && !id->class_mask;
}

/* Offers p to each driver in registration order (kmain, without pci_lock). */
static void pci_probe_device(struct pci_dev *p)
{
	struct list_node *n;

	for (n = pci_drivers.next; n != &pci_drivers; n = n->next) {
		struct pci_driver *drv = list_entry(n, struct pci_driver, link);

		for (const struct pci_device_id *id = drv->ids; !pci_id_is_end(id); id++) {
			int err;

			if (!pci_id_matches(id, p))
				continue;
			err = drv->probe(p, id);
			if (!err) {
				p->driver = drv;
				pr_info("%s %s: bound to driver %s\n", drv->name, p->name,
					drv->name);
				return;
			}
			if (err != -ENODEV)
				pr_warn("%s %s: probe failed: error %d\n", drv->name,
					p->name, err);
			break;
		}
	}
}

static void pci_scan_bus(uint8_t bus);

static void pci_scan_function(uint8_t bus, uint8_t dev, uint8_t fn)
{
	uint32_t id = pci_config_read32(bus, dev, fn, PCI_VENDOR_ID);
	struct pci_dev *p;

	if ((id & 0xFFFF) == PCI_VENDOR_NONE)
		return;
	p = kzalloc(sizeof(*p));
	if (!p) {
		pr_err("pci: out of memory at %02x:%02x.%u\n", bus, dev, fn);
		return;
	}
	p->bus = bus;
	p->dev = dev;
	p->fn = fn;
	p->vendor = (uint16_t)id;
	p->device = (uint16_t)(id >> 16);
	p->class_code = pci_read8(p, PCI_CLASS);
	p->subclass = pci_read8(p, PCI_SUBCLASS);
	p->prog_if = pci_read8(p, PCI_PROG_IF);
	p->revision = pci_read8(p, PCI_REVISION);
	p->header_type = pci_read8(p, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MASK;
	p->irq_line = pci_read8(p, PCI_INTERRUPT_LINE);
	p->irq_pin = pci_read8(p, PCI_INTERRUPT_PIN);
	snprintf(p->name, sizeof(p->name), "%04x:%02x:%02x.%u", p->segment, bus, dev, fn);
	pr_info("pci %s: [%04x:%04x] type %02x class %#08x\n", p->name, p->vendor,
		p->device, p->header_type,
		(unsigned)p->class_code << 16 | (unsigned)p->subclass << 8 | p->prog_if);
	if (p->header_type == 0)
		pci_bar_probe(p);
	mutex_lock(&pci_lock);
	list_add_tail(&pci_devices, &p->link);
	mutex_unlock(&pci_lock);
	if (p->header_type == PCI_HEADER_BRIDGE && p->class_code == PCI_CLASS_BRIDGE &&
	    p->subclass == PCI_SUBCLASS_PCI_BRIDGE) {
		uint8_t secondary = pci_read8(p, PCI_SECONDARY_BUS);

		if (secondary != 0)
			pci_scan_bus(secondary);
	}
}

static void pci_scan_bus(uint8_t bus)
{
	if (pci_bus_seen[bus]) {
		pr_warn("pci: bus %02x reached twice, not rescanned\n", bus);
		return;
	}
	pci_bus_seen[bus] = true;
	for (uint8_t dev = 0; dev < PCI_MAX_DEVICES; dev++) {
		uint16_t vendor = pci_config_read16(bus, dev, 0, PCI_VENDOR_ID);
		unsigned fns = 1;

		if (vendor == PCI_VENDOR_NONE)
			continue;
		if (pci_config_read8(bus, dev, 0, PCI_HEADER_TYPE) & PCI_HEADER_MULTIFUNC)
			fns = PCI_MAX_FUNCTIONS;
		for (uint8_t fn = 0; fn < fns; fn++)
			pci_scan_function(bus, dev, fn);
	}
}

void pci_init(void)
{
	struct list_node *n;
	unsigned count = 0;

	pci_config_init();
	pci_scan_bus(0);
	/* The list is complete and only read from now on. */
	for (n = pci_devices.next; n != &pci_devices; n = n->next) {
		pci_probe_device(list_entry(n, struct pci_dev, link));
		count++;
	}
	pr_info("PCI: %u functions%s\n", count, pci_msi_disabled() ? ", MSI off (pci=nomsi)" : "");
}

struct pci_dev *pci_dev_at(unsigned i)
{
	struct pci_dev *found = NULL, *p;

	mutex_lock(&pci_lock);
	list_for_each_entry(p, &pci_devices, link) {
		if (i-- == 0) {
			found = p;
			break;
		}
	}
	mutex_unlock(&pci_lock);
	return found;
}
