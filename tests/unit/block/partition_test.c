/*
 * partition_test.c: kernel/block/partition_mbr.c and partition_gpt.c on
 * images made by the host's sgdisk and sfdisk (make-part-images.sh), and
 * on corrupted copies: a bad primary GPT header or entry array (the
 * backup is used), both GPTs bad, read errors, an MBR without signature
 * or with a bad boot flag, an extended chain that loops or whose EBR has
 * no signature, a partition beyond the disk.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <block/partition.h>
#include <uapi/errno.h>

#define BLOCK		512
#define DISK_BLOCKS	16384	/* 8 MiB */

static unsigned warnings;

void klog(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
	warnings++;
}

struct image {
	uint8_t *data;
	uint64_t fail_lba;	/* a read of this block fails (0: none) */
};

static int image_read(void *ctx, uint64_t lba, void *buf)
{
	struct image *im = ctx;

	if (lba >= DISK_BLOCKS || (im->fail_lba && lba == im->fail_lba))
		return -EIO;
	memcpy(buf, im->data + lba * BLOCK, BLOCK);
	return 0;
}

static struct image *image_load(const char *name)
{
	char path[512];
	struct image *im = calloc(1, sizeof(*im));
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", PART_IMAGE_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	im->data = malloc((size_t)DISK_BLOCKS * BLOCK);
	assert_int_equal(fread(im->data, BLOCK, DISK_BLOCKS, f), DISK_BLOCKS);
	fclose(f);
	return im;
}

static void image_free(struct image *im)
{
	free(im->data);
	free(im);
}

static struct part_disk disk_of(struct image *im)
{
	return (struct part_disk){ image_read, im, BLOCK, DISK_BLOCKS };
}

static void assert_part(const struct part_info *p, unsigned partno, uint64_t start,
			uint64_t blocks)
{
	assert_int_equal(p->partno, partno);
	assert_int_equal(p->start, start);
	assert_int_equal(p->blocks, blocks);
}

/* The three partitions of sgdisk's image. */
static void assert_gpt_layout(const struct part_table *t)
{
	/* sgdisk's 8300 (Linux filesystem) and the -u GUID, mixed-endian. */
	static const uint8_t linux_fs[PART_GUID_LEN] = {
		0xaf, 0x3d, 0xc6, 0x0f, 0x83, 0x84, 0x72, 0x47,
		0x8e, 0x79, 0x3d, 0x69, 0xd8, 0x47, 0x7d, 0xe4 };
	static const uint8_t unique1[PART_GUID_LEN] = {
		0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };

	assert_int_equal(t->count, 3);
	assert_part(&t->parts[0], 1, 2048, 2048);
	assert_part(&t->parts[1], 2, 4096, 4096);
	assert_part(&t->parts[2], 3, 8192, 6144);
	assert_memory_equal(t->parts[0].type_guid, linux_fs, PART_GUID_LEN);
	assert_memory_equal(t->parts[0].unique_guid, unique1, PART_GUID_LEN);
}

static void test_gpt_valid(void **state)
{
	struct image *im = image_load("gpt.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	/* The protective MBR sends the scan to the GPT. */
	assert_int_equal(part_mbr_parse(&d, &t), -EPROTO);
	assert_int_equal(part_gpt_parse(&d, &t), 0);
	assert_gpt_layout(&t);
	assert_false(t.gpt_backup_used);
	image_free(im);
}

static void test_gpt_bad_primary_header(void **state)
{
	struct image *im = image_load("gpt.img");
	struct part_disk d = disk_of(im);
	struct part_table t;
	unsigned before = warnings;

	(void)state;
	im->data[1 * BLOCK + 40] ^= 0x01;	/* FirstUsableLBA: the CRC no longer matches */
	assert_int_equal(part_gpt_parse(&d, &t), 0);
	assert_true(t.gpt_backup_used);
	assert_gpt_layout(&t);
	assert_true(warnings > before);	/* the fallback is logged */
	image_free(im);
}

static void test_gpt_bad_primary_entries(void **state)
{
	struct image *im = image_load("gpt.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	im->data[2 * BLOCK + 32] ^= 0x80;	/* entry 1's StartingLBA */
	assert_int_equal(part_gpt_parse(&d, &t), 0);
	assert_true(t.gpt_backup_used);
	assert_gpt_layout(&t);
	image_free(im);
}

static void test_gpt_both_bad(void **state)
{
	struct image *im = image_load("gpt.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	im->data[1 * BLOCK] = 'X';				/* no signature */
	im->data[(uint64_t)(DISK_BLOCKS - 1) * BLOCK + 40] ^= 0x01;	/* bad CRC */
	assert_int_equal(part_gpt_parse(&d, &t), -EINVAL);
	assert_int_equal(t.count, 0);
	image_free(im);
}

static void test_gpt_read_error(void **state)
{
	struct image *im = image_load("gpt.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	im->fail_lba = 2;	/* the entry array */
	assert_int_equal(part_gpt_parse(&d, &t), -EIO);
	image_free(im);
}

/* The disk is smaller than the header says: both headers are rejected. */
static void test_gpt_disk_too_small(void **state)
{
	struct image *im = image_load("gpt.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	d.capacity = 8000;	/* LastUsableLBA 16350 lies beyond */
	assert_int_equal(part_gpt_parse(&d, &t), -EINVAL);
	image_free(im);
}

static void assert_mbr_layout(const struct part_table *t)
{
	assert_int_equal(t->count, 5);
	assert_part(&t->parts[0], 1, 2048, 2048);
	assert_int_equal(t->parts[0].mbr_type, 0x83);
	/* The extended partition shows as its first 1 KiB, as on Linux. */
	assert_part(&t->parts[1], 2, 4096, 2);
	assert_int_equal(t->parts[1].mbr_type, 0x05);
	assert_part(&t->parts[2], 5, 6144, 1024);
	assert_part(&t->parts[3], 6, 10240, 1024);
	assert_int_equal(t->parts[3].mbr_type, 0x82);
	assert_part(&t->parts[4], 7, 14336, 2048);
}

static void test_mbr_valid(void **state)
{
	struct image *im = image_load("mbr.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	assert_int_equal(part_mbr_parse(&d, &t), 0);
	assert_mbr_layout(&t);
	image_free(im);
}

static void test_mbr_no_signature(void **state)
{
	struct image *im = image_load("mbr.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	im->data[511] = 0;
	assert_int_equal(part_mbr_parse(&d, &t), -ENOENT);
	image_free(im);
}

static void test_mbr_bad_boot_flag(void **state)
{
	struct image *im = image_load("mbr.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	im->data[446] = 0x12;
	assert_int_equal(part_mbr_parse(&d, &t), -EINVAL);
	image_free(im);
}

/* EBRs: 4096 (for p5), 8192 (p6), 12288 (p7); entry 2 links the next. */
#define EBR_LINK(ebr)	((uint64_t)(ebr) * BLOCK + 446 + 16)

static void test_mbr_ebr_loop(void **state)
{
	struct image *im = image_load("mbr.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	/* The last EBR links back to the second (relative LBA 4096). */
	im->data[EBR_LINK(12288) + 4] = 0x05;
	memcpy(im->data + EBR_LINK(12288) + 8, "\x00\x10\x00\x00\x00\x04\x00\x00", 8);
	assert_int_equal(part_mbr_parse(&d, &t), -EINVAL);
	image_free(im);
}

static void test_mbr_ebr_no_signature(void **state)
{
	struct image *im = image_load("mbr.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	im->data[8192 * BLOCK + 510] = 0;
	assert_int_equal(part_mbr_parse(&d, &t), -EINVAL);
	image_free(im);
}

static void test_mbr_partition_beyond_disk(void **state)
{
	struct image *im = image_load("mbr.img");
	struct part_disk d = disk_of(im);
	struct part_table t;
	unsigned before = warnings;

	(void)state;
	memcpy(im->data + 446 + 12, "\xff\xff\xff\x00", 4);	/* p1: 16M blocks */
	assert_int_equal(part_mbr_parse(&d, &t), 0);
	assert_int_equal(t.count, 4);		/* p1 left out, logged */
	assert_int_equal(t.parts[0].partno, 2);
	assert_true(warnings > before);
	image_free(im);
}

static void test_mbr_read_error(void **state)
{
	struct image *im = image_load("mbr.img");
	struct part_disk d = disk_of(im);
	struct part_table t;

	(void)state;
	im->fail_lba = 8192;
	assert_int_equal(part_mbr_parse(&d, &t), -EIO);
	image_free(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gpt_valid),
		cmocka_unit_test(test_gpt_bad_primary_header),
		cmocka_unit_test(test_gpt_bad_primary_entries),
		cmocka_unit_test(test_gpt_both_bad),
		cmocka_unit_test(test_gpt_read_error),
		cmocka_unit_test(test_gpt_disk_too_small),
		cmocka_unit_test(test_mbr_valid),
		cmocka_unit_test(test_mbr_no_signature),
		cmocka_unit_test(test_mbr_bad_boot_flag),
		cmocka_unit_test(test_mbr_ebr_loop),
		cmocka_unit_test(test_mbr_ebr_no_signature),
		cmocka_unit_test(test_mbr_partition_beyond_disk),
		cmocka_unit_test(test_mbr_read_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
