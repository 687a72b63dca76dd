/*
 * vma.c: sorted lists of virtual memory areas (interface in vma.h).
 *
 * A doubly linked list sorted by start address: address spaces here hold
 * tens of areas (a static program has its segments, heap, stack and a
 * few mmaps), so a linear walk is as fast as a tree and much simpler.
 * The list keeps two invariants that the page-table code relies on:
 * areas never overlap, and each one is non-empty and page aligned.
 */
#include <mm/vma.h>
#include <mm/mm.h>
#include <basalt/vmlayout.h>
#include <uapi/errno.h>

#define VMA_PAGE_MASK	(PAGE_SIZE - 1)

void vma_list_init(struct vma_list *l)
{
	l->head = NULL;
	l->count = 0;
	l->total = 0;
	l->owner = NULL;
}

static void vma_free(struct vma *v)
{
	if (v->file) {
		vma_rmap_del(v);
		vma_file_put(v->file);
	}
	kfree(v);
}

void vma_list_clear(struct vma_list *l)
{
	struct vma *v = l->head;
	void *owner = l->owner;

	while (v) {
		struct vma *next = v->next;

		vma_free(v);
		v = next;
	}
	vma_list_init(l);
	l->owner = owner;
}

/* A copy of tmpl belonging to l's owner, on its file's reverse map. */
static struct vma *vma_dup(const struct vma_list *l, const struct vma *tmpl)
{
	struct vma *v = kmalloc(sizeof(*v));

	if (!v)
		return NULL;
	*v = *tmpl;
	v->prev = v->next = NULL;
	list_init(&v->rmap_node);
	v->owner = l->owner;
	v->rmap_seq = 0;
	if (v->file) {
		vma_file_get(v->file);
		if (v->owner)
			vma_rmap_add(v);
	}
	return v;
}

int vma_list_clone(struct vma_list *dst, const struct vma_list *src)
{
	struct vma *tail = NULL;
	void *owner = dst->owner;

	vma_list_init(dst);
	dst->owner = owner;
	for (const struct vma *s = src->head; s; s = s->next) {
		struct vma *v = vma_dup(dst, s);

		if (!v) {
			vma_list_clear(dst);
			return -ENOMEM;
		}
		v->flags &= ~VMA_LOCK_MASK;
		v->prev = tail;
		if (tail)
			tail->next = v;
		else
			dst->head = v;
		tail = v;
		dst->count++;
		dst->total += v->end - v->start;
	}
	return 0;
}

struct vma *vma_find(const struct vma_list *l, uint64_t addr)
{
	for (struct vma *v = l->head; v; v = v->next)
		if (v->end > addr)
			return v;
	return NULL;
}

struct vma *vma_lookup(const struct vma_list *l, uint64_t addr)
{
	struct vma *v = vma_find(l, addr);

	return v && v->start <= addr ? v : NULL;
}

bool vma_overlaps(const struct vma_list *l, uint64_t start, uint64_t end)
{
	struct vma *v = vma_find(l, start);

	return v && v->start < end;
}

bool vma_covered(const struct vma_list *l, uint64_t start, uint64_t end)
{
	struct vma *v = vma_find(l, start);

	while (start < end) {
		if (!v || v->start > start)
			return false;
		start = v->end;
		v = v->next;
	}
	return true;
}

/* Whether b may continue a (a->end == b->start) as one area. */
static bool vma_compatible(const struct vma *a, const struct vma *b)
{
	if (a->end != b->start || a->prot != b->prot || a->flags != b->flags ||
	    a->file != b->file)
		return false;
	return !a->file || a->off + (a->end - a->start) == b->off;
}

/* Folds b (a's successor) into a and frees it. */
static void vma_absorb(struct vma_list *l, struct vma *a, struct vma *b)
{
	a->end = b->end;
	a->next = b->next;
	if (b->next)
		b->next->prev = a;
	l->count--;
	vma_free(b);
}

struct vma *vma_merge(struct vma_list *l, struct vma *v)
{
	if (v->next && vma_compatible(v, v->next))
		vma_absorb(l, v, v->next);
	if (v->prev && vma_compatible(v->prev, v)) {
		struct vma *p = v->prev;

		vma_absorb(l, p, v);
		v = p;
	}
	return v;
}

void vma_link(struct vma_list *l, struct vma *v)
{
	struct vma *prev = NULL, *next = l->head;

	while (next && next->start < v->start) {
		prev = next;
		next = next->next;
	}
	v->prev = prev;
	v->next = next;
	if (prev)
		prev->next = v;
	else
		l->head = v;
	if (next)
		next->prev = v;
	l->count++;
	l->total += v->end - v->start;
	vma_merge(l, v);
}

void vma_unlink(struct vma_list *l, struct vma *v)
{
	if (v->prev)
		v->prev->next = v->next;
	else
		l->head = v->next;
	if (v->next)
		v->next->prev = v->prev;
	v->prev = v->next = NULL;
	l->count--;
	l->total -= v->end - v->start;
}

int vma_insert(struct vma_list *l, const struct vma *tmpl)
{
	struct vma *v;

	if (tmpl->start >= tmpl->end || ((tmpl->start | tmpl->end) & VMA_PAGE_MASK))
		return -EINVAL;
	if (vma_overlaps(l, tmpl->start, tmpl->end))
		return -EEXIST;
	v = vma_dup(l, tmpl);
	if (!v)
		return -ENOMEM;
	vma_link(l, v);
	return 0;
}

int vma_split(struct vma_list *l, struct vma *v, uint64_t addr)
{
	struct vma *hi;

	if (addr <= v->start || addr >= v->end || (addr & VMA_PAGE_MASK))
		return -EINVAL;
	hi = vma_dup(l, v);
	if (!hi)
		return -ENOMEM;
	hi->start = addr;
	hi->off = v->off + (addr - v->start);
	v->end = addr;
	hi->prev = v;
	hi->next = v->next;
	if (v->next)
		v->next->prev = hi;
	v->next = hi;
	l->count++;
	return 0;
}

int vma_isolate(struct vma_list *l, uint64_t start, uint64_t end)
{
	struct vma *v = vma_lookup(l, start);
	int err;

	if (v && v->start < start) {
		err = vma_split(l, v, start);
		if (err)
			return err;
	}
	v = vma_lookup(l, end - 1);
	if (v && v->end > end)
		return vma_split(l, v, end);
	return 0;
}

int vma_remove_range(struct vma_list *l, uint64_t start, uint64_t end)
{
	struct vma *v;
	int err;

	if (start >= end)
		return 0;
	err = vma_isolate(l, start, end);
	if (err)
		return err;
	v = vma_find(l, start);
	while (v && v->start < end) {
		struct vma *next = v->next;

		vma_unlink(l, v);
		vma_free(v);
		v = next;
	}
	return 0;
}

/*
 * Splits the areas straddling start or end, applies set(v, arg) to every
 * area in [start, end), then merges the changed run and its two outer
 * neighbours back together.
 */
static int vma_update(struct vma_list *l, uint64_t start, uint64_t end,
		      void (*set)(struct vma *, unsigned), unsigned arg)
{
	struct vma *v, *first;
	int err = vma_isolate(l, start, end);

	if (err)
		return err;
	first = vma_find(l, start);
	for (v = first; v && v->start < end; v = v->next)
		set(v, arg);
	v = first && first->prev ? first->prev : first;
	while (v && v->start <= end) {
		struct vma *m = vma_merge(l, v);

		v = m->next;
	}
	return 0;
}

static void vma_set_prot_one(struct vma *v, unsigned prot)
{
	v->prot = prot;
}

int vma_set_prot(struct vma_list *l, uint64_t start, uint64_t end, unsigned prot)
{
	return vma_update(l, start, end, vma_set_prot_one, prot);
}

static void vma_set_lock_one(struct vma *v, unsigned lock)
{
	if (!(v->flags & VMA_SPECIAL))
		v->flags = (v->flags & ~VMA_LOCK_MASK) | lock;
}

int vma_set_lock(struct vma_list *l, uint64_t start, uint64_t end, unsigned lock)
{
	return vma_update(l, start, end, vma_set_lock_one, lock);
}

uint64_t vma_locked_bytes(const struct vma_list *l)
{
	uint64_t n = 0;

	for (const struct vma *v = l->head; v; v = v->next)
		if (v->flags & VMA_LOCKED)
			n += v->end - v->start;
	return n;
}

uint64_t vma_find_gap(const struct vma_list *l, uint64_t len, uint64_t low, uint64_t high,
		      uint64_t guard)
{
	struct vma *last = NULL, *v;

	if (!len || high < low || high - low < len)
		return 0;
	for (v = l->head; v; v = v->next)
		last = v;
	/* Gaps from the top: between v and the area above it (or high). */
	for (v = last;; v = v->prev) {
		uint64_t gap_lo = v ? v->end : 0;
		const struct vma *above = v ? v->next : l->head;
		uint64_t gap_hi = above ? above->start : high;

		if (above && (above->flags & VMA_GROWSDOWN))
			gap_hi = gap_hi > guard ? gap_hi - guard : 0;
		if (gap_hi > high)
			gap_hi = high;
		if (gap_lo < low)
			gap_lo = low;
		if (gap_hi > gap_lo && gap_hi - gap_lo >= len)
			return (gap_hi - len) & ~VMA_PAGE_MASK;
		if (!v || v->end <= low)
			return 0;
	}
}
