/*
 * hpet_table.c: the ACPI HPET description table (IA-PC HPET specification
 * 1.0a section 3.2.4, table 3): where the event timer block lives.
 */
#include <acpi/acpi.h>
#include <basalt/string.h>
#include <uapi/errno.h>

/* Byte offsets in table 3 of the HPET specification. */
#define HPET_TBL_BLOCK_ID	36
#define HPET_TBL_BASE		40	/* Generic Address Structure */
#define HPET_TBL_NUMBER		52
#define HPET_TBL_MIN_TICK	53
#define HPET_TBL_LEN		56

int acpi_hpet_parse(const struct acpi_sdt_header *hpet,
		    struct acpi_hpet_info *out)
{
	const uint8_t *p = (const uint8_t *)hpet;
	struct acpi_gas base;

	memset(out, 0, sizeof(*out));
	if (memcmp(hpet->signature, "HPET", ACPI_SIG_LEN) ||
	    hpet->length < HPET_TBL_LEN)
		return -EINVAL;
	memcpy(&base, p + HPET_TBL_BASE, sizeof(base));
	/* The registers are memory-mapped (spec section 2.1). */
	if (base.space_id != ACPI_GAS_SYSTEM_MEMORY || !base.address)
		return -EINVAL;
	out->address = base.address;
	memcpy(&out->block_id, p + HPET_TBL_BLOCK_ID, sizeof(out->block_id));
	out->number = p[HPET_TBL_NUMBER];
	memcpy(&out->min_tick, p + HPET_TBL_MIN_TICK, sizeof(out->min_tick));
	return 0;
}
