/*
 * slab_test.c: kernel/mm/slab.c fed by a page provider built here: the
 * real buddy allocator (kernel/mm/buddy.c) over a malloc'd arena whose
 * "page frame numbers" are host addresses >> PAGE_SHIFT.
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

#define ARENA_PAGES	4096		/* 16 MiB */
#define ARENA_ALIGN	(PAGE_SIZE << MAX_ORDER)	/* buddy blocks stay aligned */
#define ARENA_BYTES	(ARENA_PAGES * PAGE_SIZE)

static char *arena;
static struct page arena_pages[ARENA_PAGES];
static struct buddy_zone arena_zone;
static unsigned bad_frees;
static const char *last_bad_why;
static bool fail_allocs;

static void *arena_alloc(unsigned order)
{
	struct page *p;

	if (fail_allocs)
		return NULL;
	p = buddy_alloc(&arena_zone, order);
	return p ? (void *)(buddy_page_pfn(&arena_zone, p) << PAGE_SHIFT) : NULL;
}

static struct page *arena_to_page(const void *addr)
{
	return buddy_pfn_page(&arena_zone, (uintptr_t)addr >> PAGE_SHIFT);
}

static void arena_free(void *addr, unsigned order)
{
	assert_int_equal(buddy_free(&arena_zone, arena_to_page(addr), order), 0);
}

static uint64_t arena_lock(void)
{
	return 0;	/* single-threaded host test */
}

static void arena_unlock(uint64_t flags)
{
	(void)flags;
}

static void arena_bad_free(const void *addr, const char *why)
{
	(void)addr;
	bad_frees++;
	last_bad_why = why;
}

static const struct slab_page_ops arena_ops = {
	.alloc = arena_alloc,
	.free = arena_free,
	.to_page = arena_to_page,
	.lock = arena_lock,
	.unlock = arena_unlock,
	.bad_free = arena_bad_free,
};

static int setup(void **state)
{
	(void)state;
	if (!arena)
		arena = aligned_alloc(ARENA_ALIGN, ARENA_BYTES);
	assert_non_null(arena);
	buddy_init(&arena_zone, "arena", arena_pages, (uintptr_t)arena >> PAGE_SHIFT,
		   ARENA_PAGES);
	assert_int_equal(buddy_add_range(&arena_zone, (uintptr_t)arena >> PAGE_SHIFT,
					 ARENA_PAGES), 0);
	bad_frees = 0;
	last_bad_why = NULL;
	fail_allocs = false;
	slab_init(&arena_ops);
	return 0;
}

/* Every page is back in the arena: no slab and no large block leaked. */
static void assert_arena_full(void)
{
	assert_int_equal(arena_zone.free_pages, ARENA_PAGES);
	assert_int_equal(arena_zone.nr_free[MAX_ORDER], ARENA_PAGES >> MAX_ORDER);
}

static void fill(void *p, size_t n, unsigned tag)
{
	memset(p, (int)(tag & 0xff), n);
}

static bool filled(const void *p, size_t n, unsigned tag)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i] != (unsigned char)(tag & 0xff))
			return false;
	return true;
}

static void test_many_objects(void **state)
{
	enum { N = 20000, SIZE = 40 };
	static void *obj[N];
	struct kmem_cache *c;

	(void)state;
	c = kmem_cache_create("test-40", SIZE, 0);
	assert_non_null(c);
	assert_int_equal(c->size, SIZE);
	for (unsigned i = 0; i < N; i++) {
		obj[i] = kmem_cache_alloc(c);
		assert_non_null(obj[i]);
		fill(obj[i], SIZE, i);
	}
	assert_int_equal(c->active_objects, N);
	/* No two objects overlap: every fill pattern survived. */
	for (unsigned i = 0; i < N; i++)
		assert_true(filled(obj[i], SIZE, i));
	for (unsigned i = 0; i < N; i += 2)
		kmem_cache_free(c, obj[i]);
	for (unsigned i = 1; i < N; i += 2)
		kmem_cache_free(c, obj[i]);
	assert_int_equal(c->active_objects, 0);
	assert_int_equal(c->slabs, 0);
	assert_int_equal(bad_frees, 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_arena_full();
}

static void test_alignment(void **state)
{
	static const size_t aligns[] = { 0, 8, 16, 32, 64, 128, 256, 1024, 4096 };
	static const size_t sizes[] = { 1, 7, 24, 100, 513 };

	(void)state;
	for (unsigned a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++) {
		for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			struct kmem_cache *c = kmem_cache_create("aligned", sizes[s], aligns[a]);
			size_t want = aligns[a] ? aligns[a] : sizeof(void *);
			void *o[50];

			assert_non_null(c);
			for (unsigned i = 0; i < 50; i++) {
				o[i] = kmem_cache_alloc(c);
				assert_non_null(o[i]);
				assert_int_equal((uintptr_t)o[i] % want, 0);
				fill(o[i], sizes[s], i);
			}
			for (unsigned i = 0; i < 50; i++) {
				assert_true(filled(o[i], sizes[s], i));
				kmem_cache_free(c, o[i]);
			}
			assert_int_equal(kmem_cache_destroy(c), 0);
		}
	}
	assert_null(kmem_cache_create("bad-align", 16, 24));
	assert_null(kmem_cache_create("too-big", PAGE_SIZE * 64, 0));
	assert_int_equal(bad_frees, 0);
	assert_arena_full();
}

static void test_reuse_after_free(void **state)
{
	struct kmem_cache *c;
	void *a, *b, *keep;

	(void)state;
	c = kmem_cache_create("reuse", 64, 0);
	assert_non_null(c);
	keep = kmem_cache_alloc(c);	/* keeps the slab alive */
	a = kmem_cache_alloc(c);
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c);
	assert_ptr_equal(a, b);
	assert_int_equal(c->slabs, 1);
	kmem_cache_free(c, b);
	kmem_cache_free(c, keep);
	assert_int_equal(c->slabs, 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_arena_full();
}

static void test_kmalloc_size_classes(void **state)
{
	(void)state;
	assert_null(kmalloc(0));
	for (size_t n = 1; n <= KMALLOC_MAX_CACHE_SIZE; n++) {
		size_t class = KMALLOC_MIN_SIZE;
		void *p;

		while (class < n)
			class *= 2;
		p = kmalloc(n);
		assert_non_null(p);
		assert_int_equal(ksize(p), class);
		assert_int_equal((uintptr_t)p % class, 0);	/* natural alignment */
		fill(p, n, (unsigned)n);
		assert_true(filled(p, n, (unsigned)n));
		kfree(p);
	}
	assert_int_equal(bad_frees, 0);
	assert_arena_full();
}

static void test_kmalloc_large(void **state)
{
	void *a, *b, *z;

	(void)state;
	a = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1);
	assert_non_null(a);
	assert_int_equal((uintptr_t)a % PAGE_SIZE, 0);
	assert_int_equal(ksize(a), PAGE_SIZE);
	b = kmalloc(100000);
	assert_non_null(b);
	assert_int_equal(ksize(b), 32 * PAGE_SIZE);	/* 128 KiB: order 5 */
	fill(b, 100000, 0xa5);
	assert_int_equal(arena_zone.free_pages, ARENA_PAGES - 1 - 32);
	assert_null(kmalloc((PAGE_SIZE << MAX_ORDER) + 1));
	z = kzalloc(3 * PAGE_SIZE);
	assert_non_null(z);
	assert_true(filled(z, 3 * PAGE_SIZE, 0));
	kfree(z);
	kfree(a);
	kfree(b);
	assert_int_equal(bad_frees, 0);
	assert_arena_full();
}

static void test_bad_frees(void **state)
{
	struct kmem_cache *c;
	char *p, *q, *r, *big, local;
	void *o;

	(void)state;
	kfree(NULL);				/* a no-op, not an error */
	kmem_cache_free(NULL, NULL);
	assert_int_equal(bad_frees, 0);

	p = kmalloc(64);
	q = kmalloc(64);
	r = kmalloc(64);			/* keeps the slab alive below */
	kfree(&local);				/* not slab memory at all */
	assert_int_equal(bad_frees, 1);
	assert_string_equal(last_bad_why, "not a slab object");
	kfree(p + 8);				/* inside an object */
	assert_int_equal(bad_frees, 2);
	assert_string_equal(last_bad_why, "not the start of an object");
	kfree(p);
	kfree(p);				/* double free: freelist head */
	assert_int_equal(bad_frees, 3);
	assert_string_equal(last_bad_why, "double free");
	kfree(q);
	kfree(p);				/* double free deeper in the list */
	assert_int_equal(bad_frees, 4);
	assert_string_equal(last_bad_why, "double free");

	c = kmem_cache_create("other", 64, 0);
	assert_non_null(c);
	o = kmem_cache_alloc(c);
	kmem_cache_free(c, r);			/* r is a kmalloc-64 object */
	assert_int_equal(bad_frees, 5);
	assert_string_equal(last_bad_why, "object of another cache");
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);
	kmem_cache_free(c, o);
	assert_int_equal(kmem_cache_destroy(c), 0);

	big = kmalloc(3 * PAGE_SIZE);
	kfree(big + PAGE_SIZE);			/* a tail page of a large block */
	assert_int_equal(bad_frees, 6);
	kfree(big + 16);
	assert_int_equal(bad_frees, 7);
	kfree(big);
	kfree(big);				/* large double free */
	assert_int_equal(bad_frees, 8);
	kfree(r);
	assert_int_equal(bad_frees, 8);
	kfree(r);				/* slab already given back */
	assert_int_equal(bad_frees, 9);
	assert_arena_full();
}

static void test_out_of_pages(void **state)
{
	struct kmem_cache *c = kmem_cache_create("oom", 128, 0);

	(void)state;
	assert_non_null(c);
	fail_allocs = true;
	assert_null(kmem_cache_alloc(c));
	assert_null(kmalloc(16));
	assert_null(kmalloc(10 * PAGE_SIZE));
	fail_allocs = false;
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_arena_full();
}

/* struct kmem_cache come from a cache too: its failure is reported. */
static void test_cache_create_out_of_pages(void **state)
{
	static struct kmem_cache *made[PAGE_SIZE];
	unsigned n = 0;

	(void)state;
	made[n++] = kmem_cache_create("first", 32, 0);
	assert_non_null(made[0]);
	fail_allocs = true;	/* only the first slab of caches remains */
	while ((made[n] = kmem_cache_create("more", 32, 0)))
		n++;
	fail_allocs = false;
	assert_true(n > 1);
	while (n)
		assert_int_equal(kmem_cache_destroy(made[--n]), 0);
	assert_arena_full();
}

static uint64_t rng_state = 0x853c49e6748fea9bULL;

static uint64_t rng_next(void)
{
	/* xorshift64 (Marsaglia 2003) */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Random sizes (mostly small, some large), random free order. */
static void test_kmalloc_random_stress(void **state)
{
	enum { LIVE = 3000, STEPS = 100000 };
	static struct {
		unsigned char *p;
		size_t n;
		unsigned tag;
	} live[LIVE];
	unsigned nlive = 0;

	(void)state;
	for (unsigned step = 0; step < STEPS; step++) {
		if (nlive < LIVE && (nlive == 0 || rng_next() % 100 < 55)) {
			size_t n = 1 + rng_next() % 512;

			if (rng_next() % 20 == 0)
				n = 1 + rng_next() % (8 * PAGE_SIZE);
			live[nlive].p = kmalloc(n);
			assert_non_null(live[nlive].p);
			assert_true(ksize(live[nlive].p) >= n);
			live[nlive].n = n;
			live[nlive].tag = step;
			fill(live[nlive].p, n, step);
			nlive++;
		} else {
			unsigned k = (unsigned)(rng_next() % nlive);

			assert_true(filled(live[k].p, live[k].n, live[k].tag));
			kfree(live[k].p);
			live[k] = live[--nlive];
		}
	}
	while (nlive) {
		nlive--;
		assert_true(filled(live[nlive].p, live[nlive].n, live[nlive].tag));
		kfree(live[nlive].p);
	}
	assert_int_equal(bad_frees, 0);
	assert_arena_full();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_many_objects, setup),
		cmocka_unit_test_setup(test_alignment, setup),
		cmocka_unit_test_setup(test_reuse_after_free, setup),
		cmocka_unit_test_setup(test_kmalloc_size_classes, setup),
		cmocka_unit_test_setup(test_kmalloc_large, setup),
		cmocka_unit_test_setup(test_bad_frees, setup),
		cmocka_unit_test_setup(test_out_of_pages, setup),
		cmocka_unit_test_setup(test_cache_create_out_of_pages, setup),
		cmocka_unit_test_setup(test_kmalloc_random_stress, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
