/*
 * fat_test.c: the FAT driver's pure parsers (kernel/fs/fat/fat_bpb.c,
 * fat_name.c, fat_time.c) on images made by the host's mkfs.fat and
 * mcopy (make-fat-images.sh): the boot sector of FAT12, FAT16 and FAT32
 * (the type by cluster count), FSInfo, the root directory's long names
 * with their checksums, Linux's short names for new long names, UTF-8
 * and UCS-2, DOS times; then bit flips in boot sectors and directory
 * entries, which must give an error or a consistent answer, never a
 * read outside the sector (ASan) or undefined behaviour (UBSan).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fs/fat/fat_parse.h>
#include <uapi/errno.h>

#define SECTOR		512
#define FUZZ_ROUNDS	4000
#define CK_README	0x73
#define CK_ALONGF	0x02

static unsigned warnings;

void klog(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
	warnings++;
}

struct image {
	uint8_t *data;
	size_t size;
};

static struct image image_load(const char *name)
{
	char path[512];
	struct image im;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", FAT_IMAGE_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	im.size = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	im.data = malloc(im.size);
	assert_int_equal(fread(im.data, 1, im.size, f), im.size);
	fclose(f);
	return im;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The names of a run of entries, "long|short" per line, into out. */
static void list_names(const uint8_t *dir, size_t entries, char *out, size_t size)
{
	struct fat_lfn_state s;
	char name[FAT_NAME_UTF8_MAX], shortn[FAT_SHORT_UTF8_MAX];
	size_t used = 0;

	fat_lfn_reset(&s);
	out[0] = '\0';
	for (size_t i = 0; i < entries; i++) {
		const struct fat_dirent *de = (const void *)(dir + i * FAT_DIRENT_SIZE);
		size_t n;

		if (de->name[0] == FAT_DIRENT_END)
			break;
		if (de->name[0] == FAT_DIRENT_FREE) {
			fat_lfn_reset(&s);
			continue;
		}
		if ((de->attr & FAT_ATTR_LONG_NAME_MASK) == FAT_ATTR_LONG_NAME) {
			fat_lfn_add(&s, (const void *)de);
			continue;
		}
		if (de->attr & FAT_ATTR_VOLUME_ID) {
			fat_lfn_reset(&s);
			continue;
		}
		n = fat_lfn_finish(&s, de, name);
		assert_true(n < FAT_NAME_UTF8_MAX);
		assert_int_equal(strlen(name) < FAT_NAME_UTF8_MAX || !n, 1);
		fat_short_display(de, true, false, shortn);
		assert_true(strlen(shortn) < FAT_SHORT_UTF8_MAX);
		used += (size_t)snprintf(out + used, size - used, "%s|%s\n", n ? name : "", shortn);
		assert_true(used < size);
	}
}

/* The root directory of an image: its first bytes and entry count. */
static const uint8_t *root_dir(const struct image *im, const struct fat_geometry *g,
			       size_t *entries)
{
	if (g->type == 32) {
		*entries = g->cluster_size / FAT_DIRENT_SIZE;
		return im->data + ((uint64_t)g->data_start +
				   (uint64_t)(g->root_cluster - 2) * g->sec_per_clus) * g->sector_size;
	}
	*entries = g->root_entries;
	return im->data + (uint64_t)g->root_start * g->sector_size;
}

static const char expected_root[] =
	"A Long File Name.txt|ALONGF~1.TXT\n"
	"|SHORT.TXT\n"
	"Sub Dir|SUBDIR~1\n"
	"same prefix one.txt|SAMEPR~1.TXT\n"
	"same prefix two.txt|SAMEPR~2.TXT\n";

static void check_image(const char *file, unsigned type)
{
	struct image im = image_load(file);
	struct fat_geometry g;
	char names[2048];
	size_t entries;
	const uint8_t *dir;

	assert_int_equal(fat_parse_boot(im.data, SECTOR, im.size, "test", &g), 0);
	assert_int_equal(g.type, type);
	assert_int_equal(g.sector_size, SECTOR);
	assert_int_equal(g.max_cluster, g.clusters + 1);
	assert_true((uint64_t)g.total_sectors * SECTOR <= im.size);
	if (type == 32) {
		uint32_t free_count, next_free;

		assert_int_not_equal(g.fsinfo_sector, 0);
		assert_int_equal(fat_parse_fsinfo(im.data + g.fsinfo_sector * SECTOR, SECTOR, &g,
						  &free_count, &next_free), 0);
		assert_true(free_count <= g.clusters);
		assert_true(free_count > g.clusters / 2);
	}
	dir = root_dir(&im, &g, &entries);
	list_names(dir, entries, names, sizeof(names));
	assert_string_equal(names, expected_root);
	free(im.data);
}

static void test_fat12(void **state)
{
	(void)state;
	check_image("fat12.img", 12);
}

static void test_fat16(void **state)
{
	(void)state;
	check_image("fat16.img", 16);
}

static void test_fat32(void **state)
{
	(void)state;
	check_image("fat32.img", 32);
}

/* A short name changed under its long entries: the checksum drops the long name. */
static void test_lfn_bad_checksum(void **state)
{
	struct image im = image_load("fat16.img");
	struct fat_geometry g;
	size_t entries;
	uint8_t *dir;
	char names[2048];

	(void)state;
	assert_int_equal(fat_parse_boot(im.data, SECTOR, im.size, "test", &g), 0);
	dir = (uint8_t *)root_dir(&im, &g, &entries);
	for (size_t i = 0; i < entries; i++) {
		struct fat_dirent *de = (void *)(dir + i * FAT_DIRENT_SIZE);

		if (!memcmp(de->name, "ALONGF~1TXT", FAT_NAME_LEN))
			de->name[7] = '2';
	}
	list_names(dir, entries, names, sizeof(names));
	assert_non_null(strstr(names, "\n") );
	assert_true(!strncmp(names, "|ALONGF~2.TXT\n", 14));
	free(im.data);
}

static void test_checksum(void **state)
{
	(void)state;
	/* fatgen103's rotate-and-add over the 11 bytes (regression values). */
	assert_int_equal(fat_lfn_checksum((const uint8_t *)"README  TXT"), CK_README);
	assert_int_equal(fat_lfn_checksum((const uint8_t *)"ALONGF~1TXT"), CK_ALONGF);
}

struct names {
	const char *taken[4];
};

static int taken(void *ctx, const uint8_t name[FAT_NAME_LEN])
{
	struct names *n = ctx;

	for (unsigned i = 0; i < 4 && n->taken[i]; i++)
		if (!memcmp(n->taken[i], name, FAT_NAME_LEN))
			return 1;
	return 0;
}

static int make_short(const char *utf8, struct names *n, char out[12])
{
	uint16_t u[FAT_LFN_MAX_CHARS];
	int len = fat_utf8_to_ucs2(utf8, strlen(utf8), u), r;
	uint8_t b[FAT_NAME_LEN];

	assert_true(len > 0);
	r = fat_make_short_name(u, (unsigned)len, taken, n, 0x1234, b);
	memcpy(out, b, FAT_NAME_LEN);
	out[FAT_NAME_LEN] = '\0';
	return r;
}

static void test_short_names(void **state)
{
	struct names none = { { NULL } };
	struct names one = { { "ALONGF~1TXT", NULL } };
	struct names nine = { { "X~1        ", NULL } };
	char s[12];

	(void)state;
	assert_int_equal(make_short("README.TXT", &none, s), 1);
	assert_string_equal(s, "README  TXT");
	assert_int_equal(make_short("readme.txt", &none, s), 0);
	assert_string_equal(s, "README  TXT");
	assert_int_equal(make_short("A Long File Name.txt", &none, s), 0);
	assert_string_equal(s, "ALONGF~1TXT");
	assert_int_equal(make_short("A Long File Name.txt", &one, s), 0);
	assert_string_equal(s, "ALONGF~2TXT");
	assert_int_equal(make_short(".bashrc", &none, s), 0);
	assert_string_equal(s, "BASHRC~1   ");
	assert_int_equal(make_short("a+b=c[1].txt", &none, s), 0);
	assert_string_equal(s, "A_B_C_~1TXT");
	assert_int_equal(make_short("archive.tar.gz", &none, s), 0);
	assert_string_equal(s, "ARCHIV~1GZ ");
	assert_int_equal(make_short("x", &nine, s), 0);
	assert_string_equal(s, "X          ");
	assert_int_equal(make_short("x y", &nine, s), 0);
	assert_string_equal(s, "XY~1       ");
	assert_int_equal(make_short("README.TXT", &(struct names){ { "README  TXT" } }, s),
			 -EEXIST);
	/* ü and é have code page 437 forms (0x9A, 0x90 in upper case). */
	assert_int_equal(make_short("über.txt", &none, s), 0);
	assert_int_equal((uint8_t)s[0], 0x9A);
	assert_string_equal(s + 1, "BER    TXT");
}

static void test_msdos_names(void **state)
{
	uint8_t b[FAT_NAME_LEN];

	(void)state;
	assert_int_equal(fat_msdos_format_name("readme.txt", 10, b), 0);
	assert_memory_equal(b, "README  TXT", FAT_NAME_LEN);
	assert_int_equal(fat_msdos_format_name("longfilename.text", 17, b), 0);
	assert_memory_equal(b, "LONGFILETEX", FAT_NAME_LEN);
	assert_int_equal(fat_msdos_format_name("a b.c", 5, b), 0);
	assert_memory_equal(b, "A B     C  ", FAT_NAME_LEN);
	assert_int_equal(fat_msdos_format_name("noext", 5, b), 0);
	assert_memory_equal(b, "NOEXT      ", FAT_NAME_LEN);
	assert_int_equal(fat_msdos_format_name(".hidden", 7, b), -EINVAL);
	assert_int_equal(fat_msdos_format_name("a*b", 3, b), -EINVAL);
	assert_int_equal(fat_msdos_format_name("ab .c", 5, b), -EINVAL);
	assert_int_equal(fat_msdos_format_name("con", 3, b), -EINVAL);
	assert_int_equal(fat_msdos_format_name("con.txt", 7, b), -EINVAL);
}

static void test_utf8(void **state)
{
	uint16_t u[FAT_LFN_MAX_CHARS + 2];
	char big[400];
	struct fat_lfn_state st;
	struct fat_dirent de;
	char out[FAT_NAME_UTF8_MAX];

	(void)state;
	assert_int_equal(fat_utf8_to_ucs2("a\xc3\xbc\xe2\x9c\x93\xf0\x9f\x98\x80", 10, u), 5);
	assert_int_equal(u[1], 0xFC);
	assert_int_equal(u[2], 0x2713);
	assert_int_equal(u[3], 0xD83D);
	assert_int_equal(u[4], 0xDE00);
	assert_int_equal(fat_utf8_to_ucs2("\xc3", 1, u), -EINVAL);
	assert_int_equal(fat_utf8_to_ucs2("\xc0\x80", 2, u), -EINVAL);
	assert_int_equal(fat_utf8_to_ucs2("\xed\xa0\x80", 3, u), -EINVAL);
	assert_int_equal(fat_utf8_to_ucs2("a*b", 3, u), -EINVAL);
	assert_int_equal(fat_utf8_to_ucs2("a:b", 3, u), -EINVAL);
	memset(big, 'x', 256);
	assert_int_equal(fat_utf8_to_ucs2(big, 255, u), 255);
	assert_int_equal(fat_utf8_to_ucs2(big, 256, u), -ENAMETOOLONG);
	/* A name of exactly 13 characters in one long entry, no NUL: read back. */
	memset(&de, ' ', sizeof(de));
	memcpy(de.name, "THIRTE~1TXT", FAT_NAME_LEN);
	{
		struct fat_lfn_entry e;
		const char *name = "thirteen.txt!";
		uint8_t *p = (uint8_t *)&e;
		static const uint8_t off[13] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };

		memset(&e, 0, sizeof(e));
		e.ord = 1 | FAT_LFN_LAST;
		e.attr = FAT_ATTR_LONG_NAME;
		e.chksum = fat_lfn_checksum(de.name);
		for (int i = 0; i < 13; i++)
			p[off[i]] = (uint8_t)name[i];
		fat_lfn_reset(&st);
		assert_true(fat_lfn_add(&st, &e));
		assert_int_equal(fat_lfn_finish(&st, &de, out), 13);
		assert_string_equal(out, name);
		/* A sequence that skips a part is dropped. */
		e.ord = 3 | FAT_LFN_LAST;
		fat_lfn_reset(&st);
		assert_true(fat_lfn_add(&st, &e));
		e.ord = 1;
		assert_false(fat_lfn_add(&st, &e));
		assert_int_equal(fat_lfn_finish(&st, &de, out), 0);
	}
}

static void test_time(void **state)
{
	uint16_t date, time;
	uint8_t cs;
	uint32_t ns;
	/* 2020-01-02 03:04:05 UTC = 1577934245 */
	uint16_t d = (uint16_t)((2020 - 1980) << 9 | 1 << 5 | 2);
	uint16_t t = (uint16_t)(3 << 11 | 4 << 5 | 2);

	(void)state;
	assert_int_equal(fat_time_to_unix(d, t, 100, &ns), 1577934245);
	assert_int_equal(ns, 0);
	fat_time_from_unix(1577934245, 500000000, &date, &time, &cs);
	assert_int_equal(date, d);
	assert_int_equal(time, t);
	assert_int_equal(cs, 150);
	/* 2000-02-29 (a leap day) and 2107's end; before 1980 is 1980-01-01. */
	fat_time_from_unix(951782400, 0, &date, &time, NULL);
	assert_int_equal(date, (uint16_t)(20 << 9 | 2 << 5 | 29));
	assert_int_equal(fat_time_to_unix(date, 0, 0, NULL), 951782400);
	fat_time_from_unix(-5, 0, &date, &time, NULL);
	assert_int_equal(date, (uint16_t)(0 << 9 | 1 << 5 | 1));
	fat_time_from_unix(INT64_C(5000000000), 0, &date, &time, NULL);
	assert_int_equal(date >> 9, 127);
}

static uint32_t rng = 0x2545F491;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Bit flips in the BPB: an error, or a geometry that holds together. */
static void fuzz_boot(const char *file)
{
	struct image im = image_load(file);
	uint8_t sec[SECTOR];

	for (int round = 0; round < FUZZ_ROUNDS; round++) {
		struct fat_geometry g;
		unsigned flips = 1 + next_rand() % 6;
		int r;

		memcpy(sec, im.data, SECTOR);
		for (unsigned i = 0; i < flips; i++) {
			unsigned bit = next_rand() % (90 * 8);

			sec[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		r = fat_parse_boot(sec, SECTOR, im.size, "fuzz", &g);
		if (r) {
			assert_true(r == -EINVAL || r == -EUCLEAN);
			continue;
		}
		assert_true(g.type == 12 || g.type == 16 || g.type == 32);
		assert_true(g.data_start < g.total_sectors);
		assert_true((uint64_t)g.total_sectors * g.sector_size <= im.size);
		assert_true(g.clusters > 0);
		assert_true((uint64_t)g.data_start + (uint64_t)g.clusters * g.sec_per_clus <=
			    g.total_sectors);
		assert_true(g.fat_start + (uint64_t)g.num_fats * g.fat_sectors <= g.data_start);
		if (g.type == 32)
			assert_true(g.root_cluster >= 2 && g.root_cluster <= g.max_cluster);
		else
			assert_true(g.root_entries > 0);
		if (g.type == 32 && g.fsinfo_sector) {
			uint32_t fc, nf;

			assert_true(g.fsinfo_sector < g.fat_start);
			if ((uint64_t)(g.fsinfo_sector + 1) * g.sector_size <= im.size &&
			    !fat_parse_fsinfo(im.data + (size_t)g.fsinfo_sector * g.sector_size,
					      g.sector_size, &g, &fc, &nf)) {
				assert_true(fc == FAT_FSINFO_UNKNOWN || fc <= g.clusters);
				assert_true(nf == FAT_FSINFO_UNKNOWN ||
					    (nf >= 2 && nf <= g.max_cluster));
			}
		}
	}
	free(im.data);
}

/* Bit flips in the root directory's entries: names stay inside their buffers. */
static void fuzz_dir(const char *file)
{
	struct image im = image_load(file);
	struct fat_geometry g;
	size_t entries;
	uint8_t *copy;
	const uint8_t *dir;
	char names[16384];

	assert_int_equal(fat_parse_boot(im.data, SECTOR, im.size, "test", &g), 0);
	dir = root_dir(&im, &g, &entries);
	entries = entries > 64 ? 64 : entries;
	copy = malloc(entries * FAT_DIRENT_SIZE);
	for (int round = 0; round < FUZZ_ROUNDS; round++) {
		unsigned flips = 1 + next_rand() % 16;

		memcpy(copy, dir, entries * FAT_DIRENT_SIZE);
		for (unsigned i = 0; i < flips; i++) {
			unsigned bit = next_rand() % (unsigned)(12 * FAT_DIRENT_SIZE * 8);

			copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		list_names(copy, entries, names, sizeof(names));
	}
	free(copy);
	free(im.data);
}

static void test_fuzz(void **state)
{
	(void)state;
	fuzz_boot("fat12.img");
	fuzz_boot("fat16.img");
	fuzz_boot("fat32.img");
	fuzz_dir("fat12.img");
	fuzz_dir("fat16.img");
	fuzz_dir("fat32.img");
}

/* Refusals: no signature, a zero sector size, FAT32 with a FAT16 root. */
static void test_bad_boot(void **state)
{
	struct image im = image_load("fat32.img");
	uint8_t sec[SECTOR];
	struct fat_geometry g;

	(void)state;
	memcpy(sec, im.data, SECTOR);
	sec[510] = 0;
	assert_int_equal(fat_parse_boot(sec, SECTOR, im.size, "t", &g), -EINVAL);
	memcpy(sec, im.data, SECTOR);
	sec[11] = sec[12] = 0;
	assert_int_equal(fat_parse_boot(sec, SECTOR, im.size, "t", &g), -EINVAL);
	memcpy(sec, im.data, SECTOR);
	sec[17] = 0x10;		/* BPB_RootEntCnt 16 */
	assert_int_equal(fat_parse_boot(sec, SECTOR, im.size, "t", &g), -EUCLEAN);
	memcpy(sec, im.data, SECTOR);
	assert_int_equal(fat_parse_boot(sec, SECTOR, im.size / 2, "t", &g), -EUCLEAN);
	memcpy(sec, im.data, SECTOR);
	sec[44] = 0xFF;		/* BPB_RootClus out of range */
	sec[45] = 0xFF;
	sec[46] = 0xFF;
	assert_int_equal(fat_parse_boot(sec, SECTOR, im.size, "t", &g), -EUCLEAN);
	assert_true(rd32(im.data + 44) == 2);
	free(im.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fat12),
		cmocka_unit_test(test_fat16),
		cmocka_unit_test(test_fat32),
		cmocka_unit_test(test_lfn_bad_checksum),
		cmocka_unit_test(test_checksum),
		cmocka_unit_test(test_short_names),
		cmocka_unit_test(test_msdos_names),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_bad_boot),
		cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
