/*
 * ialloc.c: the inode bitmaps [Poirier §3.4]: bit i of group g's bitmap
 * set when inode g * s_inodes_per_group + i + 1 is used. A new file's
 * inode goes in its directory's group when it has room (its blocks then
 * follow it there); a new directory is placed as Linux's Orlov allocator
 * does (ext2_pick_group_dir): top-level ones spread over the groups,
 * deeper ones near their parent. The bit, the group's free inode and
 * directory counts and the superblock's count change together under
 * alloc_lock.
 */
#include <basalt/string.h>
#include <uapi/errno.h>
#include "ext2.h"

/* Orlov's bounds (Linux's find_group_orlov): inodes_per_group / 16 more
 * directories than the average, a quarter of a group below the average
 * free inodes and blocks. */
#define EXT2_ORLOV_DIRS_DIV	16
#define EXT2_ORLOV_SLACK_DIV	4

/* One group's counts, read from its descriptor: 0 or an errno. */
static int ext2_group_counts(struct ext2_sb_info *sbi, uint32_t g, uint32_t *free_inodes,
			     uint32_t *free_blocks, uint32_t *dirs)
{
	struct ext2_group_desc *gd;
	struct buffer bh;
	int err = ext2_gd_get(sbi, g, &bh, &gd);

	if (err)
		return err;
	*free_inodes = gd->bg_free_inodes_count;
	*free_blocks = gd->bg_free_blocks_count;
	*dirs = gd->bg_used_dirs_count;
	buffer_release(&bh);
	return 0;
}

/*
 * A file's group (Linux's find_group_other): its directory's when it has
 * a free inode and a free block, else the next group that has both, else
 * any group with a free inode.
 */
static int64_t ext2_pick_group_file(struct ext2_sb_info *sbi, uint32_t dir_group)
{
	uint32_t groups = sbi->geo.groups;
	int64_t any = -1;

	for (uint32_t n = 0; n < groups; n++) {
		uint32_t g = (dir_group + n) % groups, fi, fb, nd;

		if (ext2_group_counts(sbi, g, &fi, &fb, &nd) || !fi)
			continue;
		if (fb)
			return g;
		if (any < 0)
			any = g;
	}
	return any < 0 ? -ENOSPC : any;
}

/*
 * A directory's group, Orlov's way (Linux's find_group_orlov, without its
 * random start): a top-level directory goes to the group with the fewest
 * directories among those with at least the average share of free inodes
 * and free blocks, so that unrelated trees spread over the disk; a deeper
 * one stays near its parent: the first group from the parent's with fewer
 * than max_dirs directories and not much less than the average free
 * inodes and blocks; else any group with above-average free inodes.
 */
static int64_t ext2_pick_group_dir(struct ext2_sb_info *sbi, uint32_t dir_group, bool top)
{
	struct ext2_super_block *es = &sbi->es;
	uint32_t groups = sbi->geo.groups;
	uint32_t avg_inodes = es->s_free_inodes_count / groups;
	uint32_t avg_blocks = es->s_free_blocks_count / groups;
	uint32_t ndirs = 0, max_dirs, min_inodes, min_blocks, fi, fb, nd;
	int64_t best = -1;
	uint32_t best_dirs = UINT32_MAX;

	if (top) {
		for (uint32_t g = 0; g < groups; g++) {
			if (ext2_group_counts(sbi, g, &fi, &fb, &nd) || !fi)
				continue;
			if (fi < avg_inodes || fb < avg_blocks || nd >= best_dirs)
				continue;
			best = g;
			best_dirs = nd;
		}
		if (best >= 0)
			return best;
	} else {
		for (uint32_t g = 0; g < groups; g++)
			if (!ext2_group_counts(sbi, g, &fi, &fb, &nd))
				ndirs += nd;
		max_dirs = ndirs / groups + es->s_inodes_per_group / EXT2_ORLOV_DIRS_DIV;
		min_inodes = avg_inodes > es->s_inodes_per_group / EXT2_ORLOV_SLACK_DIV ?
			     avg_inodes - es->s_inodes_per_group / EXT2_ORLOV_SLACK_DIV : 1;
		min_blocks = avg_blocks > es->s_blocks_per_group / EXT2_ORLOV_SLACK_DIV ?
			     avg_blocks - es->s_blocks_per_group / EXT2_ORLOV_SLACK_DIV : 1;
		for (uint32_t n = 0; n < groups; n++) {
			uint32_t g = (dir_group + n) % groups;

			if (ext2_group_counts(sbi, g, &fi, &fb, &nd))
				continue;
			if (nd < max_dirs && fi >= min_inodes && fb >= min_blocks)
				return g;
		}
	}
	/* Fallback: the first group from the parent's with a fair share of inodes. */
	for (uint32_t n = 0; n < groups; n++) {
		uint32_t g = (dir_group + n) % groups;

		if (!ext2_group_counts(sbi, g, &fi, &fb, &nd) && fi && fi >= avg_inodes)
			return g;
	}
	return ext2_pick_group_file(sbi, dir_group);
}

int ext2_new_inode_num(struct ext2_sb_info *sbi, uint32_t dir_group, bool is_dir, bool top,
		       uint32_t *out)
{
	struct ext2_super_block *es = &sbi->es;
	uint32_t ipg = es->s_inodes_per_group;
	int err = -ENOSPC;

	mutex_lock(&sbi->alloc_lock);
	if (!es->s_free_inodes_count)
		goto out;
	for (uint32_t n = 0; n < sbi->geo.groups && err == -ENOSPC; n++) {
		int64_t pick = n ? (int64_t)((dir_group + n) % sbi->geo.groups) :
			       is_dir ? ext2_pick_group_dir(sbi, dir_group, top) :
			       ext2_pick_group_file(sbi, dir_group);
		uint32_t g;
		struct ext2_group_desc *gd;
		struct buffer gbh, ibh;
		int64_t bit;

		if (pick < 0)
			break;
		g = (uint32_t)pick;
		err = ext2_gd_get(sbi, g, &gbh, &gd);
		if (err)
			break;
		if (!gd->bg_free_inodes_count) {
			buffer_release(&gbh);
			err = -ENOSPC;
			continue;
		}
		err = ext2_bread(&sbi->sb, gd->bg_inode_bitmap, &ibh);
		if (err) {
			buffer_release(&gbh);
			break;
		}
		/* The reserved inodes below s_first_ino are never handed out. */
		bit = ext2_find_zero(ibh.data, ipg, g ? 0 : sbi->geo.first_ino - 1);
		if (bit < 0 || (uint64_t)g * ipg + (uint64_t)bit + 1 < sbi->geo.first_ino) {
			err = ext2_corrupt(&sbi->sb, "free inodes count wrong for group", g);
		} else {
			ibh.data[bit / 8] |= (uint8_t)(1u << (bit % 8));
			buffer_mark_dirty(&ibh);
			gd->bg_free_inodes_count--;
			if (is_dir) {
				gd->bg_used_dirs_count++;
				sbi->last_group = g;
			}
			buffer_mark_dirty(&gbh);
			es->s_free_inodes_count--;
			*out = g * ipg + (uint32_t)bit + 1;
			err = 0;
		}
		buffer_release(&ibh);
		buffer_release(&gbh);
	}
out:
	mutex_unlock(&sbi->alloc_lock);
	return err;
}

int ext2_free_inode_num(struct ext2_sb_info *sbi, uint32_t ino, bool is_dir)
{
	struct ext2_super_block *es = &sbi->es;
	struct ext2_group_desc *gd;
	struct buffer gbh, ibh;
	uint32_t group, bit;
	int err;

	if (ino < sbi->geo.first_ino || ino > es->s_inodes_count)
		return ext2_corrupt(&sbi->sb, "freeing a reserved or nonexistent inode", ino);
	group = (ino - 1) / es->s_inodes_per_group;
	bit = (ino - 1) % es->s_inodes_per_group;
	mutex_lock(&sbi->alloc_lock);
	err = ext2_gd_get(sbi, group, &gbh, &gd);
	if (err)
		goto out;
	err = ext2_bread(&sbi->sb, gd->bg_inode_bitmap, &ibh);
	if (err)
		goto out_gd;
	if (!(ibh.data[bit / 8] & (1u << (bit % 8)))) {
		err = ext2_corrupt(&sbi->sb, "freeing a free inode", ino);
	} else {
		ibh.data[bit / 8] &= (uint8_t)~(1u << (bit % 8));
		buffer_mark_dirty(&ibh);
		gd->bg_free_inodes_count++;
		if (is_dir && gd->bg_used_dirs_count)
			gd->bg_used_dirs_count--;
		buffer_mark_dirty(&gbh);
		es->s_free_inodes_count++;
	}
	buffer_release(&ibh);
out_gd:
	buffer_release(&gbh);
out:
	mutex_unlock(&sbi->alloc_lock);
	return err;
}
