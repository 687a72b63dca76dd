/*
 * fat_name.c: FAT names (fatgen103 "FAT Directory Structure", "FAT Long
 * Directory Entries", "Name Limits and Character Sets"): short 8.3 names
 * as displayed, long names gathered from their UCS-2 entries with their
 * checksum checked, UTF-8 to UCS-2 and back, and the short name Linux's
 * vfat makes for a new long name (shortname=mixed: "~1" tails, upper
 * case, characters 8.3 cannot hold replaced by '_'). Pure: host tested.
 *
 * Short names are in code page 437 (Linux's default codepage=437): shown
 * as UTF-8, and a new one holds the 437 form of each character that has
 * one ('_' for the others, whose long name keeps them).
 */
#include <basalt/string.h>
#include <uapi/errno.h>
#include "fat_parse.h"

#define FAT_HIGH_SURROGATE	0xD800
#define FAT_LOW_SURROGATE	0xDC00
#define FAT_SURROGATE_END	0xE000
#define FAT_UNMAPPED_CHAR	'_'
/* Linux's vfat_create_shortname: ~1..~9 first, then 4 hex digits, 2 kept. */
#define FAT_NUMTAIL_BASELEN	6
#define FAT_NUMTAIL2_BASELEN	2
#define FAT_NUMTAIL_MAX		9
#define FAT_HEXTAIL_TRIES	65536

uint8_t fat_lfn_checksum(const uint8_t name[FAT_NAME_LEN])
{
	uint8_t sum = 0;

	/* "FAT Long Directory Entries": rotate right one bit, add the byte. */
	for (unsigned i = 0; i < FAT_NAME_LEN; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + name[i]);
	return sum;
}

static char fat_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char fat_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/*
 * Code page 437 (IBM PC), bytes 0x80..0xFF as Unicode: the "codepage=437"
 * Linux uses by default for short names (the Unicode Consortium's
 * CP437.TXT mapping).
 */
static const uint16_t fat_cp437_high[128] = {
	0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
	0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
	0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
	0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
	0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
	0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
	0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
	0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
	0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
	0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
	0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
	0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
	0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
	0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
	0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
	0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

/* Code page 437's letters with both cases above 0x7F: lower, upper. */
static const uint8_t fat_cp437_case[][2] = {
	{ 0x87, 0x80 }, { 0x84, 0x8E }, { 0x86, 0x8F }, { 0x82, 0x90 },
	{ 0x91, 0x92 }, { 0x94, 0x99 }, { 0x81, 0x9A }, { 0xA4, 0xA5 },
};

/* A code page 437 byte in lower (to_upper false) or upper case. */
static uint8_t fat_cp437_case_of(uint8_t b, bool to_upper)
{
	if (b < 0x80)
		return to_upper ? (uint8_t)fat_upper((char)b) : (uint8_t)fat_lower((char)b);
	for (size_t i = 0; i < sizeof(fat_cp437_case) / sizeof(fat_cp437_case[0]); i++)
		if (fat_cp437_case[i][!to_upper] == b)
			return fat_cp437_case[i][to_upper];
	return b;
}

/* The code page 437 byte of a Unicode character, 0 if it has none. */
static uint8_t fat_cp437_from_unicode(uint16_t c)
{
	if (c < 0x80)
		return (uint8_t)c;
	for (unsigned i = 0; i < 128; i++)
		if (fat_cp437_high[i] == c)
			return (uint8_t)(0x80 + i);
	return 0;
}

static size_t fat_put_utf8(uint32_t c, char *out);

/* One short-name byte shown as UTF-8 (lower: in lower case). */
static size_t fat_short_byte(uint8_t b, bool lower, char *out)
{
	if (lower)
		b = fat_cp437_case_of(b, false);
	if (b < 0x80) {
		*out = (char)b;
		return 1;
	}
	return fat_put_utf8(fat_cp437_high[b - 0x80], out);
}

size_t fat_short_display(const struct fat_dirent *de, bool ntres_case, bool lower, char *out)
{
	size_t n = 0, base_end;
	bool lbase = lower || (ntres_case && (de->ntres & FAT_NTRES_LOWER_BASE));
	bool lext = lower || (ntres_case && (de->ntres & FAT_NTRES_LOWER_EXT));

	for (base_end = FAT_BASE_LEN; base_end && de->name[base_end - 1] == ' '; base_end--)
		;
	for (size_t i = 0; i < base_end; i++) {
		uint8_t c = de->name[i];

		if (i == 0 && c == FAT_DIRENT_KANJI_E5)
			c = FAT_DIRENT_FREE;
		n += fat_short_byte(c, lbase, out + n);
	}
	if (de->name[FAT_BASE_LEN] != ' ') {
		out[n++] = '.';
		for (size_t i = FAT_BASE_LEN; i < FAT_NAME_LEN && de->name[i] != ' '; i++) {
			n += fat_short_byte(de->name[i], lext, out + n);
		}
	}
	out[n] = '\0';
	return n;
}

void fat_lfn_reset(struct fat_lfn_state *s)
{
	s->active = false;
	s->count = 0;
	s->next = 0;
}

/* The 13 characters of one long entry, in order (its three pieces). */
static void fat_lfn_chars(const struct fat_lfn_entry *e, uint16_t *out)
{
	const uint8_t *p = (const uint8_t *)e;
	static const uint8_t offsets[FAT_LFN_CHARS] = {
		1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30
	};

	for (unsigned i = 0; i < FAT_LFN_CHARS; i++)
		out[i] = (uint16_t)(p[offsets[i]] | p[offsets[i] + 1] << 8);
}

bool fat_lfn_add(struct fat_lfn_state *s, const struct fat_lfn_entry *e)
{
	unsigned ord = e->ord & FAT_LFN_ORD_MASK;

	if (e->ord & FAT_LFN_LAST) {
		/* A new name starts (an unfinished one before it is dropped). */
		if (!ord || ord > FAT_LFN_MAX_ENTRIES) {
			fat_lfn_reset(s);
			return false;
		}
		s->active = true;
		s->count = ord;
		s->chksum = e->chksum;
	} else if (!s->active || ord != s->next || e->chksum != s->chksum) {
		fat_lfn_reset(s);
		return false;
	}
	fat_lfn_chars(e, &s->chars[(ord - 1) * FAT_LFN_CHARS]);
	s->next = ord - 1;
	return true;
}

/* UTF-8 of one code point into out: the bytes written (1..4). */
static size_t fat_put_utf8(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

size_t fat_lfn_finish(struct fat_lfn_state *s, const struct fat_dirent *de, char *out)
{
	unsigned total, len = 0;
	size_t n = 0;

	if (!s->active || s->next != 0 || s->chksum != fat_lfn_checksum(de->name)) {
		fat_lfn_reset(s);
		return 0;
	}
	total = s->count * FAT_LFN_CHARS;
	while (len < total && s->chars[len])
		len++;
	fat_lfn_reset(s);
	if (!len || len > FAT_LFN_MAX_CHARS)
		return 0;
	for (unsigned i = 0; i < len; i++) {
		uint32_t c = s->chars[i];

		if (c >= FAT_HIGH_SURROGATE && c < FAT_LOW_SURROGATE && i + 1 < len &&
		    s->chars[i + 1] >= FAT_LOW_SURROGATE && s->chars[i + 1] < FAT_SURROGATE_END) {
			c = 0x10000 + ((c - FAT_HIGH_SURROGATE) << 10) +
			    (s->chars[++i] - FAT_LOW_SURROGATE);
		} else if (c == '/' || (c >= FAT_HIGH_SURROGATE && c < FAT_SURROGATE_END)) {
			return 0;	/* not a name a path can hold: use the short one */
		}
		n += fat_put_utf8(c, out + n);
	}
	out[n] = '\0';
	return n;
}

/* Linux's vfat_bad_char: characters a long name may not hold. */
static bool fat_bad_long_char(uint32_t c)
{
	return c < 0x20 || c == '*' || c == '?' || c == '<' || c == '>' || c == '|' ||
	       c == '"' || c == ':' || c == '\\' || c == '/';
}

int fat_utf8_to_ucs2(const char *name, size_t len, uint16_t *out)
{
	const uint8_t *p = (const uint8_t *)name, *end = p + len;
	unsigned n = 0;

	while (p < end) {
		uint32_t c = *p++;
		unsigned more = 0;

		if (c >= 0xF0 && c < 0xF5) {
			c &= 0x07;
			more = 3;
		} else if (c >= 0xE0 && c < 0xF0) {
			c &= 0x0F;
			more = 2;
		} else if (c >= 0xC2 && c < 0xE0) {
			c &= 0x1F;
			more = 1;
		} else if (c >= 0x80) {
			return -EINVAL;
		}
		if ((size_t)(end - p) < more)
			return -EINVAL;
		for (unsigned i = 0; i < more; i++) {
			if ((*p & 0xC0) != 0x80)
				return -EINVAL;
			c = c << 6 | (*p++ & 0x3F);
		}
		if ((more == 2 && c < 0x800) || (more == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
		    (c >= FAT_HIGH_SURROGATE && c < FAT_SURROGATE_END) || fat_bad_long_char(c))
			return -EINVAL;
		if (c >= 0x10000) {
			if (n + 2 > FAT_LFN_MAX_CHARS)
				return -ENAMETOOLONG;
			c -= 0x10000;
			out[n++] = (uint16_t)(FAT_HIGH_SURROGATE + (c >> 10));
			out[n++] = (uint16_t)(FAT_LOW_SURROGATE + (c & 0x3FF));
		} else {
			if (n + 1 > FAT_LFN_MAX_CHARS)
				return -ENAMETOOLONG;
			out[n++] = (uint16_t)c;
		}
	}
	return (int)n;
}

size_t fat_name_strip_len(const char *name, size_t len)
{
	while (len && name[len - 1] == '.')
		len--;
	return len;
}

bool fat_name_eq(const char *a, size_t alen, const char *b, size_t blen, bool fold)
{
	if (alen != blen)
		return false;
	if (!fold)
		return !memcmp(a, b, alen);
	for (size_t i = 0; i < alen; i++)
		if (fat_upper(a[i]) != fat_upper(b[i]))
			return false;
	return true;
}

/* What to_shortname_char learned about a part (Linux's shortname_info). */
struct fat_case_info {
	bool lower;		/* no upper case letter seen */
	bool upper;		/* no lower case letter seen */
	bool valid;		/* every character kept as it is */
};

/* Linux's to_shortname_char: one character of a short name, or 0 to skip it. */
static unsigned fat_short_char(uint16_t c, struct fat_case_info *info, uint8_t *out)
{
	if (c == '.' || c == ' ') {
		info->valid = false;
		return 0;
	}
	if (c == '+' || c == ',' || c == ';' || c == '=' || c == '[' || c == ']') {
		info->valid = false;
		*out = FAT_UNMAPPED_CHAR;
		return 1;
	}
	if (c >= 0x80) {
		/* Through code page 437, upper case; no case information either way. */
		uint8_t b = fat_cp437_from_unicode(c);

		info->lower = info->upper = false;
		if (!b) {
			info->valid = false;
			*out = FAT_UNMAPPED_CHAR;
			return 1;
		}
		*out = fat_cp437_case_of(b, true);
		return 1;
	}
	*out = (uint8_t)fat_upper((char)c);
	if (*out >= 'A' && *out <= 'Z') {
		if (*out == c)
			info->lower = false;
		else
			info->upper = false;
	}
	return 1;
}

static const char fat_hex[] = "0123456789ABCDEF";

int fat_make_short_name(const uint16_t *uname, unsigned n, fat_short_exists_fn exists,
			void *ctx, uint32_t seed, uint8_t out[FAT_NAME_LEN])
{
	struct fat_case_info base_info = { true, true, true }, ext_info = { true, true, true };
	uint8_t base[FAT_BASE_LEN], ext[FAT_EXT_LEN], ch;
	unsigned baselen = 0, extlen = 0, sz = n, ext_start = n, i;
	bool is_short = true, has_ext = false;
	int r;

	/* The extension starts after the last dot, unless the dot ends the name. */
	for (i = n; i-- > 0;) {
		if (uname[i] == '.') {
			if (i != n - 1)
				has_ext = true;
			break;
		}
	}
	if (has_ext) {
		unsigned dot = i, j = 0;

		/* "...test": only dots and spaces before it: no extension (as Win95). */
		while (j < dot && (uname[j] == '.' || uname[j] == ' '))
			j++;
		if (j != dot) {
			sz = dot;
			ext_start = dot + 1;
		} else {
			has_ext = false;
		}
	}
	for (i = 0; i < sz; i++) {
		if (!fat_short_char(uname[i], &base_info, &ch))
			continue;
		base[baselen++] = ch;
		if (baselen >= FAT_BASE_LEN) {
			if (i + 1 < sz)
				is_short = false;
			break;
		}
	}
	if (!baselen)
		return -EINVAL;
	if (has_ext) {
		for (i = ext_start; i < n; i++) {
			if (!fat_short_char(uname[i], &ext_info, &ch))
				continue;
			if (extlen >= FAT_EXT_LEN) {
				is_short = false;
				break;
			}
			ext[extlen++] = ch;
		}
	}
	memset(out, ' ', FAT_NAME_LEN);
	memcpy(out, base, baselen);
	memcpy(out + FAT_BASE_LEN, ext, extlen);
	if (out[0] == FAT_DIRENT_FREE)
		out[0] = FAT_DIRENT_KANJI_E5;
	if (is_short && base_info.valid && ext_info.valid) {
		r = exists(ctx, out);
		if (r < 0)
			return r;
		if (r)
			return -EEXIST;
		/* shortname=mixed creates as Win95: upper case alone needs no long name. */
		return base_info.upper && ext_info.upper;
	}
	if (baselen > FAT_NUMTAIL_BASELEN) {
		baselen = FAT_NUMTAIL_BASELEN;
		out[FAT_BASE_LEN - 1] = ' ';
	}
	out[baselen] = '~';
	for (i = 1; i <= FAT_NUMTAIL_MAX; i++) {
		out[baselen + 1] = (uint8_t)('0' + i);
		r = exists(ctx, out);
		if (r <= 0)
			return r;
	}
	/* Then BASE (2 kept) + 4 hex digits + ~N, as Linux does past ~9. */
	if (baselen > FAT_NUMTAIL2_BASELEN) {
		baselen = FAT_NUMTAIL2_BASELEN;
		out[FAT_BASE_LEN - 1] = ' ';
	}
	out[baselen + 4] = '~';
	out[baselen + 5] = (uint8_t)('1' + ((seed >> 16) & 7));
	for (uint32_t t = 0, v = seed; t < FAT_HEXTAIL_TRIES; t++, v -= 11) {
		for (unsigned k = 0; k < 4; k++)
			out[baselen + k] = (uint8_t)fat_hex[(v >> (12 - 4 * k)) & 0xF];
		r = exists(ctx, out);
		if (r <= 0)
			return r;
	}
	return -EEXIST;
}

/* Linux's msdos: characters no 8.3 name may hold (name_check=normal). */
static bool fat_msdos_bad_char(char c)
{
	return (uint8_t)c < 0x20 || c == ':' || c == '\\' || c == '*' || c == '?' || c == '<' ||
	       c == '>' || c == '|' || c == '"' || c == '/';
}

/* DOS device names, refused as Linux's msdos_format_name does. */
static const char *const fat_msdos_reserved[] = {
	"CON     ", "PRN     ", "NUL     ", "AUX     ", "LPT1    ", "LPT2    ",
	"LPT3    ", "LPT4    ", "COM1    ", "COM2    ", "COM3    ", "COM4    ",
};

int fat_msdos_format_name(const char *name, size_t len, uint8_t out[FAT_NAME_LEN])
{
	size_t i = 0, k = 0;
	char c = 0;
	bool space = false;

	memset(out, ' ', FAT_NAME_LEN);
	if (!len || name[0] == '.')
		return -EINVAL;
	/* The base: up to 8 characters, the rest up to the dot dropped (not strict). */
	while (i < len && k < FAT_BASE_LEN) {
		c = name[i++];
		if (fat_msdos_bad_char(c))
			return -EINVAL;
		if (c == '.')
			break;
		space = c == ' ';
		out[k++] = (uint8_t)fat_upper(c);
	}
	if (space)
		return -EINVAL;
	while (c != '.' && i < len)
		c = name[i++];
	if (c == '.') {
		space = false;
		for (k = FAT_BASE_LEN; i < len && k < FAT_NAME_LEN;) {
			c = name[i++];
			if (fat_msdos_bad_char(c))
				return -EINVAL;
			if (c == '.')
				break;
			space = c == ' ';
			out[k++] = (uint8_t)fat_upper(c);
		}
		if (space)
			return -EINVAL;
	}
	for (size_t r = 0; r < sizeof(fat_msdos_reserved) / sizeof(fat_msdos_reserved[0]); r++)
		if (!memcmp(out, fat_msdos_reserved[r], FAT_BASE_LEN))
			return -EINVAL;
	if (out[0] == FAT_DIRENT_FREE)
		out[0] = FAT_DIRENT_KANJI_E5;
	return 0;
}
