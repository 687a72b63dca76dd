/*
 * vm_fault.c: page faults on user addresses, and fork's copy-on-write
 * clone of an address space.
 *
 * A fault is resolved when the address lies in an area (or just below a
 * grows-down stack area, which then extends) whose rights allow the
 * access (error code bits, Intel SDM Vol. 3A 4.7):
 *
 *   no frame yet         demand paging: a zeroed frame; for a file whose
 *                        file system keeps frames (tmpfs: file_get_page),
 *                        on a read of a private mapping the file's own
 *                        frame read-only (two runs of a program share its
 *                        text), on a write a copy of it, for a hole zeros;
 *                        for other files a private copy of their bytes
 *   write to a frame     copy on write: the frame is shared with another
 *   mapped read-only     address space (refs > 1): copy it; or it is ours
 *                        alone by now (refs == 1): just allow writes
 *
 * Anything else (no area, rights refused, a present page that already
 * allows the access) is -EFAULT: SIGSEGV for a program, the exception
 * table's -EFAULT for a uaccess copy. Never resolving a fault that the
 * tables already allow means a fault can not loop.
 */
#include <mm/vm_priv.h>
#include <asm/cpu.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <fs/file.h>
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
static int vm_fault_file(struct vm_space *vm, struct vma *v, uint64_t va, bool write)
{
	struct file *file = v->file;
	uint64_t off = v->off + (va - v->start), frame = 0, pte, *e;
	unsigned prot = v->prot;
	bool private_read = !write && !(v->flags & VMA_SHARED);
	int err = 0;

	vma_file_get(file);	/* v may go while the lock is dropped */
	vm_unlock(vm);
	if (file_has_pages(file)) {
		uint64_t cached = file_get_page(file, off / PAGE_SIZE);

		if (cached && private_read) {
			/* Shared with the file: a write must copy it (vm_fault_page). */
			frame = cached;
			pte = frame | (vm_pte_prot(prot) & ~PTE_W);
		} else {
			frame = vm_frame_alloc(!cached);	/* a hole reads as zeros */
			if (frame && cached)
				memcpy(phys_to_virt(frame), phys_to_virt(cached), PAGE_SIZE);
			if (cached)
				vm_frame_put(cached);
			err = frame ? 0 : -ENOMEM;
			pte = frame | vm_pte_prot(prot);
		}
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
	    v->prot != prot || vm_pte_has_frame(*e)) {
		vm_frame_put(frame);
		return e ? 0 : -ENOMEM;
	}
	*e = pte;
	vm->mapped_pages++;
	vm_flush(vm, va);
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
	if (!write || (v->flags & VMA_SHARED))
		return 0;
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
	vm_lock(vm);
	v = vma_lookup(&vm->vmas, va);
	if (!v)
		v = vm_grow_stack(vm, va);
	if (!v || (v->prot & VM_PROT_NONE))
		goto out;
	if (write && !(v->prot & VM_PROT_WRITE))
		goto out;
	if ((error_code & VM_PF_FETCH) && !(v->prot & VM_PROT_EXEC))
		goto out;
	e = vm_walk(vm, va, false);
	/* A frame that already allows this access: not ours to fix. */
	if (e && (*e & PTE_P) && (!write || (*e & PTE_W)))
		goto out;
	err = vm_fault_page(vm, v, va, write);
out:
	vm_unlock(vm);
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
	/* vm is new: nobody else can see it yet, only src needs its lock. */
	vm_lock(src);
	err = vma_list_clone(&vm->vmas, &src->vmas);
	for (const struct vma *v = src->vmas.head; v && !err; v = v->next)
		err = vm_clone_area(vm, src, v);
	/* Write rights went from src's PTEs (even on failure: harmless). */
	vm_flush_all(src);
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
	return vm;
}
