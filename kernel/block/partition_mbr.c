/*
 * partition_mbr.c: the PC partition table. Block 0 ends with 0x55 0xAA
 * and holds four 16-byte entries at offset 446: boot flag (0x00 or 0x80),
 * CHS start, system id, CHS end, LBA start and block count (both 32-bit
 * little-endian). An extended partition (id 0x05, 0x0F or 0x85) holds a
 * chain of Extended Boot Records: each EBR's first entry is a logical
 * partition, relative to that EBR, and its second the next EBR, relative
 * to the start of the extended partition. As Linux numbers them, the
 * primaries are 1..4 and the logical partitions 5 on. Id 0xEE is the
 * protective MBR of a GPT disk (UEFI 2.10 section 5.2.3).
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <block/partition.h>
#include <uapi/errno.h>

#define MBR_SIGNATURE_OFF	510
#define MBR_SIGNATURE_0		0x55
#define MBR_SIGNATURE_1		0xAA
#define MBR_TABLE_OFF		446
#define MBR_ENTRY_SIZE		16
#define MBR_PRIMARIES		4
#define MBR_ENTRY_BOOT		0
#define MBR_ENTRY_TYPE		4
#define MBR_ENTRY_LBA		8
#define MBR_ENTRY_COUNT		12
#define MBR_BOOT_ACTIVE		0x80
#define MBR_TYPE_EMPTY		0x00
#define MBR_TYPE_EXTENDED	0x05
#define MBR_TYPE_EXTENDED_LBA	0x0F
#define MBR_TYPE_LINUX_EXTENDED	0x85
#define MBR_TYPE_GPT_PROTECTIVE	0xEE
#define MBR_FIRST_LOGICAL	5
#define MBR_EXTENDED_SHOWN	1024	/* bytes of it Linux shows */
#define MBR_EBR_CHAIN_MAX	64	/* ends a looping chain */

struct mbr_entry {
	uint8_t boot, type;
	uint32_t lba, count;
};

static uint32_t mbr_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void mbr_entry_read(const uint8_t *blk, unsigned i, struct mbr_entry *e)
{
	const uint8_t *p = blk + MBR_TABLE_OFF + i * MBR_ENTRY_SIZE;

	e->boot = p[MBR_ENTRY_BOOT];
	e->type = p[MBR_ENTRY_TYPE];
	e->lba = mbr_le32(p + MBR_ENTRY_LBA);
	e->count = mbr_le32(p + MBR_ENTRY_COUNT);
}

static bool mbr_is_extended(uint8_t type)
{
	return type == MBR_TYPE_EXTENDED || type == MBR_TYPE_EXTENDED_LBA ||
	       type == MBR_TYPE_LINUX_EXTENDED;
}

static bool mbr_has_signature(const uint8_t *blk)
{
	return blk[MBR_SIGNATURE_OFF] == MBR_SIGNATURE_0 &&
	       blk[MBR_SIGNATURE_OFF + 1] == MBR_SIGNATURE_1;
}

/* Adds a partition if it lies on the disk; logs and skips it otherwise. */
static void mbr_add(const struct part_disk *d, struct part_table *out, unsigned partno,
		    uint64_t start, uint64_t count, uint8_t type)
{
	struct part_info *p;

	if (start == 0 || start >= d->capacity || count > d->capacity - start) {
		pr_warn("mbr: partition %u (start %llu, %llu blocks) lies beyond the "
			"disk's %llu blocks; ignored\n", partno, (unsigned long long)start,
			(unsigned long long)count, (unsigned long long)d->capacity);
		return;
	}
	if (out->count == PART_MAX || partno > PART_MAX) {
		pr_warn("mbr: partition %u: more than %u partitions; ignored\n", partno,
			PART_MAX);
		return;
	}
	p = &out->parts[out->count++];
	memset(p, 0, sizeof(*p));
	p->partno = partno;
	p->start = start;
	p->blocks = count;
	p->mbr_type = type;
}

/* Walks the EBR chain of the extended partition at ext_start. */
static int mbr_parse_extended(const struct part_disk *d, struct part_table *out,
			      uint8_t *blk, uint64_t ext_start, uint64_t ext_count)
{
	uint64_t ebr = ext_start;
	unsigned partno = MBR_FIRST_LOGICAL;

	for (unsigned n = 0; n < MBR_EBR_CHAIN_MAX; n++) {
		struct mbr_entry logical, next;
		int err;

		if (ebr >= d->capacity)
			return -EINVAL;
		err = d->read(d->ctx, ebr, blk);
		if (err)
			return err;
		if (!mbr_has_signature(blk)) {
			pr_warn("mbr: extended boot record at block %llu has no signature\n",
				(unsigned long long)ebr);
			return -EINVAL;
		}
		mbr_entry_read(blk, 0, &logical);
		mbr_entry_read(blk, 1, &next);
		if (logical.type != MBR_TYPE_EMPTY && logical.count) {
			if (ebr + logical.lba + logical.count > ext_start + ext_count)
				pr_warn("mbr: logical partition %u leaves its extended "
					"partition; ignored\n", partno);
			else
				mbr_add(d, out, partno, ebr + logical.lba, logical.count,
					logical.type);
			partno++;
		}
		if (!mbr_is_extended(next.type) || next.count == 0)
			return 0;
		if (next.lba == 0 || next.lba >= ext_count) {
			pr_warn("mbr: extended boot record chain leaves its partition\n");
			return -EINVAL;
		}
		/* Each link must move forward: a chain pointing back loops. */
		if (ext_start + next.lba <= ebr) {
			pr_warn("mbr: extended boot record chain loops\n");
			return -EINVAL;
		}
		ebr = ext_start + next.lba;
	}
	pr_warn("mbr: more than %u extended boot records\n", MBR_EBR_CHAIN_MAX);
	return -EINVAL;
}

int part_mbr_parse(const struct part_disk *d, struct part_table *out)
{
	uint8_t blk[PART_MAX_BLOCK_SIZE];
	struct mbr_entry e[MBR_PRIMARIES];
	bool extended_seen = false;
	int err;

	memset(out, 0, sizeof(*out));
	if (d->block_size < PART_MIN_BLOCK_SIZE || d->block_size > PART_MAX_BLOCK_SIZE)
		return -EINVAL;
	err = d->read(d->ctx, 0, blk);
	if (err)
		return err;
	if (!mbr_has_signature(blk))
		return -ENOENT;
	/* The disk signature names partitions as PARTUUID=SSSSSSSS-PP (Linux's). */
	out->mbr_disk_signature = (uint32_t)blk[PART_MBR_DISK_SIG_OFF] |
				  (uint32_t)blk[PART_MBR_DISK_SIG_OFF + 1] << 8 |
				  (uint32_t)blk[PART_MBR_DISK_SIG_OFF + 2] << 16 |
				  (uint32_t)blk[PART_MBR_DISK_SIG_OFF + 3] << 24;
	for (unsigned i = 0; i < MBR_PRIMARIES; i++) {
		mbr_entry_read(blk, i, &e[i]);
		if (e[i].type == MBR_TYPE_GPT_PROTECTIVE)
			return -EPROTO;
		/* Linux's msdos_partition: a boot flag other than 0 or 0x80 is no MBR. */
		if (e[i].boot != 0 && e[i].boot != MBR_BOOT_ACTIVE) {
			pr_warn("mbr: entry %u has boot flag %#x: not a partition table\n",
				i + 1, e[i].boot);
			return -EINVAL;
		}
	}
	for (unsigned i = 0; i < MBR_PRIMARIES; i++) {
		if (e[i].type == MBR_TYPE_EMPTY || e[i].count == 0)
			continue;
		if (!mbr_is_extended(e[i].type)) {
			mbr_add(d, out, i + 1, e[i].lba, e[i].count, e[i].type);
			continue;
		}
		/*
		 * Linux's msdos_partition shows an extended partition as its
		 * first 1 KiB only (at least one block), so that nothing
		 * formats it over its EBRs.
		 */
		mbr_add(d, out, i + 1, e[i].lba,
			e[i].count < MBR_EXTENDED_SHOWN / d->block_size ?
			e[i].count : (MBR_EXTENDED_SHOWN + d->block_size - 1) / d->block_size,
			e[i].type);
		if (!extended_seen) {
			extended_seen = true;
			err = mbr_parse_extended(d, out, blk, e[i].lba, e[i].count);
			if (err)
				return err;
		}
	}
	return 0;
}
