/*
 * inflate_testdata.c: what inflate_test.c and inflate_corrupt_test.c share:
 * reproducible data sets, zlib as the reference compressor, a DEFLATE bit
 * writer for hand-made streams and a gzip member builder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>
#include "inflate_testdata.h"

/* xorshift32: the same sequence on every host, unlike rand(). */
uint32_t rng_state;

uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* ---- data sets ------------------------------------------------------- */

uint8_t *make_data(enum data_kind kind, size_t len)
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
		case DATA_SKEWED:
			p[i++] = (uint8_t)__builtin_ctz(rng() | 1u << 31);
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
uint8_t *zcompress(const uint8_t *src, size_t len, int level, int strategy,
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

/* ---- a DEFLATE bit writer ---------------------------------------------- */

void bw_bits(struct bitw *w, uint32_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, w->nbits++) {
		if ((w->nbits & 7) == 0)
			w->buf[w->nbits >> 3] = 0;
		w->buf[w->nbits >> 3] |= (i < 32 ? (v >> i) & 1 : 0) << (w->nbits & 7);
	}
}

/* Huffman codes go most significant bit first (RFC 1951 3.1.1). */
void bw_code(struct bitw *w, uint32_t code, unsigned int len)
{
	while (len--)
		bw_bits(w, (code >> len) & 1, 1);
}

size_t bw_bytes(const struct bitw *w)
{
	return (w->nbits + 7) / 8;
}

/* A literal/length symbol of the fixed code (RFC 1951 3.2.6). */
void bw_fixed_sym(struct bitw *w, unsigned int sym)
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

size_t put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
	return 4;
}

/*
 * A gzip member of src with the given FLG, an FEXTRA/FNAME/FCOMMENT as
 * the flags ask and a correct FHCRC; returns its length.
 */
size_t make_member(uint8_t *dst, const uint8_t *src, size_t len, uint8_t flg)
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
