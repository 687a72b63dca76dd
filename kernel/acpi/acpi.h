/*
 * ACPI tables (ACPI 6.4 chapter 5): the RSDP, the RSDT/XSDT, and the few
 * tables the kernel reads (FADT, MADT, HPET, the \_S5_ object of the DSDT).
 *
 * tables.c, madt.c, fadt.c, hpet_table.c and aml_s5.c are pure parsers: they
 * read firmware bytes through an acpi_map_fn, check every length and
 * checksum, and never trust what they have not checked, so the host unit
 * tests feed them hand-built and corrupt tables. acpi.c is the kernel glue
 * (acpi_init and the parsed results); gas.c accesses Generic Address
 * Structures on the hardware.
 */
#ifndef ACPI_ACPI_H
#define ACPI_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>

#define ACPI_SIG_LEN		4
#define ACPI_OEM_ID_LEN		6
#define ACPI_RSDP_SIG		"RSD PTR "	/* ACPI 6.4 table 5.3 */
#define ACPI_RSDP_SIG_LEN	8
#define ACPI_RSDP_V1_LEN	20	/* table 5.3: checksum covers these */
#define ACPI_RSDP_V2_LEN	36	/* table 5.3: the whole v2 structure */
#define ACPI_TABLE_MAX_LEN	(4u << 20)	/* sanity bound, far above QEMU's */

/* Generic Address Structure, ACPI 6.4 section 5.2.3.2, table 5.1. */
#define ACPI_GAS_SYSTEM_MEMORY	0
#define ACPI_GAS_SYSTEM_IO	1
#define ACPI_GAS_PCI_CONFIG	2

struct acpi_gas {
	uint8_t space_id;
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
} __packed;

/* System Description Table Header, ACPI 6.4 section 5.2.6, table 5.4. */
struct acpi_sdt_header {
	char signature[ACPI_SIG_LEN];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[ACPI_OEM_ID_LEN];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __packed;

/* Root System Description Pointer, ACPI 6.4 section 5.2.5.3, table 5.3. */
struct acpi_rsdp {
	char signature[ACPI_RSDP_SIG_LEN];
	uint8_t checksum;
	char oem_id[ACPI_OEM_ID_LEN];
	uint8_t revision;
	uint32_t rsdt_address;
	uint32_t length;		/* revision >= 2 from here on */
	uint64_t xsdt_address;
	uint8_t extended_checksum;
	uint8_t reserved[3];
} __packed;

/*
 * Returns a readable pointer to len bytes at physical address phys, or
 * NULL when that range cannot be mapped (the kernel: outside the direct
 * map; the unit tests: outside their buffer).
 */
typedef const void *(*acpi_map_fn)(uint64_t phys, uint32_t len);

/* The root table, found from the RSDP (tables.c). */
struct acpi_root {
	acpi_map_fn map;
	uint64_t rsdp_phys;		/* for the log only; 0 if unknown */
	uint64_t root_phys;
	const struct acpi_sdt_header *root;
	unsigned entry_size;		/* 8 for the XSDT, 4 for the RSDT */
	unsigned entries;
	uint8_t rsdp_revision;
	char oem_id[ACPI_OEM_ID_LEN + 1];
};

/* Sum of len bytes modulo 256: 0 for a valid ACPI structure. */
uint8_t acpi_checksum(const void *p, size_t len);

/*
 * Validates the RSDP copy rsdp[0..len) and maps its XSDT (revision >= 2,
 * preferred) or RSDT. Returns 0, -EINVAL for a corrupt RSDP or root table.
 */
int acpi_root_init(struct acpi_root *r, const void *rsdp, size_t len,
		   acpi_map_fn map);

/*
 * Maps the table at phys after checking its length (>= the header, within
 * ACPI_TABLE_MAX_LEN), checksum and, when sig is non-NULL, its signature.
 * Returns NULL (and logs why) for anything wrong.
 */
const struct acpi_sdt_header *acpi_table_map(const struct acpi_root *r,
					     uint64_t phys, const char *sig);

/* Physical address of root entry i (0 if out of range). */
uint64_t acpi_root_entry(const struct acpi_root *r, unsigned i);

/* The index-th valid table with signature sig, or NULL. */
const struct acpi_sdt_header *acpi_find_table(const struct acpi_root *r,
					      const char *sig, unsigned index);

/* MADT, ACPI 6.4 section 5.2.12 (madt.c). */
#define ACPI_MADT_MAX_IOAPICS	8
#define ACPI_MADT_MAX_OVERRIDES	16
#define ACPI_MADT_MAX_CPUS	64

/* MPS INTI flags, ACPI 6.4 table 5.26. */
#define ACPI_MADT_POLARITY_MASK		0x3
#define ACPI_MADT_POLARITY_CONFORMS	0x0	/* ISA: active high */
#define ACPI_MADT_POLARITY_HIGH		0x1
#define ACPI_MADT_POLARITY_LOW		0x3
#define ACPI_MADT_TRIGGER_SHIFT		2
#define ACPI_MADT_TRIGGER_MASK		(0x3 << ACPI_MADT_TRIGGER_SHIFT)
#define ACPI_MADT_TRIGGER_CONFORMS	(0x0 << ACPI_MADT_TRIGGER_SHIFT) /* ISA: edge */
#define ACPI_MADT_TRIGGER_EDGE		(0x1 << ACPI_MADT_TRIGGER_SHIFT)
#define ACPI_MADT_TRIGGER_LEVEL		(0x3 << ACPI_MADT_TRIGGER_SHIFT)

struct acpi_ioapic_info {
	uint8_t id;
	uint32_t address;	/* physical MMIO base */
	uint32_t gsi_base;
};

struct acpi_irq_override {
	uint8_t bus;		/* 0: ISA */
	uint8_t source;		/* ISA IRQ */
	uint32_t gsi;
	uint16_t flags;		/* ACPI_MADT_POLARITY_* | ACPI_MADT_TRIGGER_* */
};

struct acpi_madt_info {
	uint64_t lapic_address;	/* after any address override */
	uint32_t flags;		/* bit 0: PCAT_COMPAT (8259s present) */
	unsigned ncpus;		/* enabled local APICs */
	uint8_t cpu_apic_ids[ACPI_MADT_MAX_CPUS];
	unsigned nioapics;
	struct acpi_ioapic_info ioapics[ACPI_MADT_MAX_IOAPICS];
	unsigned noverrides;
	struct acpi_irq_override overrides[ACPI_MADT_MAX_OVERRIDES];
	unsigned bad_entries;	/* entries skipped as malformed */
};

/* Parses a mapped, checksummed MADT. Returns 0 or -EINVAL. */
int acpi_madt_parse(const struct acpi_sdt_header *madt,
		    struct acpi_madt_info *out);

/* FADT, ACPI 6.4 section 5.2.9 (fadt.c). */
#define ACPI_FADT_RESET_REG_SUP	(1u << 10)	/* table 5.10 Flags */
#define ACPI_FADT_HW_REDUCED	(1u << 20)	/* table 5.10 Flags */

struct acpi_fadt_info {
	uint64_t dsdt_phys;
	uint32_t flags;
	uint16_t sci_int;
	uint32_t smi_cmd;		/* I/O port, 0 if none */
	uint8_t acpi_enable;		/* value written to smi_cmd */
	struct acpi_gas pm1a_cnt;	/* address 0: absent */
	struct acpi_gas pm1b_cnt;
	struct acpi_gas pm_tmr;
	bool reset_supported;		/* RESET_REG_SUP and a usable register */
	struct acpi_gas reset_reg;
	uint8_t reset_value;
	uint8_t century;		/* CMOS index of the century, 0 if none */
	uint16_t iapc_boot_arch;
};

#define ACPI_FADT_BOOT_8042	(1u << 1)	/* table 5.11 IAPC_BOOT_ARCH */

/* Parses a mapped, checksummed FADT of any revision. Returns 0 or -EINVAL. */
int acpi_fadt_parse(const struct acpi_sdt_header *fadt,
		    struct acpi_fadt_info *out);

/* HPET description table (IA-PC HPET spec 1.0a section 3.2.4, table 3). */
struct acpi_hpet_info {
	uint64_t address;		/* physical MMIO base */
	uint8_t number;
	uint16_t min_tick;
	uint32_t block_id;
};

int acpi_hpet_parse(const struct acpi_sdt_header *hpet,
		    struct acpi_hpet_info *out);

/*
 * Sleep type values of \_S5_ (ACPI 6.4 section 7.4.2), decoded from the
 * AML of a DSDT (aml_s5.c). Returns 0, -ENOENT if no \_S5_ package is
 * found, -EINVAL if it is malformed.
 */
struct acpi_sleep_type {
	uint8_t slp_typa;
	uint8_t slp_typb;
};

int acpi_aml_find_s5(const uint8_t *aml, size_t len,
		     struct acpi_sleep_type *out);

/* The kernel's view (acpi.c), valid after acpi_init(). */
struct acpi_info {
	bool present;
	struct acpi_root root;
	bool have_fadt, have_madt, have_hpet, have_s5;
	struct acpi_fadt_info fadt;
	struct acpi_madt_info madt;
	struct acpi_hpet_info hpet;
	struct acpi_sleep_type s5;
};

extern struct acpi_info acpi;

/* Finds and parses the tables from boot_info.rsdp. Returns 0 or -errno. */
int acpi_init(void);

/*
 * Reads or writes a Generic Address Structure (gas.c): system memory and
 * system I/O, 8 to 64 bits. Returns 0, -EINVAL for an unsupported one.
 */
int acpi_gas_read(const struct acpi_gas *g, uint64_t *value);
int acpi_gas_write(const struct acpi_gas *g, uint64_t value);

#endif /* ACPI_ACPI_H */
