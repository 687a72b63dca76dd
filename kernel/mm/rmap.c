/*
 * rmap.c: the reverse map of file pages (rmap.h). Every area with a file
 * is on its address_space's i_mmap list while it exists (vma.c calls
 * vma_rmap_add when it makes one in an owned list, vma_rmap_del when it
 * frees it, both with the space's sem held). Truncate walks the list to
 * find the address spaces mapping the file, and unmaps the pages past
 * the new end in each, as Linux's unmap_mapping_range does over i_mmap.
 *
 * Locking: i_mmap_lock (page_cache.h) nests inside vm_space.sem, so a
 * walk cannot take a space's sem while it holds i_mmap_lock. It takes a
 * batch of spaces from the list under the lock (a user reference on
 * each, vm_tryget, so none is destroyed meanwhile), marks their areas
 * visited with the walk's sequence number, drops the lock, unmaps in
 * each space under its own sem, and goes back to the list for areas not
 * visited yet, until none is left. An area added meanwhile is visited
 * too (unmapping twice is harmless); an area whose space is being
 * destroyed is skipped (nobody runs in it any more).
 */
#include <mm/rmap.h>
#include <mm/page_cache.h>
#include <mm/vm_priv.h>
#include <fs/file.h>
#include <fs/vfs.h>

/* Address spaces unmapped per pass over the list (a stack array). */
#define RMAP_BATCH	8

/* The address_space whose pages area v maps, or NULL. */
static struct address_space *rmap_mapping(const struct vma *v)
{
	return v->file && v->file->inode ? &v->file->inode->i_data : NULL;
}

void vma_rmap_add(struct vma *v)
{
	struct address_space *m = rmap_mapping(v);

	if (!m)
		return;
	mutex_lock(&m->i_mmap_lock);
	v->rmap_seq = 0;
	list_add_tail(&m->i_mmap, &v->rmap_node);
	mutex_unlock(&m->i_mmap_lock);
}

void vma_rmap_del(struct vma *v)
{
	struct address_space *m = rmap_mapping(v);

	if (!m)
		return;
	mutex_lock(&m->i_mmap_lock);
	if (list_node_linked(&v->rmap_node))
		list_del(&v->rmap_node);
	mutex_unlock(&m->i_mmap_lock);
}

/*
 * Takes up to RMAP_BATCH address spaces with areas of m not visited by
 * walk seq, marking their areas visited; how many (i_mmap_lock held).
 */
static unsigned rmap_collect(struct address_space *m, uint64_t seq,
			     struct vm_space *batch[RMAP_BATCH])
{
	unsigned n = 0;
	struct vma *v;

	list_for_each_entry(v, &m->i_mmap, rmap_node) {
		struct vm_space *vm = v->owner;
		bool have = false;

		if (v->rmap_seq == seq)
			continue;
		for (unsigned i = 0; i < n && !have; i++)
			have = batch[i] == vm;
		if (!have) {
			if (n == RMAP_BATCH)
				break;		/* the next pass takes it */
			if (!vm_tryget(vm)) {
				v->rmap_seq = seq;	/* being destroyed */
				continue;
			}
			batch[n++] = vm;
		}
		v->rmap_seq = seq;
	}
	return n;
}

void rmap_unmap_pages(struct address_space *m, uint64_t first, uint64_t end, bool even_cows)
{
	struct vm_space *batch[RMAP_BATCH];
	uint64_t seq;
	unsigned n;

	if (first >= end)
		return;
	mutex_lock(&m->i_mmap_lock);
	seq = ++m->i_mmap_seq;
	while ((n = rmap_collect(m, seq, batch)) != 0) {
		mutex_unlock(&m->i_mmap_lock);
		for (unsigned i = 0; i < n; i++) {
			vm_unmap_file_pages(batch[i], m, first, end, even_cows);
			vm_put(batch[i]);
		}
		mutex_lock(&m->i_mmap_lock);
	}
	mutex_unlock(&m->i_mmap_lock);
}
