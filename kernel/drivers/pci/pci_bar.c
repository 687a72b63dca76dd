/*
 * pci_bar.c: Base Address Registers (PCI 3.0 section 6.2.5.1). A BAR's
 * size is found by writing all ones and reading back which address bits
 * stick, with decoding off meanwhile so the device never answers at the
 * probe address; a 64-bit memory BAR (type 10b) takes two slots. Memory
 * BARs are mapped uncached through ioremap (mm/ioremap.c).
 */
#include <basalt/log.h>
#include <drivers/pci/pci.h>
#include <mm/mm.h>

#define PCI_BAR_IO		(1u << 0)
#define PCI_BAR_MEM_TYPE_MASK	0x6
#define PCI_BAR_MEM_TYPE_64	0x4
#define PCI_BAR_PREFETCH	(1u << 3)
#define PCI_BAR_MEM_MASK	(~0xFu)
#define PCI_BAR_IO_MASK		(~0x3u)
#define PCI_BAR_IO_LIMIT	0xFFFFu		/* x86 has a 64 KiB port space */

void pci_bar_probe(struct pci_dev *p)
{
	uint16_t cmd = pci_read16(p, PCI_COMMAND);

	pci_write16(p, PCI_COMMAND, (uint16_t)(cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY)));
	for (unsigned i = 0; i < PCI_NUM_BARS; i++) {
		uint16_t off = (uint16_t)(PCI_BAR0 + i * sizeof(uint32_t));
		uint32_t lo = pci_read32(p, off), mask_lo, hi = 0, mask_hi = UINT32_MAX;
		struct pci_bar *b = &p->bars[i];
		uint64_t mask;

		pci_write32(p, off, UINT32_MAX);
		mask_lo = pci_read32(p, off);
		pci_write32(p, off, lo);
		if (mask_lo == 0 || mask_lo == UINT32_MAX)
			continue;	/* not implemented (or no device) */
		if (lo & PCI_BAR_IO) {
			b->io = true;
			b->base = lo & PCI_BAR_IO_MASK;
			b->size = (~(mask_lo & PCI_BAR_IO_MASK) + 1) & PCI_BAR_IO_LIMIT;
		} else {
			b->prefetch = lo & PCI_BAR_PREFETCH;
			if ((lo & PCI_BAR_MEM_TYPE_MASK) == PCI_BAR_MEM_TYPE_64 &&
			    i + 1 < PCI_NUM_BARS) {
				b->is64 = true;
				hi = pci_read32(p, (uint16_t)(off + 4));
				pci_write32(p, (uint16_t)(off + 4), UINT32_MAX);
				mask_hi = pci_read32(p, (uint16_t)(off + 4));
				pci_write32(p, (uint16_t)(off + 4), hi);
			}
			b->base = ((uint64_t)hi << 32) | (lo & PCI_BAR_MEM_MASK);
			mask = ((uint64_t)mask_hi << 32) | (mask_lo & PCI_BAR_MEM_MASK);
			b->size = ~mask + 1;
		}
		if (b->size)
			pr_info("pci %s: BAR %u [%s %#llx-%#llx%s%s]\n", p->name, i,
				b->io ? "io" : "mem", (unsigned long long)b->base,
				(unsigned long long)(b->base + b->size - 1),
				b->is64 ? " 64bit" : "", b->prefetch ? " pref" : "");
		if (b->is64)
			i++;	/* the upper half is not a BAR of its own */
	}
	pci_write16(p, PCI_COMMAND, cmd);
}

void *pci_bar_map(struct pci_dev *p, unsigned i)
{
	struct pci_bar *b;

	if (i >= PCI_NUM_BARS)
		return NULL;
	b = &p->bars[i];
	if (b->io || !b->size || !b->base)
		return NULL;
	return ioremap(b->base, b->size);
}

void pci_enable_device(struct pci_dev *p, bool master)
{
	uint16_t cmd = pci_read16(p, PCI_COMMAND);

	cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_IO;
	if (master)
		cmd |= PCI_COMMAND_MASTER;
	pci_write16(p, PCI_COMMAND, cmd);
}
