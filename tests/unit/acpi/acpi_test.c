/*
 * acpi_test.c: kernel/acpi/ parsers on tables built here in a fake
 * physical memory, well-formed and corrupt (bad checksums, lengths beyond
 * the buffer, zero-length MADT entries), and the \_S5_ AML decoder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <acpi/acpi.h>
#include <uapi/errno.h>

/* The parsers log through klog; the tests only count the warnings. */
static unsigned warnings;

void klog(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
	warnings++;
}

/* Fake physical memory: phys MEM_BASE .. MEM_BASE + MEM_SIZE. */
#define MEM_BASE	0x100000
#define MEM_SIZE	0x4000
static uint8_t mem[MEM_SIZE];

static const void *test_map(uint64_t phys, uint32_t len)
{
	if (phys < MEM_BASE || phys - MEM_BASE > MEM_SIZE ||
	    len > MEM_SIZE - (phys - MEM_BASE))
		return NULL;
	return mem + (phys - MEM_BASE);
}

static uint8_t *at(uint64_t phys)
{
	return mem + (phys - MEM_BASE);
}

static void fix_checksum(void *p, size_t len, uint8_t *field)
{
	*field = 0;
	*field = (uint8_t)(0x100 - acpi_checksum(p, len));
}

/* Writes a table header + body at phys, with a correct checksum. */
static struct acpi_sdt_header *put_table(uint64_t phys, const char *sig,
					 uint8_t rev, const void *body,
					 uint32_t body_len)
{
	struct acpi_sdt_header *h = (void *)at(phys);

	memset(h, 0, sizeof(*h));
	memcpy(h->signature, sig, 4);
	h->length = (uint32_t)sizeof(*h) + body_len;
	h->revision = rev;
	memcpy(h->oem_id, "BASALT", 6);
	if (body_len)
		memcpy(h + 1, body, body_len);
	fix_checksum(h, h->length, &h->checksum);
	return h;
}

static struct acpi_rsdp rsdp;

static void make_rsdp(uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	memset(&rsdp, 0, sizeof(rsdp));
	memcpy(rsdp.signature, ACPI_RSDP_SIG, 8);
	memcpy(rsdp.oem_id, "BASALT", 6);
	rsdp.revision = rev;
	rsdp.rsdt_address = rsdt;
	rsdp.length = ACPI_RSDP_V2_LEN;
	rsdp.xsdt_address = xsdt;
	fix_checksum(&rsdp, ACPI_RSDP_V1_LEN, &rsdp.checksum);
	fix_checksum(&rsdp, ACPI_RSDP_V2_LEN, &rsdp.extended_checksum);
}

#define RSDT_AT		(MEM_BASE + 0x000)
#define XSDT_AT		(MEM_BASE + 0x100)
#define T1_AT		(MEM_BASE + 0x200)
#define T2_AT		(MEM_BASE + 0x400)
#define T3_AT		(MEM_BASE + 0x600)

static int setup(void **state)
{
	(void)state;
	memset(mem, 0, sizeof(mem));
	warnings = 0;
	return 0;
}

static void test_checksum(void **state)
{
	uint8_t b[4] = { 1, 2, 3, 0xFA };

	(void)state;
	assert_int_equal(acpi_checksum(b, 4), 0);
	b[0] = 2;
	assert_int_equal(acpi_checksum(b, 4), 1);
	assert_int_equal(acpi_checksum(b, 0), 0);
}

static void test_rsdp_rejects_corruption(void **state)
{
	struct acpi_root r;

	(void)state;
	put_table(RSDT_AT, "RSDT", 1, NULL, 0);
	make_rsdp(0, RSDT_AT, 0);
	assert_int_equal(acpi_root_init(&r, &rsdp, ACPI_RSDP_V1_LEN, test_map), 0);

	rsdp.signature[0] = 'X';
	assert_int_equal(acpi_root_init(&r, &rsdp, sizeof(rsdp), test_map), -EINVAL);

	make_rsdp(0, RSDT_AT, 0);
	rsdp.checksum++;
	assert_int_equal(acpi_root_init(&r, &rsdp, sizeof(rsdp), test_map), -EINVAL);

	/* v2: the extended checksum covers the XSDT address. */
	make_rsdp(2, RSDT_AT, XSDT_AT);
	rsdp.xsdt_address++;
	assert_int_equal(acpi_root_init(&r, &rsdp, sizeof(rsdp), test_map), -EINVAL);

	/* v2 claiming more bytes than we were given. */
	make_rsdp(2, RSDT_AT, XSDT_AT);
	assert_int_equal(acpi_root_init(&r, &rsdp, ACPI_RSDP_V1_LEN + 4, test_map),
			 -EINVAL);
	assert_int_equal(acpi_root_init(&r, &rsdp, 10, test_map), -EINVAL);
}

static void test_xsdt_preferred_rsdt_fallback(void **state)
{
	uint32_t rsdt_entries[1] = { T1_AT };
	uint64_t xsdt_entries[2] = { T1_AT, T2_AT };
	struct acpi_sdt_header *x;
	struct acpi_root r;

	(void)state;
	put_table(T1_AT, "FACP", 1, NULL, 0);
	put_table(T2_AT, "APIC", 1, NULL, 0);
	put_table(RSDT_AT, "RSDT", 1, rsdt_entries, sizeof(rsdt_entries));
	x = put_table(XSDT_AT, "XSDT", 1, xsdt_entries, sizeof(xsdt_entries));
	make_rsdp(2, RSDT_AT, XSDT_AT);
	assert_int_equal(acpi_root_init(&r, &rsdp, sizeof(rsdp), test_map), 0);
	assert_int_equal(r.entry_size, 8);
	assert_int_equal(r.entries, 2);
	assert_int_equal(acpi_root_entry(&r, 1), T2_AT);
	assert_int_equal(acpi_root_entry(&r, 2), 0);
	assert_non_null(acpi_find_table(&r, "APIC", 0));

	/* A corrupt XSDT is not trusted: the RSDT is used instead. */
	x->checksum++;
	assert_int_equal(acpi_root_init(&r, &rsdp, sizeof(rsdp), test_map), 0);
	assert_int_equal(r.entry_size, 4);
	assert_int_equal(r.entries, 1);
	assert_null(acpi_find_table(&r, "APIC", 0));
	assert_true(warnings > 0);

	/* Neither usable: an error. */
	((struct acpi_sdt_header *)at(RSDT_AT))->length = MEM_SIZE * 2;
	assert_int_equal(acpi_root_init(&r, &rsdp, sizeof(rsdp), test_map), -EINVAL);
}

static void test_find_table_skips_corrupt(void **state)
{
	uint32_t entries[3] = { T1_AT, T2_AT, T3_AT };
	struct acpi_sdt_header *bad, *big;
	struct acpi_root r;

	(void)state;
	bad = put_table(T1_AT, "HPET", 1, "x", 1);
	bad->checksum ^= 0x55;
	put_table(T2_AT, "HPET", 1, "y", 1);
	big = put_table(T3_AT, "SSDT", 1, NULL, 0);
	big->length = MEM_SIZE;		/* runs past the end of memory */
	put_table(RSDT_AT, "RSDT", 1, entries, sizeof(entries));
	make_rsdp(0, RSDT_AT, 0);
	assert_int_equal(acpi_root_init(&r, &rsdp, ACPI_RSDP_V1_LEN, test_map), 0);

	assert_ptr_equal(acpi_find_table(&r, "HPET", 0), at(T2_AT));
	assert_null(acpi_find_table(&r, "HPET", 1));
	assert_null(acpi_find_table(&r, "SSDT", 0));
	big->length = 3;		/* shorter than its own header */
	assert_null(acpi_find_table(&r, "SSDT", 0));
	assert_null(acpi_table_map(&r, T2_AT, "FACP"));
	assert_null(acpi_table_map(&r, 0, NULL));
	assert_null(acpi_table_map(&r, MEM_BASE + MEM_SIZE - 8, NULL));
}

/* MADT body: local APIC address, flags, then the entries. */
static const uint8_t madt_body[] = {
	0x00, 0x00, 0xE0, 0xFE, 0x01, 0x00, 0x00, 0x00,
	0, 8, 0, 0, 1, 0, 0, 0,				/* LAPIC id 0 enabled */
	0, 8, 1, 1, 0, 0, 0, 0,				/* LAPIC id 1 disabled */
	1, 12, 2, 0, 0x00, 0x00, 0xC0, 0xFE, 0, 0, 0, 0,	/* IOAPIC 2 */
	2, 10, 0, 0, 2, 0, 0, 0, 0, 0,			/* IRQ0 -> GSI2 */
	2, 10, 0, 9, 9, 0, 0, 0, 0x0D, 0,		/* IRQ9 level high */
	4, 6, 0xFF, 0, 0, 1,				/* LAPIC NMI: skipped */
	5, 12, 0, 0, 0, 0, 0xD0, 0xFE, 0, 0, 0, 0,	/* LAPIC address override */
};

static void test_madt_parse(void **state)
{
	struct acpi_madt_info m;
	struct acpi_sdt_header *h;

	(void)state;
	h = put_table(T1_AT, "APIC", 3, madt_body, sizeof(madt_body));
	assert_int_equal(acpi_madt_parse(h, &m), 0);
	assert_int_equal(m.lapic_address, 0xFED00000);
	assert_int_equal(m.flags, 1);
	assert_int_equal(m.ncpus, 1);
	assert_int_equal(m.nioapics, 1);
	assert_int_equal(m.ioapics[0].id, 2);
	assert_int_equal(m.ioapics[0].address, 0xFEC00000);
	assert_int_equal(m.noverrides, 2);
	assert_int_equal(m.overrides[0].source, 0);
	assert_int_equal(m.overrides[0].gsi, 2);
	assert_int_equal(m.overrides[1].flags & ACPI_MADT_TRIGGER_MASK,
			 ACPI_MADT_TRIGGER_LEVEL);
	assert_int_equal(m.bad_entries, 0);
}

static void test_madt_corrupt_entries(void **state)
{
	uint8_t body[sizeof(madt_body)];
	struct acpi_madt_info m;
	struct acpi_sdt_header *h;

	(void)state;
	/* A zero-length entry must end the walk, not loop forever. */
	memcpy(body, madt_body, sizeof(body));
	body[16 + 1] = 0;
	h = put_table(T1_AT, "APIC", 3, body, sizeof(body));
	assert_int_equal(acpi_madt_parse(h, &m), 0);
	assert_int_equal(m.ncpus, 1);
	assert_int_equal(m.nioapics, 0);
	assert_int_equal(m.bad_entries, 1);

	/* An entry claiming to run past the table end is not read. */
	memcpy(body, madt_body, sizeof(body));
	h = put_table(T1_AT, "APIC", 3, body, 8 + 8 + 4);	/* LAPIC + half */
	assert_int_equal(acpi_madt_parse(h, &m), 0);
	assert_int_equal(m.ncpus, 1);
	assert_int_equal(m.bad_entries, 1);

	/* An IOAPIC entry too short for its type is skipped. */
	memcpy(body, madt_body, sizeof(body));
	body[24 + 1] = 4;
	h = put_table(T1_AT, "APIC", 3, body, 24 + 4);
	assert_int_equal(acpi_madt_parse(h, &m), 0);
	assert_int_equal(m.nioapics, 0);
	assert_int_equal(m.bad_entries, 1);

	/* Shorter than the fixed part, or the wrong signature. */
	h = put_table(T1_AT, "APIC", 3, body, 4);
	assert_int_equal(acpi_madt_parse(h, &m), -EINVAL);
	h = put_table(T1_AT, "APIX", 3, madt_body, sizeof(madt_body));
	assert_int_equal(acpi_madt_parse(h, &m), -EINVAL);
}

#define FADT_V1_LEN	116
#define FADT_V3_LEN	244

static struct acpi_sdt_header *make_fadt(uint32_t len, bool x_fields)
{
	uint8_t f[FADT_V3_LEN];		/* indexed by table 5.9 offsets */
	uint32_t v32;
	uint64_t v64;
	struct acpi_gas reset = { ACPI_GAS_SYSTEM_IO, 8, 0, 1, 0xCF9 };
	struct acpi_gas pm1a = { ACPI_GAS_SYSTEM_IO, 16, 0, 2, 0xB004 };

	memset(f, 0, sizeof(f));
	v32 = 0x1000;
	memcpy(f + 40, &v32, 4);		/* DSDT */
	f[46] = 9;				/* SCI_INT */
	v32 = 0xB2;
	memcpy(f + 48, &v32, 4);		/* SMI_CMD */
	f[52] = 0xF1;				/* ACPI_ENABLE */
	v32 = 0x604;
	memcpy(f + 64, &v32, 4);		/* PM1a_CNT_BLK */
	f[89] = 2;				/* PM1_CNT_LEN */
	f[108] = 0x32;				/* CENTURY */
	v32 = ACPI_FADT_RESET_REG_SUP;
	memcpy(f + 112, &v32, 4);		/* Flags */
	memcpy(f + 116, &reset, sizeof(reset));
	f[128] = 0x06;				/* RESET_VALUE */
	if (x_fields) {
		v64 = 0x2000;
		memcpy(f + 140, &v64, 8);	/* X_DSDT */
		memcpy(f + 172, &pm1a, sizeof(pm1a));
	}
	return put_table(T1_AT, "FACP", 3, f + 36, len - 36);
}

static void test_fadt_revisions(void **state)
{
	struct acpi_fadt_info fi;

	(void)state;
	/* Revision 1 length: no reset register, legacy blocks only. */
	assert_int_equal(acpi_fadt_parse(make_fadt(FADT_V1_LEN, true), &fi), 0);
	assert_int_equal(fi.dsdt_phys, 0x1000);
	assert_int_equal(fi.sci_int, 9);
	assert_int_equal(fi.smi_cmd, 0xB2);
	assert_int_equal(fi.acpi_enable, 0xF1);
	assert_int_equal(fi.pm1a_cnt.space_id, ACPI_GAS_SYSTEM_IO);
	assert_int_equal(fi.pm1a_cnt.address, 0x604);
	assert_int_equal(fi.pm1a_cnt.bit_width, 16);
	assert_int_equal(fi.pm1b_cnt.address, 0);
	assert_int_equal(fi.century, 0x32);
	assert_false(fi.reset_supported);

	/* Full length: the X_ fields take precedence, reset register usable. */
	assert_int_equal(acpi_fadt_parse(make_fadt(FADT_V3_LEN, true), &fi), 0);
	assert_int_equal(fi.dsdt_phys, 0x2000);
	assert_int_equal(fi.pm1a_cnt.address, 0xB004);
	assert_true(fi.reset_supported);
	assert_int_equal(fi.reset_reg.address, 0xCF9);
	assert_int_equal(fi.reset_value, 6);

	/* Zero X_ fields fall back to the 32-bit ones. */
	assert_int_equal(acpi_fadt_parse(make_fadt(FADT_V3_LEN, false), &fi), 0);
	assert_int_equal(fi.dsdt_phys, 0x1000);
	assert_int_equal(fi.pm1a_cnt.address, 0x604);

	/* Too short to hold even the DSDT pointer. */
	assert_int_equal(acpi_fadt_parse(make_fadt(40, false), &fi), -EINVAL);
}

static void test_hpet_table(void **state)
{
	uint8_t body[20] = { 0x01, 0xA2, 0x86, 0x80 };
	struct acpi_gas base = { ACPI_GAS_SYSTEM_MEMORY, 64, 0, 0, 0xFED00000 };
	struct acpi_hpet_info hi;

	(void)state;
	memcpy(body + 4, &base, sizeof(base));
	body[17] = 0x80;		/* min tick 128 */
	assert_int_equal(acpi_hpet_parse(put_table(T1_AT, "HPET", 1, body, 20),
					 &hi), 0);
	assert_int_equal(hi.address, 0xFED00000);
	assert_int_equal(hi.min_tick, 128);
	assert_int_equal(hi.block_id, 0x8086A201);
	assert_int_equal(acpi_hpet_parse(put_table(T1_AT, "HPET", 1, body, 10),
					 &hi), -EINVAL);
	body[4] = ACPI_GAS_SYSTEM_IO;
	assert_int_equal(acpi_hpet_parse(put_table(T1_AT, "HPET", 1, body, 20),
					 &hi), -EINVAL);
}

static void test_s5_decode(void **state)
{
	/* QEMU's: Name(_S5_, Package(4) { Zero, Zero, Zero, Zero }) */
	static const uint8_t qemu[] = { 0x10, 0x08, 0x08, '_', 'S', '5', '_',
		0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00 };
	/* Name(\_S5_, Package() { 0x05, 0x07 }) with a 2-byte PkgLength */
	static const uint8_t root[] = { 0x08, '\\', '_', 'S', '5', '_',
		0x12, 0x47, 0x00, 0x02, 0x0A, 0x05, 0x0A, 0x07 };
	/* A reference to _S5_ (no NameOp) first, then Name(_S5_, {One, 3}) */
	static const uint8_t ref[] = { 0x70, '_', 'S', '5', '_', 0x60,
		0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x01, 0x0A, 0x03 };
	struct acpi_sleep_type st;

	(void)state;
	assert_int_equal(acpi_aml_find_s5(qemu, sizeof(qemu), &st), 0);
	assert_int_equal(st.slp_typa, 0);
	assert_int_equal(st.slp_typb, 0);
	assert_int_equal(acpi_aml_find_s5(root, sizeof(root), &st), 0);
	assert_int_equal(st.slp_typa, 5);
	assert_int_equal(st.slp_typb, 7);
	assert_int_equal(acpi_aml_find_s5(ref, sizeof(ref), &st), 0);
	assert_int_equal(st.slp_typa, 1);
	assert_int_equal(st.slp_typb, 3);
}

static void test_s5_malformed(void **state)
{
	static const uint8_t none[] = { 0x08, '_', 'S', '4', '_', 0x12, 0x03,
		0x01, 0x00 };
	/* PkgLength 0x30 runs far past the buffer. */
	static const uint8_t longpkg[] = { 0x08, '_', 'S', '5', '_', 0x12,
		0x30, 0x02, 0x0A, 0x05 };
	/* Truncated inside the second element. */
	static const uint8_t trunc[] = { 0x08, '_', 'S', '5', '_', 0x12,
		0x05, 0x02, 0x0A, 0x05, 0x0B, 0x01 };
	/* SLP_TYP is 3 bits: 9 is not a sleep type. */
	static const uint8_t big[] = { 0x08, '_', 'S', '5', '_', 0x12,
		0x06, 0x02, 0x0A, 0x09, 0x0A, 0x00 };
	/* Name without a package, and a name at the very end. */
	static const uint8_t nopkg[] = { 0x08, '_', 'S', '5', '_', 0x0A, 0x05 };
	static const uint8_t tail[] = { 0x08, '_', 'S', '5', '_' };
	struct acpi_sleep_type st;

	(void)state;
	assert_int_equal(acpi_aml_find_s5(none, sizeof(none), &st), -ENOENT);
	assert_int_equal(acpi_aml_find_s5(longpkg, sizeof(longpkg), &st), -EINVAL);
	assert_int_equal(acpi_aml_find_s5(trunc, sizeof(trunc), &st), -EINVAL);
	assert_int_equal(acpi_aml_find_s5(big, sizeof(big), &st), -EINVAL);
	assert_int_equal(acpi_aml_find_s5(nopkg, sizeof(nopkg), &st), -EINVAL);
	assert_int_equal(acpi_aml_find_s5(tail, sizeof(tail), &st), -EINVAL);
	assert_int_equal(acpi_aml_find_s5(tail, 0, &st), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_checksum, setup),
		cmocka_unit_test_setup(test_rsdp_rejects_corruption, setup),
		cmocka_unit_test_setup(test_xsdt_preferred_rsdt_fallback, setup),
		cmocka_unit_test_setup(test_find_table_skips_corrupt, setup),
		cmocka_unit_test_setup(test_madt_parse, setup),
		cmocka_unit_test_setup(test_madt_corrupt_entries, setup),
		cmocka_unit_test_setup(test_fadt_revisions, setup),
		cmocka_unit_test_setup(test_hpet_table, setup),
		cmocka_unit_test_setup(test_s5_decode, setup),
		cmocka_unit_test_setup(test_s5_malformed, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
