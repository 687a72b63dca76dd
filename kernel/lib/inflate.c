/*
 * inflate.c: a DEFLATE decoder written from RFC 1951 and a gzip member
 * reader written from RFC 1952, for unpacking the initramfs.
 *
 * The whole output is in memory, so back-references are copies from
 * earlier in the output buffer and no separate 32 KiB window is kept.
 * Huffman codes are decoded from their canonical form (count of codes
 * per length, symbols in code order), which needs no tree and no
 * recursion: codes of up to INFLATE_FAST_BITS bits with one table look-up
 * when that many input bits are at hand, the rest one bit at a time.
 * Input is loaded into ctx->bits only by inflate_bits() and
 * inflate_decode(), which stop at the end of the buffer; every output
 * write is checked against its end. Errors are sticky in ctx->err so that
 * loops can test once per symbol.
 */
#include <stdbool.h>
#include <basalt/compiler.h>
#include <basalt/crc32.h>
#include <basalt/inflate.h>
#include <basalt/string.h>
#include <uapi/errno.h>

/* RFC 1951 section 3.2.3: each block starts with BFINAL (1 bit), BTYPE (2 bits). */
#define INFLATE_BFINAL_BITS		1
#define INFLATE_BTYPE_BITS		2
#define INFLATE_BTYPE_STORED		0
#define INFLATE_BTYPE_FIXED		1
#define INFLATE_BTYPE_DYNAMIC		2

/* RFC 1951 section 3.2.4: a stored block has LEN and NLEN, 16 bits each. */
#define INFLATE_STORED_LEN_BITS		16
#define INFLATE_STORED_LEN_MASK		0xffffu

/* RFC 1951 section 3.2.5: literal/length alphabet. */
#define INFLATE_END_OF_BLOCK		256
#define INFLATE_FIRST_LENGTH_SYM	257
#define INFLATE_NUM_LENGTH_SYMS		29	/* 257..285 */
#define INFLATE_NUM_DIST_SYMS		30	/* 0..29 */

#define INFLATE_BITS_PER_BYTE		8

/* RFC 1951 section 3.2.5: base lengths and extra bits of symbols 257..285. */
static const uint16_t inflate_length_base[INFLATE_NUM_LENGTH_SYMS] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};

static const uint8_t inflate_length_extra[INFLATE_NUM_LENGTH_SYMS] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};

/* RFC 1951 section 3.2.5: base distances and extra bits of symbols 0..29. */
static const uint16_t inflate_dist_base[INFLATE_NUM_DIST_SYMS] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
	12289, 16385, 24577,
};

static const uint8_t inflate_dist_extra[INFLATE_NUM_DIST_SYMS] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
};

/* RFC 1951 section 3.2.6: the fixed literal/length code lengths by range. */
static const struct {
	uint16_t last;		/* last symbol of the range */
	uint8_t len;
} inflate_fixed_litlen[] = {
	{ 143, 8 }, { 255, 9 }, { 279, 7 }, { 287, 8 },
};

#define INFLATE_FIXED_DIST_LEN		5	/* RFC 1951 section 3.2.6 */

/* RFC 1951 section 3.2.7: the dynamic block header. */
#define INFLATE_HLIT_BITS		5
#define INFLATE_HLIT_BASE		257
#define INFLATE_HLIT_MAX		286	/* symbols 286, 287 never occur */
#define INFLATE_HDIST_BITS		5
#define INFLATE_HDIST_BASE		1
#define INFLATE_HDIST_MAX		30	/* symbols 30, 31 never occur */
#define INFLATE_HCLEN_BITS		4
#define INFLATE_HCLEN_BASE		4
#define INFLATE_CODELEN_LEN_BITS	3	/* each code length code length */

/* RFC 1951 section 3.2.7: code length symbols above 15 are repeats. */
#define INFLATE_CL_MAX_LITERAL		15
#define INFLATE_CL_COPY_PREV		16	/* previous length 3..6 times */
#define INFLATE_CL_COPY_PREV_BITS	2
#define INFLATE_CL_COPY_PREV_BASE	3
#define INFLATE_CL_ZEROS_SHORT		17	/* zero 3..10 times */
#define INFLATE_CL_ZEROS_SHORT_BITS	3
#define INFLATE_CL_ZEROS_SHORT_BASE	3
#define INFLATE_CL_ZEROS_LONG_BITS	7	/* symbol 18: zero 11..138 times */
#define INFLATE_CL_ZEROS_LONG_BASE	11

/* RFC 1951 section 3.2.7: the order code length code lengths are sent in. */
static const uint8_t inflate_codelen_order[INFLATE_NUM_CODELEN] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

/* RFC 1952 section 2.3: the member header. */
#define GZIP_ID1			0x1f
#define GZIP_ID2			0x8b
#define GZIP_CM_DEFLATE			8
#define GZIP_OFF_ID1			0
#define GZIP_OFF_ID2			1
#define GZIP_OFF_CM			2
#define GZIP_OFF_FLG			3
#define GZIP_HEADER_SIZE		10	/* ID1 ID2 CM FLG MTIME(4) XFL OS */
#define GZIP_FHCRC			(1u << 1)
#define GZIP_FEXTRA			(1u << 2)
#define GZIP_FNAME			(1u << 3)
#define GZIP_FCOMMENT			(1u << 4)
#define GZIP_FRESERVED			0xe0u	/* bits 5..7 must be zero */
#define GZIP_XLEN_SIZE			2
#define GZIP_CRC16_SIZE			2
#define GZIP_CRC16_MASK			0xffffu
/* RFC 1952 section 2.3.1: the trailer is CRC32 then ISIZE, 4 bytes each. */
#define GZIP_CRC32_SIZE			4
#define GZIP_ISIZE_SIZE			4
#define GZIP_TRAILER_SIZE		(GZIP_CRC32_SIZE + GZIP_ISIZE_SIZE)

static int inflate_fail(struct inflate_ctx *ctx, int err, const char *why)
{
	if (!ctx->err) {
		ctx->err = err;
		ctx->why = why;
	}
	return ctx->err;
}

/* Loads one more input byte above the bits already loaded. */
static void inflate_load_byte(struct inflate_ctx *ctx)
{
	ctx->bits |= (uint64_t)ctx->in[ctx->in_pos++] << ctx->nbits;
	ctx->nbits += INFLATE_BITS_PER_BYTE;
}

/*
 * Takes n (at most 16) bits, least significant first (RFC 1951 section
 * 3.1.1), loading bytes as needed. Past the end of the input it fails and
 * returns 0. At most INFLATE_FAST_BITS + 7 bits stay loaded between calls.
 */
static uint32_t inflate_bits(struct inflate_ctx *ctx, unsigned int n)
{
	uint32_t v;

	while (ctx->nbits < n) {
		if (ctx->in_pos >= ctx->in_len) {
			inflate_fail(ctx, -EINVAL, "deflate stream truncated");
			return 0;
		}
		inflate_load_byte(ctx);
	}
	v = (uint32_t)(ctx->bits & ((1ull << n) - 1));
	ctx->bits >>= n;
	ctx->nbits -= n;
	return v;
}

/*
 * Fills h->fast from h->count and h->symbol. The code of each length
 * starts where the previous length's ended, doubled (RFC 1951 section
 * 3.2.2). Input bits arrive least significant first while codes are sent
 * most significant bit first, so each code indexes the table bit-reversed,
 * and every index whose low bits are that code maps to it.
 */
static void inflate_build_fast(struct inflate_huffman *h)
{
	unsigned int code = 0, index = 0;

	memset(h->fast, 0, sizeof(h->fast));
	for (unsigned int len = 1; len <= INFLATE_FAST_BITS; len++) {
		for (unsigned int k = 0; k < h->count[len]; k++, code++) {
			unsigned int rev = 0;

			for (unsigned int b = 0; b < len; b++)
				rev |= ((code >> b) & 1) << (len - 1 - b);
			for (unsigned int i = rev; i < INFLATE_FAST_SIZE; i += 1u << len)
				h->fast[i] = (uint16_t)(len << INFLATE_FAST_LEN_SHIFT |
							h->symbol[index + k]);
		}
		index += h->count[len];
		code <<= 1;
	}
}

/*
 * Builds the canonical code of RFC 1951 section 3.2.2 from n code lengths
 * (each 0..15, 0 meaning unused). Returns the number of unused codes of
 * the longest length scaled to 15 bits: 0 for a complete code, positive
 * for an incomplete one, which the caller may or may not accept; or a
 * negative errno for an over-subscribed code, which no decoder can use.
 */
static int inflate_build(struct inflate_ctx *ctx, struct inflate_huffman *h,
			 const uint8_t *lengths, unsigned int n)
{
	uint16_t next[INFLATE_MAX_BITS + 1];
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (unsigned int i = 0; i < n; i++)
		h->count[lengths[i]]++;
	for (unsigned int len = 1; len <= INFLATE_MAX_BITS; len++) {
		left <<= 1;
		left -= h->count[len];
		if (left < 0)
			return inflate_fail(ctx, -EINVAL, "over-subscribed Huffman code");
	}
	/* Symbols of each length follow all shorter ones, in symbol order. */
	next[1] = 0;
	for (unsigned int len = 1; len < INFLATE_MAX_BITS; len++)
		next[len + 1] = next[len] + h->count[len];
	for (unsigned int i = 0; i < n; i++)
		if (lengths[i])
			h->symbol[next[lengths[i]]++] = i;
	inflate_build_fast(h);
	return left;
}

/*
 * RFC 1951 section 3.2.7 allows a code with a single used symbol, sent
 * with one bit; any other incomplete code would leave bit patterns that
 * mean nothing and is refused, as zlib does.
 */
static bool inflate_single_code(const struct inflate_huffman *h)
{
	if (h->count[1] != 1)
		return false;
	for (unsigned int len = 2; len <= INFLATE_MAX_BITS; len++)
		if (h->count[len])
			return false;
	return true;
}

/*
 * Decodes one symbol. Huffman codes are packed most significant bit first
 * (RFC 1951 section 3.1.1), so each new bit is appended to code; codes of
 * length len are the count[len] values starting at first.
 */
static int inflate_decode(struct inflate_ctx *ctx, const struct inflate_huffman *h)
{
	int code = 0, first = 0, index = 0;

	while (ctx->nbits < INFLATE_FAST_BITS && ctx->in_pos < ctx->in_len)
		inflate_load_byte(ctx);
	if (ctx->nbits >= INFLATE_FAST_BITS) {
		uint16_t entry = h->fast[ctx->bits & (INFLATE_FAST_SIZE - 1)];

		if (entry) {
			unsigned int len = entry >> INFLATE_FAST_LEN_SHIFT;

			ctx->bits >>= len;
			ctx->nbits -= len;
			return entry & INFLATE_FAST_SYM_MASK;
		}
	}
	/* A longer code, or the last few bits of the input. */
	for (unsigned int len = 1; len <= INFLATE_MAX_BITS; len++) {
		code |= (int)inflate_bits(ctx, 1);
		if (ctx->err)
			return ctx->err;
		if (code - first < h->count[len])
			return h->symbol[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return inflate_fail(ctx, -EINVAL, "invalid Huffman code");
}

static void inflate_put(struct inflate_ctx *ctx, uint8_t byte)
{
	if (ctx->out_pos >= ctx->out_len) {
		inflate_fail(ctx, -ENOSPC, "output buffer too small");
		return;
	}
	ctx->out[ctx->out_pos++] = byte;
}

/* RFC 1951 section 3.2.5: literals and length/distance pairs until 256. */
static void inflate_codes(struct inflate_ctx *ctx)
{
	for (;;) {
		int sym = inflate_decode(ctx, &ctx->litlen);
		unsigned int len, dist;

		if (sym < 0)
			return;
		if (sym < INFLATE_END_OF_BLOCK) {
			inflate_put(ctx, (uint8_t)sym);
			if (ctx->err)
				return;
			continue;
		}
		if (sym == INFLATE_END_OF_BLOCK)
			return;
		sym -= INFLATE_FIRST_LENGTH_SYM;
		if (sym >= INFLATE_NUM_LENGTH_SYMS) {
			inflate_fail(ctx, -EINVAL, "invalid literal/length symbol");
			return;
		}
		len = inflate_length_base[sym] + inflate_bits(ctx, inflate_length_extra[sym]);

		sym = inflate_decode(ctx, &ctx->dist);
		if (sym < 0)
			return;
		if (sym >= INFLATE_NUM_DIST_SYMS) {
			inflate_fail(ctx, -EINVAL, "invalid distance symbol");
			return;
		}
		dist = inflate_dist_base[sym] + inflate_bits(ctx, inflate_dist_extra[sym]);
		if (ctx->err)
			return;
		if (dist > ctx->out_pos - ctx->out_start) {
			inflate_fail(ctx, -EINVAL, "distance reaches before the start of the output");
			return;
		}
		if (len > ctx->out_len - ctx->out_pos) {
			inflate_fail(ctx, -ENOSPC, "output buffer too small");
			return;
		}
		/* Byte by byte: the source may overlap what is being written. */
		for (unsigned int i = 0; i < len; i++, ctx->out_pos++)
			ctx->out[ctx->out_pos] = ctx->out[ctx->out_pos - dist];
	}
}

/* RFC 1951 section 3.2.4: a block stored as is, starting on a byte. */
static void inflate_stored(struct inflate_ctx *ctx)
{
	uint32_t len, nlen;

	/*
	 * Bits are loaded a byte at a time: dropping the odd ones aligns to
	 * a byte, and whole bytes still loaded start LEN. Bytes loaded past
	 * NLEN are given back, so that the data starts at in_pos.
	 */
	inflate_bits(ctx, ctx->nbits % INFLATE_BITS_PER_BYTE);
	len = inflate_bits(ctx, INFLATE_STORED_LEN_BITS);
	nlen = inflate_bits(ctx, INFLATE_STORED_LEN_BITS);
	if (ctx->err)
		return;
	ctx->in_pos -= ctx->nbits / INFLATE_BITS_PER_BYTE;
	ctx->bits = 0;
	ctx->nbits = 0;
	if (len != (~nlen & INFLATE_STORED_LEN_MASK)) {
		inflate_fail(ctx, -EINVAL, "stored block LEN does not match NLEN");
		return;
	}
	if (len > ctx->in_len - ctx->in_pos) {
		inflate_fail(ctx, -EINVAL, "stored block truncated");
		return;
	}
	if (len > ctx->out_len - ctx->out_pos) {
		inflate_fail(ctx, -ENOSPC, "output buffer too small");
		return;
	}
	memcpy(ctx->out + ctx->out_pos, ctx->in + ctx->in_pos, len);
	ctx->out_pos += len;
	ctx->in_pos += len;
}

/* RFC 1951 section 3.2.6: the fixed codes, rebuilt for each such block. */
static void inflate_fixed(struct inflate_ctx *ctx)
{
	unsigned int sym = 0;

	for (unsigned int r = 0; r < ARRAY_SIZE(inflate_fixed_litlen); r++)
		for (; sym <= inflate_fixed_litlen[r].last; sym++)
			ctx->lengths[sym] = inflate_fixed_litlen[r].len;
	inflate_build(ctx, &ctx->litlen, ctx->lengths, INFLATE_NUM_LITLEN);
	memset(ctx->lengths, INFLATE_FIXED_DIST_LEN, INFLATE_NUM_DIST);
	inflate_build(ctx, &ctx->dist, ctx->lengths, INFLATE_NUM_DIST);
	if (!ctx->err)
		inflate_codes(ctx);
}

/* RFC 1951 section 3.2.7: read the code lengths, then the block's codes. */
static void inflate_dynamic(struct inflate_ctx *ctx)
{
	unsigned int hlit, hdist, hclen, n = 0;
	int left;

	hlit = inflate_bits(ctx, INFLATE_HLIT_BITS) + INFLATE_HLIT_BASE;
	hdist = inflate_bits(ctx, INFLATE_HDIST_BITS) + INFLATE_HDIST_BASE;
	hclen = inflate_bits(ctx, INFLATE_HCLEN_BITS) + INFLATE_HCLEN_BASE;
	if (ctx->err)
		return;
	if (hlit > INFLATE_HLIT_MAX || hdist > INFLATE_HDIST_MAX) {
		inflate_fail(ctx, -EINVAL, "too many length or distance symbols");
		return;
	}

	memset(ctx->lengths, 0, INFLATE_NUM_CODELEN);
	for (unsigned int i = 0; i < hclen; i++)
		ctx->lengths[inflate_codelen_order[i]] =
			(uint8_t)inflate_bits(ctx, INFLATE_CODELEN_LEN_BITS);
	if (ctx->err)
		return;
	left = inflate_build(ctx, &ctx->codelen, ctx->lengths, INFLATE_NUM_CODELEN);
	if (left < 0)
		return;
	if (left > 0) {
		inflate_fail(ctx, -EINVAL, "incomplete code length code");
		return;
	}

	while (n < hlit + hdist) {
		int sym = inflate_decode(ctx, &ctx->codelen);
		unsigned int rep;
		uint8_t len = 0;

		if (sym < 0)
			return;
		if (sym <= INFLATE_CL_MAX_LITERAL) {
			ctx->lengths[n++] = (uint8_t)sym;
			continue;
		}
		if (sym == INFLATE_CL_COPY_PREV) {
			if (n == 0) {
				inflate_fail(ctx, -EINVAL, "code length repeat with no previous length");
				return;
			}
			len = ctx->lengths[n - 1];
			rep = INFLATE_CL_COPY_PREV_BASE +
			      inflate_bits(ctx, INFLATE_CL_COPY_PREV_BITS);
		} else if (sym == INFLATE_CL_ZEROS_SHORT) {
			rep = INFLATE_CL_ZEROS_SHORT_BASE +
			      inflate_bits(ctx, INFLATE_CL_ZEROS_SHORT_BITS);
		} else {
			rep = INFLATE_CL_ZEROS_LONG_BASE +
			      inflate_bits(ctx, INFLATE_CL_ZEROS_LONG_BITS);
		}
		if (ctx->err)
			return;
		if (rep > hlit + hdist - n) {
			inflate_fail(ctx, -EINVAL, "code length repeat past the last symbol");
			return;
		}
		while (rep--)
			ctx->lengths[n++] = len;
	}

	/* A block must be able to end (RFC 1951 section 3.2.5). */
	if (ctx->lengths[INFLATE_END_OF_BLOCK] == 0) {
		inflate_fail(ctx, -EINVAL, "no code for end-of-block");
		return;
	}
	left = inflate_build(ctx, &ctx->litlen, ctx->lengths, hlit);
	if (left < 0)
		return;
	if (left > 0 && !inflate_single_code(&ctx->litlen)) {
		inflate_fail(ctx, -EINVAL, "incomplete literal/length code");
		return;
	}
	/*
	 * No distance code at all is allowed (a block of literals only); a
	 * length symbol then fails to decode a distance.
	 */
	left = inflate_build(ctx, &ctx->dist, ctx->lengths + hlit, hdist);
	if (left < 0)
		return;
	if (left > 0 && !inflate_single_code(&ctx->dist) &&
	    ctx->dist.count[0] != hdist) {
		inflate_fail(ctx, -EINVAL, "incomplete distance code");
		return;
	}
	inflate_codes(ctx);
}

/* Decodes blocks from ctx->in_pos until the one marked BFINAL. */
static void inflate_stream(struct inflate_ctx *ctx)
{
	uint32_t final;

	ctx->bits = 0;
	ctx->nbits = 0;
	ctx->out_start = ctx->out_pos;
	do {
		uint32_t type;

		final = inflate_bits(ctx, INFLATE_BFINAL_BITS);
		type = inflate_bits(ctx, INFLATE_BTYPE_BITS);
		if (ctx->err)
			return;
		switch (type) {
		case INFLATE_BTYPE_STORED:
			inflate_stored(ctx);
			break;
		case INFLATE_BTYPE_FIXED:
			inflate_fixed(ctx);
			break;
		case INFLATE_BTYPE_DYNAMIC:
			inflate_dynamic(ctx);
			break;
		default:
			inflate_fail(ctx, -EINVAL, "reserved block type");
			break;
		}
		if (ctx->err)
			return;
	} while (!final);
	/* Give back whole bytes loaded ahead: they belong to what follows. */
	ctx->in_pos -= ctx->nbits / INFLATE_BITS_PER_BYTE;
	ctx->bits = 0;
	ctx->nbits = 0;
}

static void inflate_init(struct inflate_ctx *ctx, const void *in, size_t in_len,
			 void *out, size_t out_len)
{
	ctx->in = in;
	ctx->in_len = in_len;
	ctx->in_pos = 0;
	ctx->out = out;
	ctx->out_len = out_len;
	ctx->out_pos = 0;
	ctx->err = 0;
	ctx->why = NULL;
}

static long inflate_result(struct inflate_ctx *ctx, const char **why)
{
	if (why)
		*why = ctx->err ? ctx->why : NULL;
	return ctx->err ? ctx->err : (long)ctx->out_pos;
}

long inflate_raw(struct inflate_ctx *ctx, const void *in, size_t in_len,
		 size_t *consumed, void *out, size_t out_len, const char **why)
{
	inflate_init(ctx, in, in_len, out, out_len);
	inflate_stream(ctx);
	if (consumed)
		*consumed = ctx->in_pos;
	return inflate_result(ctx, why);
}

static uint32_t gzip_le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t gzip_le32(const uint8_t *p)
{
	return gzip_le16(p) | gzip_le16(p + 2) << 16;
}

/* Steps *pos over a zero-terminated FNAME or FCOMMENT field. */
static void gzip_skip_string(struct inflate_ctx *ctx, size_t *pos, const char *why)
{
	size_t p = *pos;

	while (p < ctx->in_len && ctx->in[p] != 0)
		p++;
	if (p == ctx->in_len) {
		inflate_fail(ctx, -EINVAL, why);
		return;
	}
	*pos = p + 1;
}

/* RFC 1952 section 2.3: checks one member header and steps *pos over it. */
static void gzip_header(struct inflate_ctx *ctx, size_t *pos)
{
	const uint8_t *in = ctx->in;
	size_t start = *pos, p = *pos;
	uint32_t flg;

	if (ctx->in_len - p < GZIP_HEADER_SIZE) {
		inflate_fail(ctx, -EINVAL, "gzip header truncated");
		return;
	}
	if (in[p + GZIP_OFF_ID1] != GZIP_ID1 || in[p + GZIP_OFF_ID2] != GZIP_ID2) {
		inflate_fail(ctx, -EINVAL, "not gzip data (bad magic)");
		return;
	}
	if (in[p + GZIP_OFF_CM] != GZIP_CM_DEFLATE) {
		inflate_fail(ctx, -EINVAL, "gzip compression method is not deflate");
		return;
	}
	flg = in[p + GZIP_OFF_FLG];
	if (flg & GZIP_FRESERVED) {
		inflate_fail(ctx, -EINVAL, "gzip reserved flag set");
		return;
	}
	p += GZIP_HEADER_SIZE;

	if (flg & GZIP_FEXTRA) {
		uint32_t xlen;

		if (ctx->in_len - p < GZIP_XLEN_SIZE) {
			inflate_fail(ctx, -EINVAL, "gzip extra field truncated");
			return;
		}
		xlen = gzip_le16(in + p);
		p += GZIP_XLEN_SIZE;
		if (xlen > ctx->in_len - p) {
			inflate_fail(ctx, -EINVAL, "gzip extra field truncated");
			return;
		}
		p += xlen;
	}
	if (flg & GZIP_FNAME)
		gzip_skip_string(ctx, &p, "gzip file name not terminated");
	if (flg & GZIP_FCOMMENT)
		gzip_skip_string(ctx, &p, "gzip comment not terminated");
	if (ctx->err)
		return;
	if (flg & GZIP_FHCRC) {
		uint32_t crc;

		if (ctx->in_len - p < GZIP_CRC16_SIZE) {
			inflate_fail(ctx, -EINVAL, "gzip header CRC truncated");
			return;
		}
		/* The low 16 bits of the CRC-32 of the header up to here. */
		crc = crc32_update(0, in + start, p - start) & GZIP_CRC16_MASK;
		if (crc != gzip_le16(in + p)) {
			inflate_fail(ctx, -EINVAL, "gzip header CRC mismatch");
			return;
		}
		p += GZIP_CRC16_SIZE;
	}
	*pos = p;
}

/* RFC 1952 section 2.3.1: CRC32 and ISIZE of the member just inflated. */
static void gzip_trailer(struct inflate_ctx *ctx, size_t out_start)
{
	const uint8_t *t = ctx->in + ctx->in_pos;
	size_t size = ctx->out_pos - out_start;
	uint32_t crc = 0;

	if (ctx->in_len - ctx->in_pos < GZIP_TRAILER_SIZE) {
		inflate_fail(ctx, -EINVAL, "gzip trailer truncated");
		return;
	}
	if (size)
		crc = crc32_update(0, ctx->out + out_start, size);
	if (crc != gzip_le32(t)) {
		inflate_fail(ctx, -EINVAL, "gzip CRC-32 mismatch");
		return;
	}
	/* ISIZE is the size modulo 2^32. */
	if ((uint32_t)size != gzip_le32(t + GZIP_CRC32_SIZE)) {
		inflate_fail(ctx, -EINVAL, "gzip ISIZE mismatch");
		return;
	}
	ctx->in_pos += GZIP_TRAILER_SIZE;
}

static bool gzip_magic_at(const struct inflate_ctx *ctx, size_t pos)
{
	return ctx->in_len - pos > GZIP_OFF_ID2 &&
	       ctx->in[pos + GZIP_OFF_ID1] == GZIP_ID1 &&
	       ctx->in[pos + GZIP_OFF_ID2] == GZIP_ID2;
}

long gzip_decompress(struct inflate_ctx *ctx, const void *in, size_t in_len,
		     size_t *consumed, void *out, size_t out_len, const char **why)
{
	size_t pos = 0, end = 0;

	inflate_init(ctx, in, in_len, out, out_len);
	for (;;) {
		size_t out_start = ctx->out_pos;

		gzip_header(ctx, &pos);
		if (ctx->err)
			break;
		ctx->in_pos = pos;
		inflate_stream(ctx);
		if (ctx->err)
			break;
		gzip_trailer(ctx, out_start);
		if (ctx->err)
			break;
		pos = end = ctx->in_pos;

		/* Another member may follow, after zero padding. */
		while (pos < in_len && ctx->in[pos] == 0)
			pos++;
		if (pos == in_len)
			break;
		if (!gzip_magic_at(ctx, pos)) {
			if (!consumed)
				inflate_fail(ctx, -EINVAL, "trailing garbage after gzip data");
			break;
		}
	}
	if (consumed)
		*consumed = end;
	return inflate_result(ctx, why);
}

int gzip_isize(const void *in, size_t in_len, uint32_t *isize)
{
	if (in_len < GZIP_HEADER_SIZE + GZIP_TRAILER_SIZE)
		return -EINVAL;
	*isize = gzip_le32((const uint8_t *)in + in_len - GZIP_ISIZE_SIZE);
	return 0;
}
