/*
 * boot_ktest.c: what the boot loader handed over reached the kernel: the
 * ktest ISO's grub.cfg (disk/iso/grub-ktest.cfg) passes a command line and
 * a module2 file whose contents are known (first of the modules).
 */
#include <basalt/bootinfo.h>
#include <basalt/cmdline.h>
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/version.h>
#include <basalt/vmlayout.h>

#define KTEST_MODULE_TEXT "basalt ktest module: multiboot2 module2 line\n"

KTEST(boot_cmdline_parsed)
{
	KT_EXPECT(t, boot_cmdline.ktest);
	KT_EXPECT_EQ(t, boot_cmdline.panic_timeout, -1);
	KT_ASSERT(t, boot_cmdline.nconsoles == 1);
	KT_EXPECT(t, !strcmp(boot_cmdline.consoles[0].name, "ttyS0"));
}

KTEST(boot_module_loaded)
{
	const struct boot_module *m;

	/* The first module; tests/abi programs follow (user ktests). */
	KT_ASSERT(t, boot_info.module_count >= 1);
	m = &boot_info.modules[0];
	KT_EXPECT(t, !strcmp(m->cmdline, "ktest-module"));
	KT_EXPECT_EQ(t, m->start % PAGE_SIZE, 0);	/* header asks for alignment */
	KT_ASSERT(t, m->end - m->start == sizeof(KTEST_MODULE_TEXT) - 1);
	KT_EXPECT(t, !memcmp(phys_to_virt(m->start), KTEST_MODULE_TEXT,
			     sizeof(KTEST_MODULE_TEXT) - 1));
}

KTEST(boot_memory_map_sane)
{
	uint64_t usable = 0;

	KT_ASSERT(t, boot_info.mmap_count > 0);
	for (unsigned i = 0; i < boot_info.mmap_count; i++)
		if (boot_info.mmap[i].type == BOOT_MEM_AVAILABLE)
			usable += boot_info.mmap[i].length;
	/* The ktest runs give QEMU 256 MiB; at least 200 MiB must be usable. */
	KT_EXPECT(t, usable >= 200ULL * 1024 * 1024);
}

KTEST(klog_holds_banner)
{
	static char buf[LOG_BUFFER_SIZE];
	size_t n = klog_read_all(buf, sizeof(buf) - 1);
	bool found = false;

	buf[n] = '\0';
	KT_ASSERT(t, n > 0);
	KT_EXPECT(t, buf[0] == '<');	/* syslog(2) READ_ALL format */
	for (size_t i = 0; i + sizeof(BASALT_BANNER) - 1 <= n && !found; i++)
		found = !memcmp(buf + i, BASALT_BANNER, sizeof(BASALT_BANNER) - 1);
	KT_EXPECT(t, found);
}
