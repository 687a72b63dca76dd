/*
 * paging_ktest.c: the page tables paging_init() built give each part of
 * the kernel the rights it needs and no more (kernel/mm/paging.c).
 */
#include <basalt/ktest.h>
#include <basalt/vmlayout.h>
#include <asm/cpu.h>
#include <mm/mm.h>

#define KT_CR0_WP		(1ULL << 16)	/* Intel SDM Vol. 3A 2.5 */
#define KT_MSR_EFER		0xC0000080
#define KT_EFER_NXE		(1ULL << 11)
#define KT_LAPIC_PHYS		0xFEE00000ULL	/* SDM 3A 10.4.1: default APIC base */
#define KT_LOW_4G		0x100000000ULL
#define KT_PATTERN		0x5a17b00c0ffee123ULL

extern char _text_start[], _rodata_start[], _data_start[], _kernel_phys_start[];
extern char boot_stack_guard[], boot_stack[];

static uint64_t kt_writable_word = KT_PATTERN;	/* .data */
static const uint64_t kt_const_word = KT_PATTERN;	/* .rodata */

KTEST(paging_text_not_writable)
{
	uint64_t phys, flags;

	KT_ASSERT(t, paging_query((uint64_t)_text_start, &phys, &flags) == 0);
	KT_EXPECT(t, !(flags & PTE_W));
	KT_EXPECT(t, !(flags & PTE_NX));
	KT_EXPECT(t, !(flags & PTE_PS));	/* 4 KiB pages in the image */
	KT_EXPECT_EQ(t, phys, virt_to_phys(_text_start));
	KT_ASSERT(t, paging_query((uint64_t)&paging_query, NULL, &flags) == 0);
	KT_EXPECT(t, !(flags & PTE_W));
}

KTEST(paging_rodata_readonly_nx)
{
	uint64_t flags;

	KT_ASSERT(t, paging_query((uint64_t)&kt_const_word, NULL, &flags) == 0);
	KT_EXPECT(t, !(flags & PTE_W));
	KT_EXPECT(t, flags & PTE_NX);
	KT_ASSERT(t, paging_query((uint64_t)_rodata_start, NULL, &flags) == 0);
	KT_EXPECT(t, !(flags & PTE_W));
}

KTEST(paging_data_rw_nx)
{
	uint64_t flags;

	KT_ASSERT(t, paging_nx_enabled());	/* QEMU's CPUs all have NX */
	KT_ASSERT(t, paging_query((uint64_t)&kt_writable_word, NULL, &flags) == 0);
	KT_EXPECT(t, flags & PTE_W);
	KT_EXPECT(t, flags & PTE_NX);
	KT_ASSERT(t, paging_query((uint64_t)boot_stack, NULL, &flags) == 0);
	KT_EXPECT(t, flags & PTE_W);
	KT_EXPECT(t, flags & PTE_NX);
}

KTEST(paging_cpu_nx_wp_enabled)
{
	KT_EXPECT(t, cpu_read_cr0() & KT_CR0_WP);
	KT_EXPECT(t, cpu_rdmsr(KT_MSR_EFER) & KT_EFER_NXE);
}

KTEST(paging_boot_stack_guard_unmapped)
{
	uint64_t phys;

	KT_EXPECT_EQ(t, (uint64_t)boot_stack - (uint64_t)boot_stack_guard, PAGE_SIZE);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)boot_stack_guard, &phys) != 0);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)boot_stack, &phys) == 0);
}

KTEST(paging_identity_map_gone)
{
	uint64_t phys;

	KT_EXPECT(t, paging_virt_to_phys(0, &phys) != 0);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)_kernel_phys_start, &phys) != 0);
	KT_EXPECT(t, paging_virt_to_phys(KT_LOW_4G - PAGE_SIZE, &phys) != 0);
}

/* The same physical word seen through the image and the direct map. */
KTEST(paging_direct_map_reads_physical)
{
	volatile uint64_t *alias = phys_to_virt(virt_to_phys(&kt_writable_word));
	uint64_t phys, flags, page;

	KT_EXPECT_EQ(t, *alias, KT_PATTERN);
	kt_writable_word = ~KT_PATTERN;
	KT_EXPECT_EQ(t, *alias, ~KT_PATTERN);
	kt_writable_word = KT_PATTERN;

	page = pmm_alloc_page(ZONE_ANY);
	KT_ASSERT(t, page != 0);
	KT_ASSERT(t, paging_query((uint64_t)phys_to_virt(page), &phys, &flags) == 0);
	KT_EXPECT_EQ(t, phys, page);
	KT_EXPECT(t, flags & PTE_W);
	KT_EXPECT(t, flags & PTE_NX);
	KT_EXPECT(t, flags & PTE_PS);	/* 2 MiB pages */
	pmm_free_page(page);
}

KTEST(paging_direct_map_covers_4g)
{
	uint64_t phys, flags;

	/* MMIO such as the local APIC is reached through phys_to_virt(). */
	KT_ASSERT(t, paging_query((uint64_t)phys_to_virt(KT_LAPIC_PHYS), &phys, &flags) == 0);
	KT_EXPECT_EQ(t, phys, KT_LAPIC_PHYS);
	KT_EXPECT(t, flags & PTE_NX);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)phys_to_virt(KT_LOW_4G - 1), &phys) == 0);
	KT_EXPECT_EQ(t, phys, KT_LOW_4G - 1);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)phys_to_virt(pmm_ram_end() - 1), &phys) == 0);
}

KTEST(paging_map_unmap_page)
{
	const uint64_t va = KSTACK_AREA_BASE + KSTACK_AREA_SIZE - PAGE_SIZE;
	uint64_t page = pmm_alloc_page(ZONE_ANY), phys, flags;

	KT_ASSERT(t, page != 0);
	KT_ASSERT(t, paging_map_page(va, page, PTE_W | PTE_NX) == 0);
	KT_EXPECT(t, paging_map_page(va, page, PTE_W | PTE_NX) != 0);	/* already */
	KT_ASSERT(t, paging_query(va, &phys, &flags) == 0);
	KT_EXPECT_EQ(t, phys, page);
	KT_EXPECT(t, (flags & (PTE_W | PTE_NX | PTE_PS)) == (PTE_W | PTE_NX));
	*(volatile uint64_t *)va = KT_PATTERN;
	KT_EXPECT_EQ(t, *(volatile uint64_t *)phys_to_virt(page), KT_PATTERN);
	KT_EXPECT_EQ(t, paging_unmap_page(va), 0);
	KT_EXPECT(t, paging_virt_to_phys(va, &phys) != 0);
	KT_EXPECT(t, paging_unmap_page(va) != 0);
	KT_EXPECT(t, paging_map_page(va + 1, page, 0) != 0);	/* unaligned */
	pmm_free_page(page);
}
