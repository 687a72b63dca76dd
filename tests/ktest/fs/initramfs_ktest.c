/*
 * initramfs_ktest.c: the inflater and the cpio parser run in the kernel
 * (freestanding, kmalloc'd state, 16 KiB stacks) on a real initramfs
 * image: the gzip'd newc archive tests/unit/unit.mk makes with the host's
 * cpio and gzip, loaded by GRUB as the "initramfs-fixture" module.
 */
#include <basalt/bootinfo.h>
#include <basalt/inflate.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <fs/initramfs/cpio.h>
#include <mm/mm.h>

#define FIXTURE_MODULE		"initramfs-fixture"
#define FIXTURE_BUSYBOX_TEXT	"pretend busybox\n"
#define S_IFMT			0170000	/* file type bits of st_mode, inode(7) */
#define S_IFLNK			0120000
#define S_IFREG			0100000
#define S_IFDIR			0040000

static const struct boot_module *initramfs_fixture(void)
{
	for (unsigned i = 0; i < boot_info.module_count; i++)
		if (!strcmp(boot_info.modules[i].cmdline, FIXTURE_MODULE))
			return &boot_info.modules[i];
	return NULL;
}

/* Every entry the fixture's recipe creates, in the archive's order. */
static const struct {
	const char *name;
	uint32_t type;
} initramfs_expected[] = {
	{ ".", S_IFDIR },
	{ "bin", S_IFDIR },
	{ "bin/busybox", S_IFREG },
	{ "bin/sh", S_IFLNK },
	{ "etc", S_IFDIR },
	{ "etc/empty", S_IFREG },
	{ "init", S_IFREG },
	{ "linuxrc", S_IFREG },
};

KTEST(initramfs_gzip_cpio_unpacks)
{
	const struct boot_module *m = initramfs_fixture();
	struct inflate_ctx *ctx = NULL;
	struct cpio_iter *it = NULL;
	struct cpio_entry e;
	const char *why = NULL;
	uint8_t *out = NULL;
	uint32_t isize;
	long n;
	unsigned count = 0;
	int r;

	KT_ASSERT(t, m != NULL);
	KT_ASSERT(t, gzip_isize(phys_to_virt(m->start), m->end - m->start, &isize) == 0);
	ctx = kmalloc(sizeof(*ctx));
	it = kmalloc(sizeof(*it));
	out = kmalloc(isize);
	KT_EXPECT(t, ctx && it && out);
	if (!ctx || !it || !out)
		goto out_free;

	n = gzip_decompress(ctx, phys_to_virt(m->start), m->end - m->start, NULL,
			    out, isize, &why);
	KT_EXPECT_EQ(t, n, isize);
	if (n != (long)isize)
		goto out_free;

	cpio_iter_init(it, out, (size_t)n);
	while ((r = cpio_next(it, &e)) == 1) {
		if (count < ARRAY_SIZE(initramfs_expected)) {
			KT_EXPECT(t, !strcmp(e.name, initramfs_expected[count].name));
			KT_EXPECT_EQ(t, e.mode & S_IFMT, initramfs_expected[count].type);
		}
		if (!strcmp(e.name, "bin/busybox")) {
			KT_EXPECT_EQ(t, e.size, sizeof(FIXTURE_BUSYBOX_TEXT) - 1);
			KT_EXPECT(t, !memcmp(e.data, FIXTURE_BUSYBOX_TEXT, e.size));
		}
		if (!strcmp(e.name, "bin/sh"))
			KT_EXPECT(t, e.size == 7 && !memcmp(e.data, "busybox", 7));
		count++;
	}
	KT_EXPECT_EQ(t, r, 0);
	KT_EXPECT_EQ(t, count, ARRAY_SIZE(initramfs_expected));
out_free:
	kfree(out);
	kfree(it);
	kfree(ctx);
}

KTEST(initramfs_corrupt_gzip_rejected)
{
	const struct boot_module *m = initramfs_fixture();
	struct inflate_ctx *ctx;
	uint8_t *copy, *out;
	size_t len;
	const char *why = NULL;
	long n;

	KT_ASSERT(t, m != NULL);
	len = m->end - m->start;
	ctx = kmalloc(sizeof(*ctx));
	copy = kmalloc(len);
	out = kmalloc(PAGE_SIZE);
	KT_EXPECT(t, ctx && copy && out);
	if (ctx && copy && out) {
		memcpy(copy, phys_to_virt(m->start), len);
		copy[len - 8] ^= 0xFF;	/* the CRC-32 of the trailer (RFC 1952 2.3) */
		n = gzip_decompress(ctx, copy, len, NULL, out, PAGE_SIZE, &why);
		KT_EXPECT(t, n < 0);
		KT_EXPECT(t, why != NULL);
	}
	kfree(out);
	kfree(copy);
	kfree(ctx);
}
