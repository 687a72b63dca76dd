/*
 * vm_map.c: changing the areas of an address space (mmap(2), munmap(2),
 * mprotect(2), mremap(2), madvise(2) MADV_DONTNEED underneath).
 *
 * The area list (vma.c) changes first, with every split that can fail
 * for lack of memory done before anything is dropped, then the page
 * tables follow, all with the space locked for writing (vm.h's locking
 * rule); the queries lock it for reading.
 */
#include <mm/vm_priv.h>
#include <mm/tlb.h>
#include <asm/cpu.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <user/user.h>

int vm_mmap(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot,
	    unsigned flags, struct file *file, uint64_t off)
{
	struct vma t = {
		.start = start, .end = start + len, .prot = prot, .flags = flags,
		.file = file, .off = off,
	};
	int err;

	if (!vm_range_valid(start, len) || !len)
		return -EINVAL;
	vm_lock(vm);
	/* mlockall(MCL_FUTURE): new areas are locked (never the vDSO's). */
	if (!(flags & VMA_SPECIAL))
		t.flags |= vm->def_flags;
	err = vma_insert(&vm->vmas, &t);
	vm_unlock(vm);
	if (err)
		return err;
	/* Shared anonymous memory has all its frames before any fork. */
	if ((flags & VMA_SHARED) && !file) {
		err = vm_populate(vm, start, len);
		if (err) {
			vm_unmap(vm, start, len);
			return err;
		}
	}
	if (t.flags & VMA_LOCKED)
		vm_mlock_new_area(vm, start, start + len, t.flags);
	return 0;
}

int vm_map_anon(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot)
{
	int err = vm_mmap(vm, start, len, prot, 0, NULL, 0);

	if (err)
		return err;
	err = vm_populate(vm, start, len);
	if (err)
		vm_unmap(vm, start, len);
	return err;
}

/* Interrupts go back on between pages: a big populate is long. */
int vm_populate(struct vm_space *vm, uint64_t start, uint64_t len)
{
	int err = 0;

	for (uint64_t va = start; va < start + len && !err; va += PAGE_SIZE) {
		struct vma *v;

		vm_lock(vm);
		v = vma_lookup(&vm->vmas, va);
		if (v)
			err = vm_fault_page(vm, v, va, false);
		vm_unlock(vm);
	}
	return err;
}

int vm_unmap(struct vm_space *vm, uint64_t start, uint64_t len)
{
	int err;

	if (!vm_range_valid(start, len))
		return -EINVAL;
	vm_lock(vm);
	err = vma_remove_range(&vm->vmas, start, start + len);
	if (!err) {
		vm_drop_frames(vm, start, start + len);
		vm_prune_tables(vm, start, start + len);
		vm_mlock_forget(vm);
	}
	vm_unlock(vm);
	return err;
}

int vm_protect(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot)
{
	uint64_t end = start + len, *e;
	struct tlb_batch b;
	int err;

	if (!vm_range_valid(start, len))
		return -EINVAL;
	vm_lock(vm);
	if (!vma_covered(&vm->vmas, start, end)) {
		err = -ENOMEM;	/* mprotect(2): part of the range is not mapped */
		goto out;
	}
	/* mprotect(2): EACCES for writes to a shared file opened read-only. */
	if (prot & VM_PROT_WRITE) {
		for (struct vma *v = vma_find(&vm->vmas, start); v && v->start < end; v = v->next) {
			if ((v->flags & VMA_SHARED) && v->file && !(v->flags & VMA_MAYWRITE)) {
				err = -EACCES;
				goto out;
			}
		}
	}
	err = vma_set_prot(&vm->vmas, start, end, prot);
	if (err)
		goto out;
	tlb_batch_init(&b, vm);
	for (uint64_t va = vm_next_frame(vm, start, end, &e); va < end;
	     va = vm_next_frame(vm, va + PAGE_SIZE, end, &e)) {
		uint64_t phys = *e & PTE_ADDR_MASK, pte = vm_pte_prot(prot);
		struct vma *v = vma_lookup(&vm->vmas, va);

		/*
		 * A frame still shared copy-on-write stays read-only; so does a
		 * shared file page, until a write fault marks it dirty.
		 */
		if (!(v->flags & VMA_SHARED) && vm_frame_refs(phys) > 1)
			pte &= ~PTE_W;
		if ((v->flags & VMA_SHARED) && v->file)
			pte &= ~PTE_W;
		*e = phys | pte | (*e & VM_PTE_CACHE);
		tlb_batch_add(&b, va, 0);
	}
	tlb_batch_finish(&b);	/* before mprotect returns: no CPU keeps old rights */
out:
	vm_unlock(vm);
	return err;
}

int vm_discard(struct vm_space *vm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	int err = 0;

	if (!vm_range_valid(start, len))
		return -EINVAL;
	vm_lock(vm);
	for (struct vma *v = vma_find(&vm->vmas, start); v && v->start < end; v = v->next) {
		/* madvise_dontneed_valid_vma: locked pages stay (the areas before are done). */
		if (v->flags & VMA_LOCKED) {
			err = -EINVAL;
			break;
		}
		/*
		 * Shared anonymous frames are the memory itself: they stay. A
		 * shared file mapping's come back from the page cache.
		 */
		if ((v->flags & VMA_SHARED) && !v->file)
			continue;
		vm_drop_frames(vm, MAX(v->start, start), MIN(v->end, end));
	}
	vm_unlock(vm);
	return err;
}

/* Drops the frames of [start, end) in area v that the unmapping concerns. */
static void vm_unmap_area_pages(struct vm_space *vm, const struct vma *v, uint64_t start,
				uint64_t end, bool even_cows)
{
	bool all = even_cows || (v->flags & VMA_SHARED);
	struct tlb_batch b;
	uint64_t *e;

	if (vm->mapped_pages > vm->hiwater_pages)
		vm->hiwater_pages = vm->mapped_pages;
	tlb_batch_init(&b, vm);
	for (uint64_t va = vm_next_frame(vm, start, end, &e); va < end;
	     va = vm_next_frame(vm, va + PAGE_SIZE, end, &e)) {
		if (!all && !(*e & VM_PTE_CACHE))
			continue;	/* a private copy: stays */
		tlb_batch_add(&b, va, *e & PTE_ADDR_MASK);
		*e = 0;
		vm->mapped_pages--;
	}
	tlb_batch_finish(&b);	/* the frames are put once no TLB holds them */
}

void vm_unmap_file_pages(struct vm_space *vm, struct address_space *m, uint64_t first,
			 uint64_t end, bool even_cows)
{
	vm_lock(vm);
	for (struct vma *v = vm->vmas.head; v; v = v->next) {
		uint64_t vfirst = v->off / PAGE_SIZE, vpages = (v->end - v->start) / PAGE_SIZE;
		uint64_t lo, hi;

		if (!v->file || !v->file->inode || &v->file->inode->i_data != m)
			continue;
		lo = MAX(first, vfirst);
		hi = MIN(end, vfirst + vpages);
		if (lo >= hi)
			continue;
		vm_unmap_area_pages(vm, v, v->start + (lo - vfirst) * PAGE_SIZE,
				    v->start + (hi - vfirst) * PAGE_SIZE, even_cows);
	}
	vm_unlock(vm);
}

/* Zeroes the frames of shared anonymous area part [start, end) (vm locked). */
static void vm_zero_shared_anon(struct vm_space *vm, uint64_t start, uint64_t end)
{
	uint64_t *e;

	for (uint64_t va = vm_next_frame(vm, start, end, &e); va < end;
	     va = vm_next_frame(vm, va + PAGE_SIZE, end, &e))
		memset(phys_to_virt(*e & PTE_ADDR_MASK), 0, PAGE_SIZE);
}

int vm_madvise_remove(struct vm_space *vm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len, cur = start;
	bool hole = false;

	if (!vm_range_valid(start, len))
		return -EINVAL;
	while (cur < end) {
		struct file *f = NULL;
		uint64_t off = 0, n;
		struct vma *v;
		int err = 0;

		vm_lock_read(vm);
		v = vma_find(&vm->vmas, cur);
		if (!v || v->start >= end) {
			vm_unlock_read(vm);
			hole = true;
			break;
		}
		if (v->start > cur) {
			hole = true;
			cur = v->start;
		}
		n = MIN(end, v->end) - cur;
		if (!v->file) {
			/*
			 * Linux's shared anonymous memory is a shmem file, whose
			 * pages the hole frees; here its frames are the memory
			 * itself, shared by fork: zeroed in place, every sharer
			 * reads zeros as there.
			 */
			if (v->flags & VMA_SHARED)
				vm_zero_shared_anon(vm, cur, cur + n);
			else
				err = -EINVAL;
		} else if (!(v->flags & VMA_SHARED) || !(v->prot & VM_PROT_WRITE)) {
			err = -EACCES;	/* Linux 6.1's madvise_remove: VM_SHARED|VM_WRITE */
		} else {
			f = v->file;
			file_get(f);
			off = v->off + (cur - v->start);
		}
		vm_unlock_read(vm);
		if (f) {
			/* The file's i_rwsem comes before vm's sem: unlocked. */
			err = vfs_fallocate(f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
					    (int64_t)off, (int64_t)n);
			file_put(f);
		}
		if (err)
			return err;
		cur += n;
	}
	return hole ? -ENOMEM : 0;
}

bool vm_range_free(struct vm_space *vm, uint64_t start, uint64_t len)
{
	bool free;

	vm_lock_read(vm);
	free = !vma_overlaps(&vm->vmas, start, start + len);
	vm_unlock_read(vm);
	return free;
}

bool vm_range_covered(struct vm_space *vm, uint64_t start, uint64_t len)
{
	bool covered;

	vm_lock_read(vm);
	covered = vma_covered(&vm->vmas, start, start + len);
	vm_unlock_read(vm);
	return covered;
}

uint64_t vm_find_free(struct vm_space *vm, uint64_t len)
{
	uint64_t a;

	vm_lock_read(vm);
	a = vma_find_gap(&vm->vmas, len, VM_MMAP_MIN_ADDR, vm->mmap_base,
			 VM_STACK_GUARD_GAP);
	vm_unlock_read(vm);
	return a;
}

/*
 * Moves the part [old, old + len) of area v, which vma_isolate made an
 * area of its own, to new (free): the area node and the frames move, no
 * byte is copied. The page tables at new are made first, so that once
 * the move starts nothing can fail.
 */
static int vm_move(struct vm_space *vm, uint64_t old, uint64_t len, uint64_t new,
		   uint64_t new_len)
{
	struct tlb_batch b;
	uint64_t *e;
	struct vma *v;
	int err;

	for (uint64_t va = vm_next_frame(vm, old, old + len, &e); va < old + len;
	     va = vm_next_frame(vm, va + PAGE_SIZE, old + len, &e))
		if (!vm_walk(vm, new + (va - old), true))
			return -ENOMEM;
	err = vma_isolate(&vm->vmas, old, old + len);
	if (err)
		return err;
	v = vma_lookup(&vm->vmas, old);
	vma_unlink(&vm->vmas, v);
	v->start = new;
	v->end = new + new_len;
	vma_link(&vm->vmas, v);
	tlb_batch_init(&b, vm);
	for (uint64_t va = vm_next_frame(vm, old, old + len, &e); va < old + len;
	     va = vm_next_frame(vm, va + PAGE_SIZE, old + len, &e)) {
		uint64_t *ne = vm_walk(vm, new + (va - old), false);

		*ne = *e;
		*e = 0;
		tlb_batch_add(&b, va, 0);
	}
	tlb_batch_finish(&b);
	vm_prune_tables(vm, old, old + len);
	return 0;
}

static bool vm_remap_data(const struct vma *v)
{
	return !(v->flags & (VMA_SHARED | VMA_GROWSDOWN)) && (v->prot & VM_PROT_WRITE);
}

long vm_remap(struct vm_space *vm, uint64_t old, uint64_t old_len, uint64_t new_len,
	      bool may_move, uint64_t fixed)
{
	uint64_t grow = new_len > old_len ? new_len - old_len : 0;
	bool shared_anon = false;
	unsigned vflags = 0;
	struct vma *v;
	long ret;

	if (fixed) {
		/* mremap(2): the new range replaces whatever is there. */
		int err = vm_unmap(vm, fixed, new_len);

		if (err)
			return err;
		if (old_len > new_len) {
			err = vm_unmap(vm, old + new_len, old_len - new_len);
			if (err)
				return err;
			old_len = new_len;
		}
	} else if (old_len >= new_len) {
		int err = vm_unmap(vm, old + new_len, old_len - new_len);

		return err ? err : (long)old;
	}
	vm_lock(vm);
	v = vma_lookup(&vm->vmas, old);
	if (!v || old + old_len > v->end) {
		ret = -EFAULT;
		goto out;
	}
	shared_anon = (v->flags & VMA_SHARED) && !v->file;
	vflags = v->flags;
	if (grow && !vm_may_grow(vm, grow, vm_remap_data(v))) {
		ret = -ENOMEM;
		goto out;
	}
	/* vma_to_resize: a locked area grows only within RLIMIT_MEMLOCK. */
	if (grow && (vflags & VMA_LOCKED) && !vm_mlock_fits(vm, grow, vm_mlock_limit())) {
		ret = -EAGAIN;
		goto out;
	}
	/* In place: the area ends where the range does and room follows. */
	if (!fixed && old + old_len == v->end && new_len <= USER_SPACE_END - old &&
	    !vma_overlaps(&vm->vmas, v->end, old + new_len)) {
		v->end = old + new_len;
		vm->vmas.total += grow;
		vma_merge(&vm->vmas, v);
		ret = (long)old;
		goto out;
	}
	if (!may_move) {
		ret = -ENOMEM;
		goto out;
	}
	if (!fixed) {
		fixed = vma_find_gap(&vm->vmas, new_len, VM_MMAP_MIN_ADDR, vm->mmap_base,
				     VM_STACK_GUARD_GAP);
		if (!fixed) {
			ret = -ENOMEM;
			goto out;
		}
	}
	ret = vm_move(vm, old, old_len, fixed, new_len);
	if (!ret)
		ret = (long)fixed;
out:
	vm_unlock(vm);
	/* Shared anonymous memory has all its frames before any fork (vm_mmap). */
	if (ret >= 0 && grow && shared_anon && vm_populate(vm, (uint64_t)ret + old_len, grow)) {
		vm_unmap(vm, (uint64_t)ret, new_len);
		return -ENOMEM;
	}
	/* A locked area's new part is locked and faulted in (Linux's mremap). */
	if (ret >= 0 && grow && (vflags & VMA_LOCKED))
		vm_mlock_new_area(vm, (uint64_t)ret + old_len, (uint64_t)ret + new_len, vflags);
	return ret;
}
