/* inflate_testdata.h: helpers shared by the inflate tests (inflate_testdata.c). */
#ifndef TESTS_INFLATE_TESTDATA_H
#define TESTS_INFLATE_TESTDATA_H

#include <stddef.h>
#include <stdint.h>

#define FUZZ_SEED		0x1951u

/* xorshift32: the same sequence on every host, unlike rand(). */
extern uint32_t rng_state;
uint32_t rng(void);

/*
 * DATA_SKEWED: byte k with probability 2^-(k+1), so that Huffman codes
 * get long (up to 15 bits), past the decoder's one-look-up table.
 */
enum data_kind { DATA_RANDOM, DATA_TEXT, DATA_ZEROS, DATA_MIXED, DATA_SKEWED, DATA_KINDS };

/* len bytes of the given kind, the same on every run; free() them. */
uint8_t *make_data(enum data_kind kind, size_t len);

/*
 * Compresses with zlib. window_bits 31 makes a gzip member, -15 a raw
 * DEFLATE stream (zlib's deflateInit2 conventions). free() the result.
 */
uint8_t *zcompress(const uint8_t *src, size_t len, int level, int strategy,
		   int window_bits, size_t *out_len);

/* A DEFLATE bit writer: fields least significant bit first. */
struct bitw {
	uint8_t buf[70000];
	size_t nbits;
};

void bw_bits(struct bitw *w, uint32_t v, unsigned int n);
/* Huffman codes go most significant bit first (RFC 1951 3.1.1). */
void bw_code(struct bitw *w, uint32_t code, unsigned int len);
size_t bw_bytes(const struct bitw *w);
/* A literal/length symbol of the fixed code (RFC 1951 3.2.6). */
void bw_fixed_sym(struct bitw *w, unsigned int sym);

size_t put_le32(uint8_t *p, uint32_t v);

/*
 * A gzip member of src with the given FLG, an FEXTRA/FNAME/FCOMMENT as
 * the flags ask and a correct FHCRC; returns its length.
 */
size_t make_member(uint8_t *dst, const uint8_t *src, size_t len, uint8_t flg);

#endif /* TESTS_INFLATE_TESTDATA_H */
