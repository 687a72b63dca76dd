/*
 * vm_remote.c: reading and writing another address space as its owner's
 * rights allow (process_vm_readv(2), process_vm_writev(2); Linux's
 * access_remote_vm over get_user_pages_remote): each page is faulted in
 * as a user access would fault it (a write breaks copy on write), an
 * area without the right (PROT_NONE, or no PROT_WRITE for a write) or
 * no area at all stops the copy there. Unlike vm_write, nothing is
 * forced through a read-only mapping.
 *
 * Locking: the target space's sem for writing around each page's fault
 * and copy (the copy is to or from a kernel buffer, so no fault can
 * nest); vm_fault_page may drop it to read a file page, so the frame is
 * looked up again after it, and a page that went away meanwhile is
 * tried again a few times.
 */
#include <mm/vm_priv.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <mm/vma.h>
#include <uapi/errno.h>
#include <user/user.h>

#define VM_REMOTE_RETRIES	4	/* a page unmapped while its file was read */

size_t vm_access_remote(struct vm_space *vm, uint64_t addr, void *buf, size_t len, bool write)
{
	size_t done = 0;
	unsigned retries = 0;

	while (done < len) {
		uint64_t va = addr + done, page = ALIGN_DOWN(va, PAGE_SIZE), phys;
		size_t n = MIN((size_t)(PAGE_SIZE - (va - page)), len - done);
		struct vma *v;
		int err;

		if (!uaccess_range_ok(va, n))
			break;
		vm_lock(vm);
		v = vma_lookup(&vm->vmas, va);
		if (!v || (v->prot & VM_PROT_NONE) || (write && !(v->prot & VM_PROT_WRITE))) {
			vm_unlock(vm);
			break;
		}
		err = vm_fault_page(vm, v, page, write);
		if (!err && vm_query(vm, va, &phys, NULL))
			err = -EAGAIN;
		if (!err) {
			uint8_t *k = phys_to_virt(phys);

			if (write)
				memcpy(k, (const uint8_t *)buf + done, n);
			else
				memcpy((uint8_t *)buf + done, k, n);
		}
		vm_unlock(vm);
		if (err == -EAGAIN && ++retries <= VM_REMOTE_RETRIES)
			continue;
		if (err)
			break;
		done += n;
	}
	return done;
}
