/*
 * inflate.h: DEFLATE (RFC 1951) and gzip (RFC 1952) decompression from one
 * buffer into another (kernel/lib/inflate.c).
 *
 * Everything is bounded: a truncated or corrupt stream ends in -EINVAL and a
 * message, never in a read or write outside the two buffers. There is no
 * recursion and no large local: the Huffman tables live in struct
 * inflate_ctx (about 5 KiB), which the caller provides, from kmalloc() in
 * the kernel (the kernel stack is 16 KiB).
 */
#ifndef BASALT_INFLATE_H
#define BASALT_INFLATE_H

#include <stddef.h>
#include <stdint.h>

/* RFC 1951 section 3.2.2: no Huffman code in DEFLATE is longer than 15 bits. */
#define INFLATE_MAX_BITS	15
/* RFC 1951 section 3.2.6: literal/length symbols 0..287 (286, 287 unused). */
#define INFLATE_NUM_LITLEN	288
/* RFC 1951 section 3.2.6: distance symbols 0..31 (30, 31 unused). */
#define INFLATE_NUM_DIST	32
/* RFC 1951 section 3.2.7: the code length alphabet has 19 symbols. */
#define INFLATE_NUM_CODELEN	19
/* RFC 1951 section 2: back-references reach at most 32 KiB behind. */
#define INFLATE_WINDOW_SIZE	32768

/* Codes up to this long decode with one look-up in inflate_huffman.fast. */
#define INFLATE_FAST_BITS	9
#define INFLATE_FAST_SIZE	(1u << INFLATE_FAST_BITS)
#define INFLATE_FAST_LEN_SHIFT	12	/* symbols fit below: 287 < 2^12 */
#define INFLATE_FAST_SYM_MASK	((1u << INFLATE_FAST_LEN_SHIFT) - 1)

/*
 * A canonical Huffman code (RFC 1951 section 3.2.2) kept as the number of
 * codes of each length and the symbols sorted by code: enough to decode
 * one bit at a time without a tree. fast[] maps the next
 * INFLATE_FAST_BITS input bits to (length << INFLATE_FAST_LEN_SHIFT) |
 * symbol for the common short codes, 0 for longer or unused ones.
 */
struct inflate_huffman {
	uint16_t count[INFLATE_MAX_BITS + 1];
	uint16_t symbol[INFLATE_NUM_LITLEN];
	uint16_t fast[INFLATE_FAST_SIZE];
};

/* The decoder's state; fields are private to inflate.c. */
struct inflate_ctx {
	const uint8_t *in;
	size_t in_len;
	size_t in_pos;		/* next byte to load into bits */
	uint64_t bits;		/* loaded but unused input, LSB first */
	unsigned int nbits;

	uint8_t *out;
	size_t out_len;
	size_t out_pos;
	size_t out_start;	/* where this stream's output began */

	int err;		/* first error, sticky; 0 while all is well */
	const char *why;

	struct inflate_huffman litlen;
	struct inflate_huffman dist;
	struct inflate_huffman codelen;
	uint8_t lengths[INFLATE_NUM_LITLEN + INFLATE_NUM_DIST];
};

/*
 * Decompresses one raw DEFLATE stream (RFC 1951, no header) from in into
 * out. Returns the number of bytes written, or -EINVAL (corrupt or
 * truncated input) or -ENOSPC (out is too small). *consumed (if not NULL)
 * gets the number of input bytes the stream used, rounded up to a byte;
 * *why (if not NULL) gets a message on error and NULL on success.
 */
long inflate_raw(struct inflate_ctx *ctx, const void *in, size_t in_len,
		 size_t *consumed, void *out, size_t out_len, const char **why);

/*
 * Decompresses gzip data (RFC 1952): one or more members one after the
 * other, each header checked (reserved flags, FHCRC) and each trailer's
 * CRC-32 and ISIZE verified. Zero bytes after a member are skipped, as the
 * initramfs buffer format allows padding. Returns and errors as
 * inflate_raw(); out holds the members' outputs one after the other, and
 * no back-reference reaches into an earlier member's output. If consumed
 * is NULL, anything other than padding after the last member is an error;
 * otherwise decoding stops there and *consumed is the offset just past
 * the last member's trailer (before any padding), so the caller can parse
 * what follows (Linux's initramfs may continue with an uncompressed cpio
 * archive).
 */
long gzip_decompress(struct inflate_ctx *ctx, const void *in, size_t in_len,
		     size_t *consumed, void *out, size_t out_len, const char **why);

/*
 * Reads the ISIZE field of the last 4 bytes of in: the uncompressed size
 * modulo 2^32 of the last member, which for the usual single-member file
 * is the size to allocate. It is only a hint (the trailer is not
 * authenticated until decompression checks it): size the buffer from it,
 * and grow and retry if gzip_decompress() returns -ENOSPC.
 * Returns 0, or -EINVAL if in is too short to be gzip data.
 */
int gzip_isize(const void *in, size_t in_len, uint32_t *isize);

#endif /* BASALT_INFLATE_H */
