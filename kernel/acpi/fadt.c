/*
 * fadt.c: the Fixed ACPI Description Table (ACPI 6.4 section 5.2.9,
 * table 5.9). Old revisions are shorter: a field is read only if the
 * table's length covers it, and the 64-bit X_ fields win over the 32-bit
 * ones when present and non-zero (section 5.2.9: "X_ fields take
 * precedence").
 */
#include <acpi/acpi.h>
#include <basalt/string.h>
#include <uapi/errno.h>

/* Byte offsets in table 5.9. */
#define FADT_DSDT		40
#define FADT_SCI_INT		46
#define FADT_SMI_CMD		48
#define FADT_ACPI_ENABLE	52
#define FADT_PM1A_CNT_BLK	64
#define FADT_PM1B_CNT_BLK	68
#define FADT_PM_TMR_BLK		76
#define FADT_PM1_CNT_LEN	89
#define FADT_PM_TMR_LEN		91
#define FADT_CENTURY		108
#define FADT_IAPC_BOOT_ARCH	109
#define FADT_FLAGS		112
#define FADT_RESET_REG		116
#define FADT_RESET_VALUE	128
#define FADT_X_DSDT		140
#define FADT_X_PM1A_CNT_BLK	172
#define FADT_X_PM1B_CNT_BLK	184
#define FADT_X_PM_TMR_BLK	208

#define BITS_PER_BYTE		8

struct fadt_reader {
	const uint8_t *base;
	uint32_t length;
};

/* Copies size bytes at off if the table holds them; else leaves 0. */
static bool fadt_get(const struct fadt_reader *r, uint32_t off, void *dst,
		     size_t size)
{
	if (off + size > r->length)
		return false;
	memcpy(dst, r->base + off, size);
	return true;
}

/* A legacy block: an I/O port number and its length in bytes. */
static void fadt_legacy_block(const struct fadt_reader *r, uint32_t off,
			      uint32_t len_off, struct acpi_gas *out)
{
	uint32_t port = 0;
	uint8_t len = 0;

	fadt_get(r, off, &port, sizeof(port));
	fadt_get(r, len_off, &len, sizeof(len));
	memset(out, 0, sizeof(*out));
	if (!port)
		return;
	out->space_id = ACPI_GAS_SYSTEM_IO;
	out->bit_width = (uint8_t)(len * BITS_PER_BYTE);
	out->address = port;
}

/* Prefers the X_ Generic Address Structure when it is filled in. */
static void fadt_block(const struct fadt_reader *r, uint32_t off,
		       uint32_t len_off, uint32_t x_off, struct acpi_gas *out)
{
	struct acpi_gas x = { 0 };

	fadt_legacy_block(r, off, len_off, out);
	if (fadt_get(r, x_off, &x, sizeof(x)) && x.address)
		*out = x;
}

int acpi_fadt_parse(const struct acpi_sdt_header *fadt,
		    struct acpi_fadt_info *out)
{
	struct fadt_reader r = { (const uint8_t *)fadt, fadt->length };
	uint32_t dsdt32 = 0;
	uint64_t x_dsdt = 0;

	memset(out, 0, sizeof(*out));
	if (memcmp(fadt->signature, "FACP", ACPI_SIG_LEN) ||
	    !fadt_get(&r, FADT_DSDT, &dsdt32, sizeof(dsdt32)))
		return -EINVAL;
	fadt_get(&r, FADT_X_DSDT, &x_dsdt, sizeof(x_dsdt));
	out->dsdt_phys = x_dsdt ? x_dsdt : dsdt32;
	fadt_get(&r, FADT_SCI_INT, &out->sci_int, sizeof(out->sci_int));
	fadt_get(&r, FADT_SMI_CMD, &out->smi_cmd, sizeof(out->smi_cmd));
	fadt_get(&r, FADT_ACPI_ENABLE, &out->acpi_enable,
		 sizeof(out->acpi_enable));
	fadt_block(&r, FADT_PM1A_CNT_BLK, FADT_PM1_CNT_LEN,
		   FADT_X_PM1A_CNT_BLK, &out->pm1a_cnt);
	fadt_block(&r, FADT_PM1B_CNT_BLK, FADT_PM1_CNT_LEN,
		   FADT_X_PM1B_CNT_BLK, &out->pm1b_cnt);
	fadt_block(&r, FADT_PM_TMR_BLK, FADT_PM_TMR_LEN,
		   FADT_X_PM_TMR_BLK, &out->pm_tmr);
	fadt_get(&r, FADT_CENTURY, &out->century, sizeof(out->century));
	fadt_get(&r, FADT_IAPC_BOOT_ARCH, &out->iapc_boot_arch,
		 sizeof(out->iapc_boot_arch));
	fadt_get(&r, FADT_FLAGS, &out->flags, sizeof(out->flags));
	if (fadt_get(&r, FADT_RESET_REG, &out->reset_reg,
		     sizeof(out->reset_reg)) &&
	    fadt_get(&r, FADT_RESET_VALUE, &out->reset_value,
		     sizeof(out->reset_value)))
		out->reset_supported = (out->flags & ACPI_FADT_RESET_REG_SUP) &&
				       out->reset_reg.address;
	return 0;
}
