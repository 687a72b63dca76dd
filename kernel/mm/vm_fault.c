/*
 * vm_fault.c: page faults on user addresses, and fork's copy-on-write
 * clone of an address space.
 *
 * A fault is resolved when the address lies in an area (or just below a
 * grows-down stack area, which then extends) whose rights allow the
 * access (error code bits, Intel SDM Vol. 3A 4.7):
 *
 *   no frame yet         demand paging: a zeroed frame; for a file whose
 *                        file system keeps its pages in the page cache
 *                        (mm/page_cache.h): in a shared mapping the
 *                        cache's frame itself (made if it was a hole), in
 *                        a private one on a read the cache's frame
 *                        read-only (two runs of a program share its text),
 *                        on a write a copy of it, for a hole zeros; for
 *                        other files a private copy of their bytes. A page
 *                        wholly past the end of the file is SIGBUS.
 *   write to a frame     copy on write: the frame is shared with another
 *   mapped read-only     address space (refs > 1): copy it; or it is ours
 *                        alone by now (refs == 1): just allow writes. In
 *                        a shared file mapping: the page turns dirty
 *                        (page_cache_mark_dirty) and writable
 *
 * Anything else is an error the trap turns into Linux's signal: -EFAULT
 * when no area holds the address (SIGSEGV, SEGV_MAPERR), -EACCES when an
 * area does but refuses the access, or the page already allows it
 * (SEGV_ACCERR), -EIO past the end of a mapped file (SIGBUS,
 * BUS_ADRERR); a uaccess copy turns any of them into -EFAULT. Never
 * resolving a fault that the tables already allow means a fault can not
 * loop.
 */
#include <mm/vm_priv.h>
#include <asm/cpu.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/page_cache.h>
#include <mm/shrinker.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <user/user.h>

/*
 * Reads the bytes at off of file into the frame (not zeroed); the part
 * past a short read (the end of the file) is zeroed.
 */
static int vm_fill_from_file(struct file *file, uint64_t off, uint64_t frame)
{
	uint8_t *page = phys_to_virt(frame);
	long n = file_read_kernel(file, page, PAGE_SIZE, off);

	if (n < 0)
		return (int)n;
	memset(page + n, 0, PAGE_SIZE - (size_t)n);
	return 0;
}

/*
 * No frame yet at va of file area v: the file's own frame (read-only,
 * shared with the file) for a read of a private mapping when its file
 * system keeps one, a copy of it for a write, else a private copy of the
 * file's bytes. A file that keeps frames is never read through the VFS
 * here: the fault may come from inside a read or write that holds the
 * file's i_rwsem (a user buffer in the program's own data or text), and
 * file_get_page takes no VFS lock. The VFS may sleep, so vm's lock is
 * dropped meanwhile; afterwards the
 * frame goes in only if va still maps the same bytes of the same file
 * and still has no frame, else it is dropped and the next access (if it
 * still needs one) faults again.
 */
/* Whether file offset off lies wholly past the end of the file (SIGBUS). */
static bool vm_past_eof(struct file *file, uint64_t off)
{
	uint64_t size;

	if (!file->inode || !S_ISREG(file->inode->mode))
		return false;
	size = __atomic_load_n(&file->inode->size, __ATOMIC_RELAXED);
	return off >= ALIGN_UP(size, PAGE_SIZE);
}

/* The frame and PTE for a page of a file kept in the page cache. */
static int vm_file_cache_frame(struct vma *v, struct file *file, uint64_t off, bool write,
			       uint64_t *frame, uint64_t *pte)
{
	struct address_space *m = &file->inode->i_data;
	unsigned prot = v->prot;
	uint64_t cached;
	int err;

	if (v->flags & VMA_SHARED) {
		/*
		 * The cache's own frame: what the file holds and what read(2)
		 * sees. Writable only from a write fault, which dirties it, so
		 * that a read fault leaves it clean (writeback sees changes).
		 */
		err = page_cache_get(m, off / PAGE_SIZE, true, frame);
		if (err)
			return err == -ENOSPC ? -EIO : err;
		*pte = *frame | vm_pte_prot(prot) | VM_PTE_CACHE;
		if (write)
			page_cache_mark_dirty(m, off / PAGE_SIZE);
		else
			*pte &= ~PTE_W;
		return 0;
	}
	cached = file_get_page(file, off / PAGE_SIZE);
	if (cached && !write) {
		/* Shared with the file: a write must copy it (vm_fault_page). */
		*frame = cached;
		*pte = cached | (vm_pte_prot(prot) & ~PTE_W) | VM_PTE_CACHE;
		return 0;
	}
	*frame = vm_frame_alloc(!cached);	/* a hole reads as zeros */
	if (*frame && cached)
		memcpy(phys_to_virt(*frame), phys_to_virt(cached), PAGE_SIZE);
	if (cached)
		vm_frame_put(cached);
	*pte = *frame | vm_pte_prot(prot);
	return *frame ? 0 : -ENOMEM;
}

/*
 * Fault-around (Linux's do_fault_around, fault_around_bytes 64 KiB): a
 * read fault of a file mapping also maps the neighbours in its aligned
 * window that the page cache already holds, read-only, so a program
 * reading through a mapped file takes one fault per window, not per
 * page. Only pages already cached, inside the area and the file, with
 * no frame yet; vm locked for writing (tree_lock nests inside it: the
 * page cache takes no address space lock).
 */
#define VM_FAULT_AROUND_PAGES	16
/* Objects asked of the shrinkers when a fault finds no free frame. */
#define VM_FAULT_RECLAIM_BATCH	64

static void vm_fault_around(struct vm_space *vm, struct vma *v, uint64_t va)
{
	uint64_t window = VM_FAULT_AROUND_PAGES * PAGE_SIZE;
	uint64_t lo = MAX(v->start, ALIGN_DOWN(va, window));
	uint64_t hi = MIN(v->end, ALIGN_DOWN(va, window) + window);
	struct address_space *m = &v->file->inode->i_data;
	uint64_t pte_prot = (vm_pte_prot(v->prot) & ~PTE_W) | VM_PTE_CACHE;

	for (uint64_t a = lo; a < hi; a += PAGE_SIZE) {
		uint64_t off = v->off + (a - v->start), frame, *e;

		if (a == va || vm_past_eof(v->file, off))
			continue;
		e = vm_walk(vm, a, false);
		if (e && vm_pte_has_frame(*e))
			continue;
		frame = page_cache_lookup(m, off / PAGE_SIZE);
		if (!frame)
			continue;
		e = vm_walk(vm, a, true);
		if (!e || vm_pte_has_frame(*e)) {
			vm_frame_put(frame);
			continue;
		}
		*e = frame | pte_prot;
		vm->mapped_pages++;
		vm_flush(vm, a);
	}
}

/*
 * Whether the cache's page that pte maps (VM_PTE_CACHE) is still the
 * file's page at off: a truncate or a punched hole may have dropped it
 * while the fault had vm unlocked, and unmapped this space before the
 * fault could map it. vm locked (tree_lock nests inside it).
 */
static bool vm_fault_still_cached(struct file *file, uint64_t off, uint64_t pte)
{
	uint64_t now;

	if (!(pte & VM_PTE_CACHE))
		return true;
	now = page_cache_lookup(&file->inode->i_data, off / PAGE_SIZE);
	if (now)
		vm_frame_put(now);
	return now == (pte & PTE_ADDR_MASK);
}

/*
 * No frame yet at va of file area v (see the top). The file's page is
 * found with vm's lock dropped: a file that keeps its pages in the cache
 * is never read through the VFS here (the fault may come from inside a
 * read or write that holds the file's i_rwsem: a user buffer in the
 * program's own data or text, or in a mapping of that file), and the
 * VFS may sleep. Afterwards the frame goes in only if va still maps the
 * same bytes of the same file and still has no frame, else it is
 * dropped and the next access (if it still needs one) faults again.
 */
static int vm_fault_file(struct vm_space *vm, struct vma *v, uint64_t va, bool write)
{
	struct file *file = v->file;
	uint64_t off = v->off + (va - v->start), frame = 0, pte = 0, *e;
	unsigned prot = v->prot;
	int err = 0;

	if (vm_past_eof(file, off))
		return -EIO;
	vma_file_get(file);	/* v may go while the lock is dropped */
	vm_unlock(vm);
	if (file_has_pages(file)) {
		err = vm_file_cache_frame(v, file, off, write, &frame, &pte);
	} else if (v->flags & VMA_SHARED) {
		err = -EIO;		/* no page cache: never mapped shared (sys_mem.c) */
	} else {
		frame = vm_frame_alloc(false);
		err = frame ? vm_fill_from_file(file, off, frame) : -ENOMEM;
		pte = frame | vm_pte_prot(prot);
	}
	vm_lock(vm);
	vma_file_put(file);	/* deferred: put once vm is unlocked */
	if (err) {
		if (frame)
			vm_frame_put(frame);
		return err;
	}
	v = vma_lookup(&vm->vmas, va);
	e = vm_walk(vm, va, true);
	if (!e || !v || v->file != file || v->off + (va - v->start) != off ||
	    v->prot != prot || vm_pte_has_frame(*e) || !vm_fault_still_cached(file, off, pte)) {
		vm_frame_put(frame);
		return e ? 0 : -ENOMEM;
	}
	/* A truncate came meanwhile (it sets the size before it unmaps). */
	if (vm_past_eof(file, off)) {
		vm_frame_put(frame);
		return -EIO;
	}
	*e = pte;
	vm->mapped_pages++;
	vm_flush(vm, va);
	if (!write && file_has_pages(file))
		vm_fault_around(vm, v, va);
	return 0;
}

int vm_fault_page(struct vm_space *vm, struct vma *v, uint64_t va, bool write)
{
	uint64_t *e = vm_walk(vm, va, true), frame, old;

	if (!e)
		return -ENOMEM;
	if (!vm_pte_has_frame(*e)) {
		if (v->file)
			return vm_fault_file(vm, v, va, write);
		frame = vm_frame_alloc(true);
		if (!frame)
			return -ENOMEM;
		*e = frame | vm_pte_prot(v->prot);
		vm->mapped_pages++;
		vm_flush(vm, va);
		return 0;
	}
	if (!write)
		return 0;
	if (v->flags & VMA_SHARED) {
		/* A shared file page written for the first time since its fault. */
		if (v->file && file_has_pages(v->file))
			page_cache_mark_dirty(&v->file->inode->i_data,
					      (v->off + (va - v->start)) / PAGE_SIZE);
		*e |= PTE_W;
		vm_flush(vm, va);
		return 0;
	}
	old = *e & PTE_ADDR_MASK;
	if (vm_frame_refs(old) > 1) {
		frame = vm_frame_alloc(false);
		if (!frame)
			return -ENOMEM;
		memcpy(phys_to_virt(frame), phys_to_virt(old), PAGE_SIZE);
		*e = frame | (*e & ~PTE_ADDR_MASK);
		vm_frame_put(old);
	}
	/* Ours alone now: the area's own rights, writes included if it has them. */
	*e = (*e & PTE_ADDR_MASK) | vm_pte_prot(v->prot);
	vm_flush(vm, va);
	return 0;
}

/*
 * A fault at va below a grows-down area: extend it down to va if that
 * keeps the stack within RLIMIT_STACK and RLIMIT_AS and keeps the guard
 * gap to the area below (Linux's expand_downwards). The extended area,
 * or NULL.
 */
static struct vma *vm_grow_stack(struct vm_space *vm, uint64_t va)
{
	struct vma *v = vma_find(&vm->vmas, va);
	uint64_t grow;

	if (!v || !(v->flags & VMA_GROWSDOWN) || va < VM_MMAP_MIN_ADDR)
		return NULL;
	if (v->end - va > vm_rlimit(RLIMIT_STACK))
		return NULL;
	if (v->prev && (va < v->prev->end || va - v->prev->end < VM_STACK_GUARD_GAP))
		return NULL;
	grow = v->start - va;
	if (!vm_may_grow(vm, grow, false))
		return NULL;
	v->start = va;
	v->off -= grow;
	vm->vmas.total += grow;
	return v;
}

int vm_fault(struct vm_space *vm, uint64_t addr, uint64_t error_code)
{
	uint64_t va = ALIGN_DOWN(addr, PAGE_SIZE), *e;
	bool write = error_code & VM_PF_WRITE;
	struct vma *v;
	int err = -EFAULT;

	if (!vm || addr >= USER_SPACE_END)
		return -EFAULT;
	/*
	 * The fault may take a frame: keep the kernel's reserve free first
	 * (page_cache.c), while no lock is held, so that a program taking
	 * memory from a full cache leaves room for other allocations.
	 */
	page_cache_balance();
	vm_lock(vm);
	v = vma_lookup(&vm->vmas, va);
	if (!v)
		v = vm_grow_stack(vm, va);
	if (!v)
		goto out;
	/* An area, but not this access: Linux's SEGV_ACCERR (bad_area_access_error). */
	err = -EACCES;
	if (v->prot & VM_PROT_NONE)
		goto out;
	if (write && !(v->prot & VM_PROT_WRITE))
		goto out;
	if ((error_code & VM_PF_FETCH) && !(v->prot & VM_PROT_EXEC))
		goto out;
	e = vm_walk(vm, va, false);
	/*
	 * A frame that already allows this access: another thread resolved
	 * the same fault first (on another CPU, or before this one got the
	 * lock), or this CPU faulted on a translation a shootdown was about
	 * to drop. The fault itself dropped it (Intel SDM Vol. 3A 4.10.4.2):
	 * retrying the access is the whole fix, as Linux's spurious faults.
	 */
	if (e && (*e & PTE_P) && (!write || (*e & PTE_W))) {
		err = 0;
		goto out;
	}
	err = vm_fault_page(vm, v, va, write);
out:
	vm_unlock(vm);
	/*
	 * No free frame: the caches give some back (clean page-cache pages,
	 * unused dentries and inodes) and the access is tried again, before
	 * the OOM killer (user faults) or -EFAULT (a uaccess copy, which
	 * Linux would not fail either while reclaim can free memory).
	 */
	if (err == -ENOMEM && shrink_all(VM_FAULT_RECLAIM_BATCH))
		err = 0;
	return err;
}

/*
 * Shares the frames of area v of src with dst: private writable frames
 * lose their write right in both (the first write copies, above).
 */
static int vm_clone_area(struct vm_space *dst, struct vm_space *src, const struct vma *v)
{
	uint64_t *se, *de;

	for (uint64_t va = vm_next_frame(src, v->start, v->end, &se); va < v->end;
	     va = vm_next_frame(src, va + PAGE_SIZE, v->end, &se)) {
		de = vm_walk(dst, va, true);
		if (!de)
			return -ENOMEM;
		if (!(v->flags & VMA_SHARED))
			*se &= ~PTE_W;
		vm_frame_get(*se & PTE_ADDR_MASK);
		*de = *se;
		dst->mapped_pages++;
	}
	return 0;
}

struct vm_space *vm_clone(struct vm_space *src)
{
	struct vm_space *vm = vm_create();
	int err;

	if (!vm)
		return NULL;
	/*
	 * vm is new: nobody else can see it yet, but its file areas go on
	 * the files' reverse maps as they are copied, so it is locked too,
	 * until its page tables are: a truncate that finds it there then
	 * unmaps what it copied from src (rmap.c). Two spaces' sems: the new
	 * one is inside, and no other task takes it yet.
	 */
	vm_lock(src);
	vm_lock(vm);
	err = vma_list_clone(&vm->vmas, &src->vmas);
	for (const struct vma *v = src->vmas.head; v && !err; v = v->next)
		err = vm_clone_area(vm, src, v);
	/* Write rights went from src's PTEs (even on failure: harmless). */
	vm_flush_all(src);
	vm_unlock(vm);
	vm_unlock(src);
	if (err) {
		vm_destroy(vm);
		return NULL;
	}
	if (src->exe_file) {
		file_get(src->exe_file);
		file_deny_write(src->exe_file);
		vm->exe_file = src->exe_file;
	}
	vm->start_brk = src->start_brk;
	vm->brk = src->brk;
	vm->mmap_base = src->mmap_base;
	vm->stack_top = src->stack_top;
	vm->vdso_base = src->vdso_base;
	vm->vvar_base = src->vvar_base;
	return vm;
}
