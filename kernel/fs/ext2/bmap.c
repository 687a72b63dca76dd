/*
 * bmap.c: a file's logical blocks to the device's through i_block[]
 * [Poirier §3.5 "i_block"]: 12 direct pointers, then one single, one
 * double and one triple indirect block, each indirect block an array of
 * block_size / 4 block numbers (0: a hole). Growing allocates the
 * missing blocks on the way (zeroed, counted in i_blocks); truncating
 * frees every block past a logical index and the indirect blocks left
 * empty. Every pointer read from an indirect block is validated before
 * it is followed. Callers hold the inode's map_lock.
 */
#include <basalt/string.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include "ext2.h"

/* The path to logical block lblk: the i_block slot and the offsets below it. */
struct ext2_path {
	unsigned root;			/* index into i_block */
	unsigned depth;			/* indirect levels below it */
	uint32_t off[3];
};

static int ext2_path_of(uint32_t apb, uint64_t lblk, struct ext2_path *p)
{
	uint64_t a2 = (uint64_t)apb * apb, a3 = a2 * apb;

	if (lblk < EXT2_NDIR_BLOCKS) {
		*p = (struct ext2_path){ .root = (unsigned)lblk, .depth = 0 };
		return 0;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	if (lblk < apb) {
		*p = (struct ext2_path){ .root = EXT2_IND_BLOCK, .depth = 1,
					 .off = { (uint32_t)lblk } };
		return 0;
	}
	lblk -= apb;
	if (lblk < a2) {
		*p = (struct ext2_path){ .root = EXT2_DIND_BLOCK, .depth = 2,
					 .off = { (uint32_t)(lblk / apb), (uint32_t)(lblk % apb) } };
		return 0;
	}
	lblk -= a2;
	if (lblk < a3) {
		*p = (struct ext2_path){ .root = EXT2_TIND_BLOCK, .depth = 3,
					 .off = { (uint32_t)(lblk / a2), (uint32_t)(lblk / apb % apb),
						  (uint32_t)(lblk % apb) } };
		return 0;
	}
	return -EFBIG;
}

uint64_t ext2_max_size(uint32_t block_size)
{
	uint64_t apb = block_size / 4, data, meta, limit, bytes;
	unsigned bits = (unsigned)__builtin_ctz(block_size);

	/* What the pointers reach... */
	data = EXT2_NDIR_BLOCKS + apb + apb * apb + apb * apb * apb;
	meta = 1 + (1 + apb) + (1 + apb + apb * apb);
	/* ...and what i_blocks (2^32 - 1 sectors) can count, metadata included. */
	limit = ((1ULL << 32) - 1) >> (bits - 9);
	if (data + meta > limit) {
		uint64_t rest = limit - EXT2_NDIR_BLOCKS - apb;

		/* Metadata for addressing limit blocks (as Linux's ext2_max_size). */
		meta = 1 + 1 + apb + 1 + (rest + apb - 1) / apb + (rest + apb * apb - 1) / (apb * apb);
		data = limit - meta;
	}
	bytes = data << bits;
	return MIN(bytes, PAGE_CACHE_MAX_PAGES * PAGE_SIZE);
}

uint64_t ext2_file_max(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint64_t max = ext2_max_size(sbi->geo.block_size);

	return sbi->es.s_rev_level == EXT2_GOOD_OLD_REV ? MIN(max, EXT2_SMALL_FILE_MAX) : max;
}

/* A new zeroed block near the inode's last one, counted in i_blocks. */
static int ext2_alloc_zeroed(struct inode *ino, uint32_t *out)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	uint32_t goal = ei->last_alloc ? ei->last_alloc + 1 :
			sbi->es.s_first_data_block + ei->group * sbi->es.s_blocks_per_group;
	struct buffer bh;
	int err = ext2_new_block(sbi, goal, out);

	if (err)
		return err;
	err = ext2_bget_new(ino->sb, *out, &bh);
	if (err) {
		ext2_free_block(sbi, *out);
		return err;
	}
	memset(bh.data, 0, sbi->geo.block_size);
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	ei->last_alloc = *out;
	ei->i_blocks += sbi->geo.block_size / EXT2_SECTOR_SIZE;
	return 0;
}

int ext2_bmap(struct inode *ino, uint64_t lblk, bool create, uint32_t *pblk, bool *fresh)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	struct ext2_path p;
	uint32_t cur;
	int err = ext2_path_of(sbi->geo.addr_per_block, lblk, &p);

	*pblk = 0;
	if (fresh)
		*fresh = false;
	if (err)
		return create ? err : 0;
	cur = ei->i_block[p.root];
	if (!cur) {
		if (!create)
			return 0;
		err = ext2_alloc_zeroed(ino, &cur);
		if (err)
			return err;
		ei->i_block[p.root] = cur;
		if (fresh && !p.depth)
			*fresh = true;
	}
	if (!ext2_block_valid(&sbi->es, cur))
		return ext2_corrupt(ino->sb, "block pointer in inode outside the fs", ino->ino);
	for (unsigned level = 0; level < p.depth; level++) {
		struct buffer bh;
		uint32_t *slot, next;

		err = ext2_bread(ino->sb, cur, &bh);
		if (err)
			return err;
		slot = (uint32_t *)bh.data + p.off[level];
		next = *slot;
		if (!next && create) {
			err = ext2_alloc_zeroed(ino, &next);
			if (!err) {
				*slot = next;
				buffer_mark_dirty(&bh);
				if (fresh && level + 1 == p.depth)
					*fresh = true;
			}
		}
		buffer_release(&bh);
		if (err)
			return err;
		if (!next)
			return 0;	/* a hole */
		if (!ext2_block_valid(&sbi->es, next))
			return ext2_corrupt(ino->sb, "indirect block pointer outside the fs",
					    ino->ino);
		cur = next;
	}
	*pblk = cur;
	return 0;
}

static void ext2_release_block(struct inode *ino, uint32_t b)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	uint32_t sectors = ext2_bsize(ino->sb) / EXT2_SECTOR_SIZE;

	if (!ext2_free_block(EXT2_SB(ino->sb), b))
		ei->i_blocks -= MIN(ei->i_blocks, sectors);
	if (ei->last_alloc == b)
		ei->last_alloc = 0;
}

/*
 * Frees the blocks at logical index >= first under *ptr, whose subtree
 * of depth levels covers [base, base + apb^depth); *ptr itself goes when
 * nothing under it stays.
 */
static int ext2_trunc_tree(struct inode *ino, uint32_t *ptr, unsigned depth, uint64_t base,
			   uint64_t first)
{
	struct ext2_sb_info *sbi = EXT2_SB(ino->sb);
	uint64_t apb = sbi->geo.addr_per_block, span = 1, cspan;
	struct buffer bh;
	uint32_t *entries;
	bool changed = false, empty = false;
	int err = 0;

	if (!*ptr)
		return 0;
	for (unsigned i = 0; i < depth; i++)
		span *= apb;
	if (base + span <= first)
		return 0;
	if (!ext2_block_valid(&sbi->es, *ptr))
		return ext2_corrupt(ino->sb, "block pointer outside the fs", ino->ino);
	if (depth) {
		err = ext2_bread(ino->sb, *ptr, &bh);
		if (err)
			return err;
		entries = (uint32_t *)bh.data;
		cspan = span / apb;
		for (uint64_t i = 0; i < apb && !err; i++) {
			uint64_t cbase = base + i * cspan;

			if (cbase + cspan <= first || !entries[i])
				continue;
			err = ext2_trunc_tree(ino, &entries[i], depth - 1, cbase, first);
			changed = true;
		}
		if (changed)
			buffer_mark_dirty(&bh);
		/* An indirect block left with no pointer goes too, as Linux's ext2_truncate. */
		empty = true;
		for (uint64_t i = 0; i < apb && empty; i++)
			empty = !entries[i];
		buffer_release(&bh);
		if (err)
			return err;
	}
	if (base >= first || empty) {
		ext2_release_block(ino, *ptr);
		*ptr = 0;
	}
	return 0;
}

int ext2_truncate_blocks(struct inode *ino, uint64_t first)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	uint64_t apb = EXT2_SB(ino->sb)->geo.addr_per_block;
	uint64_t base[3] = { EXT2_NDIR_BLOCKS, EXT2_NDIR_BLOCKS + apb,
			     EXT2_NDIR_BLOCKS + apb + apb * apb };
	int err = 0, r;

	for (uint64_t i = first; i < EXT2_NDIR_BLOCKS; i++) {
		if (ei->i_block[i] && ext2_block_valid(&EXT2_SB(ino->sb)->es, ei->i_block[i]))
			ext2_release_block(ino, ei->i_block[i]);
		ei->i_block[i] = 0;
	}
	for (unsigned level = 0; level < 3; level++) {
		r = ext2_trunc_tree(ino, &ei->i_block[EXT2_IND_BLOCK + level], level + 1,
				    base[level], first);
		if (r && !err)
			err = r;
	}
	return ext2_write_inode_locked(ino) ?: err;
}
