/*
 * The kernel's virtual address layout (x86_64, 4-level paging, 48-bit
 * canonical addresses, Intel SDM Vol. 3A section 4.5).
 *
 *   0x0000000000000000 .. 0x00007fffffffffff  user space (kernel/mm/vm.c)
 *   0xffff800000000000 .. +physical memory    direct map of all RAM
 *   0xffffc00000000000 .. +64 GiB             kernel stacks with guard pages
 *   0xffffc01000000000 .. +64 GiB             device registers (mm/ioremap.c)
 *   0xffffffff80000000 .. +1 GiB              the kernel image (-mcmodel=kernel)
 */
#ifndef BASALT_VMLAYOUT_H
#define BASALT_VMLAYOUT_H

#define KERNEL_VMA		0xffffffff80000000
#define KERNEL_PHYS_BASE	0x200000	/* 2 MiB: clear of firmware low memory */
#define DIRECT_MAP_BASE		0xffff800000000000
#define KSTACK_AREA_BASE	0xffffc00000000000
#define KSTACK_AREA_SIZE	0x0000001000000000	/* 64 GiB of stack slots */
#define IOREMAP_AREA_BASE	(KSTACK_AREA_BASE + KSTACK_AREA_SIZE)
#define IOREMAP_AREA_SIZE	0x0000001000000000	/* 64 GiB of MMIO windows */

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define BOOT_STACK_SIZE		0x4000		/* 16 KiB */

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)(phys + DIRECT_MAP_BASE);
}

static inline uint64_t virt_to_phys(const void *virt)
{
	uint64_t v = (uint64_t)virt;

	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - DIRECT_MAP_BASE;
}
#endif

#endif /* BASALT_VMLAYOUT_H */
