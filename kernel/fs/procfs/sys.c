/*
 * sys.c: the system-wide files of /proc, in the formats of proc(5):
 * meminfo (free), uptime and loadavg (uptime), stat (top), cpuinfo,
 * mounts (mount, df), filesystems, version, cmdline.
 */
#include <fs/procfs/procfs.h>
#include <asm/cpu.h>
#include <basalt/bootinfo.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <basalt/version.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/page_cache.h>
#include <arch/x86_64/smp/smp.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <time/time.h>
#include <uapi/mount.h>

#define PROCFS_KIB_PER_PAGE	(PAGE_SIZE / 1024)
#define PROCFS_NSEC_PER_SEC	1000000000ULL
#define PROCFS_NSEC_PER_CENTI	10000000ULL
#define PROCFS_CPUID_VENDOR	0x0
#define PROCFS_CPUID_SIGNATURE	0x1
#define PROCFS_CPUID_EXT_MAX	0x80000000u
#define PROCFS_CPUID_BRAND_FIRST 0x80000002u	/* three leaves of 16 bytes */
#define PROCFS_CPUID_BRAND_LEAVES 3

static int procfs_show_meminfo(struct procfs_buf *b, struct process *p __unused)
{
	uint64_t total = pmm_total_pages() * PROCFS_KIB_PER_PAGE;
	uint64_t free = pmm_free_pages_count() * PROCFS_KIB_PER_PAGE;
	uint64_t shmem = tmpfs_total_pages() * PROCFS_KIB_PER_PAGE;
	uint64_t cached = page_cache_total_pages() * PROCFS_KIB_PER_PAGE;
	uint64_t dirty = page_cache_dirty_pages() * PROCFS_KIB_PER_PAGE;

	/*
	 * Cached counts every page cache, tmpfs's (Shmem) included, as
	 * Linux's; what is not Shmem could be dropped, so it is available.
	 * No disks and no swap: Buffers and the swap lines are truly 0.
	 */
	if (cached < shmem)
		cached = shmem;
	procfs_printf(b, "MemTotal:       %8llu kB\nMemFree:        %8llu kB\n"
		      "MemAvailable:   %8llu kB\nBuffers:               0 kB\n"
		      "Cached:         %8llu kB\nSwapCached:            0 kB\n"
		      "SwapTotal:             0 kB\nSwapFree:              0 kB\n"
		      "Dirty:          %8llu kB\nWriteback:             0 kB\n"
		      "Shmem:          %8llu kB\n",
		      (unsigned long long)total, (unsigned long long)free,
		      (unsigned long long)(free + cached - shmem), (unsigned long long)cached,
		      (unsigned long long)dirty, (unsigned long long)shmem);
	return 0;
}

static int procfs_show_uptime(struct procfs_buf *b, struct process *p __unused)
{
	uint64_t now = time_monotonic_ns();
	uint64_t idle = sched_idle_ticks() * (PROCFS_NSEC_PER_SEC / TIME_HZ);

	procfs_printf(b, "%llu.%02llu %llu.%02llu\n",
		      (unsigned long long)(now / PROCFS_NSEC_PER_SEC),
		      (unsigned long long)(now % PROCFS_NSEC_PER_SEC / PROCFS_NSEC_PER_CENTI),
		      (unsigned long long)(idle / PROCFS_NSEC_PER_SEC),
		      (unsigned long long)(idle % PROCFS_NSEC_PER_SEC / PROCFS_NSEC_PER_CENTI));
	return 0;
}

static int procfs_show_loadavg(struct procfs_buf *b, struct process *p __unused)
{
	unsigned long load[3];

	sched_loadavg(load);
	procfs_printf(b, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%u %d\n",
		      load[0] / 100, load[0] % 100, load[1] / 100, load[1] % 100,
		      load[2] / 100, load[2] % 100, sched_nr_runnable(), sched_nr_tasks(),
		      process_last_pid_allocated());
	return 0;
}

static void procfs_stat_cpu_line(struct procfs_buf *b, const char *name,
				 const struct sched_cpu_ticks *t)
{
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	procfs_printf(b, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", name,
		      (unsigned long long)t->user, (unsigned long long)t->system,
		      (unsigned long long)t->idle);
}

/*
 * CPU time in ticks (USER_HZ == TIME_HZ == 100), the whole system's on
 * the "cpu" line, then one line per CPU, as proc(5): each CPU's tick
 * charges the state it interrupted (sched_account_tick), so no count
 * goes backwards between two reads (top).
 */
static int procfs_show_stat(struct procfs_buf *b, struct process *p __unused)
{
	struct sched_cpu_ticks sum = { 0 }, one;
	char name[sizeof("cpu") + 3 * sizeof(unsigned)];
	uint64_t boot = (uint64_t)vfs_now().sec - time_jiffies() / TIME_HZ;
	unsigned cpu;

	for (cpu = 0; sched_cpu_ticks(cpu, &one) == 0; cpu++) {
		sum.user += one.user;
		sum.system += one.system;
		sum.idle += one.idle;
	}
	/* Linux's aligns the sum with the "cpuN" lines: two spaces. */
	procfs_stat_cpu_line(b, "cpu ", &sum);
	for (cpu = 0; sched_cpu_ticks(cpu, &one) == 0; cpu++) {
		snprintf(name, sizeof(name), "cpu%u", cpu);
		procfs_stat_cpu_line(b, name, &one);
	}
	procfs_printf(b, "intr 0\nctxt %llu\nbtime %llu\nprocesses %llu\n"
		      "procs_running %u\nprocs_blocked 0\n",
		      (unsigned long long)sched_context_switches(), (unsigned long long)boot,
		      (unsigned long long)process_created_total(), sched_nr_runnable());
	return 0;
}

static int procfs_show_cpuinfo(struct procfs_buf *b, struct process *p __unused)
{
	uint32_t r[4], sig, max_ext;
	char vendor[13], brand[PROCFS_CPUID_BRAND_LEAVES * 16 + 1];
	uint64_t khz = time_tsc_khz();

	cpu_cpuid(PROCFS_CPUID_VENDOR, 0, &r[0], &r[1], &r[2], &r[3]);
	/* CPUID 0: the vendor string is in EBX, EDX, ECX (SDM Vol. 2A CPUID). */
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = '\0';
	cpu_cpuid(PROCFS_CPUID_SIGNATURE, 0, &sig, &r[1], &r[2], &r[3]);
	cpu_cpuid(PROCFS_CPUID_EXT_MAX, 0, &max_ext, &r[1], &r[2], &r[3]);
	brand[0] = '\0';
	if (max_ext >= PROCFS_CPUID_BRAND_FIRST + PROCFS_CPUID_BRAND_LEAVES - 1) {
		for (unsigned i = 0; i < PROCFS_CPUID_BRAND_LEAVES; i++) {
			cpu_cpuid(PROCFS_CPUID_BRAND_FIRST + i, 0, &r[0], &r[1], &r[2], &r[3]);
			memcpy(brand + 16 * i, r, 16);
		}
		brand[sizeof(brand) - 1] = '\0';
	}
	/*
	 * One block per CPU that is up, as Linux's; the identification is
	 * read on this CPU (every CPU of a machine reports the same) and the
	 * APIC ID is the one the MADT gave and the CPU checked in with.
	 * Family, model, stepping from EAX of leaf 1 (SDM Vol. 2A figure 3-6).
	 */
	for (unsigned cpu = 0; cpu < smp_cpus_up(); cpu++)
		procfs_printf(b, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\n"
			      "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n"
			      "cpu MHz\t\t: %llu.%03llu\napicid\t\t: %u\n\n",
			      cpu, vendor, ((sig >> 8) & 0xf) + ((sig >> 20) & 0xff),
			      ((sig >> 4) & 0xf) | ((sig >> 12) & 0xf0), brand, sig & 0xf,
			      (unsigned long long)(khz / 1000), (unsigned long long)(khz % 1000),
			      smp_cpu_apic_id(cpu));
	return 0;
}

static int procfs_fs_type_line(const struct fs_type *type, void *arg)
{
	/* As Linux's: "nodev" marks the ones that need no block device. */
	procfs_printf(arg, "%s\t%s\n", (type->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev",
		      type->name);
	return 0;
}

static int procfs_show_filesystems(struct procfs_buf *b, struct process *p __unused)
{
	vfs_for_each_fs_type(procfs_fs_type_line, b);
	return 0;
}

static int procfs_show_version(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%s\n", BASALT_BANNER);
	return 0;
}

static int procfs_show_cmdline(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%s\n", boot_info.cmdline ? boot_info.cmdline : "");
	return 0;
}

const struct procfs_entry procfs_sys_entries[] = {
	{ "meminfo", PROCFS_FILE_MODE, procfs_show_meminfo, NULL, false, NULL },
	{ "uptime", PROCFS_FILE_MODE, procfs_show_uptime, NULL, false, NULL },
	{ "loadavg", PROCFS_FILE_MODE, procfs_show_loadavg, NULL, false, NULL },
	{ "stat", PROCFS_FILE_MODE, procfs_show_stat, NULL, false, NULL },
	{ "cpuinfo", PROCFS_FILE_MODE, procfs_show_cpuinfo, NULL, false, NULL },
	{ "mounts", PROCFS_FILE_MODE, procfs_show_mounts, NULL, false, NULL },
	{ "filesystems", PROCFS_FILE_MODE, procfs_show_filesystems, NULL, false, NULL },
	{ "version", PROCFS_FILE_MODE, procfs_show_version, NULL, false, NULL },
	{ "cmdline", PROCFS_FILE_MODE, procfs_show_cmdline, NULL, false, NULL },
	{ "partitions", PROCFS_FILE_MODE, procfs_show_partitions, NULL, false, NULL },
	{ "diskstats", PROCFS_FILE_MODE, procfs_show_diskstats, NULL, false, NULL },
};
const size_t procfs_sys_entry_count = ARRAY_SIZE(procfs_sys_entries);
