/*
 * sys_info.c: sysinfo(2), what the system is doing as a whole (uptime,
 * loads, memory, processes). The scheduler's calls are in
 * kernel/sched/sys_sched.c.
 */
#include <core/sys_info.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/sysinfo.h>
#include <user/user.h>

#define SYS_INFO_LOADS		3	/* 1, 5 and 15 minutes */
#define SYS_INFO_HUNDRED	100
#define SI_LOAD_SHIFT		16	/* sysinfo(2) */

uint32_t sys_info_current_euid(void)
{
	struct process *p = process_current();

	return p ? p->cred.euid : 0;
}

long ksys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo si;
	uint64_t now = time_monotonic_ns();
	unsigned long hundredths[SYS_INFO_LOADS];

	memset(&si, 0, sizeof(si));
	/* Linux rounds a started second up. */
	si.uptime = (int64_t)(now / NSEC_PER_SEC + (now % NSEC_PER_SEC != 0));
	/* sysinfo(2) loads are fixed point with SI_LOAD_SHIFT fraction bits. */
	sched_loadavg(hundredths);
	for (int i = 0; i < SYS_INFO_LOADS; i++)
		si.loads[i] = (hundredths[i] << SI_LOAD_SHIFT) / SYS_INFO_HUNDRED;
	si.totalram = pmm_total_pages() * PAGE_SIZE;
	si.freeram = pmm_free_pages_count() * PAGE_SIZE;
	/* No shared memory, buffer cache or swap exist yet. */
	si.procs = (uint16_t)sched_nr_tasks();
	/* 64-bit Linux scales everything to bytes: mem_unit 1. */
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si));
}

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	return ksys_sysinfo(info);
}
