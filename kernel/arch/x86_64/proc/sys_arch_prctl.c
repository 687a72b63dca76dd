/*
 * sys_arch_prctl.c: arch_prctl(2), the x86_64 thread state a program
 * sets itself: the FS and GS bases (its thread pointer) and CPUID
 * faulting (which Basalt does not use).
 */
#include <asm/cpu.h>
#include <basalt/syscalls.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>
#include <user/user.h>

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
