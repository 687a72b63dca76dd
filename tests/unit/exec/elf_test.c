/*
 * elf_test.c: kernel/exec/elf.c's validator on ELF64 images built here,
 * well-formed and broken one field at a time (gABI chapters 3-5), plus
 * every truncation and random corruption of a good image, which must be
 * rejected or accepted without reading outside the buffer (ASan).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <exec/elf.h>
#include <uapi/errno.h>

#define IMG_SIZE	0x3000
#define TEXT_VADDR	0x400000ULL
#define DATA_VADDR	0x402000ULL
#define FUZZ_ROUNDS	20000

/* ehdr, then three phdrs: PT_PHDR, text (R X), data+bss (R W). */
enum { PH_PHDR, PH_TEXT, PH_DATA, PH_COUNT };

struct image {
	_Alignas(8) uint8_t buf[IMG_SIZE];
};

static struct image img;
static struct elf_info info;

static struct elf64_ehdr *eh(void)
{
	return (struct elf64_ehdr *)img.buf;
}

static struct elf64_phdr *ph(unsigned i)
{
	return (struct elf64_phdr *)(img.buf + sizeof(struct elf64_ehdr)) + i;
}

/* A static ET_EXEC as ld lays it out: headers inside the text segment. */
static void build(void)
{
	memset(&img, 0, sizeof(img));
	memcpy(eh()->e_ident, ELFMAG, ELFMAG_LEN);
	eh()->e_ident[EI_CLASS] = ELFCLASS64;
	eh()->e_ident[EI_DATA] = ELFDATA2LSB;
	eh()->e_ident[EI_VERSION] = EV_CURRENT;
	eh()->e_type = ET_EXEC;
	eh()->e_machine = EM_X86_64;
	eh()->e_version = EV_CURRENT;
	eh()->e_entry = TEXT_VADDR + 0x1000;
	eh()->e_phoff = sizeof(struct elf64_ehdr);
	eh()->e_ehsize = sizeof(struct elf64_ehdr);
	eh()->e_phentsize = sizeof(struct elf64_phdr);
	eh()->e_phnum = PH_COUNT;
	*ph(PH_PHDR) = (struct elf64_phdr){
		.p_type = PT_PHDR, .p_flags = PF_R, .p_offset = eh()->e_phoff,
		.p_vaddr = TEXT_VADDR + eh()->e_phoff,
		.p_filesz = PH_COUNT * sizeof(struct elf64_phdr),
		.p_memsz = PH_COUNT * sizeof(struct elf64_phdr), .p_align = 8,
	};
	*ph(PH_TEXT) = (struct elf64_phdr){
		.p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
		.p_vaddr = TEXT_VADDR, .p_filesz = 0x2000, .p_memsz = 0x2000,
		.p_align = 0x1000,
	};
	*ph(PH_DATA) = (struct elf64_phdr){
		.p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 0x2000,
		.p_vaddr = DATA_VADDR, .p_filesz = 0x800, .p_memsz = 0x5000,
		.p_align = 0x1000,
	};
}

static int check(void)
{
	return elf_check(img.buf, sizeof(img.buf), &info);
}

static void test_valid_exec(void **state)
{
	(void)state;
	build();
	assert_int_equal(check(), 0);
	assert_int_equal(info.type, ET_EXEC);
	assert_int_equal(info.load_bias, 0);
	assert_int_equal(info.entry, TEXT_VADDR + 0x1000);
	assert_int_equal(info.vaddr_lo, TEXT_VADDR);
	assert_int_equal(info.vaddr_hi, DATA_VADDR + 0x5000);
	assert_int_equal(info.phdr_vaddr, TEXT_VADDR + sizeof(struct elf64_ehdr));
	assert_int_equal(info.phnum, PH_COUNT);
	assert_false(info.stack_exec);
}

static void test_valid_static_pie(void **state)
{
	(void)state;
	build();
	eh()->e_type = ET_DYN;
	eh()->e_entry -= TEXT_VADDR;
	ph(PH_PHDR)->p_vaddr -= TEXT_VADDR;
	ph(PH_TEXT)->p_vaddr -= TEXT_VADDR;
	ph(PH_DATA)->p_vaddr -= TEXT_VADDR;
	assert_int_equal(check(), 0);
	assert_int_equal(info.load_bias, ELF_ET_DYN_BASE);
	assert_int_equal(info.entry, ELF_ET_DYN_BASE + 0x1000);
	assert_int_equal(info.vaddr_lo, ELF_ET_DYN_BASE);
	assert_int_equal(info.phdr_vaddr, ELF_ET_DYN_BASE + sizeof(struct elf64_ehdr));
}

static void test_phdr_found_without_pt_phdr(void **state)
{
	(void)state;
	build();
	ph(PH_PHDR)->p_type = PT_NOTE;
	assert_int_equal(check(), 0);
	assert_int_equal(info.phdr_vaddr, TEXT_VADDR + sizeof(struct elf64_ehdr));
}

static void test_bad_identification(void **state)
{
	(void)state;
	build();
	assert_int_equal(elf_check(NULL, sizeof(img.buf), &info), -ENOEXEC);
	assert_int_equal(elf_check(img.buf, sizeof(struct elf64_ehdr) - 1, &info), -ENOEXEC);
	eh()->e_ident[1] = 'F';
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_ident[EI_CLASS] = 1;		/* ELFCLASS32 */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_ident[EI_DATA] = 2;		/* ELFDATA2MSB */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_ident[EI_VERSION] = 0;
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_version = 2;
	assert_int_equal(check(), -ENOEXEC);
}

static void test_bad_header_fields(void **state)
{
	(void)state;
	build();
	eh()->e_type = 1;			/* ET_REL */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_type = 4;			/* ET_CORE */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_machine = 3;			/* EM_386 */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_ehsize = sizeof(struct elf64_ehdr) - 1;
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_phentsize = sizeof(struct elf64_phdr) + 8;
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_phnum = 0;
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_phnum = ELF_PHNUM_MAX + 1;
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_phnum = PN_XNUM;
	assert_int_equal(check(), -ENOEXEC);
}

static void test_bad_phdr_table(void **state)
{
	(void)state;
	build();
	eh()->e_phoff = IMG_SIZE - sizeof(struct elf64_phdr);	/* runs off the end */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_phoff = UINT64_MAX - 8;		/* wraps */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_phoff = IMG_SIZE;
	assert_int_equal(check(), -ENOEXEC);
}

static void test_interp(void **state)
{
	(void)state;
	build();
	ph(PH_PHDR)->p_type = PT_INTERP;
	assert_int_equal(check(), 0);
	assert_int_equal(info.interp_off, ph(PH_PHDR)->p_offset);
	assert_int_equal(info.interp_len, ph(PH_PHDR)->p_filesz);
	/* Linux's bounds on the path's length, NUL included: 2 to PATH_MAX. */
	ph(PH_PHDR)->p_filesz = 1;
	assert_int_equal(check(), -ENOEXEC);
	ph(PH_PHDR)->p_filesz = 4097;
	assert_int_equal(check(), -ENOEXEC);
	/* Past the end of the file. */
	ph(PH_PHDR)->p_filesz = 16;
	ph(PH_PHDR)->p_offset = IMG_SIZE - 8;
	assert_int_equal(check(), -ENOEXEC);
	ph(PH_PHDR)->p_offset = UINT64_MAX - 8;
	assert_int_equal(check(), -ENOEXEC);
}

static void test_bad_segments(void **state)
{
	(void)state;
	build();
	ph(PH_DATA)->p_filesz = ph(PH_DATA)->p_memsz + 1;
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_filesz = IMG_SIZE;	/* offset + filesz beyond the file */
	ph(PH_DATA)->p_memsz = IMG_SIZE;
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_offset = UINT64_MAX - 0xfff;	/* offset + filesz wraps */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_memsz = UINT64_MAX;	/* vaddr + memsz wraps */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_vaddr = ELF_USER_END - 0x2000;	/* ends past the user half */
	ph(PH_DATA)->p_offset = 0x2000;
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_vaddr = 0xffffffff80002000ULL;	/* the kernel image */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_align = 0x1800;		/* not a power of two */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_vaddr += 0x10;		/* vaddr != offset mod align */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_align = 0;		/* no alignment, pages still differ */
	ph(PH_DATA)->p_vaddr += 0x10;
	assert_int_equal(check(), -ENOEXEC);
}

static void test_bad_layout(void **state)
{
	(void)state;
	build();
	ph(PH_TEXT)->p_type = PT_NOTE;		/* entry in no executable segment */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_TEXT)->p_type = PT_NOTE;
	ph(PH_DATA)->p_type = PT_NOTE;		/* nothing to load */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_entry = DATA_VADDR;		/* entry in a non-executable segment */
	assert_int_equal(check(), -ENOEXEC);
	build();
	eh()->e_entry = TEXT_VADDR + 0x2000;	/* just past the text */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_vaddr = TEXT_VADDR - 0x2000;	/* below the text: unsorted */
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_TEXT)->p_vaddr = 0;		/* page 0 for a fixed executable */
	eh()->e_entry = 0x1000;
	ph(PH_DATA)->p_vaddr = 0x2000;
	assert_int_equal(check(), -ENOEXEC);
	build();
	ph(PH_DATA)->p_memsz = ELF_SPAN_MAX;	/* absurd bss */
	assert_int_equal(check(), -ENOEXEC);
}

static void test_gnu_stack(void **state)
{
	(void)state;
	build();
	ph(PH_PHDR)->p_type = PT_GNU_STACK;
	ph(PH_PHDR)->p_flags = PF_R | PF_W | PF_X;
	assert_int_equal(check(), 0);
	assert_true(info.stack_exec);
}

/* Every prefix of a good image: rejected or accepted, never overread. */
static void test_truncations(void **state)
{
	(void)state;
	for (size_t len = 0; len <= IMG_SIZE; len++) {
		uint8_t *copy;
		int err;

		build();
		copy = malloc(len ? len : 1);
		assert_non_null(copy);
		memcpy(copy, img.buf, len);
		err = elf_check(copy, len, &info);
		/* The data segment's file bytes end at 0x2800. */
		assert_int_equal(err, len >= 0x2800 ? 0 : -ENOEXEC);
		free(copy);
	}
}

static void test_random_corruption(void **state)
{
	(void)state;
	srand(1);
	for (int round = 0; round < FUZZ_ROUNDS; round++) {
		size_t header_bytes = sizeof(struct elf64_ehdr) +
				      PH_COUNT * sizeof(struct elf64_phdr);
		int err;

		build();
		for (int flips = 1 + rand() % 4; flips; flips--)
			img.buf[rand() % header_bytes] = (uint8_t)rand();
		err = check();
		assert_true(err == 0 || err == -ENOEXEC);
		if (!err) {
			assert_true(info.vaddr_lo >= ELF_MIN_VADDR);
			assert_true(info.vaddr_hi <= ELF_USER_END);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_exec),
		cmocka_unit_test(test_valid_static_pie),
		cmocka_unit_test(test_phdr_found_without_pt_phdr),
		cmocka_unit_test(test_bad_identification),
		cmocka_unit_test(test_bad_header_fields),
		cmocka_unit_test(test_bad_phdr_table),
		cmocka_unit_test(test_interp),
		cmocka_unit_test(test_bad_segments),
		cmocka_unit_test(test_bad_layout),
		cmocka_unit_test(test_gnu_stack),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_random_corruption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
