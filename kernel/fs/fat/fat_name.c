/*
 * fat_name.c: FAT names (fatgen103 "FAT Directory Structure", "FAT Long
 * Directory Entries", "Name Limits and Character Sets"): short 8.3 names
 * as displayed, long names gathered from their UCS-2 entries with their
 * checksum checked, UTF-8 to UCS-2 and back, and the short name Linux's
 * vfat makes for a new long name (shortname=mixed: "~1" tails, upper
 * case, characters 8.3 cannot hold replaced by '_'). Pure: host tested.
 *
 * Characters past ASCII in short names are not translated through a DOS
 * code page: a new short name gets '_' for them (its long name keeps
 * them), and an existing one shows them as '_' too.
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
		out[n++] = c >= 0x80 ? FAT_UNMAPPED_CHAR : lbase ? fat_lower((char)c) : (char)c;
	}
	if (de->name[FAT_BASE_LEN] != ' ') {
		out[n++] = '.';
		for (size_t i = FAT_BASE_LEN; i < FAT_NAME_LEN && de->name[i] != ' '; i++) {
			uint8_t c = de->name[i];

			out[n++] = c >= 0x80 ? FAT_UNMAPPED_CHAR :
				   lext ? fat_lower((char)c) : (char)c;
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

bool fat_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return false;
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
	if (c == '+' || c == ',' || c == ';' || c == '=' || c == '[' || c == ']' || c >= 0x80) {
		info->valid = false;
		*out = FAT_UNMAPPED_CHAR;
		if (c >= 0x80)
			info->lower = info->upper = false;
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

int fat_msdos_format_name(const char *name, size_t len, uint8_t out[FAT_NAME_LEN])
{
	size_t i = 0, k = 0;

	memset(out, ' ', FAT_NAME_LEN);
	if (!len || name[0] == '.')
		return -EINVAL;
	for (; i < len && name[i] != '.'; i++) {
		char c = name[i];

		if (k >= FAT_BASE_LEN || (uint8_t)c < 0x20 || (uint8_t)c >= 0x80 ||
		    strchr("*?<>|\":\\/+,;=[] ", c))
			return -EINVAL;
		out[k++] = (uint8_t)fat_upper(c);
	}
	if (i < len) {
		i++;	/* the dot */
		for (k = FAT_BASE_LEN; i < len; i++) {
			char c = name[i];

			if (k >= FAT_NAME_LEN || (uint8_t)c < 0x20 || (uint8_t)c >= 0x80 ||
			    strchr("*?<>|\":\\/+,;=[] .", c))
				return -EINVAL;
			out[k++] = (uint8_t)fat_upper(c);
		}
	}
	if (out[0] == FAT_DIRENT_FREE)
		out[0] = FAT_DIRENT_KANJI_E5;
	return 0;
}
