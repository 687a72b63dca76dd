/*
 * exec_ktest.c: a real Linux program on Basalt. The ktest ISO carries
 * tests/abi/hello (glibc, gcc -static) as the module "hello"; it prints
 * TAP and exits with its failure count. Also: malformed copies of it get
 * -ENOEXEC from exec_load and leave nothing behind.
 */
#include <fs/vfs.h>
#include <basalt/bootinfo.h>
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <exec/elf.h>
#include <exec/exec.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <fs/capture.h>
#include <user/user.h>

#define KT_OUTPUT_MAX	4096

static const struct boot_module *kt_module(const char *name)
{
	for (unsigned i = 0; i < boot_info.module_count; i++)
		if (!strcmp(boot_info.modules[i].cmdline, name))
			return &boot_info.modules[i];
	return NULL;
}

static bool kt_contains(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(hay + i, needle, n))
			return true;
	return false;
}

/* "1..N" at the start: N, or 0. */
static unsigned kt_tap_plan(const char *out, size_t len)
{
	unsigned n = 0;

	if (len < 4 || memcmp(out, "1..", 3))
		return 0;
	for (size_t i = 3; i < len && out[i] >= '0' && out[i] <= '9'; i++)
		n = n * 10 + (unsigned)(out[i] - '0');
	return n;
}

static unsigned kt_tap_ok_lines(const char *out, size_t len)
{
	unsigned n = 0;

	for (size_t i = 0; i + 3 <= len; i++)
		if ((i == 0 || out[i - 1] == '\n') && !memcmp(out + i, "ok ", 3))
			n++;
	return n;
}

/*
 * Runs the tests/abi program in module name. It prints TAP and exits
 * with its failure count: the plan must be met by "ok" lines only, the
 * exit status must be 0, and no page may leak.
 */
static void kt_run_abi(struct ktest_ctx *t, const char *name)
{
	static const char *const argv[] = { "/abi-test", "ktest", NULL };
	static const char *const envp[] = { "HOME=/", "TERM=dumb", NULL };
	static char out[KT_OUTPUT_MAX];
	struct exec_args args = { .execfn = "/abi-test", .argv = argv, .envp = envp };
	struct user_capture cap = { .buf = out, .size = sizeof(out) };
	const struct boot_module *m = kt_module(name);
	uint64_t free_before;
	int status = -1;
	unsigned plan, stacks = kstack_in_use();

	KT_ASSERT(t, m != NULL);
	/*
	 * A first run may leave slab pages behind for size classes nobody
	 * used before (caches keep an empty slab); the second run is the
	 * one that must give every page back. The dentry and inode caches
	 * keep what a run looked up (names that do not exist too) until
	 * memory is short: they are emptied before each count. The first
	 * run's kernel stack is freed by the CPU it died on, maybe just
	 * after exec_run_image returned: counted once it is gone.
	 */
	KT_ASSERT(t, exec_run_image(phys_to_virt(m->start), m->end - m->start, &args,
				    NULL, &status) == 0);
	(void)ktest_kstacks_settle(stacks);
	vfs_shrink_caches(UINT32_MAX);
	free_before = pmm_free_pages_count();
	KT_ASSERT(t, exec_run_image(phys_to_virt(m->start), m->end - m->start, &args,
				    &cap, &status) == 0);
	KT_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
	KT_ASSERT(t, cap.len > 0 && cap.len <= sizeof(out));
	plan = kt_tap_plan(out, cap.len);
	KT_EXPECT(t, plan > 0);
	KT_EXPECT_EQ(t, kt_tap_ok_lines(out, cap.len), plan);
	KT_EXPECT(t, !kt_contains(out, cap.len, "not ok"));
	KT_EXPECT(t, kt_contains(out, cap.len, "# 0 failed\n"));
	vfs_shrink_caches(UINT32_MAX);
	KT_EXPECT_EQ(t, ktest_free_pages_settle(free_before), free_before);
}

KTEST(exec_glibc_hello)
{
	kt_run_abi(t, "hello");
}

/* ET_DYN: loaded at ELF_ET_DYN_BASE, glibc relocates itself. */
KTEST(exec_glibc_hello_static_pie)
{
	kt_run_abi(t, "hello-pie");
}

KTEST(exec_abi_auxv)
{
	kt_run_abi(t, "auxv");
}

KTEST(exec_abi_auxv_static_pie)
{
	kt_run_abi(t, "auxv-pie");
}

KTEST(exec_abi_mman)
{
	kt_run_abi(t, "mman");
}

KTEST(exec_abi_errors)
{
	kt_run_abi(t, "errors");
}

/* exec_load on a corrupted copy of hello: -ENOEXEC, no leak. */
static void kt_corrupt(struct ktest_ctx *t, const struct boot_module *m,
		       size_t offset, const void *bytes, size_t len)
{
	static const char *const argv[] = { "/bad", NULL };
	struct exec_args args = { .execfn = "/bad", .argv = argv };
	size_t size = m->end - m->start;
	uint8_t *copy = kmalloc(size);
	struct vm_space *vm = vm_create();
	struct exec_image img;
	uint64_t entry, sp;

	KT_ASSERT(t, copy && vm);
	memcpy(copy, phys_to_virt(m->start), size);
	memcpy(copy + offset, bytes, len);
	exec_image_memory(&img, copy, size);
	KT_EXPECT_EQ(t, exec_load(vm, &img, &args, &entry, &sp), -ENOEXEC);
	KT_EXPECT_EQ(t, vm->mapped_pages, 0);
	vm_destroy(vm);
	kfree(copy);
}

KTEST(exec_rejects_malformed)
{
	const struct boot_module *m = kt_module("hello");
	const uint8_t bad_class = 1;			/* ELFCLASS32 */
	const uint16_t bad_machine = 3;			/* EM_386 */
	const uint64_t bad_phoff = ~0ULL;
	const uint64_t huge_filesz = 1ULL << 40;
	uint64_t free_before = pmm_free_pages_count();
	struct elf64_ehdr eh;
	struct elf64_phdr interp;

	KT_ASSERT(t, m != NULL);
	memcpy(&eh, phys_to_virt(m->start), sizeof(eh));
	/* A PT_INTERP whose path is 1 byte: Linux's lower bound is 2. */
	memcpy(&interp, (const uint8_t *)phys_to_virt(m->start) + eh.e_phoff, sizeof(interp));
	interp.p_type = PT_INTERP;
	interp.p_filesz = 1;
	kt_corrupt(t, m, 0, "\177ELG", 4);
	kt_corrupt(t, m, EI_CLASS, &bad_class, 1);
	kt_corrupt(t, m, offsetof(struct elf64_ehdr, e_machine), &bad_machine, 2);
	kt_corrupt(t, m, offsetof(struct elf64_ehdr, e_phoff), &bad_phoff, 8);
	kt_corrupt(t, m, eh.e_phoff, &interp, sizeof(interp));
	kt_corrupt(t, m, eh.e_phoff + offsetof(struct elf64_phdr, p_filesz), &huge_filesz, 8);
	KT_EXPECT_EQ(t, ktest_free_pages_settle(free_before), free_before);
}
