/*
 * pmm_ktest.c: the physical memory manager on the real memory map
 * (kernel/mm/pmm.c): reservations hold, zones honour gfp masks, and a
 * stress run gives every page back; single pages go through per-CPU
 * lists.
 */
#include <asm/cpu.h>
#include <basalt/bootinfo.h>
#include <basalt/compiler.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>

#define KT_STRESS_BYTES		(8ULL << 20)	/* 8 MiB in mixed orders */
#define KT_STRESS_MAX_BLOCKS	4096
#define KT_LOW_RESERVED		0x100000ULL	/* pmm.c keeps the first MiB */

extern char _kernel_phys_start[], _kernel_end[];

struct kt_block {
	uint64_t phys;
	unsigned order;
};

static struct kt_block kt_blocks[KT_STRESS_MAX_BLOCKS];
static uint64_t kt_rng = 0x2545f4914f6cdd1dULL;

static uint64_t kt_rand(void)
{
	/* xorshift64 (Marsaglia 2003) */
	kt_rng ^= kt_rng << 13;
	kt_rng ^= kt_rng >> 7;
	kt_rng ^= kt_rng << 17;
	return kt_rng;
}

static bool kt_overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

KTEST(pmm_alloc_is_aligned_and_free_restores)
{
	uint64_t before = pmm_free_pages_count();

	for (unsigned o = 0; o <= MAX_ORDER; o++) {
		uint64_t p = pmm_alloc_pages(o, ZONE_ANY);

		KT_ASSERT(t, p != 0);
		KT_EXPECT_EQ(t, p & ((PAGE_SIZE << o) - 1), 0);
		KT_EXPECT_EQ(t, pmm_free_pages_count(), before - (1ULL << o));
		KT_EXPECT_EQ(t, pmm_free_pages(p, o), 0);
	}
	KT_EXPECT_EQ(t, pmm_free_pages_count(), before);
}

KTEST(pmm_reserved_ranges_never_allocated)
{
	uint64_t kstart = (uint64_t)_kernel_phys_start, kend = virt_to_phys(_kernel_end);
	const struct boot_module *m = &boot_info.modules[0];
	unsigned n = 0;

	/* Take all of DMA (small): none of it may be reserved memory. */
	for (;;) {
		uint64_t p = pmm_alloc_pages(0, GFP_DMA);

		if (!p)
			break;
		KT_EXPECT(t, p >= KT_LOW_RESERVED);
		KT_EXPECT(t, !kt_overlaps(p, PAGE_SIZE, kstart, kend - kstart));
		KT_EXPECT(t, !kt_overlaps(p, PAGE_SIZE, boot_info.info_phys, boot_info.info_size));
		if (boot_info.module_count)
			KT_EXPECT(t, !kt_overlaps(p, PAGE_SIZE, m->start, m->end - m->start));
		KT_EXPECT(t, p < ZONE_DMA_LIMIT);
		if (n < KT_STRESS_MAX_BLOCKS)
			kt_blocks[n++] = (struct kt_block){ p, 0 };
		else
			break;
	}
	KT_EXPECT(t, n > 0);
	while (n)
		KT_EXPECT_EQ(t, pmm_free_page(kt_blocks[--n].phys), 0);
}

static bool kt_range_reserved(uint64_t start, uint64_t end)
{
	for (uint64_t a = ALIGN_DOWN(start, PAGE_SIZE); a < end; a += PAGE_SIZE) {
		const struct page *p = pmm_phys_to_page(a);

		if (p && !(p->flags & PG_RESERVED))
			return false;
	}
	return true;
}

/* Every frame in use at boot stays out of the allocator for good. */
KTEST(pmm_boot_ranges_marked_reserved)
{
	const struct page *map = pmm_phys_to_page(0);
	uint64_t map_phys = virt_to_phys(map);
	uint64_t map_end = map_phys + (pmm_ram_end() >> PAGE_SHIFT) * sizeof(struct page);

	KT_ASSERT(t, map != NULL);
	KT_EXPECT(t, kt_range_reserved(0, KT_LOW_RESERVED));
	KT_EXPECT(t, kt_range_reserved((uint64_t)_kernel_phys_start,
				       virt_to_phys(_kernel_end)));
	KT_EXPECT(t, kt_range_reserved(boot_info.info_phys,
				       boot_info.info_phys + boot_info.info_size));
	for (unsigned i = 0; i < boot_info.module_count; i++)
		KT_EXPECT(t, kt_range_reserved(boot_info.modules[i].start,
					       boot_info.modules[i].end));
	KT_EXPECT(t, kt_range_reserved(map_phys, map_end));	/* mem_map itself */
	KT_EXPECT(t, pmm_free_pages_count() < pmm_total_pages());
}

KTEST(pmm_bad_free_detected)
{
	uint64_t before, p = pmm_alloc_pages(1, ZONE_ANY);

	KT_ASSERT(t, p != 0);
	KT_EXPECT(t, pmm_free_page(p + PAGE_SIZE) != 0);	/* not a head */
	KT_EXPECT(t, pmm_free_pages(p, 0) != 0);		/* wrong order */
	KT_EXPECT_EQ(t, pmm_free_pages(p, 1), 0);
	before = pmm_free_pages_count();
	KT_EXPECT(t, pmm_free_pages(p, 1) != 0);		/* double free */
	KT_EXPECT_EQ(t, pmm_free_pages_count(), before);
	KT_EXPECT(t, pmm_free_page(virt_to_phys(_kernel_end) - PAGE_SIZE) != 0);
}

KTEST(pmm_gfp_dma32_below_4g)
{
	uint64_t p = pmm_alloc_pages(2, GFP_DMA32);
	struct pmm_zone_stats s;

	KT_ASSERT(t, p != 0);
	KT_EXPECT(t, p + (PAGE_SIZE << 2) <= ZONE_DMA32_LIMIT);
	pmm_zone_stats(ZONE_DMA32, &s);
	KT_EXPECT(t, s.free_pages < s.managed_pages);
	KT_EXPECT(t, s.managed_pages > 0);
	pmm_free_pages(p, 2);
}

/*
 * Allocate mixed orders until KT_STRESS_BYTES, write a tag into every
 * page, check the tags (no block handed out twice), free in random order.
 */
KTEST(pmm_stress_random_free_order)
{
	uint64_t before = pmm_free_pages_count(), bytes = 0;
	unsigned n = 0;

	while (bytes < KT_STRESS_BYTES && n < KT_STRESS_MAX_BLOCKS) {
		unsigned order = (unsigned)(kt_rand() % 4);
		uint64_t p = pmm_alloc_pages(order, ZONE_ANY);

		KT_ASSERT(t, p != 0);
		for (uint64_t i = 0; i < (1ULL << order); i++)
			*(uint64_t *)phys_to_virt(p + i * PAGE_SIZE) = p + i * PAGE_SIZE;
		kt_blocks[n++] = (struct kt_block){ p, order };
		bytes += PAGE_SIZE << order;
	}
	KT_EXPECT_EQ(t, pmm_free_pages_count(), before - bytes / PAGE_SIZE);
	for (unsigned k = 0; k < n; k++)
		for (uint64_t i = 0; i < (1ULL << kt_blocks[k].order); i++) {
			uint64_t a = kt_blocks[k].phys + i * PAGE_SIZE;

			KT_EXPECT_EQ(t, *(uint64_t *)phys_to_virt(a), a);
		}
	/* Fisher-Yates shuffle, then free. */
	for (unsigned k = n - 1; k > 0; k--) {
		unsigned j = (unsigned)(kt_rand() % (k + 1));
		struct kt_block tmp = kt_blocks[k];

		kt_blocks[k] = kt_blocks[j];
		kt_blocks[j] = tmp;
	}
	for (unsigned k = 0; k < n; k++)
		KT_EXPECT_EQ(t, pmm_free_pages(kt_blocks[k].phys, kt_blocks[k].order), 0);
	KT_EXPECT_EQ(t, pmm_free_pages_count(), before);
}

/* Single-page rounds of the per-CPU list test: without the lists, two zone locks each. */
#define KT_PCP_ROUNDS		1000
#define KT_PCP_MAX_LOCKS	(KT_PCP_ROUNDS / 10)

/*
 * Per-CPU page lists: a single page freed goes onto this CPU's list
 * (PG_PCP; still free in the count), is the first handed out again, and
 * a second free of it is refused there as in the zone. Interrupts off:
 * one CPU's list throughout.
 */
KTEST(pmm_pcp_freed_page_comes_back_first)
{
	uint64_t flags, before, after_free = 0, a, b = 0;
	int freed = -1, twice = 0;
	bool listed = false;

	flags = cpu_irq_save();
	before = pmm_free_pages_count();
	a = pmm_alloc_page(ZONE_ANY);
	if (a) {
		freed = pmm_free_page(a);
		listed = pmm_phys_to_page(a)->flags & PG_PCP;
		twice = pmm_free_page(a);	/* logs the bad free */
		after_free = pmm_free_pages_count();
		b = pmm_alloc_page(ZONE_ANY);
	}
	cpu_irq_restore(flags);
	KT_ASSERT(t, a != 0 && b != 0);
	KT_EXPECT_EQ(t, freed, 0);
	KT_EXPECT(t, listed);
	KT_EXPECT(t, twice != 0);
	KT_EXPECT_EQ(t, after_free, before);
	KT_EXPECT_EQ(t, b, a);
	KT_EXPECT_EQ(t, pmm_phys_to_page(b)->flags & PG_PCP, 0);
	KT_EXPECT_EQ(t, pmm_free_page(b), 0);
}

/* pmm_pcp_drain_all: the lists' pages go back to their zones, the count stays. */
KTEST(pmm_pcp_drain_all_gives_pages_back)
{
	uint64_t flags, before, moved, a = pmm_alloc_page(ZONE_ANY);
	bool listed;

	KT_ASSERT(t, a != 0);
	flags = cpu_irq_save();
	KT_EXPECT_EQ(t, pmm_free_page(a), 0);
	listed = pmm_phys_to_page(a)->flags & PG_PCP;
	before = pmm_free_pages_count();
	moved = pmm_pcp_drain_all();
	cpu_irq_restore(flags);
	KT_EXPECT(t, listed);
	KT_EXPECT(t, moved >= 1);
	KT_EXPECT_EQ(t, pmm_phys_to_page(a)->flags & PG_PCP, 0);
	KT_EXPECT_EQ(t, pmm_free_pages_count(), before);
	KT_EXPECT_EQ(t, pmm_pcp_drain_all(), 0);
}

/*
 * What the lists are for: single-page allocations and frees on one CPU
 * leave pmm_zone_lock, shared by every CPU, alone (a refill or a drain
 * per PMM_PCP_BATCH pages at most; the margin is for other CPUs).
 */
KTEST(pmm_pcp_single_pages_rarely_take_the_zone_lock)
{
	uint64_t flags, locks;
	unsigned failed = 0;

	flags = cpu_irq_save();
	locks = pmm_zone_lock_count();
	for (unsigned i = 0; i < KT_PCP_ROUNDS; i++) {
		uint64_t p = pmm_alloc_page(ZONE_ANY);

		if (!p || pmm_free_page(p))
			failed++;
	}
	locks = pmm_zone_lock_count() - locks;
	cpu_irq_restore(flags);
	KT_EXPECT_EQ(t, failed, 0);
	KT_EXPECT(t, locks <= KT_PCP_MAX_LOCKS);
}
