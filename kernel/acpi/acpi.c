/*
 * acpi.c: acpi_init finds the tables from the RSDP the boot loader copied
 * into boot_info (Multiboot2 spec 3.6.16/3.6.17), logs them as Linux does,
 * and keeps the parsed FADT, MADT, HPET and \_S5_ in `acpi`.
 *
 * Locking: `acpi` is written once by acpi_init on the boot CPU before
 * anything reads it, then only read.
 */
#include <acpi/acpi.h>
#include <basalt/bootinfo.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <uapi/errno.h>

/* boot.S maps physical 0..4 GiB at DIRECT_MAP_BASE, tables included. */
#define ACPI_DIRECT_MAP_LIMIT	(4ULL << 30)

struct acpi_info acpi;

static const void *acpi_map_direct(uint64_t phys, uint32_t len)
{
	if (phys >= ACPI_DIRECT_MAP_LIMIT || len > ACPI_DIRECT_MAP_LIMIT - phys)
		return NULL;
	return phys_to_virt(phys);
}

/* "ACPI: FACP 0x000000000FFE1A3C 0000F4 (v03 BOCHS  BXPC     00000001 ...)" */
static void acpi_log_table(uint64_t phys, const struct acpi_sdt_header *h)
{
	pr_info("ACPI: %.4s 0x%016llx %06X (v%02u %.6s %.8s %08X %.4s %08X)\n",
		h->signature, (unsigned long long)phys, h->length, h->revision,
		h->oem_id, h->oem_table_id, h->oem_revision,
		(const char *)&h->creator_id, h->creator_revision);
}

static const char *acpi_gas_space(const struct acpi_gas *g)
{
	if (!g->address)
		return "none";
	switch (g->space_id) {
	case ACPI_GAS_SYSTEM_MEMORY:
		return "mem";
	case ACPI_GAS_SYSTEM_IO:
		return "io";
	default:
		return "other";
	}
}

static void acpi_log_fadt(const struct acpi_fadt_info *f)
{
	pr_info("ACPI: PM1a_CNT %s %#llx, PM1b_CNT %s %#llx, SCI IRQ %u\n",
		acpi_gas_space(&f->pm1a_cnt), (unsigned long long)f->pm1a_cnt.address,
		acpi_gas_space(&f->pm1b_cnt), (unsigned long long)f->pm1b_cnt.address,
		f->sci_int);
	if (f->reset_supported)
		pr_info("ACPI: reset register %s %#llx value %#x\n",
			acpi_gas_space(&f->reset_reg),
			(unsigned long long)f->reset_reg.address, f->reset_value);
	else
		pr_info("ACPI: no reset register\n");
}

static void acpi_load_fadt(void)
{
	const struct acpi_sdt_header *fadt, *dsdt;
	int err;

	fadt = acpi_find_table(&acpi.root, "FACP", 0);
	if (!fadt || acpi_fadt_parse(fadt, &acpi.fadt)) {
		pr_warn("ACPI: no usable FADT\n");
		return;
	}
	acpi.have_fadt = true;
	acpi_log_fadt(&acpi.fadt);
	dsdt = acpi_table_map(&acpi.root, acpi.fadt.dsdt_phys, "DSDT");
	if (!dsdt) {
		pr_warn("ACPI: no usable DSDT; power off unavailable\n");
		return;
	}
	acpi_log_table(acpi.fadt.dsdt_phys, dsdt);
	err = acpi_aml_find_s5((const uint8_t *)(dsdt + 1),
			       dsdt->length - sizeof(*dsdt), &acpi.s5);
	if (err) {
		pr_warn("ACPI: no \\_S5_ in the DSDT (error %d)\n", err);
		return;
	}
	acpi.have_s5 = true;
}

static void acpi_load_madt(void)
{
	const struct acpi_sdt_header *madt = acpi_find_table(&acpi.root, "APIC", 0);
	struct acpi_madt_info *m = &acpi.madt;

	if (!madt || acpi_madt_parse(madt, m)) {
		pr_warn("ACPI: no usable MADT\n");
		return;
	}
	acpi.have_madt = true;
	pr_info("ACPI: LAPIC at %#llx, %u CPUs, %u IOAPICs, %u overrides%s\n",
		(unsigned long long)m->lapic_address, m->ncpus, m->nioapics,
		m->noverrides, m->bad_entries ? " (malformed entries skipped)" : "");
	for (unsigned i = 0; i < m->nioapics; i++)
		pr_debug("ACPI: IOAPIC[%u]: id %u address %#x GSI base %u\n", i,
			m->ioapics[i].id, m->ioapics[i].address,
			m->ioapics[i].gsi_base);
	for (unsigned i = 0; i < m->noverrides; i++)
		pr_debug("ACPI: INT_SRC_OVR (bus %u bus_irq %u global_irq %u flags %#x)\n",
			m->overrides[i].bus, m->overrides[i].source,
			m->overrides[i].gsi, m->overrides[i].flags);
}

static void acpi_load_hpet(void)
{
	const struct acpi_sdt_header *hpet = acpi_find_table(&acpi.root, "HPET", 0);

	if (!hpet)
		return;
	if (acpi_hpet_parse(hpet, &acpi.hpet)) {
		pr_warn("ACPI: HPET table unusable\n");
		return;
	}
	acpi.have_hpet = true;
}

int acpi_init(void)
{
	struct acpi_root *r = &acpi.root;
	int err;

	if (!boot_info.rsdp_len) {
		pr_warn("ACPI: the boot loader passed no RSDP\n");
		return -ENODEV;
	}
	err = acpi_root_init(r, boot_info.rsdp, boot_info.rsdp_len,
			     acpi_map_direct);
	if (err) {
		pr_warn("ACPI: unusable RSDP or root table (error %d)\n", err);
		return err;
	}
	acpi.present = true;
	pr_info("ACPI: RSDP (v%02u %.6s) copied by the boot loader\n",
		r->rsdp_revision, r->oem_id);
	acpi_log_table(r->root_phys, r->root);
	for (unsigned i = 0; i < r->entries; i++) {
		uint64_t phys = acpi_root_entry(r, i);
		const struct acpi_sdt_header *h = acpi_table_map(r, phys, NULL);

		if (h)
			acpi_log_table(phys, h);
	}
	acpi_load_fadt();
	acpi_load_madt();
	acpi_load_hpet();
	if (acpi.have_s5)
		pr_info("ACPI: \\_S5_ SLP_TYPa %u SLP_TYPb %u\n",
			acpi.s5.slp_typa, acpi.s5.slp_typb);
	return 0;
}
