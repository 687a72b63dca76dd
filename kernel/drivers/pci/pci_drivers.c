/*
 * pci_drivers.c: the PCI drivers built into the kernel, registered
 * before enumeration so that pci_init can probe each device once.
 */
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <drivers/ata/ahci.h>
#include <drivers/nvme/nvme.h>
#include <drivers/pci/pci.h>

static struct pci_driver *const pci_builtin_drivers[] = {
	&ahci_driver,
	&nvme_driver,
};

void pci_drivers_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(pci_builtin_drivers); i++)
		if (pci_register_driver(pci_builtin_drivers[i]))
			pr_err("pci: cannot register driver %s\n", pci_builtin_drivers[i]->name);
}
