/*
 * aml_s5.c: find Name(\_S5_, Package() { SLP_TYPa, SLP_TYPb, ... }) in
 * DSDT AML without an interpreter. This is a bounded byte scan for the
 * NameOp + NameSeg pattern, then a decode of the package per the AML
 * grammar (ACPI 6.4 section 20.2). Every read is checked against len.
 * An _S5_ defined as a Method (rare) is not handled: -ENOENT.
 */
#include <acpi/acpi.h>
#include <basalt/string.h>
#include <uapi/errno.h>

/* ACPI 6.4 section 20.2 (AML grammar) opcodes and prefixes. */
#define AML_ZERO_OP		0x00	/* 20.2.3 ConstObj */
#define AML_ONE_OP		0x01
#define AML_NAME_OP		0x08	/* 20.2.5.1 DefName */
#define AML_BYTE_PREFIX		0x0A	/* 20.2.3 ComputationalData */
#define AML_WORD_PREFIX		0x0B
#define AML_DWORD_PREFIX	0x0C
#define AML_QWORD_PREFIX	0x0E
#define AML_PACKAGE_OP		0x12	/* 20.2.5.4 DefPackage */
#define AML_ROOT_CHAR		0x5C	/* '\' 20.2.2 */
#define AML_ONES_OP		0xFF
#define AML_NAMESEG_LEN		4

/* 20.2.4 PkgLength: bits 7:6 of the lead byte count the bytes after it. */
#define AML_PKGLEN_COUNT_SHIFT	6
#define AML_PKGLEN_SHORT_MASK	0x3F	/* one-byte form: bits 5:0 */
#define AML_PKGLEN_LEAD_MASK	0x0F	/* multi-byte form: bits 3:0 */

/* PM1 control SLP_TYP is 3 bits wide (ACPI 6.4 table 4.16). */
#define ACPI_SLP_TYP_MAX	7

struct aml_cursor {
	const uint8_t *p;
	size_t pos, end;
};

static int aml_byte(struct aml_cursor *c, uint8_t *v)
{
	if (c->pos >= c->end)
		return -EINVAL;
	*v = c->p[c->pos++];
	return 0;
}

/* Decodes a PkgLength; the length counts itself, so returns the end. */
static int aml_pkg_end(struct aml_cursor *c, size_t *end)
{
	size_t start = c->pos;
	uint8_t lead, b;
	uint32_t len;
	unsigned n;

	if (aml_byte(c, &lead))
		return -EINVAL;
	n = lead >> AML_PKGLEN_COUNT_SHIFT;
	if (n == 0) {
		len = lead & AML_PKGLEN_SHORT_MASK;
	} else {
		len = lead & AML_PKGLEN_LEAD_MASK;
		for (unsigned i = 0; i < n; i++) {
			if (aml_byte(c, &b))
				return -EINVAL;
			len |= (uint32_t)b << (4 + 8 * i);
		}
	}
	if (len < c->pos - start || len > c->end - start)
		return -EINVAL;
	*end = start + len;
	return 0;
}

static int aml_integer(struct aml_cursor *c, uint64_t *v)
{
	uint8_t op, b;
	unsigned bytes;

	if (aml_byte(c, &op))
		return -EINVAL;
	switch (op) {
	case AML_ZERO_OP:
		*v = 0;
		return 0;
	case AML_ONE_OP:
		*v = 1;
		return 0;
	case AML_ONES_OP:
		*v = ~0ULL;
		return 0;
	case AML_BYTE_PREFIX:
		bytes = 1;
		break;
	case AML_WORD_PREFIX:
		bytes = 2;
		break;
	case AML_DWORD_PREFIX:
		bytes = 4;
		break;
	case AML_QWORD_PREFIX:
		bytes = 8;
		break;
	default:
		return -EINVAL;	/* not an integer constant */
	}
	*v = 0;
	for (unsigned i = 0; i < bytes; i++) {
		if (aml_byte(c, &b))
			return -EINVAL;
		*v |= (uint64_t)b << (8 * i);
	}
	return 0;
}

static int aml_decode_s5_package(struct aml_cursor *c,
				 struct acpi_sleep_type *out)
{
	uint64_t typ[2] = { 0, 0 };
	uint8_t op, count;
	size_t end;

	if (aml_byte(c, &op) || op != AML_PACKAGE_OP)
		return -EINVAL;
	if (aml_pkg_end(c, &end))
		return -EINVAL;
	c->end = end;		/* the elements must lie inside the package */
	if (aml_byte(c, &count) || count == 0)
		return -EINVAL;
	for (unsigned i = 0; i < MIN(count, (uint8_t)2); i++)
		if (aml_integer(c, &typ[i]))
			return -EINVAL;
	if (typ[0] > ACPI_SLP_TYP_MAX || typ[1] > ACPI_SLP_TYP_MAX)
		return -EINVAL;
	out->slp_typa = (uint8_t)typ[0];
	out->slp_typb = (uint8_t)typ[1];
	return 0;
}

int acpi_aml_find_s5(const uint8_t *aml, size_t len,
		     struct acpi_sleep_type *out)
{
	for (size_t i = 1; i + AML_NAMESEG_LEN <= len; i++) {
		struct aml_cursor c = { aml, i + AML_NAMESEG_LEN, len };
		bool named;

		if (memcmp(aml + i, "_S5_", AML_NAMESEG_LEN))
			continue;
		/* Name(_S5_ ...) or Name(\_S5_ ...); otherwise a reference. */
		named = aml[i - 1] == AML_NAME_OP ||
			(aml[i - 1] == AML_ROOT_CHAR && i >= 2 &&
			 aml[i - 2] == AML_NAME_OP);
		if (named)
			return aml_decode_s5_package(&c, out);
	}
	return -ENOENT;
}
