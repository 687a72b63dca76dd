/*
 * fat_table.c: the File Allocation Table (fatgen103 "FAT Data
 * Structure"): 12-, 16- and 28-bit entries read and written through the
 * block device's cache, every copy of the FAT updated on a change (or
 * only the active one when FAT32 mirroring is off), cluster chains
 * followed with loops and bad entries detected, clusters allocated from
 * the FSInfo next-free hint and freed, and the FSInfo sector kept
 * ("FAT32 FSInfo Sector Structure and Backup Boot Sector").
 *
 * Locking: fs->fat_lock around every entry access (a FAT12 entry shares
 * bytes with its neighbour), and the counts beside it.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include "fat.h"

/* A FAT12 entry straddles at most two bytes, others fit in 4. */
#define FAT_ENT_MAX_BYTES	4

int fat_corrupt(struct fat_sb *fs, const char *what, uint64_t value)
{
	pr_err("FAT-fs (%s): corrupted file system: %s (%llu); run fsck\n", fs->bdev->name,
	       what, (unsigned long long)value);
	return -EUCLEAN;
}

/* Byte offset in one FAT of cluster c's entry. */
static uint32_t fat_ent_offset(const struct fat_sb *fs, uint32_t c)
{
	switch (fs->g.type) {
	case 12:
		return c + c / 2;
	case 16:
		return c * 2;
	default:
		return c * 4;
	}
}

static uint32_t fat_ent_size(const struct fat_sb *fs)
{
	return fs->g.type == 32 ? 4 : 2;
}

/* Reads or writes n bytes at byte off of FAT number fat (fat_lock held). */
static int fat_ent_io(struct fat_sb *fs, uint32_t fat, uint32_t off, uint8_t *buf,
		      uint32_t n, bool write)
{
	uint32_t ss = fs->g.sector_size;

	while (n) {
		uint64_t sector = (uint64_t)fs->g.fat_start + (uint64_t)fat * fs->g.fat_sectors +
				  off / ss;
		uint32_t in = off % ss, chunk = MIN(n, ss - in);
		struct buffer bh;
		int err = buffer_read(fs->bdev, sector, ss, &bh);

		if (err)
			return err;
		if (write) {
			memcpy(bh.data + in, buf, chunk);
			buffer_mark_dirty(&bh);
		} else {
			memcpy(buf, bh.data + in, chunk);
		}
		buffer_release(&bh);
		buf += chunk;
		off += chunk;
		n -= chunk;
	}
	return 0;
}

/* The raw value of cluster c's entry (fat_lock held). */
static int fat_ent_get(struct fat_sb *fs, uint32_t c, uint32_t *val)
{
	uint8_t b[FAT_ENT_MAX_BYTES] = { 0 };
	uint32_t off = fat_ent_offset(fs, c);
	int err = fat_ent_io(fs, fs->g.active_fat, off, b, fat_ent_size(fs), false);

	if (err)
		return err;
	switch (fs->g.type) {
	case 12:
		*val = (uint32_t)(b[0] | b[1] << 8);
		*val = c & 1 ? *val >> 4 : *val & 0xFFF;
		break;
	case 16:
		*val = (uint32_t)(b[0] | b[1] << 8);
		break;
	default:
		*val = ((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
			(uint32_t)b[3] << 24) & FAT32_ENTRY_MASK;
		break;
	}
	return 0;
}

/* Sets cluster c's entry in every FAT in use (fat_lock held). */
static int fat_ent_set(struct fat_sb *fs, uint32_t c, uint32_t val)
{
	uint32_t off = fat_ent_offset(fs, c), n = fat_ent_size(fs);

	for (uint32_t fat = 0; fat < fs->g.num_fats; fat++) {
		uint8_t b[FAT_ENT_MAX_BYTES];
		int err;

		if (!fs->g.mirror && fat != fs->g.active_fat)
			continue;
		err = fat_ent_io(fs, fat, off, b, n, false);
		if (err)
			return err;
		switch (fs->g.type) {
		case 12:
			if (c & 1) {
				b[0] = (uint8_t)((b[0] & 0x0F) | (val & 0x0F) << 4);
				b[1] = (uint8_t)(val >> 4);
			} else {
				b[0] = (uint8_t)val;
				b[1] = (uint8_t)((b[1] & 0xF0) | ((val >> 8) & 0x0F));
			}
			break;
		case 16:
			b[0] = (uint8_t)val;
			b[1] = (uint8_t)(val >> 8);
			break;
		default:
			/* "FAT32 FAT Entry Values": the high 4 bits are kept. */
			b[0] = (uint8_t)val;
			b[1] = (uint8_t)(val >> 8);
			b[2] = (uint8_t)(val >> 16);
			b[3] = (uint8_t)((b[3] & 0xF0) | ((val >> 24) & 0x0F));
			break;
		}
		err = fat_ent_io(fs, fat, off, b, n, true);
		if (err)
			return err;
	}
	return 0;
}

static uint32_t fat_eoc_min(const struct fat_sb *fs)
{
	return fs->g.type == 12 ? FAT12_EOC_MIN : fs->g.type == 16 ? FAT16_EOC_MIN :
	       FAT32_EOC_MIN;
}

static uint32_t fat_eoc(const struct fat_sb *fs)
{
	return fs->g.type == 12 ? FAT12_EOC : fs->g.type == 16 ? FAT16_EOC : FAT32_EOC;
}

/* The next cluster after c (fat_lock held): 0 at the end of the chain. */
static int fat_ent_next_locked(struct fat_sb *fs, uint32_t c, uint32_t *next)
{
	uint32_t v;
	int err;

	if (!fat_cluster_valid(fs, c))
		return fat_corrupt(fs, "cluster number out of range", c);
	err = fat_ent_get(fs, c, &v);
	if (err)
		return err;
	if (v >= fat_eoc_min(fs)) {
		*next = 0;
		return 0;
	}
	if (!fat_cluster_valid(fs, v))
		return fat_corrupt(fs, v == FAT_FREE_CLUSTER ? "free cluster in a chain" :
				   "bad FAT entry in a chain", c);
	*next = v;
	return 0;
}

int fat_ent_next(struct fat_sb *fs, uint32_t c, uint32_t *next)
{
	int err;

	mutex_lock(&fs->fat_lock);
	err = fat_ent_next_locked(fs, c, next);
	mutex_unlock(&fs->fat_lock);
	return err;
}

int fat_chain_get(struct fat_sb *fs, uint32_t start, uint32_t idx, uint32_t *out)
{
	uint32_t c = start;
	int err = 0;

	*out = 0;
	if (!start)
		return 0;
	/* A chain longer than the volume has clusters loops. */
	if (idx > fs->g.clusters)
		return 0;
	mutex_lock(&fs->fat_lock);
	if (!fat_cluster_valid(fs, c))
		err = fat_corrupt(fs, "first cluster out of range", c);
	for (uint32_t i = 0; !err && i < idx && c; i++)
		err = fat_ent_next_locked(fs, c, &c);
	mutex_unlock(&fs->fat_lock);
	if (!err)
		*out = c;
	return err;
}

int fat_chain_length(struct fat_sb *fs, uint32_t start, uint32_t *len)
{
	uint32_t c = start, n = 0;
	int err = 0;

	*len = 0;
	if (!start)
		return 0;
	mutex_lock(&fs->fat_lock);
	if (!fat_cluster_valid(fs, c))
		err = fat_corrupt(fs, "first cluster out of range", c);
	while (!err && c) {
		if (++n > fs->g.clusters) {
			err = fat_corrupt(fs, "cluster chain loops at", c);
			break;
		}
		err = fat_ent_next_locked(fs, c, &c);
	}
	mutex_unlock(&fs->fat_lock);
	*len = n;
	return err;
}

/* Zeroes cluster c's bytes on the device (through the cache). */
static int fat_cluster_zero(struct fat_sb *fs, uint32_t c)
{
	uint64_t first = fat_cluster_byte(fs, c) / fs->data_bs;
	uint32_t n = fs->g.cluster_size / fs->data_bs;

	for (uint32_t i = 0; i < n; i++) {
		struct buffer bh;
		int err = buffer_get_new(fs->bdev, first + i, fs->data_bs, &bh);

		if (err)
			return err;
		memset(bh.data, 0, fs->data_bs);
		buffer_mark_dirty(&bh);
		buffer_release(&bh);
	}
	return 0;
}

/* Counts free entries (fat_lock held). */
static int fat_count_free_locked(struct fat_sb *fs)
{
	uint32_t free = 0, v;

	for (uint32_t c = FAT_FIRST_CLUSTER; c <= fs->g.max_cluster; c++) {
		int err = fat_ent_get(fs, c, &v);

		if (err)
			return err;
		if (v == FAT_FREE_CLUSTER)
			free++;
	}
	fs->free_count = free;
	return 0;
}

int fat_count_free(struct fat_sb *fs)
{
	int err = 0;

	mutex_lock(&fs->fat_lock);
	if (fs->free_count == FAT_FSINFO_UNKNOWN)
		err = fat_count_free_locked(fs);
	mutex_unlock(&fs->fat_lock);
	return err;
}

int fat_cluster_alloc(struct fat_sb *fs, uint32_t prev, bool zero, uint32_t *out)
{
	uint32_t start, c, v, span = fs->g.clusters;
	int err = 0;

	mutex_lock(&fs->fat_lock);
	if (fs->free_count == FAT_FSINFO_UNKNOWN) {
		err = fat_count_free_locked(fs);
		if (err)
			goto out;
	}
	if (!fs->free_count) {
		err = -ENOSPC;
		goto out;
	}
	start = fat_cluster_valid(fs, fs->next_free) ? fs->next_free : FAT_FIRST_CLUSTER;
	for (uint32_t i = 0; i < span; i++) {
		c = start + i;
		if (c > fs->g.max_cluster)
			c -= span;
		err = fat_ent_get(fs, c, &v);
		if (err)
			goto out;
		if (v != FAT_FREE_CLUSTER)
			continue;
		err = fat_ent_set(fs, c, fat_eoc(fs));
		if (!err && prev)
			err = fat_ent_set(fs, prev, c);
		if (err)
			goto out;
		fs->free_count--;
		/* Linux's FSI_Nxt_Free is the last cluster allocated. */
		fs->next_free = c;
		fs->fsinfo_dirty = true;
		mutex_unlock(&fs->fat_lock);
		*out = c;
		return zero ? fat_cluster_zero(fs, c) : 0;
	}
	/* FSInfo's count was wrong: none is free. */
	fs->free_count = 0;
	fs->fsinfo_dirty = true;
	err = -ENOSPC;
out:
	mutex_unlock(&fs->fat_lock);
	return err;
}

int fat_chain_free(struct fat_sb *fs, uint32_t last, uint32_t c)
{
	uint32_t n = 0, next;
	int err = 0;

	mutex_lock(&fs->fat_lock);
	if (fat_cluster_valid(fs, last))
		err = fat_ent_set(fs, last, fat_eoc(fs));
	while (!err && c) {
		if (++n > fs->g.clusters) {
			err = fat_corrupt(fs, "freed cluster chain loops at", c);
			break;
		}
		err = fat_ent_next_locked(fs, c, &next);
		if (err)
			break;
		err = fat_ent_set(fs, c, FAT_FREE_CLUSTER);
		if (err)
			break;
		if (fs->free_count != FAT_FSINFO_UNKNOWN)
			fs->free_count++;
		fs->fsinfo_dirty = true;
		c = next;
	}
	mutex_unlock(&fs->fat_lock);
	return err;
}

int fat_fsinfo_write(struct fat_sb *fs)
{
	struct buffer bh;
	struct fat_fsinfo *fi;
	int err = 0;

	mutex_lock(&fs->fat_lock);
	if (fs->g.type != 32 || !fs->g.fsinfo_sector || !fs->fsinfo_dirty)
		goto out;
	err = buffer_read(fs->bdev, fs->g.fsinfo_sector, fs->g.sector_size, &bh);
	if (err)
		goto out;
	fi = (struct fat_fsinfo *)bh.data;
	/* Only an FSInfo with its signatures is ours to update (as Linux). */
	if (fi->lead_sig == FAT_FSINFO_LEAD_SIG && fi->struc_sig == FAT_FSINFO_STRUC_SIG) {
		fi->free_count = fs->free_count;
		fi->nxt_free = fs->next_free;
		buffer_mark_dirty(&bh);
	}
	buffer_release(&bh);
	fs->fsinfo_dirty = false;
out:
	mutex_unlock(&fs->fat_lock);
	return err;
}
