/*
 * vm_special.c: areas that map frames the kernel owns (Linux's
 * _install_special_mapping): the vDSO's code and its vvar page
 * (arch/x86_64/vdso/vdso.c). Each page table entry takes a reference on
 * its frame, as any mapped frame does, so fork shares them and munmap
 * drops them like anonymous pages, while the kernel's own reference
 * keeps the frames alive for the next exec. The area is private and
 * read-only here: an mprotect(PROT_WRITE) followed by a write copies the
 * page (the frame has more than one reference), so no process changes
 * what the others see. VMA_SPECIAL keeps the area from merging with a
 * neighbour (Linux's VM_DONTEXPAND), so /proc/PID/maps can name it.
 */
#include <mm/vm_priv.h>
#include <mm/vma.h>
#include <uapi/errno.h>

int vm_map_frames(struct vm_space *vm, uint64_t start, const uint64_t *frames, size_t n,
		  unsigned prot)
{
	uint64_t len = n * PAGE_SIZE;
	int err = vm_mmap(vm, start, len, prot & ~VM_PROT_WRITE, VMA_SPECIAL, NULL, 0);

	if (err)
		return err;
	vm_lock(vm);
	for (size_t i = 0; i < n; i++) {
		uint64_t *e = vm_walk(vm, start + i * PAGE_SIZE, true);

		if (!e) {
			err = -ENOMEM;
			break;
		}
		vm_frame_get(frames[i]);
		*e = frames[i] | vm_pte_prot(prot & ~VM_PROT_WRITE);
		vm->mapped_pages++;
	}
	vm_unlock(vm);
	if (err)
		vm_unmap(vm, start, len);
	return err;
}
