/*
 * check.c: validation of what ext2 reads from a disk: the superblock,
 * group descriptors, inodes and directory entries. Pure functions (no
 * allocation, no I/O), so the host unit test feeds them bit-flipped
 * structures from real mke2fs images under ASan and UBSan. A disk is
 * untrusted input: every field the driver uses to index memory or the
 * device is checked here before use.
 */
#include "ext2_fs.h"
#include <uapi/errno.h>

/* The number of groups: ceil((blocks - first data block) / blocks per group) [Poirier §3.2]. */
static uint32_t ext2_group_count(const struct ext2_super_block *sb)
{
	uint64_t data = (uint64_t)sb->s_blocks_count - sb->s_first_data_block;

	return (uint32_t)((data + sb->s_blocks_per_group - 1) / sb->s_blocks_per_group);
}

static int ext2_check_features(const struct ext2_super_block *sb, struct ext2_geometry *g,
			       const char **why, uint32_t *feature)
{
	uint32_t incompat = sb->s_feature_incompat, unknown;

	if (sb->s_rev_level == EXT2_GOOD_OLD_REV)
		return 0;	/* revision 0 has no feature fields [Poirier §3.1] */
	if (incompat & (EXT3_FEATURE_INCOMPAT_RECOVER | EXT3_FEATURE_INCOMPAT_JOURNAL_DEV)) {
		*why = "needs journal recovery (ext3/ext4): not supported";
		*feature = incompat & (EXT3_FEATURE_INCOMPAT_RECOVER |
				       EXT3_FEATURE_INCOMPAT_JOURNAL_DEV);
		return -EINVAL;
	}
	if (incompat & EXT4_FEATURE_INCOMPAT_EXTENTS) {
		*why = "uses extents (ext4): not supported";
		*feature = EXT4_FEATURE_INCOMPAT_EXTENTS;
		return -EINVAL;
	}
	unknown = incompat & ~(uint32_t)EXT2_FEATURE_INCOMPAT_SUPP;
	if (unknown) {
		*why = "has unsupported INCOMPAT features";
		*feature = unknown;
		return -EINVAL;
	}
	unknown = sb->s_feature_ro_compat & ~(uint32_t)EXT2_FEATURE_RO_COMPAT_SUPP;
	if (unknown) {
		*why = "has unsupported RO_COMPAT features: read-only";
		*feature = unknown;
		g->need_ro = true;
	}
	return 0;
}

int ext2_check_super(const struct ext2_super_block *sb, uint64_t dev_bytes,
		     struct ext2_geometry *g, const char **why, uint32_t *feature)
{
	uint32_t bs, groups;
	uint64_t per_group_max;
	int err;

	*feature = 0;
	*why = NULL;
	g->need_ro = false;
	if (sb->s_magic != EXT2_SUPER_MAGIC) {
		*why = "bad magic: not an ext2 file system";
		return -EINVAL;
	}
	if (sb->s_rev_level > EXT2_DYNAMIC_REV) {
		*why = "unknown revision";
		return -EINVAL;
	}
	err = ext2_check_features(sb, g, why, feature);
	if (err)
		return err;
	if (sb->s_log_block_size > 2) {
		*why = "block size above 4096";
		return -EINVAL;
	}
	bs = EXT2_MIN_BLOCK_SIZE << sb->s_log_block_size;
	g->block_size = bs;
	g->addr_per_block = bs / 4;
	/* [Poirier §3.1] the superblock's block is the first data block: 1 for 1 KiB blocks. */
	if (sb->s_first_data_block != (bs == EXT2_MIN_BLOCK_SIZE ? 1U : 0U)) {
		*why = "bad first data block";
		return -EUCLEAN;
	}
	per_group_max = (uint64_t)bs * 8;	/* one bitmap block [Poirier §3.3, §3.4] */
	if (!sb->s_blocks_per_group || sb->s_blocks_per_group > per_group_max ||
	    !sb->s_inodes_per_group || sb->s_inodes_per_group > per_group_max) {
		*why = "bad blocks or inodes per group";
		return -EUCLEAN;
	}
	if (sb->s_blocks_count <= sb->s_first_data_block ||
	    sb->s_r_blocks_count > sb->s_blocks_count ||
	    sb->s_free_blocks_count > sb->s_blocks_count ||
	    sb->s_free_inodes_count > sb->s_inodes_count) {
		*why = "bad block or inode counts";
		return -EUCLEAN;
	}
	if ((uint64_t)sb->s_blocks_count * bs > dev_bytes) {
		*why = "larger than the device";
		return -EINVAL;
	}
	if (sb->s_rev_level == EXT2_GOOD_OLD_REV) {
		g->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		g->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		g->inode_size = sb->s_inode_size;
		g->first_ino = sb->s_first_ino;
	}
	if (g->inode_size < EXT2_GOOD_OLD_INODE_SIZE || g->inode_size > bs ||
	    (g->inode_size & (g->inode_size - 1))) {
		*why = "bad inode size";
		return -EUCLEAN;
	}
	g->inodes_per_block = bs / g->inode_size;
	if (sb->s_inodes_per_group % g->inodes_per_block) {
		*why = "inodes per group do not fill whole blocks";
		return -EUCLEAN;
	}
	g->inode_table_blocks = sb->s_inodes_per_group / g->inodes_per_block;
	groups = ext2_group_count(sb);
	g->groups = groups;
	/* Linux's ext2_fill_super: the inode count is exactly groups * per group. */
	if ((uint64_t)groups * sb->s_inodes_per_group != sb->s_inodes_count) {
		*why = "inode count does not match the groups";
		return -EUCLEAN;
	}
	if (g->first_ino < EXT2_GOOD_OLD_FIRST_INO || g->first_ino >= sb->s_inodes_count) {
		*why = "bad first inode";
		return -EUCLEAN;
	}
	g->desc_blocks = (uint32_t)(((uint64_t)groups * sizeof(struct ext2_group_desc) + bs - 1) /
				    bs);
	if ((uint64_t)sb->s_first_data_block + 1 + g->desc_blocks > sb->s_blocks_count) {
		*why = "group descriptors past the end";
		return -EUCLEAN;
	}
	return 0;
}

bool ext2_block_valid(const struct ext2_super_block *sb, uint32_t b)
{
	return b >= sb->s_first_data_block && b < sb->s_blocks_count;
}

/* The last block of group group. */
static uint32_t ext2_group_last(const struct ext2_super_block *sb, uint32_t group)
{
	uint64_t last = (uint64_t)sb->s_first_data_block +
			(uint64_t)(group + 1) * sb->s_blocks_per_group - 1;

	return last >= sb->s_blocks_count ? sb->s_blocks_count - 1 : (uint32_t)last;
}

int ext2_check_group(const struct ext2_super_block *sb, const struct ext2_geometry *g,
		     uint32_t group, const struct ext2_group_desc *gd, const char **why)
{
	/* Linux's ext2_check_descriptors: the bitmaps and table lie inside their group. */
	uint64_t first = (uint64_t)sb->s_first_data_block + (uint64_t)group * sb->s_blocks_per_group;
	uint32_t last = ext2_group_last(sb, group);

	if (gd->bg_block_bitmap < first || gd->bg_block_bitmap > last) {
		*why = "block bitmap outside its group";
		return -EUCLEAN;
	}
	if (gd->bg_inode_bitmap < first || gd->bg_inode_bitmap > last) {
		*why = "inode bitmap outside its group";
		return -EUCLEAN;
	}
	if (gd->bg_inode_table < first ||
	    (uint64_t)gd->bg_inode_table + g->inode_table_blocks - 1 > last) {
		*why = "inode table outside its group";
		return -EUCLEAN;
	}
	if (gd->bg_free_blocks_count > sb->s_blocks_per_group ||
	    gd->bg_free_inodes_count > sb->s_inodes_per_group ||
	    gd->bg_used_dirs_count > sb->s_inodes_per_group) {
		*why = "bad free counts";
		return -EUCLEAN;
	}
	return 0;
}

int ext2_check_dirent(const uint8_t *block, uint32_t size, uint32_t off,
		      uint32_t inodes_count, const char **why)
{
	const struct ext2_dir_entry *de;

	if (off > size || size - off < EXT2_DIR_ENTRY_HEADER || (off % EXT2_DIR_PAD)) {
		*why = "entry header past the block";
		return -EUCLEAN;
	}
	de = (const struct ext2_dir_entry *)(block + off);
	/* [Poirier §4.1]; Linux's ext2_check_page: the same rules. */
	if (de->rec_len < EXT2_DIR_REC_LEN(1) || (de->rec_len % EXT2_DIR_PAD)) {
		*why = "bad rec_len";
		return -EUCLEAN;
	}
	if (de->rec_len > size - off) {
		*why = "rec_len past the block";
		return -EUCLEAN;
	}
	if (de->rec_len < EXT2_DIR_REC_LEN(de->name_len)) {
		*why = "name_len past rec_len";
		return -EUCLEAN;
	}
	if (de->inode > inodes_count) {
		*why = "inode number out of range";
		return -EUCLEAN;
	}
	return 0;
}

int ext2_check_inode(const struct ext2_super_block *sb, const struct ext2_geometry *g,
		     const struct ext2_inode *raw, uint32_t ino, const char **why)
{
	uint16_t type = raw->i_mode & 0xf000;
	bool blocks = true;
	(void)g;

	if (!ino || ino > sb->s_inodes_count) {
		*why = "inode number out of range";
		return -EUCLEAN;
	}
	switch (type) {
	case 0x8000: case 0x4000:		/* S_IFREG, S_IFDIR */
		break;
	case 0xa000:				/* S_IFLNK */
		/* A fast link's target is in i_block [Poirier §3.5]: no blocks to check. */
		if (raw->i_size < EXT2_FAST_LINK_MAX &&
		    raw->i_blocks == (raw->i_file_acl ? g->block_size / EXT2_SECTOR_SIZE : 0U))
			blocks = false;
		else if (raw->i_size >= g->block_size) {
			*why = "symlink longer than a block";
			return -EUCLEAN;
		}
		break;
	case 0x2000: case 0x6000: case 0x1000: case 0xc000:	/* devices, FIFO, socket */
		blocks = false;
		break;
	default:
		*why = "unknown file type";
		return -EUCLEAN;
	}
	if (raw->i_flags & EXT4_EXTENTS_FL) {
		*why = "extent-mapped inode";
		return -EUCLEAN;
	}
	if (type == 0x4000 && raw->i_size % g->block_size) {
		*why = "directory size not a multiple of the block size";
		return -EUCLEAN;
	}
	for (unsigned i = 0; blocks && i < EXT2_N_BLOCKS; i++) {
		if (raw->i_block[i] && !ext2_block_valid(sb, raw->i_block[i])) {
			*why = "block pointer outside the file system";
			return -EUCLEAN;
		}
	}
	return 0;
}

/* Whether n is a power of base (n >= 1). */
static bool ext2_is_power(uint32_t n, uint32_t base)
{
	while (n > 1 && n % base == 0)
		n /= base;
	return n == 1;
}

bool ext2_group_has_super(const struct ext2_super_block *sb, uint32_t group)
{
	/* [Poirier §3.1, "sparse superblock"]: groups 0, 1 and powers of 3, 5 and 7. */
	if (sb->s_rev_level == EXT2_GOOD_OLD_REV ||
	    !(sb->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	if (group <= 1)
		return true;
	return ext2_is_power(group, 3) || ext2_is_power(group, 5) || ext2_is_power(group, 7);
}
