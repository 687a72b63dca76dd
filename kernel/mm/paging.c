/*
 * paging.c: the kernel's final page tables (Intel SDM Vol. 3A chapter 4,
 * 4-level paging), replacing the boot tables of boot.S:
 *
 *   DIRECT_MAP_BASE + phys  all of 0..4 GiB (RAM, framebuffer, ACPI, APIC
 *                           and HPET MMIO) and all RAM above, 2 MiB pages,
 *                           read/write, never executable
 *   KERNEL_VMA + phys       the kernel image in 4 KiB pages with the rights
 *                           of each section; the boot stack's guard page
 *                           is left out so an overflow faults
 *   KSTACK_AREA_BASE ...    kernel stacks, mapped by kstack.c
 *
 * The boot identity map of low memory is gone once CR3 is loaded.
 * Locking: kernel_pt_lock (paging_lock) guards the tables and kpml4;
 * irqsave, as kernel mappings change from any context.
 */
#include <mm/mm.h>
#include <mm/tlb.h>
#include <sched/spinlock.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include <asm/cpu.h>

#define PT_ENTRIES		512			/* SDM 3A 4.5: 9 bits per level */
#define PT_INDEX_BITS		9
#define PT_LEVELS		4			/* PML4, PDPT, PD, PT */
#define LEVEL_SHIFT(l)		(PAGE_SHIFT + PT_INDEX_BITS * ((l) - 1))	/* l = 1..4 */
#define LARGE_PAGE_SIZE		(1ULL << LEVEL_SHIFT(2))	/* 2 MiB (PDE with PS) */
#define DIRECT_MAP_MIN_END	0x100000000ULL		/* 4 GiB: the boot.S contract */

#define MSR_EFER		0xC0000080	/* SDM 3A 2.2.1 */
#define EFER_NXE		(1ULL << 11)
#define CPUID_EXT_FEATURES	0x80000001
#define CPUID_EXT_NX		(1u << 20)	/* EDX: execute-disable bit */
#define CR0_WP			(1ULL << 16)	/* SDM 3A 2.5: ring 0 obeys R/W */

/* Intermediate levels allow everything; the leaf entry restricts. */
#define PT_TABLE_FLAGS		(PTE_P | PTE_W)

extern char _kernel_phys_start[], _text_start[], _rodata_start[];
extern char _data_start[], _data_end[], _ksyms_start[], _kernel_end[];
extern char boot_stack_guard[];

static uint64_t kpml4_phys;	/* the kernel PML4; 0 until paging_init */
static bool nx_enabled;
static bool paging_ready;	/* the new tables (and full direct map) are live */

static struct spinlock kernel_pt_lock = SPINLOCK_INIT("kernel_pt_lock");

static uint64_t paging_lock(void)
{
	return spin_lock_irqsave(&kernel_pt_lock);
}

static void paging_unlock(uint64_t flags)
{
	spin_unlock_irqrestore(&kernel_pt_lock, flags);
}

static inline uint64_t *pt_virt(uint64_t phys)
{
	return phys_to_virt(phys & PTE_ADDR_MASK);
}

static inline unsigned pt_index(uint64_t virt, unsigned level)
{
	return (unsigned)(virt >> LEVEL_SHIFT(level)) & (PT_ENTRIES - 1);
}

/* Without EFER.NXE bit 63 is reserved (SDM 3A 4.5 table 4-20). */
static inline uint64_t pte_prot(uint64_t prot)
{
	return nx_enabled ? prot : prot & ~PTE_NX;
}

bool paging_nx_enabled(void)
{
	return nx_enabled;
}

/*
 * A zeroed page for a table. Before the switch only 0..4 GiB is mapped
 * (by boot.S), so tables must come from below 4 GiB to be written.
 */
static uint64_t paging_alloc_table(void)
{
	return pmm_alloc_page((paging_ready ? GFP_KERNEL : GFP_DMA32) | GFP_ZERO);
}

/*
 * The entry for virt at level stop (1 = PT, 2 = PD), creating the tables
 * above it if create. NULL with *err = -ENOENT (absent, !create), -ENOMEM,
 * or -EEXIST when a large page already covers virt.
 */
static uint64_t *paging_walk(uint64_t pml4, uint64_t virt, unsigned stop, bool create,
			     int *err)
{
	uint64_t *table = pt_virt(pml4);

	for (unsigned level = PT_LEVELS; level > stop; level--) {
		uint64_t *e = &table[pt_index(virt, level)];

		if (!(*e & PTE_P)) {
			uint64_t phys;

			if (!create) {
				*err = -ENOENT;
				return NULL;
			}
			phys = paging_alloc_table();
			if (!phys) {
				*err = -ENOMEM;
				return NULL;
			}
			*e = phys | PT_TABLE_FLAGS;
		} else if (*e & PTE_PS) {
			*err = -EEXIST;
			return NULL;
		}
		table = pt_virt(*e);
	}
	return &table[pt_index(virt, stop)];
}

static int paging_map_in(uint64_t pml4, uint64_t virt, uint64_t phys, uint64_t prot,
			 unsigned level)
{
	uint64_t size = 1ULL << LEVEL_SHIFT(level);
	int err = 0;
	uint64_t *e;

	if ((virt | phys) & (size - 1))
		return -EINVAL;
	e = paging_walk(pml4, virt, level, true, &err);
	if (!e)
		return err;
	if (*e & PTE_P)
		return -EEXIST;
	*e = phys | PTE_P | pte_prot(prot) | (level > 1 ? PTE_PS : 0);
	return 0;
}

/* Maps [start, end) of the kernel image (virtual) with prot, 4 KiB pages. */
static void paging_map_image(uint64_t pml4, uint64_t start, uint64_t end, uint64_t prot)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		if (va == (uint64_t)boot_stack_guard)
			continue;	/* the guard stays unmapped */
		if (paging_map_in(pml4, va, virt_to_phys((void *)va), prot, 1))
			panic("paging: cannot map the kernel image at %#llx",
			      (unsigned long long)va);
	}
}

static void paging_map_direct(uint64_t pml4, uint64_t start, uint64_t end)
{
	start = ALIGN_DOWN(start, LARGE_PAGE_SIZE);
	end = ALIGN_UP(end, LARGE_PAGE_SIZE);
	for (uint64_t pa = start; pa < end; pa += LARGE_PAGE_SIZE) {
		int err = paging_map_in(pml4, DIRECT_MAP_BASE + pa, pa, PTE_W | PTE_NX, 2);

		/* Ranges of the memory map may share a 2 MiB page. */
		if (err && err != -EEXIST)
			panic("paging: cannot build the direct map (%d)", err);
	}
}

static void paging_enable_nx_wp(void)
{
	uint32_t a, b, c, d;
	uint64_t cr0;

	cpu_cpuid(CPUID_EXT_FEATURES, 0, &a, &b, &c, &d);
	if (d & CPUID_EXT_NX) {
		cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_NXE);
		nx_enabled = true;
	} else {
		pr_warn("paging: CPU has no NX: data and the direct map stay executable\n");
	}
	cr0 = cpu_read_cr0() | CR0_WP;
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0) : "memory");
}

void paging_init(void)
{
	uint64_t pml4, direct_end = MAX(DIRECT_MAP_MIN_END, pmm_ram_end());
	uint64_t image_start = KERNEL_VMA + (uint64_t)_kernel_phys_start;

	paging_enable_nx_wp();
	pml4 = paging_alloc_table();
	if (!pml4)
		panic("paging: no memory for the page tables");

	/* All of 0..4 GiB and every RAM range above (MMIO there is not mapped). */
	paging_map_direct(pml4, 0, DIRECT_MAP_MIN_END);
	for (unsigned i = 0; i < boot_info.mmap_count; i++) {
		const struct boot_mem_range *r = &boot_info.mmap[i];

		if (r->type == BOOT_MEM_RESERVED || r->type == BOOT_MEM_BAD)
			continue;
		if (r->base + r->length > DIRECT_MAP_MIN_END)
			paging_map_direct(pml4, MAX(r->base, DIRECT_MAP_MIN_END),
					  r->base + r->length);
	}

	/* .boot runs once, from its physical address; its alias is RX. */
	paging_map_image(pml4, image_start, (uint64_t)_text_start, 0);
	paging_map_image(pml4, (uint64_t)_text_start, (uint64_t)_rodata_start, 0);
	paging_map_image(pml4, (uint64_t)_rodata_start, (uint64_t)_data_start, PTE_NX);
	paging_map_image(pml4, (uint64_t)_data_start, (uint64_t)_data_end, PTE_W | PTE_NX);
	paging_map_image(pml4, (uint64_t)_ksyms_start, (uint64_t)_kernel_end, PTE_NX);

	kpml4_phys = pml4;
	cpu_write_cr3(pml4);
	paging_ready = true;
	pr_info("paging: direct map of %llu MiB at %#llx, kernel image %#llx-%#llx, NX %s\n",
		(unsigned long long)(direct_end >> 20), (unsigned long long)DIRECT_MAP_BASE,
		(unsigned long long)image_start, (unsigned long long)_kernel_end - 1,
		nx_enabled ? "on" : "off");
}

int paging_map_page(uint64_t virt, uint64_t phys, uint64_t prot)
{
	uint64_t flags;
	int err;

	if (!kpml4_phys)
		return -EINVAL;
	flags = paging_lock();
	err = paging_map_in(kpml4_phys, virt, phys, prot & ~PTE_PS, 1);
	paging_unlock(flags);
	return err;
}

int paging_clear_page(uint64_t virt)
{
	uint64_t flags, *e;
	int err = 0;

	if (!kpml4_phys || (virt & (PAGE_SIZE - 1)))
		return -EINVAL;
	flags = paging_lock();
	e = paging_walk(kpml4_phys, virt, 1, false, &err);
	if (e && !(*e & PTE_P))
		err = -ENOENT;
	else if (e)
		*e = 0;
	paging_unlock(flags);
	if (err == -EEXIST)
		return -EINVAL;	/* inside a large page: not ours to split */
	return err;
}

int paging_unmap_page(uint64_t virt)
{
	int err = paging_clear_page(virt);

	/* After paging_lock is dropped: another CPU may spin on it (tlb.h). */
	if (!err)
		tlb_flush_range(NULL, virt, virt + PAGE_SIZE);
	return err;
}

int paging_query(uint64_t virt, uint64_t *phys, uint64_t *flags_out)
{
	uint64_t table = kpml4_phys ? kpml4_phys : cpu_read_cr3();
	uint64_t rights = PTE_W, irq;
	int err = -EFAULT;

	irq = paging_lock();
	for (unsigned level = PT_LEVELS; level >= 1; level--) {
		uint64_t e = pt_virt(table)[pt_index(virt, level)];

		if (!(e & PTE_P))
			break;
		if (!(e & PTE_W))
			rights &= ~PTE_W;
		if (nx_enabled && (e & PTE_NX))
			rights |= PTE_NX;
		if (level == 1 || (e & PTE_PS)) {
			uint64_t size = 1ULL << LEVEL_SHIFT(level);

			if (level > 1)
				rights |= PTE_PS;
			if (phys)
				*phys = (e & PTE_ADDR_MASK & ~(size - 1)) | (virt & (size - 1));
			if (flags_out)
				*flags_out = rights | PTE_P;
			err = 0;
			break;
		}
		table = e & PTE_ADDR_MASK;
	}
	paging_unlock(irq);
	return err;
}

int paging_virt_to_phys(uint64_t virt, uint64_t *phys)
{
	return paging_query(virt, phys, NULL);
}
