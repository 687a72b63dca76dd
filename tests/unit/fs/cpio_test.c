/*
 * cpio_test.c: kernel/fs/initramfs/cpio.c on archives written here (a
 * small newc writer below), on one made by the host's `cpio -o -H newc`
 * (and its gzip, unpacked with kernel/lib/inflate.c as the kernel will),
 * on every malformation the parser must refuse, and on a fixed-seed
 * mutation loop that only asks for "no crash, an error or sane entries".
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <basalt/inflate.h>
#include <fs/initramfs/cpio.h>
#include <uapi/errno.h>

#define FUZZ_ITERATIONS		5000
#define FUZZ_SEED		0xc910u
#define HEADER_SIZE		110
#define ARCHIVE_CAP		65536

static struct cpio_iter it;

static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* ---- a newc writer ----------------------------------------------------- */

struct spec {
	const char *name;
	uint32_t mode;
	const char *data;
	uint32_t nlink;
	uint32_t rdev_major, rdev_minor;
};

static size_t pad4(uint8_t *buf, size_t pos)
{
	while (pos % 4)
		buf[pos++] = 0;
	return pos;
}

static uint32_t sum_bytes(const char *d, size_t n)
{
	uint32_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += (uint8_t)d[i];
	return s;
}

/* Appends one entry at pos (4-aligned) and returns the new end. */
static size_t put_entry(uint8_t *buf, size_t pos, const char *magic, const struct spec *s,
			uint32_t ino)
{
	size_t namesize = strlen(s->name) + 1;
	size_t size = s->data ? strlen(s->data) : 0;
	char hdr[HEADER_SIZE + 1];

	snprintf(hdr, sizeof(hdr),
		 "%s%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		 magic, ino, s->mode, 1000u, 100u, s->nlink ? s->nlink : 1, 0x5f5e1000u, size,
		 8u, 1u, s->rdev_major, s->rdev_minor, namesize,
		 strcmp(magic, "070702") == 0 ? sum_bytes(s->data ? s->data : "", size) : 0);
	memcpy(buf + pos, hdr, HEADER_SIZE);
	pos += HEADER_SIZE;
	memcpy(buf + pos, s->name, namesize);
	pos = pad4(buf, pos + namesize);
	if (size)
		memcpy(buf + pos, s->data, size);
	return pad4(buf, pos + size);
}

static const struct spec trailer = { "TRAILER!!!", 0, NULL, 1, 0, 0 };

static size_t build(uint8_t *buf, const char *magic, const struct spec *specs, size_t n)
{
	size_t pos = 0;

	for (size_t i = 0; i < n; i++)
		pos = put_entry(buf, pos, magic, &specs[i], (uint32_t)(i + 2));
	return put_entry(buf, pos, magic, &trailer, 0);
}

static const struct spec sample[] = {
	{ ".", S_IFDIR | 0755, NULL, 3, 0, 0 },
	{ "bin", S_IFDIR | 0755, NULL, 2, 0, 0 },
	{ "bin/busybox", S_IFREG | 0755, "\177ELF pretend busybox", 1, 0, 0 },
	{ "bin/sh", S_IFLNK | 0777, "busybox", 1, 0, 0 },
	{ "dev", S_IFDIR | 0755, NULL, 2, 0, 0 },
	{ "dev/console", S_IFCHR | 0600, NULL, 1, 5, 1 },
	{ "init", S_IFREG | 0755, "#!/bin/sh\nexec /bin/sh\n", 1, 0, 0 },
	{ "empty", S_IFREG | 0644, NULL, 1, 0, 0 },
};

#define NSAMPLE (sizeof(sample) / sizeof(sample[0]))

static void check_sample(const uint8_t *buf, size_t len)
{
	struct cpio_entry e;

	cpio_iter_init(&it, buf, len);
	for (size_t i = 0; i < NSAMPLE; i++) {
		size_t size = sample[i].data ? strlen(sample[i].data) : 0;

		assert_int_equal(cpio_next(&it, &e), 1);
		assert_string_equal(e.name, sample[i].name);
		assert_int_equal(e.mode, sample[i].mode);
		assert_int_equal(e.ino, i + 2);
		assert_int_equal(e.uid, 1000);
		assert_int_equal(e.gid, 100);
		assert_int_equal(e.nlink, sample[i].nlink);
		assert_int_equal(e.mtime, 0x5f5e1000u);
		assert_int_equal(e.dev_major, 8);
		assert_int_equal(e.dev_minor, 1);
		assert_int_equal(e.rdev_major, sample[i].rdev_major);
		assert_int_equal(e.rdev_minor, sample[i].rdev_minor);
		assert_int_equal(e.size, size);
		if (size)
			assert_memory_equal(e.data, sample[i].data, size);
	}
	assert_int_equal(cpio_next(&it, &e), 0);
	assert_int_equal(cpio_next(&it, &e), 0);
	assert_int_equal(cpio_end(&it), len);
}

static void test_newc_and_crc(void **state)
{
	static uint8_t buf[ARCHIVE_CAP];
	size_t len;

	(void)state;
	len = build(buf, "070701", sample, NSAMPLE);
	check_sample(buf, len);
	len = build(buf, "070702", sample, NSAMPLE);
	check_sample(buf, len);
}

static void test_crc_mismatch(void **state)
{
	static uint8_t buf[ARCHIVE_CAP];
	struct cpio_entry e;
	size_t len = build(buf, "070702", sample + 2, 1);
	size_t data = (HEADER_SIZE + 12 + 3) & ~(size_t)3;	/* after "bin/busybox\0" */

	(void)state;
	buf[data + 1] ^= 0x20;
	cpio_iter_init(&it, buf, len);
	assert_int_equal(cpio_next(&it, &e), -EINVAL);
	assert_string_equal(it.why, "cpio 070702 checksum mismatch");
	/* Errors are sticky. */
	assert_int_equal(cpio_next(&it, &e), -EINVAL);

	/* newc (070701) does not check the field at all. */
	len = build(buf, "070701", sample + 2, 1);
	memcpy(buf + 6 + 12 * 8, "DEADBEEF", 8);
	cpio_iter_init(&it, buf, len);
	assert_int_equal(cpio_next(&it, &e), 1);
}

static const char *first_name(const char *raw, int *rc)
{
	static uint8_t buf[ARCHIVE_CAP];
	static struct cpio_entry e;
	struct spec s = { raw, S_IFREG | 0644, "x", 1, 0, 0 };
	size_t len = build(buf, "070701", &s, 1);

	cpio_iter_init(&it, buf, len);
	*rc = cpio_next(&it, &e);
	return *rc == 1 ? e.name : it.why;
}

static void test_name_normalization(void **state)
{
	static const char *const good[][2] = {
		{ "/init", "init" }, { "./init", "init" }, { "//bin//sh/", "bin/sh" },
		{ "./bin/./sh", "bin/sh" }, { ".", "." }, { "/", "." }, { "./", "." },
		{ "a/b/c", "a/b/c" }, { "..a/b..", "..a/b.." }, { "...", "..." },
		{ "/././/x/.", "x" },
	};
	static const char *const bad[] = {
		"..", "../etc/passwd", "a/../../b", "/..", "a/..", "./../x",
	};
	int rc;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *n = first_name(good[i][0], &rc);

		assert_int_equal(rc, 1);
		assert_string_equal(n, good[i][1]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = first_name(bad[i], &rc);

		assert_int_equal(rc, -EINVAL);
		assert_string_equal(why, "cpio name has a \"..\" component");
	}
}

static void test_long_name(void **state)
{
	static char name[CPIO_NAME_MAX + 1];
	int rc;

	(void)state;
	memset(name, 'n', CPIO_NAME_MAX - 1);
	name[CPIO_NAME_MAX - 1] = '\0';
	first_name(name, &rc);
	assert_int_equal(rc, 1);
	memset(name, 'n', CPIO_NAME_MAX);
	name[CPIO_NAME_MAX] = '\0';
	first_name(name, &rc);
	assert_int_equal(rc, -ENAMETOOLONG);
}

static bool has_dotdot_component(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i + 1 < len; i++)
		if (name[i] == '.' && name[i + 1] == '.' && (i == 0 || name[i - 1] == '/') &&
		    (i + 2 == len || name[i + 2] == '/'))
			return true;
	return false;
}

/* Parses buf until the end or an error; returns the result and the why. */
static int parse_all(const uint8_t *buf, size_t len, const char **why)
{
	struct cpio_entry e;
	int rc;

	cpio_iter_init(&it, buf, len);
	while ((rc = cpio_next(&it, &e)) == 1) {
		/* Whatever was accepted lies inside the buffer. */
		assert_true((const uint8_t *)e.data >= buf);
		assert_true((const uint8_t *)e.data + e.size <= buf + len);
		assert_true(strlen(e.name) < CPIO_NAME_MAX);
		assert_false(has_dotdot_component(e.name));
		assert_true(e.name[0] != '/');
	}
	*why = it.why;
	return rc;
}

static void expect_error(const uint8_t *buf, size_t len, const char *why)
{
	const char *got;

	assert_int_equal(parse_all(buf, len, &got), -EINVAL);
	assert_string_equal(got, why);
}

static void test_malformed(void **state)
{
	static uint8_t buf[ARCHIVE_CAP], copy[ARCHIVE_CAP];
	size_t len = build(buf, "070701", sample, NSAMPLE);
	/* The second entry ("bin") starts after "." and its padding. */
	size_t second = (HEADER_SIZE + 2 + 3) & ~(size_t)3;

	(void)state;
	memcpy(copy, buf, len);
	copy[5] = '7';
	expect_error(copy, len, "bad cpio magic (not newc 070701/070702)");
	memcpy(copy, "070707", 6);	/* the old binary-ish odc format */
	expect_error(copy, len, "bad cpio magic (not newc 070701/070702)");

	/* A non-hex character in each of the 13 fields, first and last digit. */
	for (int f = 0; f < 13; f++) {
		for (int d = 0; d < 8; d += 7) {
			memcpy(copy, buf, len);
			copy[second + 6 + f * 8 + d] = (d == 0) ? 'g' : ' ';
			expect_error(copy, len, "cpio header field is not hex");
		}
	}

	memcpy(copy, buf, len);
	memcpy(copy + second + 6 + 11 * 8, "00000000", 8);
	expect_error(copy, len, "cpio name size is 0");

	memcpy(copy, buf, len);
	memcpy(copy + second + 6 + 11 * 8, "00100000", 8);
	expect_error(copy, len, "cpio name runs past the end of the archive");

	memcpy(copy, buf, len);
	memcpy(copy + second + 6 + 11 * 8, "00000003", 8);	/* "bin" without its NUL */
	expect_error(copy, len, "cpio name is not NUL-terminated");

	memcpy(copy, buf, len);
	copy[second + HEADER_SIZE + 1] = '\0';			/* "b\0n\0" */
	expect_error(copy, len, "cpio name has a NUL inside");

	memcpy(copy, buf, len);
	memcpy(copy + second + 6 + 6 * 8, "00010000", 8);	/* filesize */
	expect_error(copy, len, "cpio file data runs past the end of the archive");

	memcpy(copy, buf, len);
	memcpy(copy + second + 6 + 6 * 8, "FFFFFFFF", 8);
	expect_error(copy, len, "cpio file data runs past the end of the archive");

	/* No trailer: the archive ends on an entry boundary. */
	expect_error(buf, second, "cpio archive ends without TRAILER!!!");
	expect_error(buf, 0, "cpio archive ends without TRAILER!!!");
	expect_error(buf, second + 50, "cpio header truncated");
}

static void test_every_truncation(void **state)
{
	static uint8_t buf[ARCHIVE_CAP];
	size_t len = build(buf, "070702", sample, NSAMPLE);
	/* The trailer's header and name: only its padding may be cut. */
	size_t trailer_end = len - ((4 - (HEADER_SIZE + 11) % 4) % 4);
	const char *why;

	(void)state;
	for (size_t n = 0; n < len; n++) {
		uint8_t *cut = malloc(n ? n : 1);
		int rc;

		memcpy(cut, buf, n);
		rc = parse_all(cut, n, &why);
		if (n >= trailer_end) {
			assert_int_equal(rc, 0);
			assert_int_equal(cpio_end(&it), n);
		} else {
			assert_int_equal(rc, -EINVAL);
			assert_non_null(why);
		}
		free(cut);
	}
}

static void test_concatenated_archives(void **state)
{
	static uint8_t buf[ARCHIVE_CAP];
	struct cpio_entry e;
	size_t first = build(buf, "070701", sample, 3), second;

	(void)state;
	memset(buf + first, 0, 8);	/* zero padding between, as Linux allows */
	second = build(buf + first + 8, "070701", sample + 6, 1);
	cpio_iter_init(&it, buf, first + 8 + second);
	for (int i = 0; i < 3; i++)
		assert_int_equal(cpio_next(&it, &e), 1);
	assert_int_equal(cpio_next(&it, &e), 0);
	assert_int_equal(cpio_end(&it), first);
	cpio_iter_init(&it, buf + first + 8, second);
	assert_int_equal(cpio_next(&it, &e), 1);
	assert_string_equal(e.name, "init");
	assert_int_equal(cpio_next(&it, &e), 0);
}

static void test_fuzz_mutations(void **state)
{
	static uint8_t buf[ARCHIVE_CAP], m[ARCHIVE_CAP];
	static const char hexish[] = "0123456789abcdefABCDEFgG ./\0";
	size_t len = build(buf, "070702", sample, NSAMPLE);
	unsigned int ok = 0, bad = 0;
	const char *why;

	(void)state;
	rng_state = FUZZ_SEED;
	for (int i = 0; i < FUZZ_ITERATIONS; i++) {
		size_t mlen = len;
		int edits = 1 + rng() % 6, rc;

		memcpy(m, buf, len);
		for (int k = 0; k < edits; k++) {
			size_t at = rng() % mlen;

			switch (rng() % 4) {
			case 0:
				m[at] = (uint8_t)rng();
				break;
			case 1:
				/* Mostly digits, so sizes change but stay hex. */
				m[at] = (uint8_t)hexish[rng() % (sizeof(hexish) - 1)];
				break;
			case 2:
				mlen = at + 1;
				break;
			default:
				m[at] ^= (uint8_t)(1u << (rng() % 8));
				break;
			}
		}
		{
			uint8_t *exact = malloc(mlen);

			memcpy(exact, m, mlen);
			rc = parse_all(exact, mlen, &why);
			free(exact);
		}
		assert_true(rc == 0 || rc == -EINVAL || rc == -ENAMETOOLONG);
		if (rc == 0)
			ok++;
		else
			bad++;
	}
	print_message("fuzz: %d iterations, %u accepted, %u rejected\n",
		      FUZZ_ITERATIONS, ok, bad);
}

/* ---- the host's cpio, raw and gzip'd (see unit.mk) ------------------------- */

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc(n ? (size_t)n : 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* The tree unit.mk gives to `cpio -o -H newc`, in `find | sort` order. */
static void check_fixture(const uint8_t *buf, size_t len)
{
	static const struct {
		const char *name;
		uint32_t type;
		const char *data;
	} want[] = {
		{ ".", S_IFDIR, NULL },
		{ "bin", S_IFDIR, NULL },
		{ "bin/busybox", S_IFREG, "pretend busybox\n" },
		{ "bin/sh", S_IFLNK, "busybox" },
		{ "etc", S_IFDIR, NULL },
		{ "etc/empty", S_IFREG, "" },
		/* A hard link: the data comes with the last name only. */
		{ "init", S_IFREG, "" },
		{ "linuxrc", S_IFREG, "#!/bin/sh\necho hello\n" },
	};
	struct cpio_entry e;
	uint32_t init_ino = 0;

	cpio_iter_init(&it, buf, len);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(cpio_next(&it, &e), 1);
		assert_string_equal(e.name, want[i].name);
		assert_int_equal(e.mode & S_IFMT, want[i].type);
		assert_int_equal(e.uid, 0);
		assert_int_equal(e.gid, 0);
		if (want[i].data) {
			assert_int_equal(e.size, strlen(want[i].data));
			assert_memory_equal(e.data, want[i].data, e.size);
		}
		if (strcmp(e.name, "init") == 0)
			init_ino = e.ino;
		if (strcmp(e.name, "linuxrc") == 0 || strcmp(e.name, "init") == 0) {
			assert_int_equal(e.nlink, 2);
			assert_int_equal(e.ino, init_ino);
		}
	}
	assert_int_equal(cpio_next(&it, &e), 0);
	/* GNU cpio pads the archive to 512-byte blocks with zeros. */
	for (size_t i = cpio_end(&it); i < len; i++)
		assert_int_equal(buf[i], 0);
}

static void test_host_cpio(void **state)
{
	size_t len;
	uint8_t *buf = slurp(CPIO_FIXTURE, &len);

	(void)state;
	check_fixture(buf, len);
	free(buf);
}

static void test_host_cpio_gz(void **state)
{
	static struct inflate_ctx ictx;
	size_t zlen;
	uint8_t *z = slurp(CPIO_FIXTURE ".gz", &zlen), *out;
	uint32_t isize;
	const char *why;
	long n;

	(void)state;
	assert_int_equal(gzip_isize(z, zlen, &isize), 0);
	out = malloc(isize);
	n = gzip_decompress(&ictx, z, zlen, NULL, out, isize, &why);
	assert_int_equal(n, (long)isize);
	check_fixture(out, (size_t)n);
	free(out);
	free(z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newc_and_crc),
		cmocka_unit_test(test_crc_mismatch),
		cmocka_unit_test(test_name_normalization),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_concatenated_archives),
		cmocka_unit_test(test_fuzz_mutations),
		cmocka_unit_test(test_host_cpio),
		cmocka_unit_test(test_host_cpio_gz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
