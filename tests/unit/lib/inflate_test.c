/*
 * inflate_test.c: kernel/lib/inflate.c and crc32.c against the host's zlib
 * and gzip command (round trips at every level and strategy, each block
 * type), gzip headers with every optional field, concatenated members,
 * and bad magic, CRC, ISIZE and output size.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <zlib.h>
#include <basalt/crc32.h>
#include <basalt/inflate.h>
#include <uapi/errno.h>
#include "inflate_testdata.h"

#define BIG_SIZE		(300 * 1024)

static struct inflate_ctx ctx;

static void check_gzip_roundtrip(const uint8_t *src, size_t len, int level, int strategy)
{
	size_t zlen, used = 0;
	uint8_t *z = zcompress(src, len, level, strategy, 31, &zlen);
	uint8_t *out = malloc(len + 1);
	const char *why = "unset";
	uint32_t isize;
	long r;

	assert_non_null(out);
	assert_int_equal(gzip_isize(z, zlen, &isize), 0);
	assert_int_equal(isize, (uint32_t)len);
	r = gzip_decompress(&ctx, z, zlen, &used, out, len + 1, &why);
	if (r != (long)len)
		print_error("level %d strategy %d len %zu: %ld (%s)\n", level, strategy, len, r,
			    why ? why : "");
	assert_int_equal(r, (long)len);
	assert_null(why);
	assert_int_equal(used, zlen);
	assert_memory_equal(out, src, len ? len : 0);

	/* One byte short of room must be -ENOSPC, never an overflow. */
	if (len > 0) {
		r = gzip_decompress(&ctx, z, zlen, NULL, out, len - 1, &why);
		assert_int_equal(r, -ENOSPC);
		assert_non_null(why);
	}
	free(out);
	free(z);
}

static void check_raw_roundtrip(const uint8_t *src, size_t len, int level, int strategy)
{
	size_t zlen, used = 0;
	uint8_t *z = zcompress(src, len, level, strategy, -15, &zlen);
	uint8_t *out = malloc(len + 1);
	long r;

	assert_non_null(out);
	r = inflate_raw(&ctx, z, zlen, &used, out, len, NULL);
	assert_int_equal(r, (long)len);
	assert_int_equal(used, zlen);
	assert_memory_equal(out, src, len ? len : 0);
	free(out);
	free(z);
}

/* ---- round trips ----------------------------------------------------- */

static void test_crc32(void **state)
{
	static const char check[] = "123456789";
	uint8_t *d = make_data(DATA_RANDOM, 10000);

	(void)state;
	/* The check value of CRC-32/ISO-HDLC (the gzip CRC). */
	assert_int_equal(crc32_update(0, check, 9), 0xcbf43926u);
	assert_int_equal(crc32_update(0, "", 0), 0);
	assert_int_equal(crc32_update(crc32_update(0, d, 1234), d + 1234, 10000 - 1234),
			 crc32(0, d, 10000));
	free(d);
}

static void test_roundtrip_levels(void **state)
{
	static const size_t sizes[] = { 1, 100, 40000, BIG_SIZE };

	(void)state;
	for (int kind = 0; kind < DATA_KINDS; kind++) {
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			uint8_t *d = make_data(kind, sizes[s]);

			for (int level = 0; level <= 9; level++) {
				check_gzip_roundtrip(d, sizes[s], level, Z_DEFAULT_STRATEGY);
				check_raw_roundtrip(d, sizes[s], level, Z_DEFAULT_STRATEGY);
			}
			free(d);
		}
	}
}

static void test_roundtrip_strategies(void **state)
{
	static const int strategies[] = { Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED };

	(void)state;
	for (int kind = 0; kind < DATA_KINDS; kind++) {
		uint8_t *d = make_data(kind, 70000);

		for (size_t s = 0; s < 4; s++) {
			check_gzip_roundtrip(d, 70000, 6, strategies[s]);
			check_gzip_roundtrip(d, 70000, 1, strategies[s]);
		}
		free(d);
	}
}

/* The first block's BTYPE: bits 1..2 of the first byte (RFC 1951 3.2.3). */
static int first_btype(const uint8_t *src, size_t len, int level, int strategy)
{
	size_t zlen;
	uint8_t *z = zcompress(src, len, level, strategy, -15, &zlen);
	int type = (z[0] >> 1) & 3;

	free(z);
	return type;
}

static void test_block_types_covered(void **state)
{
	uint8_t *d = make_data(DATA_TEXT, 50000);

	(void)state;
	assert_int_equal(first_btype(d, 50000, 0, Z_DEFAULT_STRATEGY), 0);
	assert_int_equal(first_btype(d, 50000, 6, Z_FIXED), 1);
	assert_int_equal(first_btype(d, 50000, 6, Z_DEFAULT_STRATEGY), 2);
	check_raw_roundtrip(d, 50000, 0, Z_DEFAULT_STRATEGY);
	check_raw_roundtrip(d, 50000, 6, Z_FIXED);
	check_raw_roundtrip(d, 50000, 6, Z_DEFAULT_STRATEGY);
	free(d);
}

static void test_empty(void **state)
{
	const char *why = NULL;
	uint8_t out[4];

	(void)state;
	/* No input at all is not gzip data. */
	assert_int_equal(gzip_decompress(&ctx, "", 0, NULL, out, sizeof(out), &why), -EINVAL);
	assert_non_null(why);
	assert_int_equal(inflate_raw(&ctx, "", 0, NULL, out, sizeof(out), &why), -EINVAL);
	/* A gzip of nothing decodes to nothing, even into no buffer. */
	check_gzip_roundtrip((const uint8_t *)"", 0, 6, Z_DEFAULT_STRATEGY);
	check_gzip_roundtrip((const uint8_t *)"", 0, 0, Z_DEFAULT_STRATEGY);
	{
		size_t zlen;
		uint8_t *z = zcompress((const uint8_t *)"", 0, 9, Z_DEFAULT_STRATEGY, 31, &zlen);

		assert_int_equal(gzip_decompress(&ctx, z, zlen, NULL, NULL, 0, &why), 0);
		free(z);
	}
}

/* A file compressed by the gzip command stores FNAME (and MTIME). */
static void test_gzip_command(void **state)
{
	char path[] = "/tmp/basalt-inflate-XXXXXX";
	char cmd[128], gz[160];
	uint8_t *d = make_data(DATA_MIXED, 123457), *z, *out;
	size_t zlen;
	long r;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, d, 123457), 123457);
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -9 -f %s", path);
	assert_int_equal(system(cmd), 0);
	snprintf(gz, sizeof(gz), "%s.gz", path);
	f = fopen(gz, "rb");
	assert_non_null(f);
	z = malloc(200000);
	out = malloc(123457);
	zlen = fread(z, 1, 200000, f);
	fclose(f);
	unlink(gz);
	assert_true(z[3] & 8);	/* FNAME */
	r = gzip_decompress(&ctx, z, zlen, NULL, out, 123457, NULL);
	assert_int_equal(r, 123457);
	assert_memory_equal(out, d, 123457);
	free(out);
	free(z);
	free(d);
}

static void test_header_flags(void **state)
{
	uint8_t *d = make_data(DATA_TEXT, 5000);
	uint8_t buf[8192], out[5000];
	const char *why;
	size_t n, used;

	(void)state;
	for (unsigned int flg = 0; flg < 32; flg++) {
		n = make_member(buf, d, 5000, (uint8_t)flg);
		assert_int_equal(gzip_decompress(&ctx, buf, n, &used, out, 5000, &why), 5000);
		assert_int_equal(used, n);
		assert_memory_equal(out, d, 5000);
	}

	n = make_member(buf, d, 5000, 2 | 8);
	buf[10] ^= 1;	/* the name changes, the header CRC no longer fits */
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 5000, &why), -EINVAL);
	assert_string_equal(why, "gzip header CRC mismatch");

	n = make_member(buf, d, 5000, 0);
	buf[3] = 0x20;
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 5000, &why), -EINVAL);
	assert_string_equal(why, "gzip reserved flag set");

	n = make_member(buf, d, 5000, 0);
	buf[2] = 7;
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 5000, &why), -EINVAL);
	assert_string_equal(why, "gzip compression method is not deflate");

	n = make_member(buf, d, 5000, 8);
	assert_int_equal(gzip_decompress(&ctx, buf, 20, NULL, out, 5000, &why), -EINVAL);
	assert_string_equal(why, "gzip file name not terminated");
	free(d);
}

static void test_bad_magic_crc_isize(void **state)
{
	uint8_t *d = make_data(DATA_MIXED, 3000);
	uint8_t buf[4096], out[3000];
	const char *why;
	size_t n;

	(void)state;
	n = make_member(buf, d, 3000, 0);
	buf[1] = 0x8c;
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 3000, &why), -EINVAL);
	assert_string_equal(why, "not gzip data (bad magic)");

	n = make_member(buf, d, 3000, 0);
	buf[n - 8] ^= 0x40;
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 3000, &why), -EINVAL);
	assert_string_equal(why, "gzip CRC-32 mismatch");

	n = make_member(buf, d, 3000, 0);
	buf[n - 4] ^= 1;
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 3000, &why), -EINVAL);
	assert_string_equal(why, "gzip ISIZE mismatch");

	n = make_member(buf, d, 3000, 0);
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 2999, &why), -ENOSPC);
	assert_string_equal(why, "output buffer too small");
	assert_int_equal(gzip_decompress(&ctx, buf, n, NULL, out, 0, &why), -ENOSPC);
	free(d);
}

static void test_concatenated_members(void **state)
{
	uint8_t *a = make_data(DATA_TEXT, 4000), *b = make_data(DATA_RANDOM, 2000);
	uint8_t buf[16384], out[6000];
	const char *why;
	size_t n = 0, m1, used;

	(void)state;
	n += make_member(buf, a, 4000, 8);
	m1 = n;
	n += make_member(buf + n, b, 2000, 0);
	assert_int_equal(gzip_decompress(&ctx, buf, n, &used, out, 6000, &why), 6000);
	assert_int_equal(used, n);
	assert_memory_equal(out, a, 4000);
	assert_memory_equal(out + 4000, b, 2000);

	/* Zero padding between and after members, as initramfs allows. */
	memmove(buf + m1 + 4, buf + m1, n - m1);
	memset(buf + m1, 0, 4);
	n += 4;
	memset(buf + n, 0, 7);
	assert_int_equal(gzip_decompress(&ctx, buf, n + 7, &used, out, 6000, &why), 6000);
	assert_int_equal(used, n);
	assert_memory_equal(out + 4000, b, 2000);

	/* Something else after: an error, unless the caller asks where it starts. */
	memcpy(buf + n + 7, "070701", 6);
	assert_int_equal(gzip_decompress(&ctx, buf, n + 13, NULL, out, 6000, &why), -EINVAL);
	assert_string_equal(why, "trailing garbage after gzip data");
	assert_int_equal(gzip_decompress(&ctx, buf, n + 13, &used, out, 6000, &why), 6000);
	assert_int_equal(used, n);

	/* A second member must not reach back into the first one's output. */
	{
		static const uint8_t head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
		static struct bitw w;

		n = make_member(buf, a, 4000, 0);
		memcpy(buf + n, head, sizeof(head));
		w.nbits = 0;
		bw_bits(&w, 1, 1);
		bw_bits(&w, 1, 2);
		bw_fixed_sym(&w, 257);	/* length 3, distance 1 */
		bw_code(&w, 0, 5);
		bw_fixed_sym(&w, 256);
		memcpy(buf + n + sizeof(head), w.buf, bw_bytes(&w));
		memset(buf + n + sizeof(head) + bw_bytes(&w), 0, 8);
		assert_int_equal(gzip_decompress(&ctx, buf, n + sizeof(head) + bw_bytes(&w) + 8,
						 NULL, out, 6000, &why), -EINVAL);
		assert_string_equal(why, "distance reaches before the start of the output");
	}
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_roundtrip_levels),
		cmocka_unit_test(test_roundtrip_strategies),
		cmocka_unit_test(test_block_types_covered),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_gzip_command),
		cmocka_unit_test(test_header_flags),
		cmocka_unit_test(test_bad_magic_crc_isize),
		cmocka_unit_test(test_concatenated_members),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
