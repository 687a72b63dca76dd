/*
 * slab_ktest.c: kmalloc/kfree and object caches on the kernel's pages
 * (kernel/mm/slab.c over pmm_slab_ops): objects live in the direct map,
 * survive each other, and every page goes back when all are freed.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>

#define KT_LIVE		2048
#define KT_STEPS	20000
#define KT_SMALL_MAX	1024
#define KT_LARGE_MAX	(16 * PAGE_SIZE)

struct kt_obj {
	unsigned char *p;
	size_t n;
	unsigned char tag;
};

static struct kt_obj kt_live[KT_LIVE];
static uint64_t kt_rng = 0xda942042e4dd58b5ULL;

static uint64_t kt_rand(void)
{
	/* xorshift64 (Marsaglia 2003) */
	kt_rng ^= kt_rng << 13;
	kt_rng ^= kt_rng >> 7;
	kt_rng ^= kt_rng << 17;
	return kt_rng;
}

static bool kt_filled(const struct kt_obj *o)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->p[i] != o->tag)
			return false;
	return true;
}

KTEST(kmalloc_in_direct_map)
{
	void *small = kmalloc(24), *large = kmalloc(3 * PAGE_SIZE);
	uint64_t phys, flags;

	KT_ASSERT(t, small && large);
	KT_EXPECT(t, (uint64_t)small >= DIRECT_MAP_BASE);
	KT_EXPECT_EQ(t, ksize(small), 32);
	KT_EXPECT_EQ(t, ksize(large), 4 * PAGE_SIZE);
	KT_EXPECT_EQ(t, (uint64_t)large % PAGE_SIZE, 0);
	KT_ASSERT(t, paging_query((uint64_t)small, &phys, &flags) == 0);
	KT_EXPECT_EQ(t, phys, virt_to_phys(small));
	KT_EXPECT(t, flags & PTE_W);
	kfree(small);
	kfree(large);
	kfree(NULL);
}

KTEST(kmalloc_stress_returns_all_pages)
{
	uint64_t before = pmm_free_pages_count();
	unsigned nlive = 0;

	for (unsigned step = 0; step < KT_STEPS; step++) {
		if (nlive < KT_LIVE && (nlive == 0 || kt_rand() % 100 < 60)) {
			struct kt_obj *o = &kt_live[nlive];

			o->n = 1 + kt_rand() % KT_SMALL_MAX;
			if (kt_rand() % 32 == 0)
				o->n = 1 + kt_rand() % KT_LARGE_MAX;
			o->p = kmalloc(o->n);
			KT_ASSERT(t, o->p != NULL);
			o->tag = (unsigned char)step;
			memset(o->p, o->tag, o->n);
			nlive++;
		} else {
			unsigned k = (unsigned)(kt_rand() % nlive);

			KT_EXPECT(t, kt_filled(&kt_live[k]));
			kfree(kt_live[k].p);
			kt_live[k] = kt_live[--nlive];
		}
	}
	while (nlive) {
		nlive--;
		KT_EXPECT(t, kt_filled(&kt_live[nlive]));
		kfree(kt_live[nlive].p);
	}
	/* Empty slabs are released at once, so nothing stays behind. */
	KT_EXPECT_EQ(t, pmm_free_pages_count(), before);
}

struct kt_thing {
	uint64_t id;
	char name[40];
};

KTEST(kmem_cache_typed_objects)
{
	uint64_t before = pmm_free_pages_count();
	struct kmem_cache *c = kmem_cache_create("kt_thing", sizeof(struct kt_thing), 64);
	struct kt_thing *a[200];

	KT_ASSERT(t, c != NULL);
	for (unsigned i = 0; i < ARRAY_SIZE(a); i++) {
		a[i] = kmem_cache_alloc(c);
		KT_ASSERT(t, a[i] != NULL);
		KT_EXPECT_EQ(t, (uint64_t)a[i] % 64, 0);
		a[i]->id = i;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(a); i++) {
		KT_EXPECT_EQ(t, a[i]->id, i);
		kmem_cache_free(c, a[i]);
	}
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	KT_EXPECT_EQ(t, pmm_free_pages_count(), before);
}
