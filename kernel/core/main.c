/*
 * main.c: kmain, the first C code, called by boot.S on the boot stack with
 * the multiboot2 magic and the physical address of the boot information.
 * It brings the subsystems up in dependency order.
 */
#include <basalt/profile.h>
#include <acpi/acpi.h>
#include <basalt/bootinfo.h>
#include <basalt/cmdline.h>
#include <basalt/crashtest.h>
#include <basalt/echo.h>
#include <basalt/ktest.h>
#include <sched/lockcheck.h>
#include <basalt/log.h>
#include <basalt/multiboot2.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <basalt/version.h>
#include <basalt/vmlayout.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <asm/pic.h>
#include <asm/trap.h>
#include <arch/x86_64/apic/apic.h>
#include <arch/x86_64/smp/smp.h>
#include <drivers/input/kbd.h>
#include <drivers/rtc/rtc.h>
#include <drivers/serial/serial.h>
#include <drivers/char/char.h>
#include <drivers/video/video.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <power/power.h>
#include <proc/process.h>
#include <block/block.h>
#include <drivers/pci/pci.h>
#include <sched/sched.h>
#include <time/time.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <user/user.h>

#define SERIAL_DEFAULT_BAUD	115200
#define SERIAL_BAUD_MAX_DIGITS	7

/* "115200n8" -> 115200; anything unparsable -> the default. */
static uint32_t console_parse_baud(const char *options)
{
	uint32_t baud = 0;
	int digits = 0;

	for (; *options >= '0' && *options <= '9' &&
	       digits < SERIAL_BAUD_MAX_DIGITS; options++, digits++)
		baud = baud * 10 + (uint32_t)(*options - '0');
	return baud ? baud : SERIAL_DEFAULT_BAUD;
}

/* tty0 is the framebuffer console; video_console() logs why if absent. */
static void console_setup_tty0(void)
{
	struct console *con = video_console();

	if (con)
		console_register(con);
}

/*
 * console= selects the consoles as on Linux: only the ones listed. Without
 * any, Basalt uses COM1 and the framebuffer, so "make run" shows the boot
 * on both.
 */
static void console_setup(const struct cmdline *c)
{
	bool serial_done[SERIAL_PORTS] = { false };
	bool tty0_done = false;

	if (c->nconsoles == 0) {
		if (serial_init(0, SERIAL_DEFAULT_BAUD))
			console_register(serial_console(0));
		console_setup_tty0();
		return;
	}
	for (unsigned i = 0; i < c->nconsoles; i++) {
		const char *name = c->consoles[i].name;
		unsigned port;

		if (!strcmp(name, "tty0")) {
			if (!tty0_done)
				console_setup_tty0();
			tty0_done = true;
			continue;
		}
		if (strncmp(name, "ttyS", 4) || name[4] < '0' || name[4] > '3' || name[5])
			continue;
		port = (unsigned)(name[4] - '0');
		if (serial_done[port])
			continue;
		serial_done[port] = true;
		if (serial_init(port, console_parse_baud(c->consoles[i].options)))
			console_register(serial_console(port));
	}
}

static void boot_log_memory_map(const struct boot_info *bi)
{
	static const char *const type_names[] = {
		[BOOT_MEM_AVAILABLE] = "usable",
		[BOOT_MEM_RESERVED] = "reserved",
		[BOOT_MEM_ACPI_RECLAIMABLE] = "ACPI data",
		[BOOT_MEM_ACPI_NVS] = "ACPI NVS",
		[BOOT_MEM_BAD] = "unusable",
	};
	uint64_t usable = 0;

	/*
	 * The ranges go to the log at debug level (loglevel=8 shows them) so
	 * the boot fits on one 1024x768 framebuffer screen.
	 */
	pr_debug("Physical RAM map (from the boot loader):\n");
	for (unsigned i = 0; i < bi->mmap_count; i++) {
		const struct boot_mem_range *r = &bi->mmap[i];

		pr_debug("  [mem 0x%016llx-0x%016llx] %s\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->length - 1),
			type_names[r->type]);
		if (r->type == BOOT_MEM_AVAILABLE)
			usable += r->length;
	}
	pr_info("Memory: %llu KiB usable in %u ranges\n",
		(unsigned long long)(usable / 1024), bi->mmap_count);
}

/* Linux's environment for init (init/main.c envp_init), then the command line's. */
#define KMAIN_INIT_ENV_FIXED	2
#define KMAIN_INIT_ARGV_MAX	(CMDLINE_INIT_ARGS_MAX + 2)
#define KMAIN_INIT_ENVP_MAX	(CMDLINE_INIT_ARGS_MAX + KMAIN_INIT_ENV_FIXED + 1)

static const struct boot_module *kmain_find_module(const char *name)
{
	for (unsigned i = 0; i < boot_info.module_count; i++)
		if (boot_info.modules[i].cmdline && !strcmp(boot_info.modules[i].cmdline, name))
			return &boot_info.modules[i];
	return NULL;
}

/* Runs path as PID 1 with the command line's arguments; 0 or the exec's errno. */
static int kmain_try_init(const char *path)
{
	const char *argv[KMAIN_INIT_ARGV_MAX], *envp[KMAIN_INIT_ENVP_MAX];
	unsigned argc = 0, envc = 0;
	int err;

	argv[argc++] = path;
	for (unsigned i = 0; i < boot_cmdline.init_argc; i++)
		argv[argc++] = boot_cmdline.init_argv[i];
	argv[argc] = NULL;
	envp[envc++] = "HOME=/";
	envp[envc++] = "TERM=linux";
	for (unsigned i = 0; i < boot_cmdline.init_envc; i++)
		envp[envc++] = boot_cmdline.init_envp[i];
	envp[envc] = NULL;
	err = process_spawn_init(path, argv, envp);
	if (err && err != -ENOENT)
		pr_err("init: %s failed with error %d\n", path, err);
	return err;
}

/*
 * The root file system and PID 1, in Linux's order (init/main.c): the
 * "initramfs" module unpacked into the tmpfs root, then rdinit=; without
 * it, root= mounted on / (do_mounts.c), then init=, then the usual
 * places. Returns whether an init runs.
 */
static bool kmain_start_init(void)
{
	static const char *const fallbacks[] = {
		"/sbin/init", "/etc/init", "/bin/init", "/bin/sh",
	};
	const struct boot_module *m = kmain_find_module("initramfs");
	int err = vfs_init();

	if (err) {
		pr_err("vfs: cannot mount the root file system (error %d)\n", err);
		return false;
	}
	/* /dev/null & co. and the terminals, before PID 1 opens /dev/console. */
	if (chardev_init())
		pr_warn("chardev: some devices are missing\n");
	err = tty_init();
	if (err)
		pr_warn("tty: set up failed (error %d)\n", err);
	if (m) {
		err = initramfs_unpack(phys_to_virt(m->start), m->end - m->start);
		if (err)
			pr_err("initramfs: unpacking failed (error %d)\n", err);
		else if (!kmain_try_init(boot_cmdline.rdinit))
			return true;
	}
	/* No initramfs init to do it: the kernel mounts root= (do_mounts.c). */
	if (boot_cmdline.root)
		vfs_mount_root();
	if (boot_cmdline.init && !kmain_try_init(boot_cmdline.init))
		return true;
	for (unsigned i = 0; i < ARRAY_SIZE(fallbacks); i++)
		if (!kmain_try_init(fallbacks[i]))
			return true;
	return false;
}

void kmain(uint32_t magic, uint32_t info_phys);

void kmain(uint32_t magic, uint32_t info_phys)
{
	const void *info = phys_to_virt(info_phys);
	int err;

	/* The boot tables map 0..4 GiB at DIRECT_MAP_BASE: info is there. */
	if (magic != MB2_BOOTLOADER_MAGIC) {
		serial_init(0, SERIAL_DEFAULT_BAUD);
		console_register(serial_console(0));
		panic("not booted by a multiboot2 loader (magic %#x)", magic);
	}
	err = bootinfo_parse(info, info_phys, &boot_info);
	cmdline_parse(boot_info.cmdline, &boot_cmdline);
	if (boot_cmdline.quiet)
		klog_set_console_level(LOG_CONSOLE_QUIET);
	if (boot_cmdline.loglevel != CMDLINE_LOGLEVEL_UNSET)
		klog_set_console_level(boot_cmdline.loglevel);
	console_setup(&boot_cmdline);
	/* From here on, exceptions produce reports instead of triple faults. */
	gdt_init();
	idt_init();
	pic_init();
	/*
	 * Interrupts stay off (boot.S did cli): nothing is ready to take a
	 * device interrupt until the local APIC and I/O APIC are set up.
	 * cpu_irq_enable() belongs right after that; "int $n" and the
	 * exceptions work without it.
	 */

	pr_notice("%s\n", BASALT_BANNER);
	if (err)
		panic("malformed multiboot2 boot information (error %d)", err);
	pr_info("Command line: %s\n", boot_info.cmdline ? boot_info.cmdline : "");
	if (boot_cmdline.truncated)
		pr_warn("cmdline: longer than %d bytes, truncated\n", CMDLINE_MAX - 1);
	for (unsigned i = 0; i < boot_cmdline.ninvalid; i++)
		pr_warn("cmdline: ignoring invalid parameter '%s'\n",
			boot_cmdline.invalid[i]);
	pr_info("Boot loader: %s (%s)\n",
		boot_info.loader_name ? boot_info.loader_name : "unknown",
		boot_info.efi ? "UEFI" : "BIOS");
	boot_log_memory_map(&boot_info);
	/* Memory: frames first, then the tables that map them, then kmalloc. */
	pmm_init(&boot_info);
	paging_init();
	slab_init(&pmm_slab_ops);
	pmm_log_stats();
	/* kmain becomes the task "kmain"; the timer tick will preempt it. */
	sched_init();
	/* The per-CPU page lists need percpu_this (sched_init's percpu_init). */
	pmm_pcp_init();
	if (boot_cmdline.lockcheck)
		lockcheck_enable();
	profile_init();
	user_init();
	acpi_init();
	if (!time_init())
		klog_set_clock(time_monotonic_ns);
	rtc_init();
	if (!lapic_init()) {
		ioapic_init();
		lapic_timer_start(TIME_HZ);
	}
	kbd_init();
	/* The other CPUs: after user_init (CR0/CR4 as user code needs them). */
	smp_init();
	/* Every device interrupt source now has a handler or is masked. */
	if (lapic_available())
		cpu_irq_enable();
	/* Disks: the block layer, then the PCI drivers that find them (they sleep). */
	if (lapic_available()) {
		block_init();
		pci_drivers_init();
		pci_init();
	}
	/*
	 * From here on every CPU runs tasks (docs/smp.md). Only now: PCI
	 * enumeration and probing change the machine's memory map (BAR
	 * sizing, decode enables), and QEMU 7.2's TCG (Debian 12's) crashes
	 * when another vCPU reads MMIO (the HPET, a LAPIC) during such a
	 * change (a NULL region in memory_region_dispatch_read). The parked
	 * CPUs halt meanwhile; on hardware nothing is lost, the probes ran
	 * on one CPU anyway.
	 */
	if (lapic_available())
		smp_sched_start();

	if (boot_cmdline.crashtest)
		crashtest_run(boot_cmdline.crashtest);
	if (boot_cmdline.ktest) {
		unsigned failed = ktest_run_all(boot_cmdline.ktest_filter);

		pr_notice("ktest: finished, %u failed; powering off\n", failed);
		power_off();
	}

	if (kmain_start_init())
		kthread_exit(0);	/* init runs on; the boot task is done */
	pr_notice("No working init found: the console echoes what you type\n");
	console_echo_forever();
}
