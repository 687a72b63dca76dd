/*
 * partition_gpt.c: the GUID Partition Table (UEFI 2.10 section 5.3).
 * The primary header is in block 1, the backup in the disk's last block.
 * A header is valid when its signature is "EFI PART", its size is
 * between 92 bytes and a block, its CRC-32 (computed with the CRC field
 * zeroed, over HeaderSize bytes) matches, MyLBA is the block it was read
 * from, and the entry array it names has sane sizes and a matching
 * CRC-32 (section 5.3.2, "Validating a GPT Header"). When the primary is
 * not valid the backup is used, with a log line, as Linux does.
 */
#include <basalt/crc32.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <block/partition.h>
#include <uapi/errno.h>

#define GPT_SIGNATURE		"EFI PART"
#define GPT_SIGNATURE_LEN	8
#define GPT_PRIMARY_LBA		1
#define GPT_HEADER_MIN		92	/* table 5-5: the defined fields */
/* Header fields, UEFI 2.10 table 5-5. */
#define GPT_HDR_SIZE		12
#define GPT_HDR_CRC		16
#define GPT_HDR_MY_LBA		24
#define GPT_HDR_ALT_LBA		32
#define GPT_HDR_FIRST_USABLE	40
#define GPT_HDR_LAST_USABLE	48
#define GPT_HDR_ENTRIES_LBA	72
#define GPT_HDR_NUM_ENTRIES	80
#define GPT_HDR_ENTRY_SIZE	84
#define GPT_HDR_ENTRIES_CRC	88
/* Entry fields, table 5-6. */
#define GPT_ENTRY_MIN		128	/* 128 * 2^n bytes */
#define GPT_ENT_TYPE		0
#define GPT_ENT_UNIQUE		16
#define GPT_ENT_FIRST		32
#define GPT_ENT_LAST		40
#define GPT_MAX_ENTRIES_BYTES	(1u << 20)	/* far above the usual 16 KiB */

struct gpt_header {
	uint64_t my_lba, alt_lba, first_usable, last_usable, entries_lba;
	uint32_t num_entries, entry_size, entries_crc;
};

static uint32_t gpt_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t gpt_le64(const uint8_t *p)
{
	return (uint64_t)gpt_le32(p) | (uint64_t)gpt_le32(p + 4) << 32;
}

/* Checks the header in blk, read from block lba. 0 or -EINVAL (why logged). */
static int gpt_header_check(const struct part_disk *d, uint8_t *blk, uint64_t lba,
			    struct gpt_header *h)
{
	uint32_t size = gpt_le32(blk + GPT_HDR_SIZE), crc = gpt_le32(blk + GPT_HDR_CRC);
	uint64_t entry_bytes;

	if (memcmp(blk, GPT_SIGNATURE, GPT_SIGNATURE_LEN))
		return -ENOENT;
	if (size < GPT_HEADER_MIN || size > d->block_size) {
		pr_warn("gpt: header at block %llu has bad size %u\n",
			(unsigned long long)lba, size);
		return -EINVAL;
	}
	memset(blk + GPT_HDR_CRC, 0, sizeof(uint32_t));
	if (crc32_update(0, blk, size) != crc) {
		pr_warn("gpt: header at block %llu has a bad CRC-32\n", (unsigned long long)lba);
		return -EINVAL;
	}
	h->my_lba = gpt_le64(blk + GPT_HDR_MY_LBA);
	h->alt_lba = gpt_le64(blk + GPT_HDR_ALT_LBA);
	h->first_usable = gpt_le64(blk + GPT_HDR_FIRST_USABLE);
	h->last_usable = gpt_le64(blk + GPT_HDR_LAST_USABLE);
	h->entries_lba = gpt_le64(blk + GPT_HDR_ENTRIES_LBA);
	h->num_entries = gpt_le32(blk + GPT_HDR_NUM_ENTRIES);
	h->entry_size = gpt_le32(blk + GPT_HDR_ENTRY_SIZE);
	h->entries_crc = gpt_le32(blk + GPT_HDR_ENTRIES_CRC);
	entry_bytes = (uint64_t)h->num_entries * h->entry_size;
	if (h->my_lba != lba || h->first_usable > h->last_usable ||
	    h->last_usable >= d->capacity || h->entry_size < GPT_ENTRY_MIN ||
	    (h->entry_size & (h->entry_size - 1)) || h->num_entries == 0 ||
	    entry_bytes > GPT_MAX_ENTRIES_BYTES || h->entries_lba >= d->capacity ||
	    (entry_bytes + d->block_size - 1) / d->block_size > d->capacity - h->entries_lba) {
		pr_warn("gpt: header at block %llu has inconsistent fields\n",
			(unsigned long long)lba);
		return -EINVAL;
	}
	return 0;
}

/* Reads the entry array, checks its CRC-32 and fills out. */
static int gpt_entries_read(const struct part_disk *d, uint8_t *blk,
			    const struct gpt_header *h, struct part_table *out)
{
	uint32_t bs = d->block_size, crc = 0;
	uint64_t total = (uint64_t)h->num_entries * h->entry_size, done = 0;
	unsigned index = 0;
	int err;

	memset(out, 0, sizeof(*out));
	for (uint64_t lba = h->entries_lba; done < total; lba++) {
		uint32_t len = total - done < bs ? (uint32_t)(total - done) : bs;

		err = d->read(d->ctx, lba, blk);
		if (err)
			return err;
		crc = crc32_update(crc, blk, len);
		/* Entries are 128 * 2^n bytes: a block holds whole ones or a part. */
		for (uint32_t off = 0; off + GPT_ENTRY_MIN <= len; off += h->entry_size) {
			static const uint8_t unused[PART_GUID_LEN];
			const uint8_t *e = blk + off;
			uint64_t first, last;
			struct part_info *p;

			if ((done + off) % h->entry_size)
				break;	/* the middle of an entry bigger than a block */
			index = (unsigned)((done + off) / h->entry_size);
			if (!memcmp(e + GPT_ENT_TYPE, unused, PART_GUID_LEN))
				continue;
			first = gpt_le64(e + GPT_ENT_FIRST);
			last = gpt_le64(e + GPT_ENT_LAST);
			if (first > last || first < h->first_usable || last > h->last_usable) {
				pr_warn("gpt: entry %u (blocks %llu-%llu) is out of the usable "
					"area; ignored\n", index + 1, (unsigned long long)first,
					(unsigned long long)last);
				continue;
			}
			if (index + 1 > PART_MAX || out->count == PART_MAX) {
				pr_warn("gpt: entry %u: more than %u partitions; ignored\n",
					index + 1, PART_MAX);
				continue;
			}
			p = &out->parts[out->count++];
			p->partno = index + 1;
			p->start = first;
			p->blocks = last - first + 1;
			memcpy(p->type_guid, e + GPT_ENT_TYPE, PART_GUID_LEN);
			memcpy(p->unique_guid, e + GPT_ENT_UNIQUE, PART_GUID_LEN);
		}
		done += len;
	}
	if (crc != h->entries_crc) {
		pr_warn("gpt: the partition entry array at block %llu has a bad CRC-32\n",
			(unsigned long long)h->entries_lba);
		memset(out, 0, sizeof(*out));
		return -EINVAL;
	}
	return 0;
}

/* One header and its array, at block lba. */
static int gpt_try(const struct part_disk *d, uint8_t *blk, uint64_t lba,
		   struct part_table *out)
{
	struct gpt_header h;
	int err = d->read(d->ctx, lba, blk);

	if (err)
		return err;
	err = gpt_header_check(d, blk, lba, &h);
	if (err)
		return err;
	return gpt_entries_read(d, blk, &h, out);
}

int part_gpt_parse(const struct part_disk *d, struct part_table *out)
{
	uint8_t blk[PART_MAX_BLOCK_SIZE];
	int err;

	memset(out, 0, sizeof(*out));
	if (d->block_size < PART_MIN_BLOCK_SIZE || d->block_size > PART_MAX_BLOCK_SIZE ||
	    d->capacity <= GPT_PRIMARY_LBA + 1)
		return -EINVAL;
	err = gpt_try(d, blk, GPT_PRIMARY_LBA, out);
	if (!err)
		return 0;
	if (err != -EINVAL && err != -ENOENT)
		return err;	/* an I/O error: the backup would not tell more */
	pr_warn("gpt: the primary GPT is not valid; using the backup in block %llu\n",
		(unsigned long long)(d->capacity - 1));
	err = gpt_try(d, blk, d->capacity - 1, out);
	if (err) {
		pr_warn("gpt: the backup GPT is not valid either: no partitions\n");
		return err == -ENOENT ? -EINVAL : err;
	}
	out->gpt_backup_used = true;
	return 0;
}
