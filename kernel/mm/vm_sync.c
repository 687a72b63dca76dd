/*
 * vm_sync.c: what the page cache means for an address space: msync(2)
 * writes the shared file mappings of a range back (their files' dirty
 * pages), and mincore(2) tells which pages of a range are resident: a
 * frame mapped, or for a file mapping the file's page in the page cache
 * (Linux reports the cache's residency for file pages never touched).
 */
#include <mm/vm_priv.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/page_cache.h>
#include <uapi/errno.h>

/*
 * The first shared file area at or after addr and before end, with its
 * file referenced and the part of the file it maps in [*first, *last]
 * (page indexes); NULL if none. vm locked for reading.
 */
static struct file *vm_next_shared_file(struct vm_space *vm, uint64_t *addr, uint64_t end,
					uint64_t *first, uint64_t *last)
{
	for (struct vma *v = vma_find(&vm->vmas, *addr); v && v->start < end; v = v->next) {
		uint64_t lo = MAX(v->start, *addr), hi = MIN(v->end, end);

		*addr = v->end;
		if (!(v->flags & VMA_SHARED) || !v->file)
			continue;
		*first = (v->off + (lo - v->start)) / PAGE_SIZE;
		*last = (v->off + (hi - v->start) - 1) / PAGE_SIZE;
		vma_file_get(v->file);
		return v->file;
	}
	return NULL;
}

int vm_msync(struct vm_space *vm, uint64_t start, uint64_t len, bool sync)
{
	uint64_t addr = start, end = start + len, first, last;
	bool covered;
	int err = 0;

	vm_lock_read(vm);
	covered = vma_covered(&vm->vmas, start, start + len);
	vm_unlock_read(vm);
	/*
	 * MS_ASYNC: Linux only schedules the writeback (and since 2.6.19
	 * does nothing: dirty pages are tracked anyway); MS_SYNC writes the
	 * files' pages now, through their page caches, then each file's
	 * fsync as vfs_fsync_range does.
	 */
	while (sync) {
		struct file *f;
		int r;

		vm_lock_read(vm);
		f = vm_next_shared_file(vm, &addr, end, &first, &last);
		vm_unlock_read(vm);
		if (!f)
			break;
		r = page_cache_writeback(&f->inode->i_data, first, last);
		if (!r)
			r = vfs_fsync(f, false);
		if (r == -EINVAL)
			r = 0;		/* a file with no fsync has nothing to write */
		if (r && !err)
			err = r;
		vma_file_put(f);
	}
	if (!covered)
		return -ENOMEM;		/* msync(2): part of the range is not mapped */
	return err;
}

/* Whether the page at va is resident (vm locked for reading). */
static bool vm_page_resident(struct vm_space *vm, const struct vma *v, uint64_t va)
{
	uint64_t *e = vm_walk(vm, va, false), frame;

	if (e && vm_pte_has_frame(*e))
		return true;
	if (!v->file || !file_has_pages(v->file))
		return false;
	frame = page_cache_lookup(&v->file->inode->i_data,
				  (v->off + (va - v->start)) / PAGE_SIZE);
	if (frame)
		vm_frame_put(frame);
	return frame != 0;
}

int vm_mincore(struct vm_space *vm, uint64_t start, uint64_t pages, uint8_t *vec)
{
	int err = 0;

	vm_lock_read(vm);
	if (!vma_covered(&vm->vmas, start, start + pages * PAGE_SIZE)) {
		err = -ENOMEM;		/* mincore(2): part of the range is not mapped */
	} else {
		for (uint64_t i = 0; i < pages; i++) {
			uint64_t va = start + i * PAGE_SIZE;

			vec[i] = vm_page_resident(vm, vma_lookup(&vm->vmas, va), va) ? 1 : 0;
		}
	}
	vm_unlock_read(vm);
	return err;
}
