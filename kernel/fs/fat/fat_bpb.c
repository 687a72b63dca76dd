/*
 * fat_bpb.c: the boot sector's BIOS Parameter Block and the FAT32 FSInfo
 * sector, parsed and validated (fatgen103 "Boot Sector and BPB", "FAT
 * Type Determination", "FAT32 FSInfo Sector Structure and Backup Boot
 * Sector"). Pure: tested on the host with images made by mkfs.fat and
 * bit-flipped copies of them (tests/unit/fs/fat_test.c).
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include "fat_parse.h"

/* Media descriptors fatgen103 allows: 0xF0 and 0xF8..0xFF. */
#define FAT_MEDIA_REMOVABLE	0xF0
#define FAT_MEDIA_MIN_FIXED	0xF8
/* BPB_FSInfo or BPB_BkBootSec of 0xFFFF: "none" as mkfs.fat writes it. */
#define FAT_SECTOR_NONE		0xFFFF

static bool fat_power_of_two(uint32_t v)
{
	return v && !(v & (v - 1));
}

static uint16_t fat_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t fat_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/*
 * The common BPB fields, read byte by byte (offsets of "Boot Sector and
 * BPB") so no unaligned access depends on the packed structure.
 */
static void fat_read_common(const uint8_t *s, struct fat_boot_common *c)
{
	c->bytes_per_sec = fat_le16(s + 11);
	c->sec_per_clus = s[13];
	c->rsvd_sec_cnt = fat_le16(s + 14);
	c->num_fats = s[16];
	c->root_ent_cnt = fat_le16(s + 17);
	c->tot_sec16 = fat_le16(s + 19);
	c->media = s[21];
	c->fat_sz16 = fat_le16(s + 22);
	c->tot_sec32 = fat_le32(s + 32);
}

#define FAT_BAD(...)						\
	do {							\
		pr_warn("FAT-fs (%s): " __VA_ARGS__);		\
		return err;					\
	} while (0)

int fat_parse_boot(const uint8_t *s, size_t len, uint64_t dev_bytes, const char *dev,
		   struct fat_geometry *g)
{
	struct fat_boot_common c;
	uint32_t fat_sz, tot_sec, root_sectors, data_sec, fat_entries;
	uint64_t fat_bytes_needed;
	int err = -EINVAL;

	memset(g, 0, sizeof(*g));
	if (len < FAT_MIN_SECTOR_SIZE)
		FAT_BAD("boot sector too short\n", dev);
	/* "Boot Sector and BPB": bytes 510-511 are 0x55 0xAA. */
	if (s[FAT_BOOT_SIG_OFFSET] != FAT_BOOT_SIG0 || s[FAT_BOOT_SIG_OFFSET + 1] != FAT_BOOT_SIG1)
		FAT_BAD("no boot sector signature\n", dev);
	fat_read_common(s, &c);
	if (c.bytes_per_sec < FAT_MIN_SECTOR_SIZE || c.bytes_per_sec > FAT_MAX_SECTOR_SIZE ||
	    !fat_power_of_two(c.bytes_per_sec))
		FAT_BAD("bad logical sector size %u\n", dev, c.bytes_per_sec);
	if (!fat_power_of_two(c.sec_per_clus) || c.sec_per_clus > FAT_MAX_SEC_PER_CLUS)
		FAT_BAD("bad sectors per cluster %u\n", dev, c.sec_per_clus);
	if (!c.rsvd_sec_cnt)
		FAT_BAD("no reserved sectors\n", dev);
	if (!c.num_fats)
		FAT_BAD("no FAT\n", dev);
	if (c.media != FAT_MEDIA_REMOVABLE && c.media < FAT_MEDIA_MIN_FIXED)
		FAT_BAD("bad media descriptor 0x%x\n", dev, c.media);
	g->sector_size = c.bytes_per_sec;
	g->sec_per_clus = c.sec_per_clus;
	g->cluster_size = (uint32_t)c.bytes_per_sec * c.sec_per_clus;
	g->num_fats = c.num_fats;
	g->fat_start = c.rsvd_sec_cnt;

	fat_sz = c.fat_sz16 ? c.fat_sz16 : fat_le32(s + FAT_BOOT_FAT32_OFFSET);
	tot_sec = c.tot_sec16 ? c.tot_sec16 : c.tot_sec32;
	if (!fat_sz)
		FAT_BAD("FAT size is 0\n", dev);
	if (!tot_sec)
		FAT_BAD("total sector count is 0\n", dev);
	err = -EUCLEAN;
	/* Linux too refuses a root directory that does not fill whole sectors. */
	if (((uint32_t)c.root_ent_cnt * FAT_DIRENT_SIZE) % c.bytes_per_sec)
		FAT_BAD("root entry count %u does not fill whole sectors\n", dev,
			c.root_ent_cnt);
	root_sectors = (uint32_t)c.root_ent_cnt * FAT_DIRENT_SIZE / c.bytes_per_sec;
	/* "FAT Type Determination": the data region and the cluster count. */
	g->root_start = c.rsvd_sec_cnt + (uint32_t)c.num_fats * fat_sz;
	if ((uint64_t)c.rsvd_sec_cnt + (uint64_t)c.num_fats * fat_sz + root_sectors >= tot_sec)
		FAT_BAD("no data region (%u sectors)\n", dev, tot_sec);
	g->data_start = g->root_start + root_sectors;
	data_sec = tot_sec - g->data_start;
	g->clusters = data_sec / c.sec_per_clus;
	if (!g->clusters)
		FAT_BAD("no data cluster\n", dev);
	g->type = g->clusters <= FAT12_MAX_CLUSTERS ? 12 :
		  g->clusters <= FAT16_MAX_CLUSTERS ? 16 : 32;
	if (g->type == 32 && g->clusters > FAT32_ENTRY_MASK - 16)
		FAT_BAD("too many clusters (%u)\n", dev, g->clusters);
	g->max_cluster = g->clusters + 1;
	g->fat_sectors = fat_sz;
	g->total_sectors = tot_sec;
	g->root_entries = c.root_ent_cnt;
	g->active_fat = 0;
	g->mirror = true;
	if ((uint64_t)tot_sec * c.bytes_per_sec > dev_bytes)
		FAT_BAD("file system (%u sectors) larger than the device\n", dev, tot_sec);
	/* The FAT must have an entry for every cluster (and the two reserved ones). */
	fat_entries = g->clusters + FAT_FIRST_CLUSTER;
	fat_bytes_needed = g->type == 12 ? ((uint64_t)fat_entries * 3 + 1) / 2 :
			   (uint64_t)fat_entries * (g->type / 8);
	if (fat_bytes_needed > (uint64_t)fat_sz * c.bytes_per_sec)
		FAT_BAD("FAT of %u sectors too small for %u clusters\n", dev, fat_sz,
			g->clusters);

	if (g->type != 32) {
		if (!c.root_ent_cnt)
			FAT_BAD("FAT%u without a root directory\n", dev, g->type);
		if (!c.fat_sz16)
			FAT_BAD("FAT%u without BPB_FATSz16\n", dev, g->type);
		return 0;
	}
	/* FAT32's BPB (fatgen103 "FAT32 Structure Starting at Offset 36"). */
	if (c.root_ent_cnt || c.fat_sz16)
		FAT_BAD("FAT32 with a FAT12/16 root directory or FAT size\n", dev);
	{
		const uint8_t *x = s + FAT_BOOT_FAT32_OFFSET;
		uint16_t ext_flags = fat_le16(x + 4), ver = fat_le16(x + 6);
		uint16_t fsinfo = fat_le16(x + 12);

		if (ver != FAT32_FS_VERSION)
			FAT_BAD("unknown FAT32 version %u.%u\n", dev, ver >> 8, ver & 0xff);
		g->root_cluster = fat_le32(x + 8);
		if (g->root_cluster < FAT_FIRST_CLUSTER || g->root_cluster > g->max_cluster)
			FAT_BAD("root cluster %u out of range\n", dev, g->root_cluster);
		if (ext_flags & FAT32_EXT_FLAGS_NOMIRROR) {
			g->mirror = false;
			g->active_fat = ext_flags & FAT32_EXT_FLAGS_ACTIVE_MASK;
			if (g->active_fat >= g->num_fats)
				FAT_BAD("active FAT %u of %u\n", dev, g->active_fat, g->num_fats);
		}
		/* An FSInfo outside the reserved area is ignored, as Linux does. */
		if (fsinfo && fsinfo != FAT_SECTOR_NONE && fsinfo < c.rsvd_sec_cnt)
			g->fsinfo_sector = fsinfo;
	}
	return 0;
}

int fat_parse_fsinfo(const uint8_t *s, size_t len, const struct fat_geometry *g,
		     uint32_t *free_count, uint32_t *next_free)
{
	const struct fat_fsinfo *fi = (const void *)s;

	*free_count = FAT_FSINFO_UNKNOWN;
	*next_free = FAT_FSINFO_UNKNOWN;
	if (len < sizeof(*fi))
		return -EUCLEAN;
	if (fat_le32(s) != FAT_FSINFO_LEAD_SIG ||
	    fat_le32(s + offsetof(struct fat_fsinfo, struc_sig)) != FAT_FSINFO_STRUC_SIG)
		return -EUCLEAN;
	*free_count = fat_le32(s + offsetof(struct fat_fsinfo, free_count));
	*next_free = fat_le32(s + offsetof(struct fat_fsinfo, nxt_free));
	/* Hints only ("FSInfo Sector Structure"): anything impossible is unknown. */
	if (*free_count > g->clusters)
		*free_count = FAT_FSINFO_UNKNOWN;
	if (*next_free < FAT_FIRST_CLUSTER || *next_free > g->max_cluster)
		*next_free = FAT_FSINFO_UNKNOWN;
	return 0;
}
