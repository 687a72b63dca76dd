/*
 * tables.c: the RSDP, the RSDT/XSDT and table lookup (ACPI 6.4 sections
 * 5.2.5 to 5.2.8). Every table is length- and checksum-checked before a
 * byte past its header is read; a bad one is logged and skipped.
 */
#include <acpi/acpi.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <uapi/errno.h>

#define ACPI_RSDP_REV_XSDT	2	/* section 5.2.5.3: XSDT from revision 2 */
#define ACPI_RSDT_ENTRY_SIZE	4	/* section 5.2.7: 32-bit pointers */
#define ACPI_XSDT_ENTRY_SIZE	8	/* section 5.2.8: 64-bit pointers */

uint8_t acpi_checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* Signatures are 4 bytes without a terminator: print them safely. */
static void acpi_sig_string(const char *sig, char out[ACPI_SIG_LEN + 1])
{
	for (int i = 0; i < ACPI_SIG_LEN; i++)
		out[i] = sig[i] >= ' ' && sig[i] <= '~' ? sig[i] : '?';
	out[ACPI_SIG_LEN] = '\0';
}

const struct acpi_sdt_header *acpi_table_map(const struct acpi_root *r,
					     uint64_t phys, const char *sig)
{
	const struct acpi_sdt_header *h;
	char name[ACPI_SIG_LEN + 1];

	if (!phys)
		return NULL;
	h = r->map(phys, sizeof(*h));
	if (!h) {
		pr_warn("ACPI: table at %#llx not mappable, ignored\n",
			(unsigned long long)phys);
		return NULL;
	}
	acpi_sig_string(h->signature, name);
	if (sig && memcmp(h->signature, sig, ACPI_SIG_LEN)) {
		pr_warn("ACPI: expected %.4s at %#llx, found %s; ignored\n",
			sig, (unsigned long long)phys, name);
		return NULL;
	}
	if (h->length < sizeof(*h) || h->length > ACPI_TABLE_MAX_LEN) {
		pr_warn("ACPI: %s at %#llx has bad length %u; ignored\n",
			name, (unsigned long long)phys, h->length);
		return NULL;
	}
	h = r->map(phys, h->length);
	if (!h) {
		pr_warn("ACPI: %s at %#llx not mappable, ignored\n", name,
			(unsigned long long)phys);
		return NULL;
	}
	if (acpi_checksum(h, h->length)) {
		pr_warn("ACPI: %s at %#llx has a bad checksum; ignored\n",
			name, (unsigned long long)phys);
		return NULL;
	}
	return h;
}

uint64_t acpi_root_entry(const struct acpi_root *r, unsigned i)
{
	const uint8_t *p;
	uint64_t v = 0;

	if (!r->root || i >= r->entries)
		return 0;
	/* Entries follow the header and are only 4-byte aligned. */
	p = (const uint8_t *)(r->root + 1) + (size_t)i * r->entry_size;
	memcpy(&v, p, r->entry_size);
	return v;
}

static int acpi_rsdp_check(const struct acpi_rsdp *rsdp, size_t len)
{
	if (len < ACPI_RSDP_V1_LEN ||
	    memcmp(rsdp->signature, ACPI_RSDP_SIG, ACPI_RSDP_SIG_LEN)) {
		pr_warn("ACPI: no RSDP signature\n");
		return -EINVAL;
	}
	if (acpi_checksum(rsdp, ACPI_RSDP_V1_LEN)) {
		pr_warn("ACPI: RSDP checksum wrong\n");
		return -EINVAL;
	}
	if (rsdp->revision < ACPI_RSDP_REV_XSDT)
		return 0;
	if (len < ACPI_RSDP_V2_LEN || rsdp->length < ACPI_RSDP_V2_LEN ||
	    rsdp->length > len) {
		pr_warn("ACPI: RSDP v%u length %u not within the %zu bytes given\n",
			rsdp->revision, rsdp->length, len);
		return -EINVAL;
	}
	if (acpi_checksum(rsdp, rsdp->length)) {
		pr_warn("ACPI: RSDP extended checksum wrong\n");
		return -EINVAL;
	}
	return 0;
}

int acpi_root_init(struct acpi_root *r, const void *rsdp_bytes, size_t len,
		   acpi_map_fn map)
{
	const struct acpi_rsdp *rsdp = rsdp_bytes;
	int err;

	memset(r, 0, sizeof(*r));
	r->map = map;
	err = acpi_rsdp_check(rsdp, len);
	if (err)
		return err;
	r->rsdp_revision = rsdp->revision;
	memcpy(r->oem_id, rsdp->oem_id, ACPI_OEM_ID_LEN);

	if (rsdp->revision >= ACPI_RSDP_REV_XSDT && rsdp->xsdt_address) {
		r->root = acpi_table_map(r, rsdp->xsdt_address, "XSDT");
		r->root_phys = rsdp->xsdt_address;
		r->entry_size = ACPI_XSDT_ENTRY_SIZE;
	}
	if (!r->root) {
		/* No (usable) XSDT: the RSDT serves as well below 4 GiB. */
		r->root = acpi_table_map(r, rsdp->rsdt_address, "RSDT");
		r->root_phys = rsdp->rsdt_address;
		r->entry_size = ACPI_RSDT_ENTRY_SIZE;
	}
	if (!r->root)
		return -EINVAL;
	r->entries = (r->root->length - sizeof(*r->root)) / r->entry_size;
	return 0;
}

const struct acpi_sdt_header *acpi_find_table(const struct acpi_root *r,
					      const char *sig, unsigned index)
{
	for (unsigned i = 0; i < r->entries; i++) {
		uint64_t phys = acpi_root_entry(r, i);
		const struct acpi_sdt_header *h;

		if (!phys)
			continue;
		/* Peek at the signature first: only map fully what matches. */
		h = r->map(phys, sizeof(*h));
		if (!h || memcmp(h->signature, sig, ACPI_SIG_LEN))
			continue;
		h = acpi_table_map(r, phys, sig);
		if (h && index-- == 0)
			return h;
	}
	return NULL;
}
