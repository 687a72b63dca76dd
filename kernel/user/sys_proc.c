/*
 * sys_proc.c: the thread's machine state and the system's name:
 * arch_prctl, prctl (PR_SET_NAME, PR_GET_NAME). (Process lifetime and ids
 * are in kernel/proc/; uname and the host name in sys_uts.c.)
 */
#include <user/user.h>
#include <asm/cpu.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <uapi/errno.h>
#include <uapi/mman.h>
#include <uapi/signal.h>
#include <proc/process.h>
#include <proc/task.h>

#define MSR_FS_BASE		0xC0000100	/* Intel SDM Vol. 4 table 2-2 */
#define MSR_KERNEL_GS_BASE	0xC0000102	/* the user's GS base while in the kernel */

/*
 * Linux's option is an int; Basalt compares all 64 bits of the register,
 * so a code with upper bits set is -EINVAL.
 */
SYSCALL_DEFINE2(arch_prctl, uint64_t, code, uint64_t, addr)
{
	struct task *p = task_current();

	switch (code) {
	case ARCH_SET_FS:
		/* A kernel-half base would only fault later; Linux says EPERM. */
		if (addr >= USER_SPACE_END)
			return -EPERM;
		p->fs_base = addr;
		cpu_wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_SET_GS:
		if (addr >= USER_SPACE_END)
			return -EPERM;
		p->gs_base = addr;
		/* swapgs on the way out makes it the live GS base. */
		cpu_wrmsr(MSR_KERNEL_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user((void __user *)addr, &p->fs_base, sizeof(p->fs_base));
	case ARCH_GET_GS:
		return copy_to_user((void __user *)addr, &p->gs_base, sizeof(p->gs_base));
	case ARCH_GET_CPUID:
		/* CPUID never faults here: always allowed (1). */
		return 1;
	case ARCH_SET_CPUID:
		/*
		 * Linux's set_cpuid_mode: -ENODEV without the CPUID faulting
		 * feature (MSR_PLATFORM_INFO bit 31), whatever the argument.
		 * Basalt does not use CPUID faulting.
		 */
		return -ENODEV;
	default:
		return -EINVAL;
	}
}

/* prctl(2) options (Linux include/uapi/linux/prctl.h values). */
#define PR_SET_NAME		15
#define PR_GET_NAME		16

/*
 * prctl(2). PR_SET_NAME names the calling thread (16 bytes with the NUL,
 * longer names truncated); the main thread's name is the process's comm
 * that /proc/PID/comm and stat show, as Linux's. Other options: EINVAL,
 * as Linux answers options it does not know. Linux's option is an int;
 * Basalt compares all 64 bits of the register.
 */
SYSCALL_DEFINE2(prctl, uint64_t, option, uint64_t, addr)
{
	struct task *t = task_current();
	struct process *p = process_current();
	char name[TASK_NAME_MAX];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(name, (const char __user *)addr, sizeof(name));
		if (n < 0)
			return n;
		name[sizeof(name) - 1] = '\0';
		strlcpy(t->name, name, sizeof(t->name));
		if (p && t->tid == p->pid)
			strlcpy(p->comm, name, sizeof(p->comm));
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strlcpy(name, t->name, sizeof(name));
		return copy_to_user((void __user *)addr, name, sizeof(name));
	default:
		return -EINVAL;
	}
}
