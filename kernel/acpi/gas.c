/*
 * gas.c: access to a register described by a Generic Address Structure
 * (ACPI 6.4 section 5.2.3.2): system I/O ports and memory-mapped
 * registers. PCI configuration space registers are refused (-EINVAL):
 * nothing Basalt reads from the FADT uses them on the machines it runs on.
 */
#include <acpi/acpi.h>
#include <basalt/vmlayout.h>
#include <asm/io.h>
#include <uapi/errno.h>

#define GAS_DIRECT_MAP_LIMIT	(4ULL << 30)	/* boot.S direct map */
#define GAS_IO_PORT_MAX		0xFFFF

/*
 * Access size in bits: bit_width, or access_size (table 5.1: 1 byte, 2
 * word, 3 dword, 4 qword) when the width is not one of 8..64.
 */
static unsigned gas_bits(const struct acpi_gas *g)
{
	switch (g->bit_width) {
	case 8: case 16: case 32: case 64:
		return g->bit_width;
	}
	if (g->access_size >= 1 && g->access_size <= 4)
		return 8u << (g->access_size - 1);
	return 0;
}

static int gas_check(const struct acpi_gas *g, unsigned *bits)
{
	*bits = gas_bits(g);
	if (!*bits || !g->address)
		return -EINVAL;
	if (g->space_id == ACPI_GAS_SYSTEM_IO)
		return g->address <= GAS_IO_PORT_MAX && *bits <= 32 ? 0 : -EINVAL;
	if (g->space_id == ACPI_GAS_SYSTEM_MEMORY)
		return g->address + *bits / 8 <= GAS_DIRECT_MAP_LIMIT ? 0 : -EINVAL;
	return -EINVAL;
}

int acpi_gas_read(const struct acpi_gas *g, uint64_t *value)
{
	unsigned bits;
	int err = gas_check(g, &bits);

	if (err)
		return err;
	if (g->space_id == ACPI_GAS_SYSTEM_IO) {
		uint16_t port = (uint16_t)g->address;

		*value = bits == 8 ? inb(port) : bits == 16 ? inw(port) : inl(port);
		return 0;
	}
	switch (bits) {
	case 8:
		*value = *(volatile uint8_t *)phys_to_virt(g->address);
		break;
	case 16:
		*value = *(volatile uint16_t *)phys_to_virt(g->address);
		break;
	case 32:
		*value = *(volatile uint32_t *)phys_to_virt(g->address);
		break;
	default:
		*value = *(volatile uint64_t *)phys_to_virt(g->address);
		break;
	}
	return 0;
}

int acpi_gas_write(const struct acpi_gas *g, uint64_t value)
{
	unsigned bits;
	int err = gas_check(g, &bits);

	if (err)
		return err;
	if (g->space_id == ACPI_GAS_SYSTEM_IO) {
		uint16_t port = (uint16_t)g->address;

		if (bits == 8)
			outb(port, (uint8_t)value);
		else if (bits == 16)
			outw(port, (uint16_t)value);
		else
			outl(port, (uint32_t)value);
		return 0;
	}
	switch (bits) {
	case 8:
		*(volatile uint8_t *)phys_to_virt(g->address) = (uint8_t)value;
		break;
	case 16:
		*(volatile uint16_t *)phys_to_virt(g->address) = (uint16_t)value;
		break;
	case 32:
		*(volatile uint32_t *)phys_to_virt(g->address) = (uint32_t)value;
		break;
	default:
		*(volatile uint64_t *)phys_to_virt(g->address) = value;
		break;
	}
	return 0;
}
