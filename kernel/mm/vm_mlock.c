/*
 * vm_mlock.c: locking memory (mlock(2), mlock2(2), munlock(2),
 * mlockall(2), munlockall(2) underneath; the syscalls are sys_mlock.c).
 *
 * Basalt has no swap, so what a lock does that a program can see is what
 * Linux does besides keeping pages off swap: the pages are faulted in at
 * once (copy-on-write broken for private writable memory), the areas
 * carry VMA_LOCKED (and VMA_LOCKONFAULT) through splits, the locked bytes
 * count against RLIMIT_MEMLOCK and show as VmLck. Reclaim (page_cache.c)
 * only drops pages nothing maps, so a locked page stays.
 *
 * Locking: vm.h's, the space's sem for writing while areas change; the
 * populate loop takes it per page (vm_fault_page may drop it to read a
 * file, and a long populate lets other threads in).
 */
#include <mm/vm_priv.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <user/user.h>

/* Linux's locked_vm, recounted with sem held for writing. */
static void vm_mlock_recount(struct vm_space *vm)
{
	vm->locked_bytes = vma_locked_bytes(&vm->vmas);
}

/* Bytes of [start, end) that VMA_LOCKED areas already cover (count_mm_mlocked_page_nr). */
static uint64_t vm_mlock_counted(struct vm_space *vm, uint64_t start, uint64_t end)
{
	uint64_t n = 0;

	for (const struct vma *v = vma_find(&vm->vmas, start); v && v->start < end; v = v->next) {
		if (!(v->flags & VMA_LOCKED))
			continue;
		n += (v->end < end ? v->end : end) - (v->start > start ? v->start : start);
	}
	return n;
}

/*
 * Faults in the pages of the VMA_LOCKED areas in [start, end), as
 * Linux's __mm_populate: LOCKONFAULT areas and the kernel's own are left
 * alone; a PROT_NONE area cannot be faulted (Linux's EFAULT, which mlock
 * reports as ENOMEM); running out of memory is EAGAIN (mlock(2)). With
 * ignore_errors every page that can be is faulted in and 0 returned.
 */
static int vm_mlock_populate(struct vm_space *vm, uint64_t start, uint64_t end, bool ignore_errors)
{
	uint64_t va = start;
	int err = 0;

	while (va < end) {
		struct vma *v;
		uint64_t next;

		vm_lock(vm);
		v = vma_find(&vm->vmas, va);
		if (!v || v->start >= end) {
			vm_unlock(vm);
			break;
		}
		if (va < v->start)
			va = v->start;
		next = va + PAGE_SIZE;
		if (!(v->flags & VMA_LOCKED) || (v->flags & (VMA_LOCKONFAULT | VMA_SPECIAL))) {
			next = v->end;
		} else if (v->prot & VM_PROT_NONE) {
			next = v->end;
			err = -ENOMEM;
		} else {
			bool write = (v->prot & VM_PROT_WRITE) && !(v->flags & VMA_SHARED);

			err = vm_fault_page(vm, v, va, write);
			if (err)
				err = err == -ENOMEM ? -EAGAIN : -ENOMEM;
		}
		vm_unlock(vm);
		if (err && !ignore_errors)
			return err;
		err = 0;
		va = next;
	}
	return 0;
}

int vm_mlock(struct vm_space *vm, uint64_t start, uint64_t len, unsigned lock, uint64_t limit)
{
	uint64_t end = start + len;
	int err = 0;

	/* apply_vma_lock_flags: a wrapping range is EINVAL, an empty one done. */
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vm_lock(vm);
	if (!vma_covered(&vm->vmas, start, end)) {
		err = -ENOMEM;
		goto out;
	}
	/* do_mlock: what the range already has locked does not count twice. */
	if ((lock & VMA_LOCKED) &&
	    !vm_mlock_fits(vm, len - vm_mlock_counted(vm, start, end), limit)) {
		err = -ENOMEM;
		goto out;
	}
	err = vma_set_lock(&vm->vmas, start, end, lock);
	vm_mlock_recount(vm);
out:
	vm_unlock(vm);
	if (err || !(lock & VMA_LOCKED) || (lock & VMA_LOCKONFAULT))
		return err;
	return vm_mlock_populate(vm, start, end, false);
}

void vm_mlockall(struct vm_space *vm, bool current_set, unsigned current, unsigned future)
{
	vm_lock(vm);
	vm->def_flags = future;
	if (current_set) {
		/* Every area whole: nothing to split, so it cannot fail. */
		(void)vma_set_lock(&vm->vmas, 0, USER_SPACE_END, current);
		vm_mlock_recount(vm);
	}
	vm_unlock(vm);
	if (current_set && (current & VMA_LOCKED) && !(current & VMA_LOCKONFAULT))
		vm_mlock_populate(vm, 0, USER_SPACE_END, true);
}

/* CAP_IPC_LOCK is root's (capget reports root's full set). */
uint64_t vm_mlock_limit(void)
{
	return process_current()->cred.euid == 0 ? UINT64_MAX : vm_rlimit(RLIMIT_MEMLOCK);
}

bool vm_mlock_allowed(void)
{
	return vm_mlock_limit() != 0;
}

int vm_mlock_map_check(struct vm_space *vm, uint64_t len, bool map_locked)
{
	if (map_locked && !vm_mlock_allowed())
		return -EPERM;
	if ((map_locked || (vm->def_flags & VMA_LOCKED)) &&
	    !vm_mlock_fits(vm, len, vm_mlock_limit()))
		return -EAGAIN;
	return 0;
}

bool vm_mlock_fits(struct vm_space *vm, uint64_t more, uint64_t limit)
{
	/* Linux compares pages: a limit that is not a page multiple rounds down. */
	uint64_t pages = (vm->locked_bytes + more) / PAGE_SIZE;

	return limit == UINT64_MAX || pages <= limit / PAGE_SIZE;
}

/* mmap and mremap under VMA_LOCKED: count, and fault in what is new (errors ignored). */
void vm_mlock_new_area(struct vm_space *vm, uint64_t start, uint64_t end, unsigned flags)
{
	vm_lock(vm);
	vm_mlock_recount(vm);
	vm_unlock(vm);
	if ((flags & VMA_LOCKED) && !(flags & VMA_LOCKONFAULT))
		vm_mlock_populate(vm, start, end, true);
}

/* munmap and mremap: areas that went may have been locked. */
void vm_mlock_forget(struct vm_space *vm)
{
	if (vm->locked_bytes)
		vm_mlock_recount(vm);
}
