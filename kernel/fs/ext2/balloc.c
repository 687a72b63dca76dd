/*
 * balloc.c: the block bitmaps [Poirier §3.3]: one block per group, bit i
 * set when block s_first_data_block + group * s_blocks_per_group + i is
 * used. Allocating or freeing a block changes its bit, its group
 * descriptor's bg_free_blocks_count and the superblock's
 * s_free_blocks_count together under alloc_lock, so e2fsck's pass 5
 * always finds them in agreement.
 */
#include <basalt/string.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include "ext2.h"

#define EXT2_BITS_PER_BYTE	8

/* Blocks in group (the last one may be short). */
static uint32_t ext2_group_blocks(const struct ext2_super_block *es, uint32_t group)
{
	uint64_t first = (uint64_t)es->s_first_data_block + (uint64_t)group * es->s_blocks_per_group;

	return (uint32_t)MIN((uint64_t)es->s_blocks_per_group, es->s_blocks_count - first);
}

static bool ext2_test_bit(const uint8_t *map, uint32_t bit)
{
	return map[bit / EXT2_BITS_PER_BYTE] & (1u << (bit % EXT2_BITS_PER_BYTE));
}

static void ext2_flip_bit(uint8_t *map, uint32_t bit)
{
	map[bit / EXT2_BITS_PER_BYTE] ^= (uint8_t)(1u << (bit % EXT2_BITS_PER_BYTE));
}

/*
 * Whether the caller may take blocks from the root reserve
 * (s_r_blocks_count): root, the reserve's user or group (resuid=/resgid=
 * over the superblock's s_def_resuid/s_def_resgid).
 */
static bool ext2_may_use_reserve(const struct ext2_sb_info *sbi)
{
	const struct cred *c = vfs_cred();
	const struct ext2_mount_opts *o = &sbi->opts;
	uint32_t uid = o->resuid_set ? o->resuid : sbi->es.s_def_resuid;
	uint32_t gid = o->resgid_set ? o->resgid : sbi->es.s_def_resgid;

	return !c->fsuid || c->fsuid == uid || cred_in_group(c, gid);
}

/* Takes a block of group at or after start (alloc_lock held): 1 found, 0 none, errno. */
static int ext2_take_in_group(struct ext2_sb_info *sbi, uint32_t group, uint32_t start,
			      uint32_t *out)
{
	struct ext2_super_block *es = &sbi->es;
	struct ext2_group_desc *gd;
	struct buffer gbh, bbh;
	int64_t bit;
	int err = ext2_gd_get(sbi, group, &gbh, &gd);

	if (err)
		return err;
	if (!gd->bg_free_blocks_count) {
		buffer_release(&gbh);
		return 0;
	}
	err = ext2_bread(&sbi->sb, gd->bg_block_bitmap, &bbh);
	if (err) {
		buffer_release(&gbh);
		return err;
	}
	bit = ext2_find_zero(bbh.data, ext2_group_blocks(es, group), start);
	if (bit < 0) {
		/* The descriptor said free blocks, the bitmap none. */
		err = ext2_corrupt(&sbi->sb, "free blocks count wrong for group", group);
	} else {
		ext2_flip_bit(bbh.data, (uint32_t)bit);
		buffer_mark_dirty(&bbh);
		gd->bg_free_blocks_count--;
		buffer_mark_dirty(&gbh);
		es->s_free_blocks_count--;
		*out = es->s_first_data_block + group * es->s_blocks_per_group + (uint32_t)bit;
		err = 1;
	}
	buffer_release(&bbh);
	buffer_release(&gbh);
	return err;
}

int ext2_new_block(struct ext2_sb_info *sbi, uint32_t goal, uint32_t *out)
{
	struct ext2_super_block *es = &sbi->es;
	uint32_t group, start;
	int err = -ENOSPC;

	if (!ext2_block_valid(es, goal))
		goal = es->s_first_data_block;
	group = (goal - es->s_first_data_block) / es->s_blocks_per_group;
	start = (goal - es->s_first_data_block) % es->s_blocks_per_group;
	mutex_lock(&sbi->alloc_lock);
	if (es->s_free_blocks_count <= es->s_r_blocks_count &&
	    (!es->s_free_blocks_count || !ext2_may_use_reserve(sbi)))
		goto out;
	for (uint32_t n = 0; n < sbi->geo.groups; n++) {
		uint32_t g = (group + n) % sbi->geo.groups;
		int r = ext2_take_in_group(sbi, g, n ? 0 : start, out);

		if (r == 1) {
			err = 0;
			break;
		}
		if (r < 0) {
			err = r;
			break;
		}
	}
out:
	mutex_unlock(&sbi->alloc_lock);
	return err;
}

int ext2_free_block(struct ext2_sb_info *sbi, uint32_t b)
{
	struct ext2_super_block *es = &sbi->es;
	struct ext2_group_desc *gd;
	struct buffer gbh, bbh;
	uint32_t group, bit;
	int err;

	if (!ext2_block_valid(es, b))
		return ext2_corrupt(&sbi->sb, "freeing a block outside the fs", b);
	group = (b - es->s_first_data_block) / es->s_blocks_per_group;
	bit = (b - es->s_first_data_block) % es->s_blocks_per_group;
	mutex_lock(&sbi->alloc_lock);
	err = ext2_gd_get(sbi, group, &gbh, &gd);
	if (err)
		goto out;
	if (b == gd->bg_block_bitmap || b == gd->bg_inode_bitmap ||
	    (b >= gd->bg_inode_table && b - gd->bg_inode_table < sbi->geo.inode_table_blocks)) {
		err = ext2_corrupt(&sbi->sb, "freeing a metadata block", b);
		goto out_gd;
	}
	err = ext2_bread(&sbi->sb, gd->bg_block_bitmap, &bbh);
	if (err)
		goto out_gd;
	if (!ext2_test_bit(bbh.data, bit)) {
		err = ext2_corrupt(&sbi->sb, "freeing a free block", b);
	} else {
		ext2_flip_bit(bbh.data, bit);
		buffer_mark_dirty(&bbh);
		gd->bg_free_blocks_count++;
		buffer_mark_dirty(&gbh);
		es->s_free_blocks_count++;
	}
	buffer_release(&bbh);
out_gd:
	buffer_release(&gbh);
out:
	mutex_unlock(&sbi->alloc_lock);
	return err;
}
