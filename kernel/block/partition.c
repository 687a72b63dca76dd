/*
 * partition.c: reads a new disk's partition table and adds its
 * partitions (genhd.c), as Linux's check_partition: an MBR first; when it
 * is a GPT's protective MBR, the GPT. A corrupt table is logged and gives
 * no partitions; the whole disk stays usable.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <block/block.h>
#include <block/partition.h>
#include <mm/mm.h>
#include <uapi/errno.h>

struct partition_ctx {
	struct gendisk *disk;
	uint64_t phys;		/* a bounce page */
};

static int partition_read(void *ctx, uint64_t lba, void *buf)
{
	struct partition_ctx *c = ctx;
	int err = blk_rw_page(c->disk, 0, BLK_OP_READ, lba, 1, c->phys);

	if (!err)
		memcpy(buf, phys_to_virt(c->phys), c->disk->block_size);
	return err;
}

/*
 * A partition's PARTUUID as blkid and Linux's root= write it: a GPT
 * unique GUID in its text form (UEFI 2.10 appendix A: the first three
 * fields little-endian on disk), or the MBR disk signature and the
 * partition number, "%08x-%02x".
 */
static void partition_uuid_text(const struct part_table *t, const struct part_info *p,
				bool gpt, char out[BLK_PARTUUID_LEN])
{
	const uint8_t *g = p->unique_guid;

	if (!gpt) {
		snprintf(out, BLK_PARTUUID_LEN, "%08x-%02x", t->mbr_disk_signature, p->partno);
		return;
	}
	snprintf(out, BLK_PARTUUID_LEN,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11],
		 g[12], g[13], g[14], g[15]);
}

void partition_scan(struct gendisk *disk)
{
	struct partition_ctx ctx = { disk, pmm_alloc_page(GFP_DMA32) };
	struct part_disk d = { partition_read, &ctx, disk->block_size, disk->capacity };
	struct part_table *t = kzalloc(sizeof(*t));
	const char *kind = "mbr";
	int err;

	if (!ctx.phys || !t) {
		pr_err("%s: out of memory for the partition scan\n", disk->name);
		goto out;
	}
	err = part_mbr_parse(&d, t);
	if (err == -EPROTO) {
		kind = "gpt";
		err = part_gpt_parse(&d, t);
	}
	if (err == -ENOENT) {
		pr_info("%s: no partition table\n", disk->name);
		goto out;
	}
	if (err) {
		pr_warn("%s: unreadable or corrupt %s partition table (error %d): "
			"no partitions\n", disk->name, kind, err);
		goto out;
	}
	pr_info("%s: %s, %u partitions%s\n", disk->name, kind, t->count,
		t->gpt_backup_used ? " (from the backup GPT)" : "");
	for (unsigned i = 0; i < t->count; i++) {
		char uuid[BLK_PARTUUID_LEN];

		if (genhd_add_partition(disk, t->parts[i].partno, t->parts[i].start,
					t->parts[i].blocks))
			continue;
		partition_uuid_text(t, &t->parts[i], !strcmp(kind, "gpt"), uuid);
		genhd_set_partuuid(disk, t->parts[i].partno, uuid);
	}
out:
	kfree(t);
	if (ctx.phys)
		pmm_free_page(ctx.phys);
}
