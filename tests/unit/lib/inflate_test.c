/*
 * inflate_test.c: kernel/lib/inflate.c and crc32.c against the host's zlib
 * (round trips at every level and strategy), hand-made bit streams for
 * each block type and each corruption the decoder must catch, and a fixed
 * seed mutation loop that only asks for "no crash, an error or the right
 * output".
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

#define FUZZ_ITERATIONS		4000
#define FUZZ_SEED		0x1951u
#define BIG_SIZE		(300 * 1024)

static struct inflate_ctx ctx;

/* xorshift32: the same sequence on every host, unlike rand(). */
static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* ---- data sets ------------------------------------------------------- */

enum data_kind { DATA_RANDOM, DATA_TEXT, DATA_ZEROS, DATA_MIXED, DATA_KINDS };

static uint8_t *make_data(enum data_kind kind, size_t len)
{
	static const char *words[] = { "busybox ", "init ", "/bin/sh ", "mount ",
				       "proc ", "\n", "tmpfs ", "0755 " };
	uint8_t *p = malloc(len ? len : 1);

	assert_non_null(p);
	rng_state = FUZZ_SEED + kind;
	for (size_t i = 0; i < len;) {
		switch (kind) {
		case DATA_RANDOM:
			p[i++] = (uint8_t)rng();
			break;
		case DATA_ZEROS:
			p[i++] = 0;
			break;
		case DATA_TEXT:
		case DATA_MIXED: {
			const char *w = words[rng() % 8];

			if (kind == DATA_MIXED && rng() % 16 == 0) {
				for (int k = 0; k < 64 && i < len; k++)
					p[i++] = (uint8_t)rng();
				break;
			}
			while (*w && i < len)
				p[i++] = (uint8_t)*w++;
			break;
		}
		default:
			fail();
		}
	}
	return p;
}

/*
 * Compresses with zlib. window_bits 31 makes a gzip member, -15 a raw
 * DEFLATE stream (zlib's deflateInit2 conventions).
 */
static uint8_t *zcompress(const uint8_t *src, size_t len, int level, int strategy,
			  int window_bits, size_t *out_len)
{
	z_stream zs;
	size_t cap;
	uint8_t *dst;

	memset(&zs, 0, sizeof(zs));
	assert_int_equal(deflateInit2(&zs, level, Z_DEFLATED, window_bits, 9, strategy), Z_OK);
	cap = deflateBound(&zs, len) + 64;
	dst = malloc(cap);
	assert_non_null(dst);
	zs.next_in = (Bytef *)src;
	zs.avail_in = (uInt)len;
	zs.next_out = dst;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*out_len = zs.total_out;
	deflateEnd(&zs);
	return dst;
}

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

/* ---- a DEFLATE bit writer ---------------------------------------------- */

struct bitw {
	uint8_t buf[70000];
	size_t nbits;
};

static void bw_bits(struct bitw *w, uint32_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, w->nbits++) {
		if ((w->nbits & 7) == 0)
			w->buf[w->nbits >> 3] = 0;
		w->buf[w->nbits >> 3] |= (i < 32 ? (v >> i) & 1 : 0) << (w->nbits & 7);
	}
}

/* Huffman codes go most significant bit first (RFC 1951 3.1.1). */
static void bw_code(struct bitw *w, uint32_t code, unsigned int len)
{
	while (len--)
		bw_bits(w, (code >> len) & 1, 1);
}

static size_t bw_bytes(const struct bitw *w)
{
	return (w->nbits + 7) / 8;
}

/* A literal/length symbol of the fixed code (RFC 1951 3.2.6). */
static void bw_fixed_sym(struct bitw *w, unsigned int sym)
{
	if (sym < 144)
		bw_code(w, 0x30 + sym, 8);
	else if (sym < 256)
		bw_code(w, 0x190 + sym - 144, 9);
	else if (sym < 280)
		bw_code(w, sym - 256, 7);
	else
		bw_code(w, 0xc0 + sym - 280, 8);
}

/* ---- gzip members built by hand ---------------------------------------- */

static size_t put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
	return 4;
}

/*
 * A gzip member of src with the given FLG, an FEXTRA/FNAME/FCOMMENT as
 * the flags ask and a correct FHCRC; returns its length.
 */
static size_t make_member(uint8_t *dst, const uint8_t *src, size_t len, uint8_t flg)
{
	size_t n = 0, zlen;
	uint8_t *z = zcompress(src, len, 6, Z_DEFAULT_STRATEGY, -15, &zlen);

	dst[n++] = 0x1f;
	dst[n++] = 0x8b;
	dst[n++] = 8;
	dst[n++] = flg;
	n += put_le32(dst + n, 0x5f000000);	/* MTIME */
	dst[n++] = 2;				/* XFL: best compression */
	dst[n++] = 3;				/* OS: Unix */
	if (flg & 4) {
		dst[n++] = 6;
		dst[n++] = 0;
		memcpy(dst + n, "Ba\2\0xy", 6);	/* one subfield, SI1 SI2 LEN data */
		n += 6;
	}
	if (flg & 8) {
		memcpy(dst + n, "initrd.cpio", 12);
		n += 12;
	}
	if (flg & 16) {
		memcpy(dst + n, "a comment", 10);
		n += 10;
	}
	if (flg & 2) {
		uint32_t c = (uint32_t)crc32(0, dst, (uInt)n);

		dst[n++] = (uint8_t)c;
		dst[n++] = (uint8_t)(c >> 8);
	}
	memcpy(dst + n, z, zlen);
	n += zlen;
	n += put_le32(dst + n, (uint32_t)crc32(0, src, (uInt)len));
	n += put_le32(dst + n, (uint32_t)len);
	free(z);
	return n;
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

/* ---- hand-made DEFLATE streams -------------------------------------------- */

static long run_raw(struct bitw *w, uint8_t *out, size_t cap, const char **why)
{
	return inflate_raw(&ctx, w->buf, bw_bytes(w), NULL, out, cap, why);
}

static void test_fixed_by_hand(void **state)
{
	static struct bitw w;
	uint8_t out[64];
	const char *why;

	(void)state;
	/* "ab" then length 7 distance 2: "ababababa" */
	w.nbits = 0;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 1, 2);
	bw_fixed_sym(&w, 'a');
	bw_fixed_sym(&w, 'b');
	bw_fixed_sym(&w, 261);		/* length 7 */
	bw_code(&w, 1, 5);		/* distance 2 */
	bw_fixed_sym(&w, 256);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), 9);
	assert_memory_equal(out, "ababababa", 9);

	/* Symbol 286 exists in the fixed code but means nothing. */
	w.nbits = 0;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 1, 2);
	bw_fixed_sym(&w, 'a');
	bw_fixed_sym(&w, 286);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "invalid literal/length symbol");

	/* So does distance symbol 30. */
	w.nbits = 0;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 1, 2);
	bw_fixed_sym(&w, 'a');
	bw_fixed_sym(&w, 257);
	bw_code(&w, 30, 5);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "invalid distance symbol");

	/* A distance of 2 after one byte of output. */
	w.nbits = 0;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 1, 2);
	bw_fixed_sym(&w, 'a');
	bw_fixed_sym(&w, 257);
	bw_code(&w, 1, 5);
	bw_fixed_sym(&w, 256);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "distance reaches before the start of the output");

	/* Reserved block type 3. */
	w.nbits = 0;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 3, 2);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "reserved block type");

	/* A non-final block and then nothing. */
	w.nbits = 0;
	bw_bits(&w, 0, 1);
	bw_bits(&w, 1, 2);
	bw_fixed_sym(&w, 256);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "deflate stream truncated");
}

static void test_stored_and_max_distance(void **state)
{
	static struct bitw w;
	static uint8_t out[32768 + 258 + 1];
	uint8_t *d = make_data(DATA_RANDOM, 32768);
	const char *why;
	size_t n;

	(void)state;
	/* Stored block of 32768 bytes, then 258 bytes from 32768 back. */
	w.nbits = 0;
	bw_bits(&w, 0, 1);
	bw_bits(&w, 0, 2);
	w.nbits = 8;
	bw_bits(&w, 32768, 16);
	bw_bits(&w, 0xffff ^ 32768, 16);
	n = bw_bytes(&w);
	memcpy(w.buf + n, d, 32768);
	w.nbits = (n + 32768) * 8;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 1, 2);
	bw_fixed_sym(&w, 285);		/* length 258 */
	bw_code(&w, 29, 5);		/* distance 24577 + 13 extra bits */
	bw_bits(&w, 32768 - 24577, 13);
	bw_fixed_sym(&w, 256);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), 32768 + 258);
	assert_memory_equal(out, d, 32768);
	assert_memory_equal(out + 32768, d, 258);
	assert_int_equal(run_raw(&w, out, 32768 + 257, &why), -ENOSPC);

	/* LEN and NLEN must be each other's complement. */
	w.nbits = 0;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 0, 2);
	w.nbits = 8;
	bw_bits(&w, 5, 16);
	bw_bits(&w, 0xfffa ^ 1, 16);
	bw_bits(&w, 0, 40);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "stored block LEN does not match NLEN");

	/* A stored block longer than the input left. */
	w.nbits = 8;
	bw_bits(&w, 5, 16);
	bw_bits(&w, 0xfffa, 16);
	bw_bits(&w, 0, 32);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "stored block truncated");
	free(d);
}

/*
 * A dynamic block header: HLIT, HDIST, and code length code lengths given
 * in symbol order (cl[0..18]), written in the RFC's permuted order.
 */
static void bw_dynamic_head(struct bitw *w, unsigned int hlit, unsigned int hdist,
			    const uint8_t cl[19])
{
	static const uint8_t order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
					   11, 4, 12, 3, 13, 2, 14, 1, 15 };

	w->nbits = 0;
	bw_bits(w, 1, 1);
	bw_bits(w, 2, 2);
	bw_bits(w, hlit - 257, 5);
	bw_bits(w, hdist - 1, 5);
	bw_bits(w, 19 - 4, 4);
	for (int i = 0; i < 19; i++)
		bw_bits(w, cl[order[i]], 3);
}

static void test_dynamic_errors(void **state)
{
	static struct bitw w;
	uint8_t out[64], cl[19];
	const char *why;

	(void)state;
	/* Code length code: lengths 1 for symbols 0 and 18... then a valid block. */
	memset(cl, 0, sizeof(cl));
	cl[0] = 3; cl[1] = 3; cl[2] = 3; cl[16] = 2; cl[17] = 2; cl[18] = 2;
	/* That is over-subscribed? 3 codes of 2 bits + 3 of 3 bits = 3/4 + 3/8 > 1. */
	bw_dynamic_head(&w, 257, 1, cl);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "over-subscribed Huffman code");

	/* Incomplete code length code: only two 2-bit codes. */
	memset(cl, 0, sizeof(cl));
	cl[1] = 2; cl[18] = 2;
	bw_dynamic_head(&w, 257, 1, cl);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "incomplete code length code");

	/* HLIT of 287 (5 bits of 30). */
	w.nbits = 0;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 2, 2);
	bw_bits(&w, 30, 5);
	bw_bits(&w, 0, 5);
	bw_bits(&w, 0, 4);
	bw_bits(&w, 0, 32);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "too many length or distance symbols");

	/*
	 * Code length code with symbols 1, 16, 17, 18 of 2 bits each
	 * (canonical: 1=00, 16=01, 17=10, 18=11).
	 */
	memset(cl, 0, sizeof(cl));
	cl[1] = 2; cl[16] = 2; cl[17] = 2; cl[18] = 2;

	/* 16 (repeat previous) as the very first length. */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 1, 2);
	bw_bits(&w, 0, 2);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "code length repeat with no previous length");

	/* 18 zeros 138 times twice = 276, then 18 again passes 258. */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 3, 2);
	bw_bits(&w, 127, 7);
	bw_code(&w, 3, 2);
	bw_bits(&w, 127, 7);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "code length repeat past the last symbol");

	/* All 258 lengths zero: no end-of-block code. */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 3, 2);
	bw_bits(&w, 127, 7);		/* 138 zeros */
	bw_code(&w, 3, 2);
	bw_bits(&w, 120 - 11, 7);	/* 120 zeros: 258 */
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "no code for end-of-block");

	/* Literal 'a' and 256 with length 1, everything else 0: complete. */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 3, 2);
	bw_bits(&w, 97 - 11, 7);	/* 0..96 zero */
	bw_code(&w, 0, 2);		/* 'a': 1 */
	bw_code(&w, 3, 2);
	bw_bits(&w, 138 - 11, 7);	/* 98..235 */
	bw_code(&w, 3, 2);
	bw_bits(&w, 20 - 11, 7);	/* 236..255 */
	bw_code(&w, 0, 2);		/* 256: 1 */
	bw_code(&w, 2, 2);
	bw_bits(&w, 0, 3);		/* the distance code: 3 zeros? only 1 */
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "code length repeat past the last symbol");

	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 3, 2);
	bw_bits(&w, 97 - 11, 7);
	bw_code(&w, 0, 2);
	bw_code(&w, 3, 2);
	bw_bits(&w, 138 - 11, 7);
	bw_code(&w, 3, 2);
	bw_bits(&w, 20 - 11, 7);
	bw_code(&w, 0, 2);
	bw_code(&w, 0, 2);		/* distance 0: length 1 (single code) */
	bw_code(&w, 0, 1);		/* 'a' */
	bw_code(&w, 0, 1);		/* 'a' */
	bw_code(&w, 1, 1);		/* end of block */
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), 2);
	assert_memory_equal(out, "aa", 2);

	/* Three literals of length 1: over-subscribed literal/length code. */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 0, 2);		/* 0: 1 */
	bw_code(&w, 0, 2);		/* 1: 1 */
	bw_code(&w, 3, 2);
	bw_bits(&w, 138 - 11, 7);	/* 2..139 */
	bw_code(&w, 3, 2);
	bw_bits(&w, 116 - 11, 7);	/* 140..255 */
	bw_code(&w, 0, 2);		/* 256: 1 */
	bw_code(&w, 0, 2);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "over-subscribed Huffman code");

	/*
	 * Only 256, with a one-bit code: allowed (RFC 1951 3.2.7), but then
	 * the bit pattern 1 leads nowhere.
	 */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 3, 2);
	bw_bits(&w, 138 - 11, 7);	/* 0..137 */
	bw_code(&w, 3, 2);
	bw_bits(&w, 118 - 11, 7);	/* 138..255 */
	bw_code(&w, 0, 2);		/* 256: 1 */
	bw_code(&w, 0, 2);		/* distance 0: 1 */
	bw_code(&w, 1, 1);		/* (unused code) */
	bw_bits(&w, 0, 16);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "invalid Huffman code");
}

/* ---- corruption ------------------------------------------------------ */

static uint8_t *small_gzip(size_t *zlen, size_t *len, uint8_t **orig)
{
	*len = 2000;
	*orig = make_data(DATA_MIXED, *len);
	return zcompress(*orig, *len, 6, Z_DEFAULT_STRATEGY, 31, zlen);
}

static void test_every_truncation(void **state)
{
	size_t zlen, len;
	uint8_t *d, *z = small_gzip(&zlen, &len, &d);
	uint8_t *out = malloc(len);
	const char *why;

	(void)state;
	for (size_t n = 0; n < zlen; n++) {
		/* A copy of exactly n bytes, so ASan sees any read past it. */
		uint8_t *cut = malloc(n ? n : 1);

		memcpy(cut, z, n);
		why = NULL;
		assert_int_equal(gzip_decompress(&ctx, cut, n, NULL, out, len, &why), -EINVAL);
		assert_non_null(why);
		free(cut);
	}
	free(out);
	free(z);
	free(d);
}

static void test_every_bit_flip(void **state)
{
	size_t zlen, len;
	uint8_t *d, *z = small_gzip(&zlen, &len, &d);
	uint8_t *out = malloc(len);
	unsigned int errors = 0;

	(void)state;
	for (size_t bit = 0; bit < zlen * 8; bit++) {
		long r;

		z[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		r = gzip_decompress(&ctx, z, zlen, NULL, out, len, NULL);
		if (r < 0)
			errors++;
		else
			assert_true(r == (long)len && memcmp(out, d, len) == 0);
		z[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	/* Only MTIME, XFL, OS and FTEXT may change unnoticed. */
	assert_true(errors >= zlen * 8 - 8 * 8);
	print_message("bit flips: %zu, errors %u\n", zlen * 8, errors);
	free(out);
	free(z);
	free(d);
}

static void test_fuzz_mutations(void **state)
{
	size_t zlen, len;
	uint8_t *d, *z = small_gzip(&zlen, &len, &d);
	uint8_t *m = malloc(zlen + 16), *out = malloc(len + 100);
	unsigned int ok = 0, bad = 0;

	(void)state;
	rng_state = FUZZ_SEED;
	for (int it = 0; it < FUZZ_ITERATIONS; it++) {
		size_t mlen = zlen;
		long r;
		int edits = 1 + rng() % 8;

		memcpy(m, z, zlen);
		for (int e = 0; e < edits; e++) {
			/* Mostly the deflate data; sometimes the header or trailer. */
			size_t at = rng() % mlen;

			switch (rng() % 4) {
			case 0:
				m[at] ^= (uint8_t)(1u << (rng() % 8));
				break;
			case 1:
				m[at] = (uint8_t)rng();
				break;
			case 2:
				mlen = at + 1;
				break;
			default:
				m[at] = 0;
				break;
			}
		}
		r = gzip_decompress(&ctx, m, mlen, NULL, out, len + 100, NULL);
		if (r >= 0)
			ok++;
		else
			bad++;
		assert_true(r >= 0 || r == -EINVAL || r == -ENOSPC);
	}
	/* Random bytes as raw DEFLATE: any block type, any header. */
	for (int it = 0; it < FUZZ_ITERATIONS; it++) {
		size_t mlen = 1 + rng() % 600;
		long r;

		for (size_t i = 0; i < mlen; i++)
			m[i] = (uint8_t)rng();
		r = inflate_raw(&ctx, m, mlen, NULL, out, len + 100, NULL);
		assert_true(r >= 0 || r == -EINVAL || r == -ENOSPC);
		if (r >= 0)
			ok++;
		else
			bad++;
	}
	print_message("fuzz: %d iterations, %u accepted, %u rejected\n",
		      2 * FUZZ_ITERATIONS, ok, bad);
	free(m);
	free(out);
	free(z);
	free(d);
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
		cmocka_unit_test(test_fixed_by_hand),
		cmocka_unit_test(test_stored_and_max_distance),
		cmocka_unit_test(test_dynamic_errors),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_every_bit_flip),
		cmocka_unit_test(test_fuzz_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
