/*
 * kstack.c: kernel stacks in KSTACK_AREA (vmlayout.h). The area is cut
 * into slots of KSTACK_SLOT_SIZE: an unmapped guard page, then the
 * KSTACK_SIZE stack mapped read/write and never executable. A stack that
 * overflows runs into the guard page and page-faults instead of silently
 * overwriting the memory below it.
 *
 * The stack pages are separate order-0 frames: the mapping makes them
 * contiguous, so no high-order block is needed per thread.
 * Locking: kstack_lock (irqsave: stacks are freed inside the switch, when
 * a task is reaped) guards kstack_used; the pages and
 * mappings of a slot belong to whoever holds the slot.
 */
#include <mm/mm.h>
#include <mm/tlb.h>
#include <basalt/compiler.h>
#include <uapi/errno.h>
#include <asm/cpu.h>
#include <sched/spinlock.h>

#define KSTACK_PAGES		(KSTACK_SIZE / PAGE_SIZE)
#define KSTACK_BITS_PER_WORD	64

_Static_assert((uint64_t)KSTACK_MAX * KSTACK_SLOT_SIZE <= KSTACK_AREA_SIZE,
	       "kstack slots must fit in KSTACK_AREA");

static struct spinlock kstack_lock = SPINLOCK_INIT("kstack_lock");
static uint64_t kstack_used[KSTACK_MAX / KSTACK_BITS_PER_WORD];	/* slot bitmap */

static uint64_t kstack_slot_base(unsigned slot)
{
	return KSTACK_AREA_BASE + (uint64_t)slot * KSTACK_SLOT_SIZE + KSTACK_GUARD_SIZE;
}

static bool kstack_slot_test(unsigned slot)
{
	return kstack_used[slot / KSTACK_BITS_PER_WORD] & (1ULL << (slot % KSTACK_BITS_PER_WORD));
}

static void kstack_slot_set(unsigned slot, bool used)
{
	uint64_t bit = 1ULL << (slot % KSTACK_BITS_PER_WORD);
	uint64_t flags = spin_lock_irqsave(&kstack_lock);

	if (used)
		kstack_used[slot / KSTACK_BITS_PER_WORD] |= bit;
	else
		kstack_used[slot / KSTACK_BITS_PER_WORD] &= ~bit;
	spin_unlock_irqrestore(&kstack_lock, flags);
}

/* Claims a free slot; -ENOMEM when all KSTACK_MAX are taken. */
static int kstack_slot_get(void)
{
	uint64_t flags = spin_lock_irqsave(&kstack_lock);
	int slot = -ENOMEM;

	for (unsigned w = 0; w < ARRAY_SIZE(kstack_used); w++) {
		if (kstack_used[w] == UINT64_MAX)
			continue;
		slot = (int)(w * KSTACK_BITS_PER_WORD) + __builtin_ctzll(~kstack_used[w]);
		kstack_used[w] |= 1ULL << (slot % KSTACK_BITS_PER_WORD);
		break;
	}
	spin_unlock_irqrestore(&kstack_lock, flags);
	return slot;
}

unsigned kstack_in_use(void)
{
	uint64_t flags = spin_lock_irqsave(&kstack_lock);
	unsigned n = 0;

	/* Kernel code is built without POPCNT and libgcc: Kernighan's count. */
	for (unsigned w = 0; w < ARRAY_SIZE(kstack_used); w++)
		for (uint64_t bits = kstack_used[w]; bits; bits &= bits - 1)
			n++;
	spin_unlock_irqrestore(&kstack_lock, flags);
	return n;
}

/*
 * Unmaps and frees the first n pages of the stack at base: all cleared,
 * one flush on every CPU (mm/tlb.h), and only then the frames freed.
 */
static void kstack_release_pages(uint64_t base, unsigned n)
{
	uint64_t phys[KSTACK_PAGES];
	unsigned got = 0;

	for (unsigned i = 0; i < n && i < KSTACK_PAGES; i++) {
		uint64_t va = base + i * PAGE_SIZE;

		if (paging_virt_to_phys(va, &phys[got]) || paging_clear_page(va))
			continue;
		got++;
	}
	if (got)
		tlb_flush_range(NULL, base, base + (uint64_t)n * PAGE_SIZE);
	for (unsigned i = 0; i < got; i++)
		pmm_free_page(phys[i]);
}

void *kstack_alloc(void)
{
	int slot = kstack_slot_get();
	uint64_t base;
	unsigned i;

	if (slot < 0)
		return NULL;
	base = kstack_slot_base((unsigned)slot);
	for (i = 0; i < KSTACK_PAGES; i++) {
		uint64_t phys = pmm_alloc_page(GFP_KERNEL | GFP_ZERO);

		if (!phys)
			goto out_unmap;
		if (paging_map_page(base + i * PAGE_SIZE, phys, PTE_W | PTE_NX)) {
			pmm_free_page(phys);
			goto out_unmap;
		}
	}
	return (void *)base;

out_unmap:
	kstack_release_pages(base, i);
	kstack_slot_set((unsigned)slot, false);
	return NULL;
}

int kstack_free(void *stack)
{
	uint64_t base = (uint64_t)stack, off;
	unsigned slot;

	if (base < KSTACK_AREA_BASE)
		return -EINVAL;
	off = base - KSTACK_AREA_BASE;
	slot = (unsigned)(off / KSTACK_SLOT_SIZE);
	if (off % KSTACK_SLOT_SIZE != KSTACK_GUARD_SIZE || slot >= KSTACK_MAX ||
	    !kstack_slot_test(slot))
		return -EINVAL;
	kstack_release_pages(base, KSTACK_PAGES);
	kstack_slot_set(slot, false);
	return 0;
}
