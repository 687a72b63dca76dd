/*
 * psf.c: PC Screen Font parser, versions 1 and 2, as described in the
 * kbd project's psf.h and doc/font-formats (the format Linux loads with
 * setfont and Debian ships in console-setup-linux).
 *
 * The blob comes from outside the kernel's own code, so every size and
 * offset is checked against the blob before anything is read through it:
 * a corrupt or truncated font gives -EINVAL, never a read past its end.
 */
#include <drivers/video/video.h>
#include <basalt/string.h>
#include <uapi/errno.h>

/* PSF1: a 4-byte header, 256 or 512 glyphs 8 pixels wide. */
#define PSF1_MAGIC0		0x36
#define PSF1_MAGIC1		0x04
#define PSF1_HEADER_SIZE	4
#define PSF1_MODE512		0x01	/* 512 glyphs instead of 256 */
#define PSF1_MODEHASTAB		0x02	/* a unicode table follows the glyphs */
#define PSF1_MODEHASSEQ		0x04	/* ...which may hold sequences */
#define PSF1_MODE_MASK		(PSF1_MODE512 | PSF1_MODEHASTAB | PSF1_MODEHASSEQ)
#define PSF1_GLYPHS		256
#define PSF1_GLYPHS_512		512
#define PSF1_WIDTH		8
#define PSF1_SEPARATOR		0xffff	/* ends the entry of one glyph */
#define PSF1_STARTSEQ		0xfffe	/* starts a combining sequence */
#define PSF1_TABLE_UNIT		2	/* entries are little-endian u16 */

/* PSF2: a 32-byte header of little-endian u32, then the glyphs. */
#define PSF2_MAGIC		0x864ab572
#define PSF2_MAX_VERSION	0
#define PSF2_HEADER_SIZE	32
#define PSF2_HAS_UNICODE_TABLE	0x01
#define PSF2_FLAGS_MASK		PSF2_HAS_UNICODE_TABLE
#define PSF2_SEPARATOR		0xff	/* ends the entry of one glyph */
#define PSF2_STARTSEQ		0xfe	/* starts a combining sequence */

enum psf2_header_field {	/* u32 index in the header */
	PSF2_FIELD_MAGIC,
	PSF2_FIELD_VERSION,
	PSF2_FIELD_HEADERSIZE,
	PSF2_FIELD_FLAGS,
	PSF2_FIELD_LENGTH,	/* number of glyphs */
	PSF2_FIELD_CHARSIZE,	/* bytes per glyph */
	PSF2_FIELD_HEIGHT,
	PSF2_FIELD_WIDTH,
};

/*
 * Sanity bounds, far beyond any console font (Debian's largest is 16x32):
 * they keep the size arithmetic small and reject absurd headers early.
 * PSF_GLYPHS_MAX leaves PSF_NO_GLYPH free in the 16-bit Latin-1 cache.
 */
#define PSF_WIDTH_MAX		64
#define PSF_HEIGHT_MAX		128
#define PSF_GLYPHS_MAX		0xffff
#define PSF_NO_GLYPH		0xffff

#define UNICODE_MAX		0x10ffff
#define UNICODE_REPLACEMENT	0xfffd
#define LATIN1_LIMIT		PSF_LATIN1_SIZE

/* What psf_table_next() found. */
enum psf_entry {
	PSF_ENTRY_CODEPOINT,	/* a code point mapped to the current glyph */
	PSF_ENTRY_STARTSEQ,	/* a sequence follows: not a single mapping */
	PSF_ENTRY_SEPARATOR,	/* the current glyph's entry ends */
};

static uint32_t psf_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define UNICODE_SURROGATE_FIRST	0xd800	/* UTF-16's, never characters */
#define UNICODE_SURROGATE_LAST	0xdfff

/*
 * Decodes one UTF-8 code point of a PSF2 table at *pos (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF).
 */
static int psf_utf8_next(const uint8_t *p, size_t size, size_t *pos,
			 uint32_t *cp)
{
	/* The smallest code point that needs n continuation bytes. */
	static const uint32_t min_for_cont[UTF8_MAX_CONT + 1] = {
		0, 0x80, 0x800, 0x10000,
	};
	uint32_t c;
	int cont = video_utf8_lead(p[*pos], &c);

	if (cont < 0 || (size_t)cont >= size - *pos)
		return -EINVAL;
	for (int i = 1; i <= cont; i++) {
		uint8_t b = p[*pos + i];

		if ((b & UTF8_CONT_MASK) != UTF8_CONT)
			return -EINVAL;
		c = c << UTF8_CONT_BITS | (b & UTF8_CONT_PAYLOAD);
	}
	if (c < min_for_cont[cont] || c > UNICODE_MAX ||
	    (c >= UNICODE_SURROGATE_FIRST && c <= UNICODE_SURROGATE_LAST))
		return -EINVAL;
	*pos += (size_t)cont + 1;
	*cp = c;
	return 0;
}

/*
 * Reads the next unit of the unicode table at *pos. The caller checked
 * *pos < unicode_size. Returns an enum psf_entry or -EINVAL.
 */
static int psf_table_next(const struct psf_font *font, size_t *pos,
			  uint32_t *cp)
{
	const uint8_t *t = font->unicode;
	size_t size = font->unicode_size;
	uint32_t u;

	if (font->version == 1) {
		if (size - *pos < PSF1_TABLE_UNIT)
			return -EINVAL;
		u = (uint32_t)t[*pos] | (uint32_t)t[*pos + 1] << 8;
		*pos += PSF1_TABLE_UNIT;
		if (u == PSF1_SEPARATOR)
			return PSF_ENTRY_SEPARATOR;
		if (u == PSF1_STARTSEQ)
			return PSF_ENTRY_STARTSEQ;
		*cp = u;
		return PSF_ENTRY_CODEPOINT;
	}
	if (t[*pos] == PSF2_SEPARATOR) {
		(*pos)++;
		return PSF_ENTRY_SEPARATOR;
	}
	if (t[*pos] == PSF2_STARTSEQ) {
		(*pos)++;
		return PSF_ENTRY_STARTSEQ;
	}
	if (psf_utf8_next(t, size, pos, cp))
		return -EINVAL;
	return PSF_ENTRY_CODEPOINT;
}

/*
 * Walks the whole table once: it must hold one well-formed entry per
 * glyph. Fills the Latin-1 cache on the way (first mapping wins).
 * Bytes after the last entry are padding and are ignored.
 */
static int psf_check_table(struct psf_font *font)
{
	size_t pos = 0;

	for (uint32_t glyph = 0; glyph < font->glyph_count; glyph++) {
		bool in_seq = false;

		for (;;) {
			uint32_t cp = 0;
			int kind;

			if (pos >= font->unicode_size)
				return -EINVAL;	/* fewer entries than glyphs */
			kind = psf_table_next(font, &pos, &cp);
			if (kind < 0)
				return kind;
			if (kind == PSF_ENTRY_SEPARATOR)
				break;
			if (kind == PSF_ENTRY_STARTSEQ) {
				in_seq = true;
				continue;
			}
			if (!in_seq && cp < LATIN1_LIMIT &&
			    font->latin1[cp] == PSF_NO_GLYPH)
				font->latin1[cp] = (uint16_t)glyph;
		}
	}
	return 0;
}

/* Searches the (validated) table for the glyph whose entry maps cp. */
static uint32_t psf_table_lookup(const struct psf_font *font, uint32_t cp)
{
	size_t pos = 0;
	uint32_t glyph = 0;
	bool in_seq = false;

	while (pos < font->unicode_size && glyph < font->glyph_count) {
		uint32_t u = 0;
		int kind = psf_table_next(font, &pos, &u);

		if (kind < 0)
			break;
		if (kind == PSF_ENTRY_SEPARATOR) {
			glyph++;
			in_seq = false;
		} else if (kind == PSF_ENTRY_STARTSEQ) {
			in_seq = true;
		} else if (!in_seq && u == cp) {
			return glyph;
		}
	}
	return PSF_NO_GLYPH;
}

/* The glyph of cp, or PSF_NO_GLYPH when the font has none for it. */
static uint32_t psf_lookup(const struct psf_font *font, uint32_t cp)
{
	if (cp < LATIN1_LIMIT)
		return font->latin1[cp];
	if (!font->unicode || cp > UNICODE_MAX)
		return PSF_NO_GLYPH;
	return psf_table_lookup(font, cp);
}

static int psf_parse_v1(struct psf_font *font, const uint8_t *p, size_t size)
{
	uint8_t mode = p[2], charsize = p[3];

	if (mode & ~PSF1_MODE_MASK || charsize == 0 || charsize > PSF_HEIGHT_MAX)
		return -EINVAL;
	font->version = 1;
	font->glyph_count = mode & PSF1_MODE512 ? PSF1_GLYPHS_512 : PSF1_GLYPHS;
	font->width = PSF1_WIDTH;
	font->height = charsize;
	font->row_bytes = 1;
	font->glyph_size = charsize;
	if ((uint64_t)font->glyph_count * font->glyph_size > size - PSF1_HEADER_SIZE)
		return -EINVAL;
	font->glyphs = p + PSF1_HEADER_SIZE;
	/* HASSEQ only makes sense with a table; kbd treats it as one. */
	if (mode & (PSF1_MODEHASTAB | PSF1_MODEHASSEQ)) {
		size_t end = PSF1_HEADER_SIZE +
			     (size_t)font->glyph_count * font->glyph_size;

		font->unicode = p + end;
		font->unicode_size = size - end;
	}
	return 0;
}

static int psf_parse_v2(struct psf_font *font, const uint8_t *p, size_t size)
{
	uint32_t version = psf_le32(p + 4 * PSF2_FIELD_VERSION);
	uint32_t headersize = psf_le32(p + 4 * PSF2_FIELD_HEADERSIZE);
	uint32_t flags = psf_le32(p + 4 * PSF2_FIELD_FLAGS);
	uint32_t length = psf_le32(p + 4 * PSF2_FIELD_LENGTH);
	uint32_t charsize = psf_le32(p + 4 * PSF2_FIELD_CHARSIZE);
	uint32_t height = psf_le32(p + 4 * PSF2_FIELD_HEIGHT);
	uint32_t width = psf_le32(p + 4 * PSF2_FIELD_WIDTH);
	uint64_t glyph_bytes;

	if (version > PSF2_MAX_VERSION || flags & ~PSF2_FLAGS_MASK)
		return -EINVAL;
	if (headersize < PSF2_HEADER_SIZE || headersize > size)
		return -EINVAL;
	if (width == 0 || width > PSF_WIDTH_MAX ||
	    height == 0 || height > PSF_HEIGHT_MAX)
		return -EINVAL;
	if (length == 0 || length > PSF_GLYPHS_MAX)
		return -EINVAL;
	/* The format fixes the glyph layout: rows padded to whole bytes. */
	font->row_bytes = (width + 7) / 8;
	if (charsize != height * font->row_bytes)
		return -EINVAL;
	glyph_bytes = (uint64_t)length * charsize;
	if (glyph_bytes > size - headersize)
		return -EINVAL;
	font->version = 2;
	font->glyph_count = length;
	font->glyph_size = charsize;
	font->width = width;
	font->height = height;
	font->glyphs = p + headersize;
	if (flags & PSF2_HAS_UNICODE_TABLE) {
		size_t end = headersize + (size_t)glyph_bytes;

		font->unicode = p + end;
		font->unicode_size = size - end;
	}
	return 0;
}

int psf_parse(struct psf_font *font, const void *blob, size_t size)
{
	const uint8_t *p = blob;
	uint32_t fallback;
	int err;

	memset(font, 0, sizeof(*font));
	for (unsigned i = 0; i < LATIN1_LIMIT; i++)
		font->latin1[i] = PSF_NO_GLYPH;
	if (!p)
		return -EINVAL;
	if (size >= PSF2_HEADER_SIZE && psf_le32(p) == PSF2_MAGIC)
		err = psf_parse_v2(font, p, size);
	else if (size >= PSF1_HEADER_SIZE && p[0] == PSF1_MAGIC0 &&
		 p[1] == PSF1_MAGIC1)
		err = psf_parse_v1(font, p, size);
	else
		err = -EINVAL;
	if (!err && font->unicode)
		err = psf_check_table(font);
	if (!err && !font->unicode) {
		/* No table: glyph n shows code point n. */
		for (uint32_t i = 0; i < LATIN1_LIMIT && i < font->glyph_count; i++)
			font->latin1[i] = (uint16_t)i;
	}
	if (err) {
		memset(font, 0, sizeof(*font));
		return err;
	}
	fallback = psf_lookup(font, UNICODE_REPLACEMENT);
	if (fallback == PSF_NO_GLYPH)
		fallback = psf_lookup(font, '?');
	font->fallback = fallback == PSF_NO_GLYPH ? 0 : fallback;
	return 0;
}

uint32_t psf_glyph_index(const struct psf_font *font, uint32_t cp)
{
	uint32_t glyph = psf_lookup(font, cp);

	return glyph == PSF_NO_GLYPH ? font->fallback : glyph;
}

const uint8_t *psf_glyph(const struct psf_font *font, uint32_t index)
{
	if (index >= font->glyph_count)
		index = font->fallback;
	return font->glyphs + (size_t)index * font->glyph_size;
}
