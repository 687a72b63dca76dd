/*
 * ext2_check_test.c: kernel/fs/ext2/check.c, the ext2 driver's checks of
 * what it reads from a disk, on images the host's mke2fs made
 * (make-ext2-images.sh) with 1 KiB and 4 KiB blocks: the real structures
 * pass; chosen corruptions give the errno the driver reports (EINVAL for
 * what is not a mountable ext2, EUCLEAN for inconsistency); and every
 * single-bit flip of the superblock, group descriptor 0, the root inode
 * and the root directory's block is checked without reading outside the
 * structure (each copy lives in a buffer of its exact size, under ASan),
 * and what passes keeps the invariants the driver relies on. And the
 * bitmap search of bitmap.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fs/ext2/ext2_fs.h>
#include <uapi/errno.h>

#define IMAGE_BYTES	(8u << 20)

struct image {
	uint8_t *data;
	struct ext2_super_block sb;
	struct ext2_geometry geo;
};

static struct image *image_load(unsigned bs)
{
	char path[512];
	struct image *im = calloc(1, sizeof(*im));
	const char *why;
	uint32_t feature;
	FILE *f;

	assert_non_null(im);
	im->data = malloc(IMAGE_BYTES);
	assert_non_null(im->data);
	snprintf(path, sizeof(path), "%s/ext2-%u.img", EXT2_IMAGE_DIR, bs);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(im->data, 1, IMAGE_BYTES, f), IMAGE_BYTES);
	fclose(f);
	memcpy(&im->sb, im->data + EXT2_SUPER_OFFSET, sizeof(im->sb));
	assert_int_equal(ext2_check_super(&im->sb, IMAGE_BYTES, &im->geo, &why, &feature), 0);
	return im;
}

static void image_free(struct image *im)
{
	free(im->data);
	free(im);
}

static const struct ext2_group_desc *image_gd(const struct image *im, uint32_t g)
{
	uint32_t b = im->sb.s_first_data_block + 1;

	return (const struct ext2_group_desc *)(im->data + (size_t)b * im->geo.block_size) + g;
}

static const struct ext2_inode *image_inode(const struct image *im, uint32_t ino)
{
	uint32_t idx = (ino - 1) % im->sb.s_inodes_per_group;
	const struct ext2_group_desc *gd = image_gd(im, (ino - 1) / im->sb.s_inodes_per_group);

	return (const struct ext2_inode *)(im->data + (size_t)gd->bg_inode_table *
					   im->geo.block_size + (size_t)idx * im->geo.inode_size);
}

static int super_check(const struct ext2_super_block *sb, struct ext2_geometry *g,
		       uint32_t *feature)
{
	/* A heap copy of exactly the superblock's size: ASan sees any overread. */
	struct ext2_super_block *copy = malloc(sizeof(*copy));
	const char *why = NULL;
	int err;

	memcpy(copy, sb, sizeof(*copy));
	err = ext2_check_super(copy, IMAGE_BYTES, g, &why, feature);
	if (err)
		assert_non_null(why);
	free(copy);
	return err;
}

static void test_valid(void **state)
{
	(void)state;
	for (unsigned bs = 1024; bs <= 4096; bs *= 4) {
		struct image *im = image_load(bs);
		const char *why;

		assert_int_equal(im->geo.block_size, bs);
		assert_int_equal(im->geo.addr_per_block, bs / 4);
		assert_false(im->geo.need_ro);
		for (uint32_t g = 0; g < im->geo.groups; g++)
			assert_int_equal(ext2_check_group(&im->sb, &im->geo, g, image_gd(im, g), &why), 0);
		assert_int_equal(ext2_check_inode(&im->sb, &im->geo, image_inode(im, EXT2_ROOT_INO),
						  EXT2_ROOT_INO, &why), 0);
		assert_true(ext2_group_has_super(&im->sb, 0));
		assert_true(ext2_group_has_super(&im->sb, 1));
		assert_false(ext2_group_has_super(&im->sb, 2));
		assert_true(ext2_group_has_super(&im->sb, 9));
		assert_true(ext2_group_has_super(&im->sb, 25));
		assert_true(ext2_group_has_super(&im->sb, 49));
		assert_false(ext2_group_has_super(&im->sb, 10));
		image_free(im);
	}
}

static void test_super_errors(void **state)
{
	struct image *im = image_load(1024);
	struct ext2_super_block sb;
	struct ext2_geometry g;
	uint32_t feature;

	(void)state;
	sb = im->sb;
	sb.s_magic ^= 1;
	assert_int_equal(super_check(&sb, &g, &feature), -EINVAL);
	sb = im->sb;
	sb.s_log_block_size = 3;
	assert_int_equal(super_check(&sb, &g, &feature), -EINVAL);
	sb = im->sb;
	sb.s_feature_incompat |= EXT4_FEATURE_INCOMPAT_EXTENTS;
	assert_int_equal(super_check(&sb, &g, &feature), -EINVAL);
	assert_int_equal(feature, EXT4_FEATURE_INCOMPAT_EXTENTS);
	sb = im->sb;
	sb.s_feature_incompat |= EXT3_FEATURE_INCOMPAT_RECOVER;
	assert_int_equal(super_check(&sb, &g, &feature), -EINVAL);
	sb = im->sb;
	sb.s_feature_incompat |= 0x10000;
	assert_int_equal(super_check(&sb, &g, &feature), -EINVAL);
	assert_int_equal(feature, 0x10000);
	sb = im->sb;
	sb.s_feature_ro_compat |= 0x8000;
	assert_int_equal(super_check(&sb, &g, &feature), 0);
	assert_true(g.need_ro);
	assert_int_equal(feature, 0x8000);
	sb = im->sb;
	sb.s_blocks_count *= 2;		/* past the device */
	assert_int_not_equal(super_check(&sb, &g, &feature), 0);
	sb = im->sb;
	sb.s_inodes_count++;
	assert_int_equal(super_check(&sb, &g, &feature), -EUCLEAN);
	sb = im->sb;
	sb.s_first_data_block = 0;
	assert_int_equal(super_check(&sb, &g, &feature), -EUCLEAN);
	sb = im->sb;
	sb.s_blocks_per_group = 0;
	assert_int_equal(super_check(&sb, &g, &feature), -EUCLEAN);
	sb = im->sb;
	sb.s_inode_size = 100;
	assert_int_equal(super_check(&sb, &g, &feature), -EUCLEAN);
	sb = im->sb;
	sb.s_rev_level = 2;
	assert_int_equal(super_check(&sb, &g, &feature), -EINVAL);
	image_free(im);
}

/* Every single-bit flip of the superblock: no overread, and what passes is sane. */
static void test_super_bitflips(void **state)
{
	(void)state;
	for (unsigned bs = 1024; bs <= 4096; bs *= 4) {
		struct image *im = image_load(bs);
		unsigned passed = 0;

		for (unsigned bit = 0; bit < EXT2_SUPER_SIZE * 8; bit++) {
			struct ext2_super_block sb = im->sb;
			struct ext2_geometry g;
			uint32_t feature;

			((uint8_t *)&sb)[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			if (super_check(&sb, &g, &feature))
				continue;
			passed++;
			assert_true(g.block_size >= EXT2_MIN_BLOCK_SIZE &&
				    g.block_size <= EXT2_MAX_BLOCK_SIZE);
			assert_true((uint64_t)sb.s_blocks_count * g.block_size <= IMAGE_BYTES);
			assert_true(g.inode_size >= EXT2_GOOD_OLD_INODE_SIZE &&
				    g.inode_size <= g.block_size);
			assert_true((uint64_t)g.groups * sb.s_inodes_per_group == sb.s_inodes_count);
			assert_true(sb.s_blocks_per_group <= g.block_size * 8);
			assert_true(sb.s_free_blocks_count <= sb.s_blocks_count);
		}
		/* Most of the superblock is not used by the checks: those flips pass. */
		assert_true(passed > 0);
		image_free(im);
	}
}

static void test_group_bitflips(void **state)
{
	(void)state;
	for (unsigned bs = 1024; bs <= 4096; bs *= 4) {
		struct image *im = image_load(bs);
		struct ext2_group_desc *gd = malloc(sizeof(*gd));
		const char *why;

		memcpy(gd, image_gd(im, 0), sizeof(*gd));
		gd->bg_block_bitmap = im->sb.s_blocks_count;
		assert_int_equal(ext2_check_group(&im->sb, &im->geo, 0, gd, &why), -EUCLEAN);
		memcpy(gd, image_gd(im, 0), sizeof(*gd));
		gd->bg_inode_table = im->sb.s_blocks_per_group + im->sb.s_first_data_block -
				     im->geo.inode_table_blocks + 1;	/* runs into group 1 */
		assert_int_equal(ext2_check_group(&im->sb, &im->geo, 0, gd, &why), -EUCLEAN);
		for (unsigned bit = 0; bit < sizeof(*gd) * 8; bit++) {
			uint32_t first = im->sb.s_first_data_block;

			memcpy(gd, image_gd(im, 0), sizeof(*gd));
			((uint8_t *)gd)[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			if (ext2_check_group(&im->sb, &im->geo, 0, gd, &why))
				continue;
			assert_true(gd->bg_block_bitmap >= first &&
				    gd->bg_block_bitmap < first + im->sb.s_blocks_per_group);
			assert_true(gd->bg_inode_table + im->geo.inode_table_blocks <=
				    first + im->sb.s_blocks_per_group);
		}
		free(gd);
		image_free(im);
	}
}

static void test_inode_bitflips(void **state)
{
	(void)state;
	for (unsigned bs = 1024; bs <= 4096; bs *= 4) {
		struct image *im = image_load(bs);
		struct ext2_inode *raw = malloc(sizeof(*raw));
		const char *why;

		memcpy(raw, image_inode(im, EXT2_ROOT_INO), sizeof(*raw));
		raw->i_block[0] = im->sb.s_blocks_count;
		assert_int_equal(ext2_check_inode(&im->sb, &im->geo, raw, 2, &why), -EUCLEAN);
		memcpy(raw, image_inode(im, EXT2_ROOT_INO), sizeof(*raw));
		raw->i_flags |= EXT4_EXTENTS_FL;
		assert_int_equal(ext2_check_inode(&im->sb, &im->geo, raw, 2, &why), -EUCLEAN);
		memcpy(raw, image_inode(im, EXT2_ROOT_INO), sizeof(*raw));
		raw->i_mode |= 0xf000;
		assert_int_equal(ext2_check_inode(&im->sb, &im->geo, raw, 2, &why), -EUCLEAN);
		memcpy(raw, image_inode(im, EXT2_ROOT_INO), sizeof(*raw));
		assert_int_equal(ext2_check_inode(&im->sb, &im->geo, raw, 0, &why), -EUCLEAN);
		assert_int_equal(ext2_check_inode(&im->sb, &im->geo, raw, im->sb.s_inodes_count + 1,
						  &why), -EUCLEAN);
		for (unsigned bit = 0; bit < sizeof(*raw) * 8; bit++) {
			memcpy(raw, image_inode(im, EXT2_ROOT_INO), sizeof(*raw));
			((uint8_t *)raw)[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			if (ext2_check_inode(&im->sb, &im->geo, raw, 2, &why))
				continue;
			if ((raw->i_mode & 0xf000) == 0x4000 || (raw->i_mode & 0xf000) == 0x8000)
				for (unsigned i = 0; i < EXT2_N_BLOCKS; i++)
					assert_true(!raw->i_block[i] ||
						    ext2_block_valid(&im->sb, raw->i_block[i]));
		}
		free(raw);
		image_free(im);
	}
}

/* Walks a directory block as the driver does: the entries seen, or -1 at an error. */
static int dir_walk(const struct image *im, const uint8_t *block)
{
	uint32_t bs = im->geo.block_size;
	int entries = 0;
	const char *why;

	for (uint32_t off = 0; off < bs;) {
		const struct ext2_dir_entry *de;

		if (ext2_check_dirent(block, bs, off, im->sb.s_inodes_count, &why))
			return -1;
		de = (const struct ext2_dir_entry *)(block + off);
		/* The name the driver compares lies inside the record and the block. */
		assert_true(off + EXT2_DIR_ENTRY_HEADER + de->name_len <= bs);
		entries++;
		off += de->rec_len;
	}
	return entries;
}

static void test_dir_bitflips(void **state)
{
	(void)state;
	for (unsigned bs = 1024; bs <= 4096; bs *= 4) {
		struct image *im = image_load(bs);
		const struct ext2_inode *root = image_inode(im, EXT2_ROOT_INO);
		const uint8_t *orig = im->data + (size_t)root->i_block[0] * bs;
		uint8_t *block = malloc(bs);
		unsigned failed = 0;

		memcpy(block, orig, bs);
		/* ".", "..", lost+found, hello.txt, link, sub */
		assert_int_equal(dir_walk(im, block), 6);
		for (unsigned bit = 0; bit < bs * 8; bit++) {
			memcpy(block, orig, bs);
			block[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			if (dir_walk(im, block) < 0)
				failed++;
		}
		/* rec_len's bits (and inode numbers' high ones) are caught. */
		assert_true(failed > 0);
		/* An entry header cut by the block's end. */
		assert_int_equal(ext2_check_dirent(block, bs, bs - 4, im->sb.s_inodes_count,
						   &(const char *){ NULL }), -EUCLEAN);
		free(block);
		image_free(im);
	}
}

static void test_find_zero(void **state)
{
	uint8_t map[4] = { 0xff, 0xff, 0x7f, 0x00 };
	uint8_t full[2] = { 0xff, 0x03 };

	(void)state;
	assert_int_equal(ext2_find_zero(map, 32, 0), 23);
	assert_int_equal(ext2_find_zero(map, 32, 24), 24);
	assert_int_equal(ext2_find_zero(map, 20, 5), -1);
	/* A full byte at the end skips only to the wrap, not past bits 0..7. */
	map[0] = 0xfe;
	assert_int_equal(ext2_find_zero(map, 20, 17), 0);
	/* Count not a multiple of 8: bits past it are never given. */
	assert_int_equal(ext2_find_zero(full, 10, 3), -1);
	full[1] = 0x01;
	assert_int_equal(ext2_find_zero(full, 10, 9), 9);
	assert_int_equal(ext2_find_zero(full, 10, 0), 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_super_errors),
		cmocka_unit_test(test_super_bitflips),
		cmocka_unit_test(test_group_bitflips),
		cmocka_unit_test(test_inode_bitflips),
		cmocka_unit_test(test_dir_bitflips),
		cmocka_unit_test(test_find_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
