/*
 * root_dev.c: parsing root= (root_dev.h), as Linux's early_lookup_bdev:
 * devt_from_partuuid, devt_from_devname and devt_from_devnum.
 */
#include <basalt/string.h>
#include <stdbool.h>
#include <stddef.h>
#include <uapi/errno.h>
#include "root_dev.h"

#define ROOT_DEV_PREFIX		"/dev/"
#define ROOT_DEV_PARTUUID_KEY	"PARTUUID="
#define ROOT_DEV_PARTNROFF	"/PARTNROFF="
/* A GUID is 8-4-4-4-12 hex digits; an MBR PARTUUID is 8-2. */
#define ROOT_DEV_GUID_LEN	36
#define ROOT_DEV_MBR_UUID_LEN	11
/* new_decode_dev (kdev_t.h): a 32-bit device number's 12 + 20 bits. */
#define ROOT_DEV_MAJOR_MAX	0xfffu
#define ROOT_DEV_MINOR_MAX	0xfffffu

static bool root_dev_is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned root_dev_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	return (unsigned)(c - 'A' + 10);
}

/* Whether s[0..len) is hex digits with dashes exactly at the positions in dashes. */
static bool root_dev_uuid_shape(const char *s, size_t len, const size_t *dashes, size_t n)
{
	size_t d = 0;

	for (size_t i = 0; i < len; i++) {
		if (d < n && i == dashes[d]) {
			if (s[i] != '-')
				return false;
			d++;
		} else if (!root_dev_is_hex(s[i])) {
			return false;
		}
	}
	return true;
}

/* A decimal number (with a sign if allow_sign) filling [s, end): false on junk or overflow. */
static bool root_dev_decimal(const char *s, const char *end, bool allow_sign, long *out)
{
	bool neg = false;
	long v = 0;

	if (allow_sign && s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	if (s == end)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9' || v > (long)ROOT_DEV_MINOR_MAX)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -v : v;
	return true;
}

static int root_dev_parse_partuuid(const char *s, struct root_dev *out)
{
	static const size_t guid_dashes[] = { 8, 13, 18, 23 };
	static const size_t mbr_dashes[] = { 8 };
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	long off = 0;

	if (len == ROOT_DEV_GUID_LEN) {
		if (!root_dev_uuid_shape(s, len, guid_dashes, 4))
			return -EINVAL;
	} else if (len == ROOT_DEV_MBR_UUID_LEN) {
		if (!root_dev_uuid_shape(s, len, mbr_dashes, 1))
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	if (slash) {
		size_t plen = strlen(ROOT_DEV_PARTNROFF);

		if (strncmp(slash, ROOT_DEV_PARTNROFF, plen) ||
		    !root_dev_decimal(slash + plen, slash + strlen(slash), true, &off))
			return -EINVAL;
	}
	out->kind = ROOT_DEV_PARTUUID;
	memcpy(out->uuid, s, len);
	out->uuid[len] = '\0';
	out->partnroff = (int)off;
	return 0;
}

static int root_dev_parse_number(const char *s, struct root_dev *out)
{
	const char *colon = strchr(s, ':');
	long major, minor;
	unsigned long v = 0;

	if (colon) {
		if (!root_dev_decimal(s, colon, false, &major) ||
		    !root_dev_decimal(colon + 1, colon + strlen(colon), false, &minor) ||
		    major > (long)ROOT_DEV_MAJOR_MAX || minor > (long)ROOT_DEV_MINOR_MAX)
			return -EINVAL;
		out->major = (unsigned)major;
		out->minor = (unsigned)minor;
	} else {
		if (!*s || strlen(s) > 8)
			return -EINVAL;
		for (; *s; s++) {
			if (!root_dev_is_hex(*s))
				return -EINVAL;
			v = v << 4 | root_dev_hex_value(*s);
		}
		/* new_decode_dev: major in bits 8-19, minor in 0-7 and 20-31. */
		out->major = (unsigned)((v & 0xfff00u) >> 8);
		out->minor = (unsigned)((v & 0xffu) | ((v >> 12) & 0xfff00u));
	}
	out->kind = ROOT_DEV_NUMBER;
	return 0;
}

int root_dev_parse(const char *s, struct root_dev *out)
{
	size_t plen;

	memset(out, 0, sizeof(*out));
	if (!s || !*s)
		return -EINVAL;
	plen = strlen(ROOT_DEV_PARTUUID_KEY);
	if (!strncmp(s, ROOT_DEV_PARTUUID_KEY, plen))
		return root_dev_parse_partuuid(s + plen, out);
	plen = strlen(ROOT_DEV_PREFIX);
	if (!strncmp(s, ROOT_DEV_PREFIX, plen)) {
		s += plen;
		if (!*s || strchr(s, '/') || strlen(s) >= ROOT_DEV_NAME_MAX)
			return -EINVAL;
		out->kind = ROOT_DEV_NAME;
		strlcpy(out->name, s, sizeof(out->name));
		return 0;
	}
	return root_dev_parse_number(s, out);
}
