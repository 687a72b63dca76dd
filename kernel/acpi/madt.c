/*
 * madt.c: the Multiple APIC Description Table (ACPI 6.4 section 5.2.12):
 * local APIC address, I/O APICs, and ISA interrupt source overrides.
 * Each entry's length is checked against its type and the table end; a
 * zero or short length stops the walk (it could never advance).
 */
#include <acpi/acpi.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <uapi/errno.h>

/* Table 5.19: the fixed part after the header. */
#define MADT_LAPIC_ADDR_OFF	36
#define MADT_FLAGS_OFF		40
#define MADT_ENTRIES_OFF	44

/* Table 5.21: interrupt controller structure types, and their lengths. */
#define MADT_TYPE_LAPIC		0	/* 5.2.12.2, 8 bytes */
#define MADT_TYPE_IOAPIC	1	/* 5.2.12.3, 12 bytes */
#define MADT_TYPE_OVERRIDE	2	/* 5.2.12.5, 10 bytes */
#define MADT_TYPE_LAPIC_ADDR	5	/* 5.2.12.8, 12 bytes */
#define MADT_LEN_LAPIC		8
#define MADT_LEN_IOAPIC		12
#define MADT_LEN_OVERRIDE	10
#define MADT_LEN_LAPIC_ADDR	12
#define MADT_ENTRY_HEADER	2	/* type, length */
#define MADT_LAPIC_ENABLED	(1u << 0)	/* table 5.23 */
#define MADT_LAPIC_ONLINE_CAP	(1u << 1)	/* table 5.23 */

static uint16_t madt_u16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t madt_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t madt_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void madt_entry(const uint8_t *e, struct acpi_madt_info *out)
{
	uint8_t type = e[0], len = e[1];

	switch (type) {
	case MADT_TYPE_LAPIC:
		if (len < MADT_LEN_LAPIC)
			goto bad;
		/* Online-capable CPUs are not running: only count enabled. */
		if ((madt_u32(e + 4) & MADT_LAPIC_ENABLED) &&
		    out->ncpus < ACPI_MADT_MAX_CPUS)
			out->cpu_apic_ids[out->ncpus++] = e[3];
		break;
	case MADT_TYPE_IOAPIC: {
		struct acpi_ioapic_info *io;

		if (len < MADT_LEN_IOAPIC)
			goto bad;
		if (out->nioapics >= ACPI_MADT_MAX_IOAPICS)
			break;
		io = &out->ioapics[out->nioapics++];
		io->id = e[2];
		io->address = madt_u32(e + 4);
		io->gsi_base = madt_u32(e + 8);
		break;
	}
	case MADT_TYPE_OVERRIDE: {
		struct acpi_irq_override *o;

		if (len < MADT_LEN_OVERRIDE)
			goto bad;
		if (out->noverrides >= ACPI_MADT_MAX_OVERRIDES)
			break;
		o = &out->overrides[out->noverrides++];
		o->bus = e[2];
		o->source = e[3];
		o->gsi = madt_u32(e + 4);
		o->flags = madt_u16(e + 8);
		break;
	}
	case MADT_TYPE_LAPIC_ADDR:
		if (len < MADT_LEN_LAPIC_ADDR)
			goto bad;
		out->lapic_address = madt_u64(e + 4);
		break;
	default:
		break;	/* x2APIC, NMI, GIC...: not needed here */
	}
	return;
bad:
	out->bad_entries++;
}

int acpi_madt_parse(const struct acpi_sdt_header *madt,
		    struct acpi_madt_info *out)
{
	const uint8_t *base = (const uint8_t *)madt;
	size_t off = MADT_ENTRIES_OFF;

	memset(out, 0, sizeof(*out));
	if (memcmp(madt->signature, "APIC", ACPI_SIG_LEN) ||
	    madt->length < MADT_ENTRIES_OFF)
		return -EINVAL;
	out->lapic_address = madt_u32(base + MADT_LAPIC_ADDR_OFF);
	out->flags = madt_u32(base + MADT_FLAGS_OFF);

	while (off + MADT_ENTRY_HEADER <= madt->length) {
		uint8_t len = base[off + 1];

		if (len < MADT_ENTRY_HEADER || off + len > madt->length) {
			pr_warn("ACPI: MADT entry at offset %zu has bad length %u; "
				"ignoring the rest\n", off, len);
			out->bad_entries++;
			break;
		}
		madt_entry(base + off, out);
		off += len;
	}
	return 0;
}
