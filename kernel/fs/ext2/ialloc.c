/*
 * ialloc.c: the inode bitmaps [Poirier §3.4]: bit i of group g's bitmap
 * set when inode g * s_inodes_per_group + i + 1 is used. A new file's
 * inode goes in its directory's group when it has room (its blocks then
 * follow it there); a new directory goes to a group with an above-average
 * share of free inodes and the most free blocks, spreading directories as
 * Linux's find_group_dir did. The bit, the group's free inode and
 * directory counts and the superblock's count change together under
 * alloc_lock.
 */
#include <basalt/string.h>
#include <uapi/errno.h>
#include "ext2.h"

/* The group for a new inode (alloc_lock held), or -ENOSPC. */
static int64_t ext2_pick_group(struct ext2_sb_info *sbi, uint32_t dir_group, bool is_dir)
{
	uint32_t groups = sbi->geo.groups, avg = sbi->es.s_free_inodes_count / groups;
	int64_t best = -1;
	uint32_t best_blocks = 0;

	for (uint32_t n = 0; n < groups; n++) {
		uint32_t g = is_dir ? n : (dir_group + n) % groups;
		struct ext2_group_desc *gd;
		struct buffer bh;
		uint32_t fi, fb;

		if (ext2_gd_get(sbi, g, &bh, &gd))
			continue;
		fi = gd->bg_free_inodes_count;
		fb = gd->bg_free_blocks_count;
		buffer_release(&bh);
		if (!fi)
			continue;
		if (!is_dir) {
			if (fb || n == groups - 1 || best < 0)
				best = best < 0 ? g : best;
			if (fb)
				return g;
			continue;
		}
		if (fi >= avg && (best < 0 || fb > best_blocks)) {
			best = g;
			best_blocks = fb;
		}
	}
	return best < 0 ? -ENOSPC : best;
}

int ext2_new_inode_num(struct ext2_sb_info *sbi, uint32_t dir_group, bool is_dir,
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
				  ext2_pick_group(sbi, dir_group, is_dir);
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
