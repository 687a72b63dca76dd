/*
 * buddy.c: the binary buddy allocator (Knuth, TAOCP Vol. 1 2.5) over the
 * page frames of one zone. Pure bookkeeping on struct page: it touches no
 * memory but the metadata, so the host unit tests run it as is.
 *
 * A free block of order k is a run of 2^k pages starting at a pfn that is
 * a multiple of 2^k; its buddy starts at pfn ^ 2^k. Freeing a block merges
 * it with its buddy while the buddy is free and of the same order.
 * Locking: none here; the caller holds the allocator lock (mm.h).
 */
#include <mm/mm.h>
#include <uapi/errno.h>

static void buddy_list_init(struct page *head)
{
	head->next = head;
	head->prev = head;
}

static void buddy_list_add(struct page *head, struct page *p)
{
	p->next = head->next;
	p->prev = head;
	head->next->prev = p;
	head->next = p;
}

static void buddy_list_del(struct page *p)
{
	p->prev->next = p->next;
	p->next->prev = p->prev;
	p->next = NULL;
	p->prev = NULL;
}

void buddy_init(struct buddy_zone *z, const char *name, struct page *pages,
		uint64_t base_pfn, uint64_t npages)
{
	z->name = name;
	z->pages = pages;
	z->base_pfn = base_pfn;
	z->npages = npages;
	for (unsigned o = 0; o < NR_ORDERS; o++) {
		buddy_list_init(&z->free_area[o]);
		z->nr_free[o] = 0;
	}
	z->free_pages = 0;
	z->managed_pages = 0;
	for (uint64_t i = 0; i < npages; i++) {
		pages[i].flags = PG_RESERVED;
		pages[i].order = 0;
		pages[i].next = NULL;
		pages[i].prev = NULL;
		pages[i].slab_cache = NULL;
		pages[i].freelist = NULL;
		pages[i].inuse = 0;
	}
}

uint64_t buddy_page_pfn(const struct buddy_zone *z, const struct page *page)
{
	return z->base_pfn + (uint64_t)(page - z->pages);
}

struct page *buddy_pfn_page(struct buddy_zone *z, uint64_t pfn)
{
	if (pfn < z->base_pfn || pfn - z->base_pfn >= z->npages)
		return NULL;
	return &z->pages[pfn - z->base_pfn];
}

static void buddy_put_free(struct buddy_zone *z, struct page *p, unsigned order)
{
	p->flags = PG_BUDDY;
	p->order = (uint8_t)order;
	buddy_list_add(&z->free_area[order], p);
	z->nr_free[order]++;
}

static void buddy_take_free(struct buddy_zone *z, struct page *p, unsigned order)
{
	buddy_list_del(p);
	p->flags = 0;
	p->order = 0;
	z->nr_free[order]--;
}

/* Merges upwards from (pfn, order) and puts the result on a free list. */
static void buddy_merge(struct buddy_zone *z, uint64_t pfn, unsigned order)
{
	while (order < MAX_ORDER) {
		uint64_t buddy_pfn = pfn ^ (1ULL << order);
		struct page *b = buddy_pfn_page(z, buddy_pfn);

		if (!b || !(b->flags & PG_BUDDY) || b->order != order)
			break;
		buddy_take_free(z, b, order);
		pfn &= ~(1ULL << order);
		order++;
	}
	buddy_put_free(z, buddy_pfn_page(z, pfn), order);
}

int buddy_add_range(struct buddy_zone *z, uint64_t pfn, uint64_t count)
{
	uint64_t end = pfn + count;

	if (pfn < z->base_pfn || end > z->base_pfn + z->npages || end < pfn)
		return -EINVAL;
	for (uint64_t p = pfn; p < end; p++)
		if (!(buddy_pfn_page(z, p)->flags & PG_RESERVED))
			return -EINVAL;	/* already managed: overlapping ranges */

	/* The largest block that is aligned at pfn and fits before end. */
	while (pfn < end) {
		unsigned order = 0;

		while (order < MAX_ORDER && !(pfn & (1ULL << order)) &&
		       pfn + (2ULL << order) <= end)
			order++;
		for (uint64_t i = 0; i < (1ULL << order); i++)
			buddy_pfn_page(z, pfn + i)->flags = 0;
		z->managed_pages += 1ULL << order;
		z->free_pages += 1ULL << order;
		buddy_merge(z, pfn, order);
		pfn += 1ULL << order;
	}
	return 0;
}

struct page *buddy_alloc(struct buddy_zone *z, unsigned order)
{
	unsigned o = order;
	struct page *p;

	if (order > MAX_ORDER)
		return NULL;
	while (o <= MAX_ORDER && z->nr_free[o] == 0)
		o++;
	if (o > MAX_ORDER)
		return NULL;

	p = z->free_area[o].next;
	buddy_take_free(z, p, o);
	/* Split: the upper halves go back on the lower free lists. */
	while (o > order) {
		o--;
		buddy_put_free(z, p + (1ULL << o), o);
	}
	p->flags = PG_HEAD;
	p->order = (uint8_t)order;
	z->free_pages -= 1ULL << order;
	return p;
}

int buddy_free(struct buddy_zone *z, struct page *page, unsigned order)
{
	uint64_t idx;

	if (page < z->pages || page >= z->pages + z->npages || order > MAX_ORDER)
		return -EINVAL;
	idx = (uint64_t)(page - z->pages);
	/*
	 * A page that is free (PG_BUDDY), inside a free or allocated block
	 * (no flag), reserved, or the head of a block of another order was
	 * not returned by buddy_alloc(order): refuse instead of corrupting
	 * the free lists.
	 */
	if (!(page->flags & PG_HEAD) || page->order != order ||
	    ((z->base_pfn + idx) & ((1ULL << order) - 1)))
		return -EINVAL;
	page->flags = 0;
	page->order = 0;
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->inuse = 0;
	z->free_pages += 1ULL << order;
	buddy_merge(z, z->base_pfn + idx, order);
	return 0;
}

struct page *buddy_alloc_fallback(struct buddy_zone *const *zones, unsigned nzones,
				  unsigned order)
{
	for (unsigned i = 0; i < nzones; i++) {
		struct page *p = buddy_alloc(zones[i], order);

		if (p)
			return p;
	}
	return NULL;
}
