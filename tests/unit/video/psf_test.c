/*
 * psf_test.c: kernel/drivers/video/psf.c on the real Debian console font
 * (PSF_TEST_FONT, unpacked by kernel/drivers/video/video.mk) and on PSF1
 * and PSF2 blobs built here, well-formed and broken.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <drivers/video/video.h>
#include <uapi/errno.h>

#define BLOB_MAX	(64 * 1024)
#define PSF2_HDR	32

static uint8_t blob[BLOB_MAX];
static size_t blob_len;
static struct psf_font font;

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void append(const void *p, size_t n)
{
	assert_true(blob_len + n <= BLOB_MAX);
	memcpy(blob + blob_len, p, n);
	blob_len += n;
}

static void append_u16(uint16_t v)
{
	uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	append(b, 2);
}

/* PSF1 header and glyphs; glyph n is filled with the byte n. */
static void psf1_begin(uint8_t mode, uint8_t height)
{
	unsigned count = mode & 1 ? 512 : 256;
	uint8_t hdr[4] = { 0x36, 0x04, mode, height };

	blob_len = 0;
	append(hdr, sizeof(hdr));
	for (unsigned g = 0; g < count; g++)
		for (unsigned r = 0; r < height; r++)
			blob[blob_len++] = (uint8_t)g;
}

/* PSF2 header of headersize bytes and glyphs filled with their index. */
static void psf2_begin(uint32_t headersize, uint32_t flags, uint32_t count,
		       uint32_t width, uint32_t height)
{
	uint32_t charsize = height * ((width + 7) / 8);

	blob_len = 0;
	memset(blob, 0, headersize);
	put32(blob, 0x864ab572);
	put32(blob + 4, 0);
	put32(blob + 8, headersize);
	put32(blob + 12, flags);
	put32(blob + 16, count);
	put32(blob + 20, charsize);
	put32(blob + 24, height);
	put32(blob + 28, width);
	blob_len = headersize;
	for (uint32_t g = 0; g < count; g++)
		for (uint32_t i = 0; i < charsize; i++)
			blob[blob_len++] = (uint8_t)g;
}

static int parse(void)
{
	return psf_parse(&font, blob, blob_len);
}

static void load_real_font(void)
{
	FILE *f = fopen(PSF_TEST_FONT, "rb");

	assert_non_null(f);
	blob_len = fread(blob, 1, sizeof(blob), f);
	fclose(f);
	assert_true(blob_len > 0 && blob_len < sizeof(blob));
}

static void test_real_font(void **state)
{
	/* VGA's 'A' and the Lat15 glyph of U+00E9, from the font itself. */
	static const uint8_t glyph_a[16] = {
		0x00, 0x00, 0x10, 0x38, 0x6c, 0xc6, 0xc6, 0xfe,
		0xc6, 0xc6, 0xc6, 0xc6, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t zero[16];

	(void)state;
	load_real_font();
	assert_int_equal(parse(), 0);
	assert_int_equal(font.version, 1);
	assert_int_equal(font.glyph_count, 256);
	assert_int_equal(font.width, 8);
	assert_int_equal(font.height, 16);
	assert_int_equal(font.glyph_size, 16);
	assert_non_null(font.unicode);
	/* Lat15 is not in code point order: the table must be used. */
	assert_int_equal(psf_glyph_index(&font, 'A'), 65);
	assert_memory_equal(psf_glyph(&font, psf_glyph_index(&font, 'A')),
			    glyph_a, 16);
	assert_memory_equal(psf_glyph(&font, psf_glyph_index(&font, ' ')),
			    zero, 16);
	assert_int_equal(psf_glyph_index(&font, 0xe9), 130);
	assert_int_equal(psf_glyph_index(&font, 0xa9), 0);
	/* Cyrillic A shares Latin A's glyph; box drawing is outside Latin-1. */
	assert_int_equal(psf_glyph_index(&font, 0x410), 65);
	assert_int_equal(psf_glyph_index(&font, 0x2500), 196);
	/* No CJK: the fallback is the font's U+FFFD glyph. */
	assert_int_equal(font.fallback, psf_glyph_index(&font, 0xfffd));
	assert_int_equal(psf_glyph_index(&font, 0x4e00), font.fallback);
	assert_int_equal(psf_glyph_index(&font, 0x110000), font.fallback);
}

/* Every truncation of the real font is caught (ASan sees any overread). */
static void test_real_font_truncated(void **state)
{
	size_t full;

	(void)state;
	load_real_font();
	full = blob_len;
	for (size_t n = 0; n < full; n++) {
		uint8_t *copy = malloc(n ? n : 1);

		memcpy(copy, blob, n);
		assert_int_equal(psf_parse(&font, copy, n), -EINVAL);
		free(copy);
	}
}

/* Random byte flips: any verdict is fine, a wild read is not. */
static void test_real_font_mutations(void **state)
{
	static uint8_t orig[BLOB_MAX];
	size_t full;

	(void)state;
	load_real_font();
	full = blob_len;
	memcpy(orig, blob, full);
	srand(1);
	for (int round = 0; round < 2000; round++) {
		uint8_t *copy = malloc(full);

		memcpy(copy, orig, full);
		for (int k = 0; k < 4; k++)
			copy[(size_t)rand() % full] = (uint8_t)rand();
		/* Flip header bytes too, where the sizes live. */
		copy[(size_t)rand() % 4] ^= (uint8_t)(1u << (rand() % 8));
		if (psf_parse(&font, copy, full) == 0) {
			for (uint32_t cp = 0; cp < 0x3000; cp += 7)
				(void)psf_glyph(&font, psf_glyph_index(&font, cp))[0];
		}
		free(copy);
	}
}

static void test_psf1_no_table(void **state)
{
	(void)state;
	psf1_begin(0, 8);
	assert_int_equal(parse(), 0);
	assert_null(font.unicode);
	assert_int_equal(font.glyph_count, 256);
	assert_int_equal(font.height, 8);
	/* Without a table glyph n is code point n (Latin-1 for bytes). */
	assert_int_equal(psf_glyph_index(&font, 'A'), 'A');
	assert_int_equal(psf_glyph_index(&font, 0xff), 0xff);
	assert_int_equal(psf_glyph(&font, 'A')[0], 'A');
	assert_int_equal(psf_glyph_index(&font, 0x100), '?');
	assert_int_equal(psf_glyph(&font, 9999)[0], '?');
}

static void test_psf1_512_table(void **state)
{
	(void)state;
	psf1_begin(0x01 | 0x02 | 0x04, 14);
	for (unsigned g = 0; g < 512; g++) {
		if (g == 1) {
			append_u16('A');
		} else if (g == 300) {
			append_u16(0x416);
			/* A sequence: 'e' + combining acute is not a mapping of 'e'. */
			append_u16(0xfffe);
			append_u16('e');
			append_u16(0x301);
		} else if (g == 511) {
			append_u16(0xfffd);
		}
		append_u16(0xffff);
	}
	assert_int_equal(parse(), 0);
	assert_int_equal(font.version, 1);
	assert_int_equal(font.glyph_count, 512);
	assert_int_equal(psf_glyph_index(&font, 'A'), 1);
	assert_int_equal(psf_glyph_index(&font, 0x416), 300);
	assert_int_equal(psf_glyph(&font, 300)[13], (uint8_t)300);
	assert_int_equal(psf_glyph_index(&font, 'e'), 511);
	assert_int_equal(psf_glyph_index(&font, 'B'), 511);
}

static void test_psf2_table(void **state)
{
	static const uint8_t euro[] = { 0xe2, 0x82, 0xac };
	static const uint8_t smile[] = { 0xf0, 0x9f, 0x98, 0x80 };
	static const uint8_t seq = 0xfe, sep = 0xff;

	(void)state;
	/* 12 pixels wide: two bytes a row; a header longer than 32 bytes. */
	psf2_begin(40, 1, 5, 12, 20);
	append("a", 1);
	append(&sep, 1);
	append(euro, sizeof(euro));
	append("E", 1);
	append(&sep, 1);
	append(smile, sizeof(smile));
	append(&seq, 1);
	append("x", 1);
	append(&sep, 1);
	append(&sep, 1);		/* glyph 3 maps nothing */
	append("?", 1);
	append(&sep, 1);
	append("pad", 3);		/* bytes after the last entry */
	assert_int_equal(parse(), 0);
	assert_int_equal(font.version, 2);
	assert_int_equal(font.width, 12);
	assert_int_equal(font.height, 20);
	assert_int_equal(font.row_bytes, 2);
	assert_int_equal(font.glyph_size, 40);
	assert_ptr_equal(font.glyphs, blob + 40);
	assert_int_equal(psf_glyph_index(&font, 'a'), 0);
	assert_int_equal(psf_glyph_index(&font, 0x20ac), 1);
	assert_int_equal(psf_glyph_index(&font, 'E'), 1);
	assert_int_equal(psf_glyph_index(&font, 0x1f600), 2);
	assert_int_equal(psf_glyph_index(&font, 'x'), 4);	/* fallback '?' */
	assert_int_equal(font.fallback, 4);
	assert_int_equal(psf_glyph(&font, 2)[39], 2);
}

static void test_psf2_no_table(void **state)
{
	(void)state;
	psf2_begin(32, 0, 128, 8, 16);
	assert_int_equal(parse(), 0);
	assert_null(font.unicode);
	assert_int_equal(psf_glyph_index(&font, 'z'), 'z');
	assert_int_equal(psf_glyph_index(&font, 0xe9), '?');
}

static void test_corrupt_headers(void **state)
{
	(void)state;
	assert_int_equal(psf_parse(&font, NULL, 100), -EINVAL);

	/* Bad magic, and blobs shorter than any header. */
	psf2_begin(32, 0, 16, 8, 8);
	blob[0] ^= 1;
	assert_int_equal(parse(), -EINVAL);
	psf1_begin(0, 8);
	blob[1] = 0x05;
	assert_int_equal(parse(), -EINVAL);
	blob_len = 3;
	blob[0] = 0x36;
	blob[1] = 0x04;
	assert_int_equal(parse(), -EINVAL);
	psf2_begin(32, 0, 16, 8, 8);
	blob_len = 31;
	assert_int_equal(parse(), -EINVAL);

	/* Header size beyond the blob, or smaller than the header. */
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 8, (uint32_t)blob_len + 1);
	assert_int_equal(parse(), -EINVAL);
	put32(blob + 8, 0xffffffff);
	assert_int_equal(parse(), -EINVAL);
	put32(blob + 8, 16);
	assert_int_equal(parse(), -EINVAL);

	/* Glyph count * glyph size beyond the blob, overflow included. */
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 16, 17);
	assert_int_equal(parse(), -EINVAL);
	put32(blob + 16, 0xffff);
	assert_int_equal(parse(), -EINVAL);
	put32(blob + 16, 0xffffffff);
	assert_int_equal(parse(), -EINVAL);
	put32(blob + 16, 0);
	assert_int_equal(parse(), -EINVAL);
	psf2_begin(32, 0, 16, 8, 8);
	blob_len--;
	assert_int_equal(parse(), -EINVAL);
	psf1_begin(0, 16);
	blob_len--;
	assert_int_equal(parse(), -EINVAL);
	psf1_begin(0, 16);
	blob[2] = 0x01;		/* claims 512 glyphs, holds 256 */
	assert_int_equal(parse(), -EINVAL);

	/* Zero or absurd width/height, a glyph size that does not match. */
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 28, 0);
	assert_int_equal(parse(), -EINVAL);
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 24, 0);
	assert_int_equal(parse(), -EINVAL);
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 28, 0x80000001);
	assert_int_equal(parse(), -EINVAL);
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 20, 7);
	assert_int_equal(parse(), -EINVAL);
	psf1_begin(0, 8);
	blob[3] = 0;
	assert_int_equal(parse(), -EINVAL);

	/* Unknown version, flags or PSF1 mode bits. */
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 4, 1);
	assert_int_equal(parse(), -EINVAL);
	psf2_begin(32, 0, 16, 8, 8);
	put32(blob + 12, 2);
	assert_int_equal(parse(), -EINVAL);
	psf1_begin(0, 8);
	blob[2] = 0x08;
	assert_int_equal(parse(), -EINVAL);
}

static void test_corrupt_tables(void **state)
{
	static const uint8_t sep = 0xff;
	static const uint8_t bad_utf8[][5] = {
		{ 2, 0x80, 0xff },		/* stray continuation byte */
		{ 2, 0xc3, 0xff },		/* truncated sequence */
		{ 3, 0xc0, 0x81, 0xff },	/* overlong 'A' */
		{ 4, 0xed, 0xa0, 0x80, 0xff },	/* a surrogate */
		{ 2, 0xf8, 0xff },		/* no such lead byte */
	};

	(void)state;
	/* Fewer entries than glyphs. */
	psf2_begin(32, 1, 4, 8, 8);
	for (int i = 0; i < 3; i++)
		append(&sep, 1);
	assert_int_equal(parse(), -EINVAL);
	/* The flag set but no table at all. */
	psf2_begin(32, 1, 4, 8, 8);
	assert_int_equal(parse(), -EINVAL);
	/* A UTF-8 sequence cut by the end of the blob. */
	psf2_begin(32, 1, 1, 8, 8);
	append("\xe2\x82", 2);
	assert_int_equal(parse(), -EINVAL);
	for (size_t i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		psf2_begin(32, 1, 1, 8, 8);
		append(&bad_utf8[i][1], bad_utf8[i][0]);
		assert_int_equal(parse(), -EINVAL);
	}
	/* PSF1: an odd byte where a u16 should be, a missing separator. */
	psf1_begin(0x02, 8);
	for (int i = 0; i < 255; i++)
		append_u16(0xffff);
	append("\x41", 1);
	assert_int_equal(parse(), -EINVAL);
	psf1_begin(0x02, 8);
	for (int i = 0; i < 255; i++)
		append_u16(0xffff);
	append_u16('A');
	assert_int_equal(parse(), -EINVAL);
	/* A failed parse leaves no half-filled font behind. */
	assert_null(font.glyphs);
	assert_int_equal(font.glyph_count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_font),
		cmocka_unit_test(test_real_font_truncated),
		cmocka_unit_test(test_real_font_mutations),
		cmocka_unit_test(test_psf1_no_table),
		cmocka_unit_test(test_psf1_512_table),
		cmocka_unit_test(test_psf2_table),
		cmocka_unit_test(test_psf2_no_table),
		cmocka_unit_test(test_corrupt_headers),
		cmocka_unit_test(test_corrupt_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
