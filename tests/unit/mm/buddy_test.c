/*
 * buddy_test.c: kernel/mm/buddy.c on page metadata arrays allocated here,
 * checked against its invariants and against a simple reference model.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mm/mm.h>
#include <uapi/errno.h>

#define ZONE_BASE_PFN	1024		/* 4 MiB: a MAX_ORDER boundary */
#define ZONE_PAGES	4096		/* 16 MiB: four MAX_ORDER blocks */
#define BLOCK_PAGES(o)	(1ULL << (o))

static struct page pages[ZONE_PAGES];
static struct buddy_zone zone;

static void zone_setup_full(void)
{
	buddy_init(&zone, "test", pages, ZONE_BASE_PFN, ZONE_PAGES);
	assert_int_equal(buddy_add_range(&zone, ZONE_BASE_PFN, ZONE_PAGES), 0);
}

/*
 * Walks the free lists: every block is marked, aligned, inside the zone
 * and disjoint from the others, and the counters agree with the lists.
 */
static void zone_check(struct buddy_zone *z)
{
	unsigned char *seen = calloc(z->npages, 1);
	uint64_t free_total = 0;

	assert_non_null(seen);
	for (unsigned o = 0; o < NR_ORDERS; o++) {
		uint64_t n = 0;

		for (struct page *p = z->free_area[o].next; p != &z->free_area[o]; p = p->next) {
			uint64_t pfn = buddy_page_pfn(z, p);

			assert_true(p->flags & PG_BUDDY);
			assert_int_equal(p->order, o);
			assert_int_equal(pfn & (BLOCK_PAGES(o) - 1), 0);
			assert_true(pfn + BLOCK_PAGES(o) <= z->base_pfn + z->npages);
			for (uint64_t i = 0; i < BLOCK_PAGES(o); i++) {
				assert_int_equal(seen[pfn - z->base_pfn + i], 0);
				seen[pfn - z->base_pfn + i] = 1;
			}
			n++;
		}
		assert_int_equal(n, z->nr_free[o]);
		free_total += n * BLOCK_PAGES(o);
	}
	assert_int_equal(free_total, z->free_pages);
	free(seen);
}

static void test_alloc_free_every_order(void **state)
{
	(void)state;
	zone_setup_full();
	for (unsigned o = 0; o <= MAX_ORDER; o++) {
		struct page *p = buddy_alloc(&zone, o);
		uint64_t pfn;

		assert_non_null(p);
		pfn = buddy_page_pfn(&zone, p);
		assert_int_equal(pfn & (BLOCK_PAGES(o) - 1), 0);
		assert_int_equal(zone.free_pages, ZONE_PAGES - BLOCK_PAGES(o));
		zone_check(&zone);
		assert_int_equal(buddy_free(&zone, p, o), 0);
		assert_int_equal(zone.free_pages, ZONE_PAGES);
		assert_int_equal(zone.nr_free[MAX_ORDER], ZONE_PAGES / BLOCK_PAGES(MAX_ORDER));
	}
	assert_null(buddy_alloc(&zone, MAX_ORDER + 1));
}

static void test_split_leaves_one_block_per_order(void **state)
{
	struct page *p;

	(void)state;
	zone_setup_full();
	p = buddy_alloc(&zone, 0);
	assert_non_null(p);
	for (unsigned o = 0; o < MAX_ORDER; o++)
		assert_int_equal(zone.nr_free[o], 1);
	assert_int_equal(zone.nr_free[MAX_ORDER], ZONE_PAGES / BLOCK_PAGES(MAX_ORDER) - 1);
	zone_check(&zone);
}

static void test_coalesce_back_to_max_blocks(void **state)
{
	static struct page *got[ZONE_PAGES];

	(void)state;
	zone_setup_full();
	for (unsigned i = 0; i < ZONE_PAGES; i++) {
		got[i] = buddy_alloc(&zone, 0);
		assert_non_null(got[i]);
	}
	assert_int_equal(zone.free_pages, 0);
	assert_null(buddy_alloc(&zone, 0));
	/* Free every other page first so nothing can merge, then the rest. */
	for (unsigned i = 0; i < ZONE_PAGES; i += 2)
		assert_int_equal(buddy_free(&zone, got[i], 0), 0);
	assert_int_equal(zone.nr_free[0], ZONE_PAGES / 2);
	zone_check(&zone);
	for (unsigned i = 1; i < ZONE_PAGES; i += 2)
		assert_int_equal(buddy_free(&zone, got[i], 0), 0);
	for (unsigned o = 0; o < MAX_ORDER; o++)
		assert_int_equal(zone.nr_free[o], 0);
	assert_int_equal(zone.nr_free[MAX_ORDER], ZONE_PAGES / BLOCK_PAGES(MAX_ORDER));
	zone_check(&zone);
}

static void test_exhaustion_fails(void **state)
{
	(void)state;
	zone_setup_full();
	for (unsigned i = 0; i < ZONE_PAGES / BLOCK_PAGES(MAX_ORDER); i++)
		assert_non_null(buddy_alloc(&zone, MAX_ORDER));
	for (unsigned o = 0; o <= MAX_ORDER; o++)
		assert_null(buddy_alloc(&zone, o));
	assert_int_equal(zone.free_pages, 0);
}

static void test_bad_frees_detected(void **state)
{
	struct page *a, *b, *reserved;

	(void)state;
	buddy_init(&zone, "test", pages, ZONE_BASE_PFN, ZONE_PAGES);
	assert_int_equal(buddy_add_range(&zone, ZONE_BASE_PFN, ZONE_PAGES - 1), 0);
	reserved = &pages[ZONE_PAGES - 1];

	a = buddy_alloc(&zone, 2);
	b = buddy_alloc(&zone, 2);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(buddy_free(&zone, a + 1, 0), -EINVAL);	/* not a head */
	assert_int_equal(buddy_free(&zone, a + 1, 2), -EINVAL);
	assert_int_equal(buddy_free(&zone, a, 1), -EINVAL);	/* wrong order */
	assert_int_equal(buddy_free(&zone, reserved, 0), -EINVAL);
	assert_int_equal(buddy_free(&zone, pages - 1, 0), -EINVAL);	/* outside */
	assert_int_equal(buddy_free(&zone, a, 2), 0);
	assert_int_equal(buddy_free(&zone, a, 2), -EINVAL);	/* double free */
	assert_int_equal(buddy_free(&zone, b, 2), 0);
	/* a merged into a bigger block: still a double free. */
	assert_int_equal(buddy_free(&zone, a, 2), -EINVAL);
	assert_int_equal(buddy_free(&zone, b, 2), -EINVAL);
	assert_int_equal(zone.free_pages, ZONE_PAGES - 1);
	zone_check(&zone);
	/* Adding a range twice is refused too. */
	assert_int_equal(buddy_add_range(&zone, ZONE_BASE_PFN, 1), -EINVAL);
}

static void test_unaligned_range(void **state)
{
	static unsigned char used[ZONE_PAGES];
	const uint64_t start = ZONE_BASE_PFN + 3, count = 1000;
	struct page *p;
	uint64_t n = 0;

	(void)state;
	memset(used, 0, sizeof(used));
	buddy_init(&zone, "test", pages, ZONE_BASE_PFN, ZONE_PAGES);
	assert_int_equal(buddy_add_range(&zone, start, count), 0);
	assert_int_equal(zone.managed_pages, count);
	zone_check(&zone);
	while ((p = buddy_alloc(&zone, 0))) {
		uint64_t pfn = buddy_page_pfn(&zone, p);

		assert_true(pfn >= start && pfn < start + count);
		assert_int_equal(used[pfn - ZONE_BASE_PFN], 0);
		used[pfn - ZONE_BASE_PFN] = 1;
		n++;
	}
	assert_int_equal(n, count);
	assert_int_equal(buddy_add_range(&zone, 0, 1), -EINVAL);	/* outside */
}

static void test_zone_fallback(void **state)
{
	static struct page low_pages[BLOCK_PAGES(MAX_ORDER)];
	struct buddy_zone low;
	struct buddy_zone *order[] = { &zone, &low };
	struct page *p;

	(void)state;
	zone_setup_full();
	buddy_init(&low, "low", low_pages, 0, BLOCK_PAGES(MAX_ORDER));
	assert_int_equal(buddy_add_range(&low, 0, BLOCK_PAGES(MAX_ORDER)), 0);

	for (unsigned i = 0; i < ZONE_PAGES / BLOCK_PAGES(MAX_ORDER); i++) {
		p = buddy_alloc_fallback(order, 2, MAX_ORDER);
		assert_true(p >= pages && p < pages + ZONE_PAGES);
	}
	p = buddy_alloc_fallback(order, 2, 3);
	assert_true(p >= low_pages && p < low_pages + BLOCK_PAGES(MAX_ORDER));
	assert_int_equal(low.free_pages, BLOCK_PAGES(MAX_ORDER) - 8);
	/* Only the first zone allowed: nothing left. */
	assert_null(buddy_alloc_fallback(order, 1, 0));
	assert_int_equal(buddy_free(&low, p, 3), 0);
	assert_int_equal(low.nr_free[MAX_ORDER], 1);
}

/* A reference model: which pages are allocated, and the live blocks. */
struct live_block {
	struct page *page;
	unsigned order;
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng_next(void)
{
	/* xorshift64 (Marsaglia 2003): deterministic across runs. */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_random_stress_vs_model(void **state)
{
	static unsigned char used[ZONE_PAGES];
	static struct live_block live[ZONE_PAGES];
	unsigned nlive = 0;
	uint64_t model_free = ZONE_PAGES;
	const unsigned steps = 200000;

	(void)state;
	memset(used, 0, sizeof(used));
	zone_setup_full();
	for (unsigned step = 0; step < steps; step++) {
		bool do_alloc = nlive == 0 || (rng_next() % 100) < 55;

		if (do_alloc) {
			/* Small orders are common, big ones rare, as in a kernel. */
			unsigned order = (unsigned)(rng_next() % 4);
			struct page *p;
			uint64_t first;

			if (rng_next() % 50 == 0)
				order = (unsigned)(rng_next() % NR_ORDERS);
			p = buddy_alloc(&zone, order);
			if (!p) {
				/* The model must agree no aligned run is free. */
				for (uint64_t b = 0; b < ZONE_PAGES; b += BLOCK_PAGES(order)) {
					bool all_free = true;

					for (uint64_t i = 0; i < BLOCK_PAGES(order); i++)
						all_free &= !used[b + i];
					assert_false(all_free);
				}
				continue;
			}
			first = buddy_page_pfn(&zone, p) - ZONE_BASE_PFN;
			assert_int_equal(first & (BLOCK_PAGES(order) - 1), 0);
			for (uint64_t i = 0; i < BLOCK_PAGES(order); i++) {
				assert_int_equal(used[first + i], 0);
				used[first + i] = 1;
			}
			live[nlive++] = (struct live_block){ p, order };
			model_free -= BLOCK_PAGES(order);
		} else {
			unsigned k = (unsigned)(rng_next() % nlive);
			struct live_block b = live[k];
			uint64_t first = buddy_page_pfn(&zone, b.page) - ZONE_BASE_PFN;

			assert_int_equal(buddy_free(&zone, b.page, b.order), 0);
			for (uint64_t i = 0; i < BLOCK_PAGES(b.order); i++)
				used[first + i] = 0;
			live[k] = live[--nlive];
			model_free += BLOCK_PAGES(b.order);
		}
		assert_int_equal(zone.free_pages, model_free);
		if (step % 10000 == 0)
			zone_check(&zone);
	}
	while (nlive) {
		nlive--;
		assert_int_equal(buddy_free(&zone, live[nlive].page, live[nlive].order), 0);
	}
	assert_int_equal(zone.nr_free[MAX_ORDER], ZONE_PAGES / BLOCK_PAGES(MAX_ORDER));
	zone_check(&zone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_free_every_order),
		cmocka_unit_test(test_split_leaves_one_block_per_order),
		cmocka_unit_test(test_coalesce_back_to_max_blocks),
		cmocka_unit_test(test_exhaustion_fails),
		cmocka_unit_test(test_bad_frees_detected),
		cmocka_unit_test(test_unaligned_range),
		cmocka_unit_test(test_zone_fallback),
		cmocka_unit_test(test_random_stress_vs_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
