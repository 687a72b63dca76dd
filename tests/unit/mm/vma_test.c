/*
 * vma_test.c: kernel/mm/vma.c's sorted area lists on the host: insert,
 * lookup, merge of compatible neighbours, split on partial removal or
 * protection change, and the top-down gap search with a stack guard.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mm/vma.h>
#include <uapi/errno.h>

#define PG		4096ULL
#define A(n)		((n) * PG)
#define PROT_RW		1u
#define PROT_RO		0u

/* vma.c's allocator and file hooks. */
static int allocs_left = -1;	/* < 0: no limit */
static int file_refs;

void *kmalloc(size_t size)
{
	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	return malloc(size);
}

void kfree(const void *p)
{
	free((void *)p);
}

void vma_file_get(struct file *f)
{
	(void)f;
	file_refs++;
}

void vma_file_put(struct file *f)
{
	(void)f;
	file_refs--;
}

/* The reverse map is the kernel's (mm/rmap.c): these lists have no owner. */
void vma_rmap_add(struct vma *v)
{
	(void)v;
}

void vma_rmap_del(struct vma *v)
{
	(void)v;
}

static struct vma tmpl(uint64_t start, uint64_t end, unsigned prot)
{
	struct vma v = { .start = start, .end = end, .prot = prot };

	return v;
}

/* Sorted, disjoint, non-empty, back links right, counters right. */
static void check_list(const struct vma_list *l)
{
	const struct vma *prev = NULL;
	unsigned n = 0;
	uint64_t total = 0;

	for (const struct vma *v = l->head; v; v = v->next) {
		assert_true(v->start < v->end);
		assert_ptr_equal(v->prev, prev);
		if (prev)
			assert_true(prev->end <= v->start);
		total += v->end - v->start;
		prev = v;
		n++;
	}
	assert_int_equal(n, l->count);
	assert_int_equal(total, l->total);
}

static void test_insert_lookup_merge(void **state)
{
	struct vma_list l;
	struct vma t;

	(void)state;
	vma_list_init(&l);
	t = tmpl(A(10), A(12), PROT_RW);
	assert_int_equal(vma_insert(&l, &t), 0);
	t = tmpl(A(20), A(22), PROT_RW);
	assert_int_equal(vma_insert(&l, &t), 0);
	t = tmpl(A(11), A(13), PROT_RW);
	assert_int_equal(vma_insert(&l, &t), -EEXIST);
	t = tmpl(A(5), A(5), PROT_RW);
	assert_int_equal(vma_insert(&l, &t), -EINVAL);
	assert_int_equal(l.count, 2);
	assert_null(vma_lookup(&l, A(12)));
	assert_ptr_equal(vma_find(&l, A(12)), l.head->next);
	assert_ptr_equal(vma_lookup(&l, A(11) + 5), l.head);
	assert_null(vma_find(&l, A(22)));
	/* Fills the hole: all three become one area. */
	t = tmpl(A(12), A(20), PROT_RW);
	assert_int_equal(vma_insert(&l, &t), 0);
	check_list(&l);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.head->start, A(10));
	assert_int_equal(l.head->end, A(22));
	/* Different rights do not merge. */
	t = tmpl(A(22), A(23), PROT_RO);
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(l.count, 2);
	assert_true(vma_covered(&l, A(10), A(23)));
	assert_false(vma_covered(&l, A(9), A(23)));
	assert_true(vma_overlaps(&l, A(0), A(11)));
	assert_false(vma_overlaps(&l, A(0), A(10)));
	vma_list_clear(&l);
	assert_int_equal(l.count, 0);
}

static void test_file_offsets_merge(void **state)
{
	struct vma_list l;
	struct file *f = (struct file *)0x1000;
	struct vma t = { .start = A(1), .end = A(3), .file = f, .off = 0 };

	(void)state;
	vma_list_init(&l);
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(file_refs, 1);
	/* Contiguous offsets merge, a jump does not. */
	t.start = A(3);
	t.end = A(4);
	t.off = A(2);
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(file_refs, 1);
	t.start = A(4);
	t.end = A(5);
	t.off = A(7);
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(l.count, 2);
	assert_int_equal(file_refs, 2);
	/* A split keeps the offset of the upper half right. */
	assert_int_equal(vma_split(&l, l.head, A(2)), 0);
	assert_int_equal(l.head->next->off, A(1));
	assert_int_equal(file_refs, 3);
	check_list(&l);
	vma_list_clear(&l);
	assert_int_equal(file_refs, 0);
}

static void test_remove_range_splits(void **state)
{
	struct vma_list l;
	struct vma t = tmpl(A(10), A(20), PROT_RW);

	(void)state;
	vma_list_init(&l);
	assert_int_equal(vma_insert(&l, &t), 0);
	/* A hole in the middle: two areas. */
	assert_int_equal(vma_remove_range(&l, A(12), A(14)), 0);
	check_list(&l);
	assert_int_equal(l.count, 2);
	assert_int_equal(l.head->end, A(12));
	assert_int_equal(l.head->next->start, A(14));
	assert_int_equal(l.total, A(8));
	/* Out of memory for the split: nothing removed. */
	allocs_left = 0;
	assert_int_equal(vma_remove_range(&l, A(15), A(16)), -ENOMEM);
	allocs_left = -1;
	assert_int_equal(l.total, A(8));
	/* Across both areas and beyond. */
	assert_int_equal(vma_remove_range(&l, A(11), A(30)), 0);
	check_list(&l);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.head->end, A(11));
	/* Nothing there: fine. */
	assert_int_equal(vma_remove_range(&l, A(100), A(200)), 0);
	assert_int_equal(vma_remove_range(&l, A(0), A(100)), 0);
	assert_null(l.head);
	assert_int_equal(l.total, 0);
}

static void test_set_prot_split_merge(void **state)
{
	struct vma_list l;
	struct vma t = tmpl(A(0x10), A(0x20), PROT_RW);

	(void)state;
	vma_list_init(&l);
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(vma_set_prot(&l, A(0x14), A(0x18), PROT_RO), 0);
	check_list(&l);
	assert_int_equal(l.count, 3);
	assert_int_equal(vma_lookup(&l, A(0x15))->prot, PROT_RO);
	assert_int_equal(vma_lookup(&l, A(0x18))->prot, PROT_RW);
	/* Back to read-write: one area again. */
	assert_int_equal(vma_set_prot(&l, A(0x14), A(0x18), PROT_RW), 0);
	check_list(&l);
	assert_int_equal(l.count, 1);
	/* The whole area, then its lower part. */
	assert_int_equal(vma_set_prot(&l, A(0x10), A(0x20), PROT_RO), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(vma_set_prot(&l, A(0x10), A(0x11), PROT_RW), 0);
	assert_int_equal(l.count, 2);
	check_list(&l);
	vma_list_clear(&l);
}

/* mlock's flags: split off, kept by an mprotect split, merged back, not cloned. */
static void test_set_lock(void **state)
{
	struct vma_list l, c;
	struct vma t = tmpl(A(0x10), A(0x20), PROT_RW);

	(void)state;
	vma_list_init(&l);
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(vma_set_lock(&l, A(0x12), A(0x16), VMA_LOCKED), 0);
	check_list(&l);
	assert_int_equal(l.count, 3);
	assert_int_equal(vma_locked_bytes(&l), A(4));
	assert_int_equal(vma_set_prot(&l, A(0x13), A(0x14), PROT_RO), 0);
	assert_true(vma_lookup(&l, A(0x13))->flags & VMA_LOCKED);
	assert_int_equal(vma_locked_bytes(&l), A(4));
	assert_int_equal(vma_list_clone(&c, &l), 0);
	assert_int_equal(vma_locked_bytes(&c), 0);
	vma_list_clear(&c);
	assert_int_equal(vma_set_prot(&l, A(0x13), A(0x14), PROT_RW), 0);
	assert_int_equal(vma_set_lock(&l, A(0x10), A(0x20), 0), 0);
	check_list(&l);
	assert_int_equal(l.count, 1);
	assert_int_equal(vma_locked_bytes(&l), 0);
	vma_list_clear(&l);
}

static void test_unlink_link(void **state)
{
	struct vma_list l;
	struct vma t = tmpl(A(1), A(4), PROT_RW), *v;

	(void)state;
	vma_list_init(&l);
	assert_int_equal(vma_insert(&l, &t), 0);
	t = tmpl(A(10), A(11), PROT_RW);
	assert_int_equal(vma_insert(&l, &t), 0);
	/* Move [1, 4) to [7, 10): it merges with the area at 10. */
	v = l.head;
	vma_unlink(&l, v);
	v->start = A(7);
	v->end = A(10);
	vma_link(&l, v);
	check_list(&l);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.head->start, A(7));
	assert_int_equal(l.head->end, A(11));
	vma_list_clear(&l);
}

static void test_find_gap(void **state)
{
	struct vma_list l;
	struct vma t = tmpl(A(90), A(100), PROT_RW);

	(void)state;
	vma_list_init(&l);
	assert_int_equal(vma_find_gap(&l, A(4), A(1), A(50), 0), A(46));
	assert_int_equal(vma_find_gap(&l, A(60), A(1), A(50), 0), 0);
	assert_int_equal(vma_insert(&l, &t), 0);
	t = tmpl(A(40), A(48), PROT_RW);
	assert_int_equal(vma_insert(&l, &t), 0);
	/* Highest first: just below 90 (high is above everything). */
	assert_int_equal(vma_find_gap(&l, A(4), A(1), A(200), 0), A(196));
	assert_int_equal(vma_find_gap(&l, A(4), A(1), A(100), 0), A(86));
	assert_int_equal(vma_find_gap(&l, A(43), A(1), A(100), 0), 0);
	assert_int_equal(vma_find_gap(&l, A(42), A(1), A(100), 0), A(48));
	assert_int_equal(vma_find_gap(&l, A(40), A(1), A(100), 0), A(50));
	/* The low limit: [1, 40) fits 39 pages only from 1. */
	assert_int_equal(vma_find_gap(&l, A(39), A(1), A(45), 0), A(1));
	assert_int_equal(vma_find_gap(&l, A(39), A(2), A(45), 0), 0);
	/* A grows-down area keeps the guard gap below it free. */
	t = tmpl(A(150), A(160), PROT_RW);
	t.flags = VMA_GROWSDOWN;
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(vma_find_gap(&l, A(4), A(1), A(150), A(20)), A(126));
	assert_int_equal(vma_find_gap(&l, A(30), A(1), A(150), A(20)), A(100));
	assert_int_equal(vma_find_gap(&l, A(31), A(1), A(150), A(20)), A(59));
	assert_int_equal(vma_find_gap(&l, A(43), A(1), A(150), A(20)), 0);
	check_list(&l);
	vma_list_clear(&l);
}

static void test_clone(void **state)
{
	struct vma_list l, c;
	struct vma t = tmpl(A(1), A(2), PROT_RW);

	(void)state;
	vma_list_init(&l);
	assert_int_equal(vma_insert(&l, &t), 0);
	t = tmpl(A(5), A(9), PROT_RO);
	t.file = (struct file *)0x2000;
	assert_int_equal(vma_insert(&l, &t), 0);
	assert_int_equal(vma_list_clone(&c, &l), 0);
	check_list(&c);
	assert_int_equal(c.count, 2);
	assert_int_equal(file_refs, 2);
	assert_int_equal(c.head->next->start, A(5));
	allocs_left = 1;
	vma_list_clear(&c);
	assert_int_equal(vma_list_clone(&c, &l), -ENOMEM);
	allocs_left = -1;
	assert_null(c.head);
	assert_int_equal(file_refs, 1);
	vma_list_clear(&l);
	assert_int_equal(file_refs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_lookup_merge),
		cmocka_unit_test(test_file_offsets_merge),
		cmocka_unit_test(test_remove_range_splits),
		cmocka_unit_test(test_set_prot_split_merge),
		cmocka_unit_test(test_set_lock),
		cmocka_unit_test(test_unlink_link),
		cmocka_unit_test(test_find_gap),
		cmocka_unit_test(test_clone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
