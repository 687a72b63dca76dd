/*
 * pci.c: the PCI functions in sysfs, as Linux's drivers/pci/pci-sysfs.c
 * and pci-driver.c show them. /sys/devices/pci0000:00/DDDD:BB:DD.F is a
 * function's directory (every function of segment 0 there: Linux nests
 * the ones behind a bridge in the bridge's directory, Basalt keeps them
 * flat); /sys/bus/pci/devices/DDDD:BB:DD.F links to it. Its files:
 * vendor, device, subsystem_vendor, subsystem_device ("0x%04x"), class
 * ("0x%06x"), revision ("0x%02x"), irq, resource (start, end and
 * IORESOURCE flags of BARs 0-5 and the ROM), config (the configuration
 * space, binary: 256 bytes, 4096 for a PCI Express function reached
 * through ECAM; 64 bytes to readers other than root), uevent (the
 * variables of Linux's pci_uevent, DRIVER first when a driver took the
 * function: what BusyBox's lspci reads), and the link subsystem.
 */
#include <fs/sysfs/sysfs.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <drivers/pci/pci.h>
#include <proc/process.h>
#include <uapi/errno.h>

#define PCI_SUBSYSTEM_VENDOR_ID	0x2C	/* type 0 header, PCI 3.0 section 6.2.4 */
#define PCI_SUBSYSTEM_ID	0x2E
#define PCI_CAP_ID_SSVID	0x0D	/* bridges' subsystem IDs, PCI-PCI Bridge 1.2 section 3.2.5.13 */
#define PCI_SSVID_VENDOR	4
#define PCI_SSVID_DEVICE	6
#define PCI_CAP_ID_EXP		0x10	/* PCI Express capability, PCIe 4.0 section 7.5.3 */
#define PCI_CFG_SPACE_SIZE	256
#define PCI_CFG_SPACE_EXP_SIZE	4096
#define PCI_EXT_CAP_FIRST	0x100	/* the first extended capability, PCIe 4.0 section 7.6 */
#define PCI_CFG_UNPRIV_SIZE	64	/* what Linux shows to readers without CAP_SYS_ADMIN */
#define PCI_ROM_SLOTS		1	/* resource lists the ROM after the 6 BARs */
/* Linux's include/linux/ioport.h resource flags, with the BAR's low bits. */
#define PCI_RES_IO		0x00000100u
#define PCI_RES_MEM		0x00000200u
#define PCI_RES_PREFETCH	0x00002000u
#define PCI_RES_SIZEALIGN	0x00040000u
#define PCI_RES_MEM_64		0x00100000u
#define PCI_BAR_IO_SPACE	0x1u	/* PCI 3.0 section 6.2.5.1 */
#define PCI_BAR_MEM_TYPE_64	0x4u
#define PCI_BAR_MEM_PREFETCH	0x8u

static const struct pci_dev *sysfs_pdev(const struct sysfs_node *n)
{
	return n->obj;
}

static void sysfs_pci_subsys(const struct pci_dev *p, uint16_t *vendor, uint16_t *device)
{
	uint8_t cap;

	*vendor = *device = 0;
	switch (p->header_type & PCI_HEADER_TYPE_MASK) {
	case 0:
		*vendor = pci_read16(p, PCI_SUBSYSTEM_VENDOR_ID);
		*device = pci_read16(p, PCI_SUBSYSTEM_ID);
		break;
	case PCI_HEADER_BRIDGE:
		cap = pci_find_capability(p, PCI_CAP_ID_SSVID);
		if (cap) {
			*vendor = pci_read16(p, cap + PCI_SSVID_VENDOR);
			*device = pci_read16(p, cap + PCI_SSVID_DEVICE);
		}
		break;
	}
}

static uint32_t sysfs_pci_class(const struct pci_dev *p)
{
	return (uint32_t)p->class_code << 16 | (uint32_t)p->subclass << 8 | p->prog_if;
}

static int sysfs_pci_vendor(const struct sysfs_node *n, struct sysfs_buf *b)
{
	sysfs_printf(b, "0x%04x\n", sysfs_pdev(n)->vendor);
	return 0;
}

static int sysfs_pci_device(const struct sysfs_node *n, struct sysfs_buf *b)
{
	sysfs_printf(b, "0x%04x\n", sysfs_pdev(n)->device);
	return 0;
}

static int sysfs_pci_subsys_vendor(const struct sysfs_node *n, struct sysfs_buf *b)
{
	uint16_t v, d;

	sysfs_pci_subsys(sysfs_pdev(n), &v, &d);
	sysfs_printf(b, "0x%04x\n", v);
	return 0;
}

static int sysfs_pci_subsys_device(const struct sysfs_node *n, struct sysfs_buf *b)
{
	uint16_t v, d;

	sysfs_pci_subsys(sysfs_pdev(n), &v, &d);
	sysfs_printf(b, "0x%04x\n", d);
	return 0;
}

static int sysfs_pci_class_show(const struct sysfs_node *n, struct sysfs_buf *b)
{
	sysfs_printf(b, "0x%06x\n", sysfs_pci_class(sysfs_pdev(n)));
	return 0;
}

static int sysfs_pci_revision(const struct sysfs_node *n, struct sysfs_buf *b)
{
	sysfs_printf(b, "0x%02x\n", sysfs_pdev(n)->revision);
	return 0;
}

/*
 * Linux's dev->irq: the legacy interrupt line of a function with an
 * interrupt pin. (Linux routes q35's through ACPI _PRT, GSI 16-23, and
 * shows an MSI function's first Linux IRQ number; Basalt has neither.)
 */
static int sysfs_pci_irq(const struct sysfs_node *n, struct sysfs_buf *b)
{
	const struct pci_dev *p = sysfs_pdev(n);

	sysfs_printf(b, "%u\n", p->irq_pin ? p->irq_line : 0u);
	return 0;
}

static uint64_t sysfs_pci_bar_flags(const struct pci_bar *bar)
{
	uint64_t f = PCI_RES_SIZEALIGN;

	if (bar->io)
		return f | PCI_RES_IO | PCI_BAR_IO_SPACE;
	f |= PCI_RES_MEM;
	if (bar->is64)
		f |= PCI_RES_MEM_64 | PCI_BAR_MEM_TYPE_64;
	if (bar->prefetch)
		f |= PCI_RES_PREFETCH | PCI_BAR_MEM_PREFETCH;
	return f;
}

/* Linux's resource_show: "start end flags" per resource; the ROM is not sized (zeros). */
static int sysfs_pci_resource(const struct sysfs_node *n, struct sysfs_buf *b)
{
	const struct pci_dev *p = sysfs_pdev(n);

	for (unsigned i = 0; i < PCI_NUM_BARS + PCI_ROM_SLOTS; i++) {
		const struct pci_bar *bar = i < PCI_NUM_BARS ? &p->bars[i] : NULL;
		uint64_t start = 0, end = 0, flags = 0;

		if (bar && bar->size) {
			start = bar->base;
			end = bar->base + bar->size - 1;
			flags = sysfs_pci_bar_flags(bar);
		}
		sysfs_printf(b, "0x%016llx 0x%016llx 0x%016llx\n", (unsigned long long)start,
			     (unsigned long long)end, (unsigned long long)flags);
	}
	return 0;
}

/*
 * Linux's pci_cfg_space_size: 4096 for a PCI Express function whose
 * extended space answers (ECAM; all-ones there means none), else 256.
 */
static uint64_t sysfs_pci_config_size(const struct sysfs_node *n)
{
	const struct pci_dev *p = sysfs_pdev(n);

	if (pci_config_is_ecam() && pci_find_capability(p, PCI_CAP_ID_EXP) &&
	    pci_read32(p, PCI_EXT_CAP_FIRST) != UINT32_MAX)
		return PCI_CFG_SPACE_EXP_SIZE;
	return PCI_CFG_SPACE_SIZE;
}

/* The configuration space, little-endian as the bus gives it (pci_read_config). */
static int sysfs_pci_config(const struct sysfs_node *n, struct sysfs_buf *b)
{
	const struct pci_dev *p = sysfs_pdev(n);
	struct process *me = process_current();
	uint64_t size = sysfs_pci_config_size(n);

	if (me && me->cred.euid != 0)
		size = PCI_CFG_UNPRIV_SIZE;
	for (uint16_t off = 0; off < size; off += sizeof(uint32_t)) {
		uint32_t v = pci_read32(p, off);
		uint8_t bytes[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
				     (uint8_t)(v >> 24) };

		sysfs_write(b, bytes, sizeof(bytes));
	}
	return 0;
}

/* Linux's dev_uevent (DRIVER) then pci_uevent's variables. */
static int sysfs_pci_uevent(const struct sysfs_node *n, struct sysfs_buf *b)
{
	const struct pci_dev *p = sysfs_pdev(n);
	uint16_t sv, sd;

	sysfs_pci_subsys(p, &sv, &sd);
	if (p->driver)
		sysfs_printf(b, "DRIVER=%s\n", p->driver->name);
	sysfs_printf(b, "PCI_CLASS=%X\nPCI_ID=%04X:%04X\nPCI_SUBSYS_ID=%04X:%04X\n"
		     "PCI_SLOT_NAME=%s\n"
		     "MODALIAS=pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X\n",
		     sysfs_pci_class(p), p->vendor, p->device, sv, sd, p->name, p->vendor,
		     p->device, sv, sd, p->class_code, p->subclass, p->prog_if);
	return 0;
}

static int sysfs_pci_subsystem_link(const struct sysfs_node *n __unused, struct sysfs_buf *b)
{
	sysfs_printf(b, "../../../bus/pci");
	return 0;
}

static const struct sysfs_attr sysfs_pci_files[] = {
	{ "class", sysfs_pci_class_show, NULL },
	{ "config", sysfs_pci_config, sysfs_pci_config_size },
	{ "device", sysfs_pci_device, NULL },
	{ "irq", sysfs_pci_irq, NULL },
	{ "resource", sysfs_pci_resource, NULL },
	{ "revision", sysfs_pci_revision, NULL },
	{ "subsystem_device", sysfs_pci_subsys_device, NULL },
	{ "subsystem_vendor", sysfs_pci_subsys_vendor, NULL },
	{ "uevent", sysfs_pci_uevent, NULL },
	{ "vendor", sysfs_pci_vendor, NULL },
};

static const struct sysfs_attr sysfs_pci_links[] = {
	{ "subsystem", sysfs_pci_subsystem_link, NULL },
};

/* A function's directory: its files, then its links. */
static int sysfs_pci_dev_child(const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e)
{
	unsigned rest;

	if (!sysfs_child_attrs(sysfs_pci_files, ARRAY_SIZE(sysfs_pci_files), SYSFS_FILE, dir,
			       i, e, &rest))
		return 0;
	return sysfs_child_attrs(sysfs_pci_links, ARRAY_SIZE(sysfs_pci_links), SYSFS_LINK, dir,
				 rest, e, &rest);
}

static const struct sysfs_dir_ops sysfs_pci_dev_dir = {
	.child = sysfs_pci_dev_child,
};

/* The i-th function of segment 0, or NULL. */
static struct pci_dev *sysfs_pci_nth(unsigned i)
{
	struct pci_dev *p;

	for (unsigned k = 0; (p = pci_dev_at(k)) != NULL; k++)
		if (p->segment == 0 && i-- == 0)
			return p;
	return NULL;
}

/* devices/pci0000:00: a directory per function. */
static int sysfs_pci_root_child(const struct sysfs_node *dir __unused, unsigned i,
				struct sysfs_entry *e)
{
	struct pci_dev *p = sysfs_pci_nth(i);

	if (!p)
		return -ENOENT;
	sysfs_entry_dir(e, p->name, &sysfs_pci_dev_dir, p, 0);
	return 0;
}

const struct sysfs_dir_ops sysfs_pci_root_dir = {
	.child = sysfs_pci_root_child,
};

static int sysfs_pci_bus_link(const struct sysfs_node *n, struct sysfs_buf *b)
{
	sysfs_printf(b, "../../../devices/pci0000:00/%s", sysfs_pdev(n)->name);
	return 0;
}

/* One attribute for every link of bus/pci/devices: the name is the function's. */
static const struct sysfs_attr sysfs_pci_bus_link_attr = { "", sysfs_pci_bus_link, NULL };

static int sysfs_pci_bus_devices_child(const struct sysfs_node *dir __unused, unsigned i,
				       struct sysfs_entry *e)
{
	struct pci_dev *p = sysfs_pci_nth(i);

	if (!p)
		return -ENOENT;
	sysfs_entry_attr(e, SYSFS_LINK, &sysfs_pci_bus_link_attr, p, 0);
	strlcpy(e->name, p->name, sizeof(e->name));
	return 0;
}

const struct sysfs_dir_ops sysfs_pci_bus_devices_dir = {
	.child = sysfs_pci_bus_devices_child,
};
