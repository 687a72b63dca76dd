/*
 * sys_info.c: sysinfo(2), sched_yield(2), sched_getaffinity(2),
 * sched_setaffinity(2), getcpu(2). Basalt runs on one CPU, number 0,
 * NUMA node 0.
 */
#include <user/sys_info.h>
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

/*
 * Linux's cpumask_size() with nr_cpu_ids CPUs: whole longs. The user's
 * buffer must hold at least that many bits and be a multiple of a long
 * (sched_getaffinity(2), EINVAL otherwise).
 */
#define SYS_INFO_LONG_BYTES	sizeof(uint64_t)
#define SYS_INFO_MASK_BYTES	\
	(((SYS_INFO_NR_CPUS + 63) / 64) * SYS_INFO_LONG_BYTES)
#define SYS_INFO_CPU		0
#define SYS_INFO_LOADS		3	/* 1, 5 and 15 minutes */
#define SYS_INFO_HUNDRED	100
#define SI_LOAD_SHIFT		16	/* sysinfo(2) */
#define SYS_INFO_NODE		0

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

SYSCALL_DEFINE0(sched_yield)
{
	sched_yield();
	return 0;
}

/* The thread pid names (0: the caller) must exist; every task runs on CPU 0. */
static int sys_info_check_pid(int64_t pid)
{
	if (pid < 0)
		return -ESRCH;
	if (pid == 0 || pid == task_current()->tid || process_find_thread((int)pid))
		return 0;
	return -ESRCH;
}

long ksys_sched_getaffinity(int pid, uint64_t len, uint64_t __user *user_mask)
{
	uint8_t mask[SYS_INFO_MASK_BYTES];
	int err;

	if (len < SYS_INFO_MASK_BYTES || len % SYS_INFO_LONG_BYTES)
		return -EINVAL;
	err = sys_info_check_pid(pid);
	if (err)
		return err;
	memset(mask, 0, sizeof(mask));
	mask[SYS_INFO_CPU / 8] = 1u << (SYS_INFO_CPU % 8);
	if (copy_to_user(user_mask, mask, sizeof(mask)))
		return -EFAULT;
	/* The raw system call returns the bytes written (glibc hides it). */
	return (long)sizeof(mask);
}

/*
 * Linux's len is an unsigned int; Basalt checks (and caps) all 64 bits
 * of the register, here and in sched_setaffinity.
 */
SYSCALL_DEFINE3(sched_getaffinity, int, pid, uint64_t, len, uint64_t __user *, user_mask)
{
	return ksys_sched_getaffinity(pid, len, user_mask);
}

long ksys_sched_setaffinity(int pid, uint64_t len, const uint64_t __user *user_mask)
{
	uint8_t mask[SYS_INFO_MASK_BYTES];
	int err = sys_info_check_pid(pid);

	if (err)
		return err;
	/* Linux reads min(len, mask size) bytes and zero-fills the rest. */
	memset(mask, 0, sizeof(mask));
	if (len > sizeof(mask))
		len = sizeof(mask);
	if (copy_from_user(mask, user_mask, len))
		return -EFAULT;
	/* A mask with no CPU that exists: EINVAL (sched_setaffinity(2)). */
	if (!(mask[SYS_INFO_CPU / 8] & (1u << (SYS_INFO_CPU % 8))))
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE3(sched_setaffinity, int, pid, uint64_t, len, const uint64_t __user *, user_mask)
{
	return ksys_sched_setaffinity(pid, len, user_mask);
}

long ksys_getcpu(uint32_t __user *ucpu, uint32_t __user *unode)
{
	uint32_t cpu = SYS_INFO_CPU, node = SYS_INFO_NODE;

	/* Either pointer may be NULL; the third argument is unused since 2.6.24. */
	if (ucpu && copy_to_user(ucpu, &cpu, sizeof(cpu)))
		return -EFAULT;
	if (unode && copy_to_user(unode, &node, sizeof(node)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getcpu, uint32_t __user *, ucpu, uint32_t __user *, unode)
{
	return ksys_getcpu(ucpu, unode);
}
