/*
 * sys_mlock.c: mlock(2), mlock2(2), munlock(2), mlockall(2) and
 * munlockall(2), with the argument checks and errnos of Linux's
 * mm/mlock.c; the work is vm_mlock.c's.
 *
 *   flags other than MLOCK_ONFAULT (mlock2), mlockall flags 0, unknown
 *   or MCL_ONFAULT alone                                     EINVAL
 *   RLIMIT_MEMLOCK 0 and not root (can_do_mlock)             EPERM
 *   a hole in the range, over RLIMIT_MEMLOCK, PROT_NONE pages ENOMEM
 *   no memory to fault the pages in                          EAGAIN
 *
 * munlock and munlockall need no privilege. Locks are not inherited by
 * fork (vma_list_clone) and go with exec (a new address space).
 */
#include <basalt/syscalls.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define MLOCK_MCL_KNOWN	(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)

/* do_mlock: the range grows to whole pages (a length that wraps locks nothing). */
static void mlock_align(uint64_t *start, uint64_t *len)
{
	uint64_t off = *start & (PAGE_SIZE - 1);

	*len = (*len + off + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	*start -= off;
}

static long mlock_range(uint64_t start, uint64_t len, unsigned lock)
{
	if (!vm_mlock_allowed())
		return -EPERM;
	mlock_align(&start, &len);
	return vm_mlock(process_current()->vm, start, len, lock, vm_mlock_limit());
}

SYSCALL_DEFINE2(mlock, uint64_t, start, uint64_t, len)
{
	return mlock_range(start, len, VMA_LOCKED);
}

SYSCALL_DEFINE3(mlock2, uint64_t, start, uint64_t, len, unsigned, flags)
{
	if (flags & ~(unsigned)MLOCK_ONFAULT)
		return -EINVAL;
	return mlock_range(start, len, VMA_LOCKED | ((flags & MLOCK_ONFAULT) ? VMA_LOCKONFAULT : 0));
}

SYSCALL_DEFINE2(munlock, uint64_t, start, uint64_t, len)
{
	mlock_align(&start, &len);
	return vm_mlock(process_current()->vm, start, len, 0, UINT64_MAX);
}

SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct vm_space *vm = process_current()->vm;
	unsigned lock = VMA_LOCKED | ((flags & MCL_ONFAULT) ? VMA_LOCKONFAULT : 0);
	uint64_t limit;

	if (!flags || (flags & ~MLOCK_MCL_KNOWN) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!vm_mlock_allowed())
		return -EPERM;
	/* Linux checks the whole address space (total_vm) against the limit. */
	limit = vm_mlock_limit();
	if ((flags & MCL_CURRENT) && limit != UINT64_MAX &&
	    vm->vmas.total / PAGE_SIZE > limit / PAGE_SIZE)
		return -ENOMEM;
	vm_mlockall(vm, flags & MCL_CURRENT, lock, (flags & MCL_FUTURE) ? lock : 0);
	return 0;
}

SYSCALL_DEFINE0(munlockall)
{
	vm_mlockall(process_current()->vm, true, 0, 0);
	return 0;
}
