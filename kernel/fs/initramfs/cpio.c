/*
 * cpio.c: reads cpio "newc" archives (magic 070701) and their checksummed
 * variant (070702), the format of Linux's initramfs, as described in
 * Documentation/driver-api/early-userspace/buffer-format.rst:
 *
 *   header: "070701" then 13 fields of 8 hex digits (110 bytes)
 *   name:   namesize bytes with the NUL, then padding to 4 bytes
 *   data:   filesize bytes, then padding to 4 bytes
 *
 * and an entry named "TRAILER!!!" ends the archive. Every length read from
 * the archive is checked against the buffer before it is used.
 */
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include "cpio.h"

/* buffer-format.rst: the magic, then the 13 fields in this order. */
#define CPIO_MAGIC_LEN		6
#define CPIO_MAGIC_NEWC		"070701"
#define CPIO_MAGIC_CRC		"070702"	/* check = sum of the data bytes */
#define CPIO_FIELD_LEN		8		/* hex digits per field */

enum cpio_field {
	CPIO_INO,
	CPIO_MODE,
	CPIO_UID,
	CPIO_GID,
	CPIO_NLINK,
	CPIO_MTIME,
	CPIO_FILESIZE,
	CPIO_DEVMAJOR,
	CPIO_DEVMINOR,
	CPIO_RDEVMAJOR,
	CPIO_RDEVMINOR,
	CPIO_NAMESIZE,
	CPIO_CHECK,
	CPIO_NUM_FIELDS,
};

#define CPIO_HEADER_SIZE	(CPIO_MAGIC_LEN + CPIO_NUM_FIELDS * CPIO_FIELD_LEN)

/* buffer-format.rst: the name of the entry that ends an archive. */
#define CPIO_TRAILER		"TRAILER!!!"

#define CPIO_HEX_DIGIT_BITS	4
#define CPIO_HEX_LETTER_VALUE	10	/* 'a' and 'A' */

static int cpio_fail(struct cpio_iter *it, int err, const char *why)
{
	if (!it->err) {
		it->err = err;
		it->why = why;
	}
	return it->err;
}

void cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len)
{
	it->buf = buf;
	it->len = len;
	it->pos = 0;
	it->done = false;
	it->err = 0;
	it->why = NULL;
	it->name[0] = '\0';
}

size_t cpio_end(const struct cpio_iter *it)
{
	return it->pos;
}

static int cpio_hex_digit(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + CPIO_HEX_LETTER_VALUE;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + CPIO_HEX_LETTER_VALUE;
	return -1;
}

/* Exactly CPIO_FIELD_LEN hex digits, no sign, no spaces. */
static int cpio_parse_field(const uint8_t *p, uint32_t *val)
{
	uint32_t v = 0;

	for (int i = 0; i < CPIO_FIELD_LEN; i++) {
		int d = cpio_hex_digit(p[i]);

		if (d < 0)
			return -EINVAL;
		v = (v << CPIO_HEX_DIGIT_BITS) | (uint32_t)d;
	}
	*val = v;
	return 0;
}

static bool cpio_is_component(const char *s, size_t len, const char *what)
{
	return len == strlen(what) && memcmp(s, what, len) == 0;
}

/*
 * Copies the raw name (len bytes, no NUL) into it->name normalized as
 * cpio.h describes. The result is never longer than the raw name.
 */
static int cpio_normalize(struct cpio_iter *it, const char *raw, size_t len)
{
	size_t out = 0, i = 0;

	while (i < len) {
		size_t start, clen;

		while (i < len && raw[i] == '/')
			i++;
		start = i;
		while (i < len && raw[i] != '/')
			i++;
		clen = i - start;
		if (clen == 0 || cpio_is_component(raw + start, clen, "."))
			continue;
		if (cpio_is_component(raw + start, clen, ".."))
			return cpio_fail(it, -EINVAL, "cpio name has a \"..\" component");
		if (out)
			it->name[out++] = '/';
		memcpy(it->name + out, raw + start, clen);
		out += clen;
	}
	if (out == 0)
		it->name[out++] = '.';
	it->name[out] = '\0';
	return 0;
}

/* The 070702 checksum: the 32-bit sum of all data bytes. */
static uint32_t cpio_checksum(const uint8_t *data, size_t size)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < size; i++)
		sum += data[i];
	return sum;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	uint32_t f[CPIO_NUM_FIELDS];
	const uint8_t *hdr;
	const char *name;
	size_t name_off, data_off, left;
	bool crc;

	if (it->err)
		return it->err;
	if (it->done)
		return 0;
	if (it->pos >= it->len)
		return cpio_fail(it, -EINVAL, "cpio archive ends without TRAILER!!!");
	if (it->len - it->pos < CPIO_HEADER_SIZE)
		return cpio_fail(it, -EINVAL, "cpio header truncated");

	hdr = it->buf + it->pos;
	if (memcmp(hdr, CPIO_MAGIC_NEWC, CPIO_MAGIC_LEN) == 0)
		crc = false;
	else if (memcmp(hdr, CPIO_MAGIC_CRC, CPIO_MAGIC_LEN) == 0)
		crc = true;
	else
		return cpio_fail(it, -EINVAL, "bad cpio magic (not newc 070701/070702)");
	for (int i = 0; i < CPIO_NUM_FIELDS; i++)
		if (cpio_parse_field(hdr + CPIO_MAGIC_LEN + i * CPIO_FIELD_LEN, &f[i]))
			return cpio_fail(it, -EINVAL, "cpio header field is not hex");

	name_off = it->pos + CPIO_HEADER_SIZE;
	left = it->len - name_off;
	if (f[CPIO_NAMESIZE] == 0)
		return cpio_fail(it, -EINVAL, "cpio name size is 0");
	if (f[CPIO_NAMESIZE] > left)
		return cpio_fail(it, -EINVAL, "cpio name runs past the end of the archive");
	name = (const char *)it->buf + name_off;
	if (name[f[CPIO_NAMESIZE] - 1] != '\0')
		return cpio_fail(it, -EINVAL, "cpio name is not NUL-terminated");
	if (strnlen(name, f[CPIO_NAMESIZE]) != f[CPIO_NAMESIZE] - 1)
		return cpio_fail(it, -EINVAL, "cpio name has a NUL inside");
	if (f[CPIO_NAMESIZE] > CPIO_NAME_MAX)
		return cpio_fail(it, -ENAMETOOLONG, "cpio name longer than PATH_MAX");

	/*
	 * The data starts after the name's padding. An archive may stop right
	 * after the trailer's name, without padding: clamp to the end, where
	 * an empty entry still fits.
	 */
	data_off = MIN(ALIGN_UP(name_off + f[CPIO_NAMESIZE], (size_t)CPIO_ALIGN), it->len);
	if (f[CPIO_FILESIZE] > it->len - data_off)
		return cpio_fail(it, -EINVAL, "cpio file data runs past the end of the archive");

	it->pos = MIN(ALIGN_UP(data_off + f[CPIO_FILESIZE], (size_t)CPIO_ALIGN), it->len);
	if (strcmp(name, CPIO_TRAILER) == 0) {
		it->done = true;
		return 0;
	}
	if (crc && cpio_checksum(it->buf + data_off, f[CPIO_FILESIZE]) != f[CPIO_CHECK])
		return cpio_fail(it, -EINVAL, "cpio 070702 checksum mismatch");
	if (cpio_normalize(it, name, f[CPIO_NAMESIZE] - 1))
		return it->err;

	e->name = it->name;
	e->ino = f[CPIO_INO];
	e->mode = f[CPIO_MODE];
	e->uid = f[CPIO_UID];
	e->gid = f[CPIO_GID];
	e->nlink = f[CPIO_NLINK];
	e->mtime = f[CPIO_MTIME];
	e->dev_major = f[CPIO_DEVMAJOR];
	e->dev_minor = f[CPIO_DEVMINOR];
	e->rdev_major = f[CPIO_RDEVMAJOR];
	e->rdev_minor = f[CPIO_RDEVMINOR];
	e->data = it->buf + data_off;
	e->size = f[CPIO_FILESIZE];
	return 1;
}
