/*
 * unpack_ktest.c: initramfs_unpack on the test fixture (the gzip'd newc
 * archive tests/unit/unit.mk builds, loaded as the "initramfs-fixture"
 * module): the files land in the root tmpfs with their contents, types
 * and modes; corrupt and truncated copies give an error, not a crash;
 * an uncompressed archive unpacks too.
 */
#include <basalt/bootinfo.h>
#include <basalt/inflate.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <uapi/errno.h>
#include "vfs_ktest_util.h"

#define FIXTURE_MODULE		"initramfs-fixture"
#define FIXTURE_BUSYBOX_TEXT	"pretend busybox\n"

static const struct boot_module *unpack_fixture(void)
{
	for (unsigned i = 0; i < boot_info.module_count; i++)
		if (!strcmp(boot_info.modules[i].cmdline, FIXTURE_MODULE))
			return &boot_info.modules[i];
	return NULL;
}

KTEST(initramfs_unpack_fixture)
{
	const struct boot_module *m = unpack_fixture();
	char buf[32];
	struct stat st;
	struct file *f;

	KT_ASSERT(t, m != NULL);
	KT_ASSERT(t, vfs_init() == 0);
	KT_EXPECT_EQ(t, initramfs_unpack(phys_to_virt(m->start), m->end - m->start), 0);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/bin/busybox", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), sizeof(FIXTURE_BUSYBOX_TEXT) - 1);
	KT_EXPECT(t, !memcmp(buf, FIXTURE_BUSYBOX_TEXT, sizeof(FIXTURE_BUSYBOX_TEXT) - 1));
	file_put(f);
	KT_EXPECT_EQ(t, vfs_readlinkat(AT_FDCWD, "/bin/sh", buf, sizeof(buf)), 7);
	KT_EXPECT(t, !memcmp(buf, "busybox", 7));
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/bin/sh", 0, &st, NULL), 0);
	KT_EXPECT(t, S_ISREG(st.st_mode));
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/etc/empty", 0, &st, NULL), 0);
	KT_EXPECT(t, S_ISREG(st.st_mode) && st.st_size == 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/init", 0, &st, NULL), 0);
	KT_EXPECT(t, st.st_mode & 0100);		/* executable */
	KT_EXPECT(t, st.st_mtime_sec > 0);
	/* Unpacking again replaces the files in place. */
	KT_EXPECT_EQ(t, initramfs_unpack(phys_to_virt(m->start), m->end - m->start), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/bin/busybox", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_size, sizeof(FIXTURE_BUSYBOX_TEXT) - 1);
}

KTEST(initramfs_unpack_bad_archives)
{
	const struct boot_module *m = unpack_fixture();
	struct inflate_ctx *ctx = kmalloc(sizeof(*ctx));
	uint8_t *copy = NULL, *raw = NULL;
	const char *why;
	uint32_t isize = 0;
	size_t len;
	long n;

	KT_ASSERT(t, m != NULL && ctx != NULL);
	KT_ASSERT(t, vfs_init() == 0);
	len = m->end - m->start;
	copy = kmalloc(len);
	KT_ASSERT(t, copy != NULL);
	memcpy(copy, phys_to_virt(m->start), len);
	copy[len - 8] ^= 0xff;			/* the gzip trailer's CRC-32 */
	KT_EXPECT_EQ(t, initramfs_unpack(copy, len), -EINVAL);
	memcpy(copy, phys_to_virt(m->start), len);
	KT_EXPECT(t, initramfs_unpack(copy, len / 2) < 0);	/* truncated */
	memset(copy, 'x', len);
	KT_EXPECT_EQ(t, initramfs_unpack(copy, len), -EINVAL);	/* not an archive */
	KT_EXPECT_EQ(t, initramfs_unpack(copy, 0), 0);		/* nothing */

	/* The archive uncompressed, then cut inside an entry. */
	KT_ASSERT(t, gzip_isize(phys_to_virt(m->start), len, &isize) == 0);
	raw = kmalloc(isize);
	KT_ASSERT(t, raw != NULL);
	n = gzip_decompress(ctx, phys_to_virt(m->start), len, NULL, raw, isize, &why);
	KT_ASSERT(t, n == (long)isize);
	KT_EXPECT_EQ(t, initramfs_unpack(raw, isize), 0);
	KT_EXPECT_EQ(t, initramfs_unpack(raw, 200), -EINVAL);
	kfree(raw);
	kfree(copy);
	kfree(ctx);
}
