/*
 * sys_sched.c: sched_yield(2), sched_getaffinity(2), sched_setaffinity(2),
 * getcpu(2): the CPUs the scheduler uses (sched_cpu_count), one NUMA
 * node (0).
 */
#include <core/sys_info.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <user/user.h>

/*
 * Linux's cpumask_size() with nr_cpu_ids CPUs: whole longs. The user's
 * buffer must hold at least that many bits and be a multiple of a long
 * (sched_getaffinity(2), EINVAL otherwise).
 */
#define SYS_SCHED_LONG_BYTES	sizeof(uint64_t)
#define SYS_SCHED_MASK_BYTES	\
	(((SYS_INFO_NR_CPUS + 63) / 64) * SYS_SCHED_LONG_BYTES)
#define SYS_SCHED_NODE		0
#define SYS_SCHED_MASK_BITS	64	/* a task's cpus_allowed: CPUs 0..63 */

SYSCALL_DEFINE0(sched_yield)
{
	sched_yield();
	return 0;
}

/* The thread pid names (0: the caller) must exist; every task runs on CPU 0. */
static int sys_sched_check_pid(int64_t pid)
{
	if (pid < 0)
		return -ESRCH;
	if (pid == 0 || pid == task_current()->tid || process_find_thread((int)pid))
		return 0;
	return -ESRCH;
}

/* The CPUs that exist for the scheduler, as a cpus_allowed mask. */
static uint64_t sys_sched_online(void)
{
	unsigned n = sched_cpu_count();

	return n >= SYS_SCHED_MASK_BITS ? ~0ULL : (1ULL << n) - 1;
}

/*
 * Reads (set false) or sets thread pid's CPU mask under tasklist_lock,
 * so that the thread cannot be freed meanwhile; 0 is the caller.
 */
static long sys_sched_affinity(int64_t pid, uint64_t *cpus, bool set)
{
	struct task *t;
	long err = 0;

	if (pid < 0)
		return -ESRCH;
	if (pid == 0 || pid == task_current()->tid) {
		if (set)
			return sched_set_affinity(task_current(), *cpus);
		*cpus = task_current()->cpus_allowed;
		return 0;
	}
	spin_lock(&tasklist_lock);
	t = process_find_thread_locked((int)pid);
	if (!t)
		err = -ESRCH;
	else if (set)
		err = sched_set_affinity(t, *cpus);
	else
		*cpus = t->cpus_allowed;
	spin_unlock(&tasklist_lock);
	return err;
}

long ksys_sched_getaffinity(int pid, uint64_t len, uint64_t __user *user_mask)
{
	uint8_t mask[SYS_SCHED_MASK_BYTES];
	uint64_t cpus = 0;
	long err;

	if (len < SYS_SCHED_MASK_BYTES || len % SYS_SCHED_LONG_BYTES)
		return -EINVAL;
	err = sys_sched_affinity(pid, &cpus, false);
	if (err)
		return err;
	cpus &= sys_sched_online();
	memset(mask, 0, sizeof(mask));
	memcpy(mask, &cpus, MIN(sizeof(cpus), sizeof(mask)));
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
	uint8_t mask[SYS_SCHED_MASK_BYTES];
	uint64_t cpus = 0;
	int err = sys_sched_check_pid(pid);

	if (err)
		return err;
	/* Linux reads min(len, mask size) bytes and zero-fills the rest. */
	memset(mask, 0, sizeof(mask));
	if (len > sizeof(mask))
		len = sizeof(mask);
	if (copy_from_user(mask, user_mask, len))
		return -EFAULT;
	/* A mask with no CPU that exists: EINVAL (sched_setaffinity(2)). */
	memcpy(&cpus, mask, MIN(sizeof(cpus), sizeof(mask)));
	cpus &= sys_sched_online();
	if (!cpus)
		return -EINVAL;
	return sys_sched_affinity(pid, &cpus, true);
}

SYSCALL_DEFINE3(sched_setaffinity, int, pid, uint64_t, len, const uint64_t __user *, user_mask)
{
	return ksys_sched_setaffinity(pid, len, user_mask);
}

long ksys_getcpu(uint32_t __user *ucpu, uint32_t __user *unode)
{
	/* Where the caller runs now; it may move at any time after (getcpu(2)). */
	uint32_t cpu = task_current()->cpu, node = SYS_SCHED_NODE;

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
