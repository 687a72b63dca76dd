/*
 * kstack_ktest.c: kernel stacks (kernel/mm/kstack.c) have an unmapped
 * guard page below them, are writable and not executable, and give their
 * pages back.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>

#define KT_STACKS	64

KTEST(kstack_guard_page_unmapped)
{
	uint64_t before = pmm_free_pages_count(), phys, flags;
	unsigned char *s = kstack_alloc();

	KT_ASSERT(t, s != NULL);
	KT_EXPECT(t, (uint64_t)s >= KSTACK_AREA_BASE);
	KT_EXPECT(t, (uint64_t)s + KSTACK_SIZE <= KSTACK_AREA_BASE + KSTACK_AREA_SIZE);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)s - PAGE_SIZE, &phys) != 0);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)s + KSTACK_SIZE, &phys) != 0);
	for (uint64_t off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		KT_ASSERT(t, paging_query((uint64_t)s + off, &phys, &flags) == 0);
		KT_EXPECT(t, flags & PTE_W);
		KT_EXPECT(t, flags & PTE_NX);
		KT_EXPECT(t, !(flags & PTE_PS));
	}
	memset(s, 0xcc, KSTACK_SIZE);	/* the whole stack is usable */
	KT_EXPECT_EQ(t, s[KSTACK_SIZE - 1], 0xcc);
	KT_EXPECT_EQ(t, kstack_free(s), 0);
	KT_EXPECT(t, paging_virt_to_phys((uint64_t)s, &phys) != 0);
	KT_EXPECT(t, kstack_free(s) != 0);	/* double free */
	/* Only page-table pages may stay allocated. */
	KT_EXPECT(t, before - pmm_free_pages_count() < KSTACK_SIZE / PAGE_SIZE);
}

KTEST(kstack_many_distinct)
{
	static unsigned char *s[KT_STACKS];
	uint64_t before, phys;

	/* Warm up the page tables of the area so the count below is exact. */
	s[0] = kstack_alloc();
	KT_ASSERT(t, s[0] != NULL);
	before = pmm_free_pages_count();
	for (unsigned i = 1; i < KT_STACKS; i++) {
		s[i] = kstack_alloc();
		KT_ASSERT(t, s[i] != NULL);
		KT_EXPECT(t, paging_virt_to_phys((uint64_t)s[i] - PAGE_SIZE, &phys) != 0);
		memset(s[i], (int)i, KSTACK_SIZE);
	}
	for (unsigned i = 1; i < KT_STACKS; i++) {
		KT_EXPECT_EQ(t, s[i][0], i);
		KT_EXPECT_EQ(t, s[i][KSTACK_SIZE - 1], i);
		KT_EXPECT(t, s[i] != s[i - 1]);
	}
	KT_EXPECT(t, kstack_free(s[1] + 8) != 0);	/* not a stack base */
	KT_EXPECT(t, kstack_free((void *)KSTACK_AREA_BASE) != 0);	/* a guard */
	for (unsigned i = KT_STACKS - 1; i > 0; i--)
		KT_EXPECT_EQ(t, kstack_free(s[i]), 0);
	KT_EXPECT(t, pmm_free_pages_count() <= before);
	KT_EXPECT(t, before - pmm_free_pages_count() < KT_STACKS);	/* tables only */
	KT_EXPECT_EQ(t, kstack_free(s[0]), 0);
}
