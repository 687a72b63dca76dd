/*
 * acpi_ktest.c: the ACPI tables QEMU provides (both -M pc and -M q35 have
 * a FADT, a MADT with one IOAPIC, an HPET table and \_S5_ in the DSDT)
 * were found and parsed.
 */
#include <acpi/acpi.h>
#include <basalt/ktest.h>

/* The IOAPIC and local APIC sit at their PC-standard addresses. */
#define KT_LAPIC_DEFAULT	0xFEE00000
#define KT_IOAPIC_DEFAULT	0xFEC00000
#define KT_ISA_IRQS		16

KTEST(acpi_root_found)
{
	KT_ASSERT(t, acpi.present);
	KT_EXPECT(t, acpi.root.entries > 0);
	KT_EXPECT(t, acpi_checksum(acpi.root.root, acpi.root.root->length) == 0);
}

KTEST(acpi_fadt_parsed)
{
	KT_ASSERT(t, acpi.have_fadt);
	KT_EXPECT(t, acpi.fadt.dsdt_phys != 0);
	KT_EXPECT(t, acpi.fadt.pm1a_cnt.address != 0);
	KT_EXPECT(t, acpi.have_s5);
	KT_EXPECT(t, acpi.fadt.sci_int < KT_ISA_IRQS);
}

KTEST(acpi_madt_parsed)
{
	KT_ASSERT(t, acpi.have_madt);
	KT_EXPECT_EQ(t, acpi.madt.lapic_address, KT_LAPIC_DEFAULT);
	KT_EXPECT(t, acpi.madt.ncpus >= 1);
	KT_ASSERT(t, acpi.madt.nioapics >= 1);
	KT_EXPECT_EQ(t, acpi.madt.ioapics[0].address, KT_IOAPIC_DEFAULT);
	KT_EXPECT_EQ(t, acpi.madt.ioapics[0].gsi_base, 0);
	KT_EXPECT_EQ(t, acpi.madt.bad_entries, 0);
	/* QEMU routes ISA IRQ 0 (the PIT) to GSI 2. */
	KT_EXPECT(t, acpi.madt.noverrides >= 1);
}

KTEST(acpi_hpet_found)
{
	KT_ASSERT(t, acpi.have_hpet);
	KT_EXPECT(t, acpi.hpet.address != 0);
}
