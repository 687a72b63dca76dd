/*
 * slab.c: object caches (Bonwick, "The Slab Allocator", USENIX 1994) and
 * kmalloc/kfree on top of them.
 *
 * A slab is one naturally aligned block of 2^order pages cut into objects
 * of one cache. The slab's metadata lives in the struct page of its first
 * page (freelist, inuse); every page of the slab carries PG_SLAB and the
 * owning cache, so any object pointer leads back to its slab: to_page()
 * gives the cache, the cache gives the slab size, and aligning the pointer
 * down to it gives the first page. A free object holds the pointer to the
 * next free object in its first word.
 *
 * kmalloc() serves sizes up to KMALLOC_MAX_CACHE_SIZE from power-of-two
 * caches and bigger ones with whole buddy blocks marked PG_KMALLOC, whose
 * order is kept in page->order for kfree().
 *
 * Pages come through struct slab_page_ops, so this file needs no hardware
 * and the host unit tests feed it pages of their own. Locking: every list
 * and counter here is guarded by slab_ops->lock (interrupts off in the
 * kernel); the page provider's own lock nests inside it.
 */
#include <mm/mm.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <uapi/errno.h>

#define SLAB_MIN_OBJECTS	8	/* grow the slab order until this many fit */
#define SLAB_MAX_ORDER		3	/* 32 KiB slabs at most */
#define SLAB_MIN_ALIGN		sizeof(void *)	/* room and alignment for the free pointer */
#define SLAB_FREE_POISON	0x6b6b6b6b5afe5afeULL	/* word 1 of a free object */
#define KMALLOC_MIN_SHIFT	3	/* 8 bytes */
#define KMALLOC_MAX_SHIFT	11	/* 2048 bytes */
#define KMALLOC_NR_CACHES	(KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

static const struct slab_page_ops *slab_ops;
static struct kmem_cache cache_cache;	/* where struct kmem_cache come from */
static struct kmem_cache kmalloc_caches[KMALLOC_NR_CACHES];
static struct kmem_cache *slab_caches;	/* all caches, newest first */

static const char *const kmalloc_names[KMALLOC_NR_CACHES] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};

static void slab_list_init(struct page *head)
{
	head->next = head;
	head->prev = head;
}

static bool slab_list_empty(const struct page *head)
{
	return head->next == head;
}

static void slab_list_add(struct page *head, struct page *p)
{
	p->next = head->next;
	p->prev = head;
	head->next->prev = p;
	head->next = p;
}

static void slab_list_del(struct page *p)
{
	p->prev->next = p->next;
	p->next->prev = p->prev;
	p->next = NULL;
	p->prev = NULL;
}

static size_t slab_bytes(const struct kmem_cache *c)
{
	return PAGE_SIZE << c->order;
}

static int kmem_cache_setup(struct kmem_cache *c, const char *name, size_t size,
			    size_t align)
{
	if (align < SLAB_MIN_ALIGN)
		align = SLAB_MIN_ALIGN;
	if (size == 0 || (align & (align - 1)) || align > PAGE_SIZE)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	strlcpy(c->name, name, sizeof(c->name));
	c->object_size = size;
	c->align = align;
	c->size = ALIGN_UP(MAX(size, SLAB_MIN_ALIGN), align);
	if (c->size > (PAGE_SIZE << SLAB_MAX_ORDER))
		return -EINVAL;
	while (c->order < SLAB_MAX_ORDER && slab_bytes(c) / c->size < SLAB_MIN_OBJECTS)
		c->order++;
	c->objects = (unsigned)(slab_bytes(c) / c->size);
	slab_list_init(&c->partial);
	slab_list_init(&c->full);
	c->next = slab_caches;
	slab_caches = c;
	return 0;
}

void slab_init(const struct slab_page_ops *ops)
{
	slab_ops = ops;
	slab_caches = NULL;
	kmem_cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0);
	for (unsigned i = 0; i < KMALLOC_NR_CACHES; i++)
		kmem_cache_setup(&kmalloc_caches[i], kmalloc_names[i],
				 1UL << (i + KMALLOC_MIN_SHIFT), 0);
}

/* A new slab on c->partial, or NULL. Lock held. */
static struct page *slab_grow(struct kmem_cache *c)
{
	char *base = slab_ops->alloc(c->order);
	struct page *head;

	if (!base)
		return NULL;
	for (size_t off = 0; off < slab_bytes(c); off += PAGE_SIZE) {
		struct page *p = slab_ops->to_page(base + off);

		p->flags |= PG_SLAB;
		p->slab_cache = c;
	}
	head = slab_ops->to_page(base);
	head->inuse = 0;
	head->freelist = base;
	for (unsigned i = 0; i < c->objects; i++) {
		void **obj = (void **)(base + i * c->size);

		*obj = i + 1 < c->objects ? base + (i + 1) * c->size : NULL;
	}
	slab_list_add(&c->partial, head);
	c->slabs++;
	return head;
}

/* Gives an empty slab back to the page provider. Lock held. */
static void slab_release(struct kmem_cache *c, struct page *head, char *base)
{
	slab_list_del(head);
	head->freelist = NULL;
	for (size_t off = 0; off < slab_bytes(c); off += PAGE_SIZE) {
		struct page *p = slab_ops->to_page(base + off);

		p->flags &= ~PG_SLAB;
		p->slab_cache = NULL;
	}
	c->slabs--;
	slab_ops->free(base, c->order);
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	uint64_t flags = slab_ops->lock();
	struct page *head;
	void **obj = NULL;

	head = slab_list_empty(&c->partial) ? slab_grow(c) : c->partial.next;
	if (head) {
		obj = head->freelist;
		head->freelist = *obj;
		if (++head->inuse == c->objects) {
			slab_list_del(head);
			slab_list_add(&c->full, head);
		}
		c->active_objects++;
	}
	slab_ops->unlock(flags);
	return obj;
}

/* Whether obj is on its slab's free list: the word-1 poison said maybe. */
static bool slab_on_freelist(const struct page *head, const void *obj)
{
	for (void *const *f = head->freelist; f; f = *f)
		if ((const void *)f == obj)
			return true;
	return false;
}

/*
 * Frees obj into its slab; want is the cache the caller names, or NULL
 * for kfree(). Returns NULL, or why obj cannot be freed. Lock held.
 */
static const char *slab_free(struct kmem_cache *want, void *obj)
{
	struct page *p = slab_ops->to_page(obj), *head;
	struct kmem_cache *c;
	char *base;
	size_t off;

	if (!p || !(p->flags & PG_SLAB))
		return "not a slab object";
	c = p->slab_cache;
	if (want && c != want)
		return "object of another cache";
	base = (char *)ALIGN_DOWN((uintptr_t)obj, slab_bytes(c));
	head = slab_ops->to_page(base);
	off = (size_t)((char *)obj - base);
	if (off % c->size || off / c->size >= c->objects)
		return "not the start of an object";
	if (head->inuse == 0 || obj == head->freelist)
		return "double free";
	if (c->size >= 2 * sizeof(uint64_t)) {
		uint64_t *word = obj;

		if (word[1] == SLAB_FREE_POISON && slab_on_freelist(head, obj))
			return "double free";
		word[1] = SLAB_FREE_POISON;
	}
	*(void **)obj = head->freelist;
	head->freelist = obj;
	if (head->inuse-- == c->objects) {
		slab_list_del(head);
		slab_list_add(&c->partial, head);
	}
	c->active_objects--;
	/* Empty slabs go straight back: free memory shows in pmm counts. */
	if (head->inuse == 0)
		slab_release(c, head, base);
	return NULL;
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	uint64_t flags;
	const char *why;

	if (!obj)
		return;
	flags = slab_ops->lock();
	why = slab_free(c, obj);
	slab_ops->unlock(flags);
	if (why)
		slab_ops->bad_free(obj, why);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align)
{
	struct kmem_cache *c = kmem_cache_alloc(&cache_cache);
	uint64_t flags;
	int err;

	if (!c)
		return NULL;
	flags = slab_ops->lock();
	err = kmem_cache_setup(c, name, size, align);	/* links c only on success */
	slab_ops->unlock(flags);
	if (err) {
		kmem_cache_free(&cache_cache, c);
		return NULL;
	}
	return c;
}

int kmem_cache_destroy(struct kmem_cache *c)
{
	uint64_t flags = slab_ops->lock();
	struct kmem_cache **pp;

	if (c->active_objects) {
		slab_ops->unlock(flags);
		return -EBUSY;
	}
	/* No live objects means no slabs: each is released when it empties. */
	for (pp = &slab_caches; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	slab_ops->unlock(flags);
	kmem_cache_free(&cache_cache, c);
	return 0;
}

/* The kmalloc cache for size (<= KMALLOC_MAX_CACHE_SIZE). */
static struct kmem_cache *kmalloc_cache(size_t size)
{
	unsigned shift = KMALLOC_MIN_SHIFT;

	while ((1UL << shift) < size)
		shift++;
	return &kmalloc_caches[shift - KMALLOC_MIN_SHIFT];
}

void *kmalloc(size_t size)
{
	unsigned order = 0;
	struct page *p;
	uint64_t flags;
	void *addr;

	if (size == 0)
		return NULL;
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return kmem_cache_alloc(kmalloc_cache(size));
	while (order <= MAX_ORDER && (PAGE_SIZE << order) < size)
		order++;
	if (order > MAX_ORDER)
		return NULL;
	flags = slab_ops->lock();
	addr = slab_ops->alloc(order);
	if (addr) {
		p = slab_ops->to_page(addr);
		p->flags |= PG_KMALLOC;
		p->order = (uint8_t)order;
	}
	slab_ops->unlock(flags);
	return addr;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = kmalloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

void kfree(const void *ptr)
{
	void *obj = (void *)ptr;	/* kfree(const) as in Linux */
	const char *why = NULL;
	struct page *p;
	uint64_t flags;

	if (!obj)
		return;
	flags = slab_ops->lock();
	p = slab_ops->to_page(obj);
	if (p && (p->flags & PG_KMALLOC)) {
		if ((uintptr_t)obj & (PAGE_SIZE - 1)) {
			why = "inside a large kmalloc block";
		} else {
			p->flags &= ~PG_KMALLOC;
			slab_ops->free(obj, p->order);
		}
	} else {
		why = slab_free(NULL, obj);
	}
	slab_ops->unlock(flags);
	if (why)
		slab_ops->bad_free(obj, why);
}

size_t ksize(const void *obj)
{
	struct page *p;
	size_t size = 0;
	uint64_t flags;

	if (!obj)
		return 0;
	flags = slab_ops->lock();
	p = slab_ops->to_page(obj);
	if (p && (p->flags & PG_KMALLOC))
		size = PAGE_SIZE << p->order;
	else if (p && (p->flags & PG_SLAB))
		size = p->slab_cache->size;
	slab_ops->unlock(flags);
	return size;
}
