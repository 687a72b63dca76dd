/*
 * bootinfo_test.c: kernel/core/bootinfo.c on multiboot2 structures built
 * here, well-formed and broken (Multiboot2 spec 3.6).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <basalt/bootinfo.h>
#include <basalt/multiboot2.h>
#include <uapi/errno.h>

#define INFO_MAX 4096

/* A little builder: tags appended 8-byte aligned after the 8-byte header. */
struct mb2_builder {
	_Alignas(8) uint8_t buf[INFO_MAX];
	size_t len;
};

static struct mb2_builder b;
static struct boot_info bi;

static void mb2_begin(void)
{
	memset(&b, 0, sizeof(b));
	b.len = 8;
}

static void *mb2_tag(uint32_t type, uint32_t size)
{
	struct mb2_tag *t = (void *)(b.buf + b.len);

	t->type = type;
	t->size = size;
	b.len += (size + 7) & ~7u;
	return t;
}

static void mb2_end(void)
{
	mb2_tag(MB2_TAG_END, 8);
	((struct mb2_info *)b.buf)->total_size = (uint32_t)b.len;
}

static void add_string(uint32_t type, const char *s)
{
	struct mb2_tag_string *t = mb2_tag(type, (uint32_t)(8 + strlen(s) + 1));

	memcpy(t->string, s, strlen(s) + 1);
}

static void test_full_structure(void **state)
{
	struct mb2_tag_mmap *m;
	struct mb2_mmap_entry *e;
	struct mb2_tag_module *mod;
	struct mb2_tag_framebuffer *fb;
	struct mb2_tag_acpi *acpi;

	(void)state;
	mb2_begin();
	add_string(MB2_TAG_CMDLINE, "console=ttyS0 ktest");
	add_string(MB2_TAG_BOOTLOADER_NAME, "GRUB 2.06");
	m = mb2_tag(MB2_TAG_MMAP, sizeof(*m) + 3 * sizeof(*e));
	m->entry_size = sizeof(*e);
	e = (void *)(m + 1);
	e[0] = (struct mb2_mmap_entry){ 0, 0x9fc00, MB2_MEMORY_AVAILABLE, 0 };
	e[1] = (struct mb2_mmap_entry){ 0x100000, 0xff00000, MB2_MEMORY_AVAILABLE, 0 };
	e[2] = (struct mb2_mmap_entry){ 0xfffc0000, 0x40000, 77, 0 };
	mod = mb2_tag(MB2_TAG_MODULE, sizeof(*mod) + 5);
	mod->mod_start = 0x400000;
	mod->mod_end = 0x500000;
	memcpy(mod->cmdline, "init", 5);
	fb = mb2_tag(MB2_TAG_FRAMEBUFFER, 38);	/* GRUB's real RGB tag size */
	fb->addr = 0xfd000000;
	fb->pitch = 4096;
	fb->width = 1024;
	fb->height = 768;
	fb->bpp = 32;
	fb->fb_type = MB2_FRAMEBUFFER_TYPE_RGB;
	fb->red_field_position = 16;
	fb->red_mask_size = 8;
	acpi = mb2_tag(MB2_TAG_ACPI_OLD, 8 + 20);
	memcpy(acpi->rsdp, "RSD PTR ", 8);
	mb2_tag(MB2_TAG_EFI64, 16);
	mb2_end();

	assert_int_equal(bootinfo_parse(b.buf, 0x10000, &bi), 0);
	assert_string_equal(bi.cmdline, "console=ttyS0 ktest");
	assert_string_equal(bi.loader_name, "GRUB 2.06");
	assert_int_equal(bi.mmap_count, 3);
	assert_int_equal(bi.mmap[1].base, 0x100000);
	assert_int_equal(bi.mmap[1].type, BOOT_MEM_AVAILABLE);
	assert_int_equal(bi.mmap[2].type, BOOT_MEM_RESERVED);	/* unknown type */
	assert_int_equal(bi.module_count, 1);
	assert_int_equal(bi.modules[0].end, 0x500000);
	assert_string_equal(bi.modules[0].cmdline, "init");
	assert_true(bi.fb.present);
	assert_int_equal(bi.fb.width, 1024);
	assert_int_equal(bi.fb.red_pos, 16);
	assert_int_equal(bi.rsdp_len, 20);
	assert_memory_equal(bi.rsdp, "RSD PTR ", 8);
	assert_true(bi.efi);
	assert_int_equal(bi.info_size, b.len);
}

static void test_missing_end_tag(void **state)
{
	(void)state;
	mb2_begin();
	add_string(MB2_TAG_CMDLINE, "x");
	((struct mb2_info *)b.buf)->total_size = (uint32_t)b.len;
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), -EINVAL);
}

static void test_tag_larger_than_structure(void **state)
{
	struct mb2_tag *t;

	(void)state;
	mb2_begin();
	t = mb2_tag(MB2_TAG_CMDLINE, 16);
	mb2_end();
	t->size = 4000;
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), -EINVAL);
}

static void test_tag_smaller_than_header(void **state)
{
	struct mb2_tag *t;

	(void)state;
	mb2_begin();
	t = mb2_tag(MB2_TAG_BOOTDEV, 16);
	mb2_end();
	t->size = 4;	/* would loop forever if accepted */
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), -EINVAL);
}

static void test_absurd_total_size(void **state)
{
	(void)state;
	mb2_begin();
	mb2_end();
	((struct mb2_info *)b.buf)->total_size = 0xffffffff;
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), -EINVAL);
	((struct mb2_info *)b.buf)->total_size = 4;
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), -EINVAL);
	assert_int_equal(bootinfo_parse(NULL, 0, &bi), -EINVAL);
}

static void test_unterminated_string_ignored(void **state)
{
	struct mb2_tag_string *t;

	(void)state;
	mb2_begin();
	t = mb2_tag(MB2_TAG_CMDLINE, 8 + 8);
	memcpy(t->string, "ABCDEFGH", 8);	/* no NUL inside the tag */
	mb2_end();
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), 0);
	assert_null(bi.cmdline);
}

static void test_bad_mmap_and_module(void **state)
{
	struct mb2_tag_mmap *m;
	struct mb2_tag_module *mod;

	(void)state;
	mb2_begin();
	m = mb2_tag(MB2_TAG_MMAP, sizeof(*m) + 24);
	m->entry_size = 4;	/* smaller than an entry */
	mb2_end();
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), -EINVAL);

	mb2_begin();
	mod = mb2_tag(MB2_TAG_MODULE, sizeof(*mod) + 1);
	mod->mod_start = 0x2000;
	mod->mod_end = 0x1000;	/* ends before it starts */
	mb2_end();
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), -EINVAL);
}

static void test_wrapping_mmap_entry_skipped(void **state)
{
	struct mb2_tag_mmap *m;
	struct mb2_mmap_entry *e;

	(void)state;
	mb2_begin();
	m = mb2_tag(MB2_TAG_MMAP, sizeof(*m) + 2 * sizeof(*e));
	m->entry_size = sizeof(*e);
	e = (void *)(m + 1);
	e[0] = (struct mb2_mmap_entry){ 0xfffffffffffff000ull, 0x2000, 1, 0 };
	e[1] = (struct mb2_mmap_entry){ 0x100000, 0, 1, 0 };
	mb2_end();
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), 0);
	assert_int_equal(bi.mmap_count, 0);
}

static void test_acpi_new_preferred(void **state)
{
	struct mb2_tag_acpi *a;

	(void)state;
	mb2_begin();
	a = mb2_tag(MB2_TAG_ACPI_NEW, 8 + 36);
	a->rsdp[15] = 2;	/* revision */
	a = mb2_tag(MB2_TAG_ACPI_OLD, 8 + 20);
	a->rsdp[15] = 0;
	mb2_end();
	assert_int_equal(bootinfo_parse(b.buf, 0, &bi), 0);
	assert_int_equal(bi.rsdp_len, 36);
	assert_int_equal(bi.rsdp[15], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_structure),
		cmocka_unit_test(test_missing_end_tag),
		cmocka_unit_test(test_tag_larger_than_structure),
		cmocka_unit_test(test_tag_smaller_than_header),
		cmocka_unit_test(test_absurd_total_size),
		cmocka_unit_test(test_unterminated_string_ignored),
		cmocka_unit_test(test_bad_mmap_and_module),
		cmocka_unit_test(test_wrapping_mmap_entry_skipped),
		cmocka_unit_test(test_acpi_new_preferred),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
