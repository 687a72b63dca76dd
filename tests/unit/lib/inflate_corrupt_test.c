/*
 * inflate_corrupt_test.c: kernel/lib/inflate.c on hand-made DEFLATE
 * streams (each block type, the longest distance, and each malformation
 * the decoder must name), every truncation and every single-bit flip of a
 * small gzip file, and a fixed-seed mutation loop that only asks for "no
 * crash, an error or the right output".
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

#define FUZZ_ITERATIONS		4000

static struct inflate_ctx ctx;

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
	static uint8_t out[INFLATE_WINDOW_SIZE + 258 + 1];
	uint8_t *d = make_data(DATA_RANDOM, INFLATE_WINDOW_SIZE);
	const char *why;
	size_t n;

	(void)state;
	/* A stored block of 32 KiB, then 258 bytes from the farthest distance. */
	w.nbits = 0;
	bw_bits(&w, 0, 1);
	bw_bits(&w, 0, 2);
	w.nbits = 8;
	bw_bits(&w, INFLATE_WINDOW_SIZE, 16);
	bw_bits(&w, 0xffff ^ INFLATE_WINDOW_SIZE, 16);
	n = bw_bytes(&w);
	memcpy(w.buf + n, d, INFLATE_WINDOW_SIZE);
	w.nbits = (n + INFLATE_WINDOW_SIZE) * 8;
	bw_bits(&w, 1, 1);
	bw_bits(&w, 1, 2);
	bw_fixed_sym(&w, 285);		/* length 258 */
	bw_code(&w, 29, 5);		/* distance 24577 + 13 extra bits */
	bw_bits(&w, INFLATE_WINDOW_SIZE - 24577, 13);
	bw_fixed_sym(&w, 256);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), INFLATE_WINDOW_SIZE + 258);
	assert_memory_equal(out, d, INFLATE_WINDOW_SIZE);
	assert_memory_equal(out + INFLATE_WINDOW_SIZE, d, 258);
	assert_int_equal(run_raw(&w, out, INFLATE_WINDOW_SIZE + 257, &why), -ENOSPC);

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
	/* Three codes of 2 bits and three of 3 bits: 3/4 + 3/8 > 1. */
	static const uint8_t cl_over[19] = {
		[0] = 3, [1] = 3, [2] = 3, [16] = 2, [17] = 2, [18] = 2,
	};
	/* Two codes of 2 bits: half the code space unused. */
	static const uint8_t cl_short[19] = { [1] = 2, [18] = 2 };
	/* Canonical: 1=00, 16=01, 17=10, 18=11. */
	static const uint8_t cl[19] = { [1] = 2, [16] = 2, [17] = 2, [18] = 2 };
	static struct bitw w;
	uint8_t out[64];
	const char *why;

	(void)state;
	bw_dynamic_head(&w, 257, 1, cl_over);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "over-subscribed Huffman code");

	bw_dynamic_head(&w, 257, 1, cl_short);
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

	/* 16 (repeat previous) as the very first length. */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_code(&w, 1, 2);
	bw_bits(&w, 0, 2);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "code length repeat with no previous length");

	/* Symbol 18 (138 zeros) twice: 276 lengths where 258 are wanted. */
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

	/*
	 * 'a' and 256 with length 1 and everything else 0 (a complete code),
	 * then symbol 17 (3 zeros at least) with one length left to send.
	 */
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
	bw_bits(&w, 0, 3);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "code length repeat past the last symbol");

	/* The same lengths and a single one-bit distance code: "aa". */
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

/*
 * The code lengths of symbols 0..256: 'a' of length la, 256 of length
 * l256 (each 0..2), everything else zero, with the code length code
 * 0=00 1=01 2=10 18=11 (see below). Lengths 0..2 happen to be sent as
 * codes 0..2.
 */
static void bw_litlen_a(struct bitw *w, unsigned int la, unsigned int l256)
{
	static const uint8_t cl_code[3] = { 0, 1, 2 };	/* lengths 0, 1, 2 */

	bw_code(w, 3, 2);
	bw_bits(w, 97 - 11, 7);		/* 0..96 */
	bw_code(w, cl_code[la], 2);	/* 'a' */
	bw_code(w, 3, 2);
	bw_bits(w, 138 - 11, 7);	/* 98..235 */
	bw_code(w, 3, 2);
	bw_bits(w, 20 - 11, 7);		/* 236..255 */
	bw_code(w, cl_code[l256], 2);
}

static void test_incomplete_codes(void **state)
{
	/* Canonical: 0=00, 1=01, 2=10, 18=11. */
	static const uint8_t cl[19] = { [0] = 2, [1] = 2, [2] = 2, [18] = 2 };
	static struct bitw w;
	uint8_t out[64];
	const char *why;

	(void)state;

	/* 'a' and 256 with 2 bits each: half the literal/length code unused. */
	bw_dynamic_head(&w, 257, 1, cl);
	bw_litlen_a(&w, 2, 2);
	bw_code(&w, 1, 2);		/* distance 0: 1 */
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "incomplete literal/length code");

	/* Two distance codes of 2 bits: incomplete distance code. */
	bw_dynamic_head(&w, 257, 2, cl);
	bw_litlen_a(&w, 1, 1);
	bw_code(&w, 2, 2);
	bw_code(&w, 2, 2);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "incomplete distance code");

	/*
	 * No distance code at all (one length 0) is a literals-only block:
	 * 'a'=0, 256=10, 257=11.
	 */
	bw_dynamic_head(&w, 258, 1, cl);
	bw_litlen_a(&w, 1, 2);
	bw_code(&w, 2, 2);		/* 257: 2 */
	bw_code(&w, 0, 2);		/* distance 0: 0 */
	bw_code(&w, 0, 1);
	bw_code(&w, 0, 1);
	bw_code(&w, 2, 2);
	assert_int_equal(run_raw(&w, out, sizeof(out), &why), 2);
	assert_memory_equal(out, "aa", 2);

	/* ... in which a length symbol has no distance to go with it. */
	bw_dynamic_head(&w, 258, 1, cl);
	bw_litlen_a(&w, 1, 2);
	bw_code(&w, 2, 2);		/* 257: 2 */
	bw_code(&w, 0, 2);
	bw_code(&w, 0, 1);
	bw_code(&w, 3, 2);		/* 257: length 3 */
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
		cmocka_unit_test(test_fixed_by_hand),
		cmocka_unit_test(test_stored_and_max_distance),
		cmocka_unit_test(test_dynamic_errors),
		cmocka_unit_test(test_incomplete_codes),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_every_bit_flip),
		cmocka_unit_test(test_fuzz_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
