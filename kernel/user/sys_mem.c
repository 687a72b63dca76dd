/*
 * sys_mem.c: brk, mmap (anonymous private only), mprotect, munmap.
 *
 * No VMAs yet: the page tables are the only record of what is mapped,
 * so mmap finds room by looking for unmapped pages below vm->mmap_base,
 * and PROT_NONE pages are present but supervisor-only (ring 3 faults on
 * them as on an unmapped page, and they still count as taken).
 */
#include <user/user.h>
#include <proc/process.h>
#include <arch/x86_64/syscall/syscall.h>
#include <basalt/compiler.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

/* Linux's default vm.mmap_min_addr: NULL dereferences always fault. */
#define MMAP_MIN_ADDR		0x10000ULL
#define MMAP_PROT_KNOWN		(PROT_READ | PROT_WRITE | PROT_EXEC)
#define MMAP_FLAGS_KNOWN	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
				 MAP_NORESERVE | MAP_FIXED_NOREPLACE)

static unsigned mem_vm_prot(uint64_t prot)
{
	unsigned p = 0;

	if (prot & PROT_WRITE)
		p |= VM_PROT_WRITE;
	if (prot & PROT_EXEC)
		p |= VM_PROT_EXEC;
	return p;
}

static int mem_map(struct vm_space *vm, uint64_t start, uint64_t len, uint64_t prot)
{
	int err = vm_map_anon(vm, start, len, mem_vm_prot(prot));

	if (!err && prot == PROT_NONE)
		err = vm_protect(vm, start, len, VM_PROT_NONE_SUPERVISOR);
	return err;
}

/*
 * Pages are allocated when mapped (no demand paging yet), so a request
 * beyond the free memory cannot succeed: refuse it before trying.
 */
static bool mem_fits(uint64_t len)
{
	return len / PAGE_SIZE <= pmm_free_pages_count();
}

long sys_brk(struct trap_frame *f)
{
	struct vm_space *vm = user_current()->vm;
	uint64_t want = SYSCALL_ARG0(f);
	uint64_t old_end = ALIGN_UP(vm->brk, PAGE_SIZE), new_end;

	/* brk(0) and bad requests report the current break, as Linux does. */
	if (want < vm->start_brk || want >= vm->mmap_base)
		return (long)vm->brk;
	new_end = ALIGN_UP(want, PAGE_SIZE);
	if (new_end > old_end) {
		if (!mem_fits(new_end - old_end) ||
		    mem_map(vm, old_end, new_end - old_end, PROT_READ | PROT_WRITE))
			return (long)vm->brk;
	} else if (new_end < old_end) {
		vm_unmap(vm, new_end, old_end - new_end);
	}
	vm->brk = want;
	return (long)vm->brk;
}

/*
 * The highest free range of len bytes below mmap_base, or 0. When the
 * candidate [a, a + len) holds a mapped page m, every candidate above
 * m - len overlaps m too, so the search jumps there.
 */
static uint64_t mem_find_free(struct vm_space *vm, uint64_t len)
{
	uint64_t a, m;

	if (len > vm->mmap_base - MMAP_MIN_ADDR)
		return 0;
	for (a = vm->mmap_base - len; a >= MMAP_MIN_ADDR; a = m - len) {
		if (!vm_first_mapped(vm, a, len, &m))
			return a;
		if (m - MMAP_MIN_ADDR < len)
			break;
	}
	return 0;
}

long sys_mmap(struct trap_frame *f)
{
	struct vm_space *vm = user_current()->vm;
	uint64_t addr = SYSCALL_ARG0(f), len = SYSCALL_ARG1(f);
	uint64_t prot = SYSCALL_ARG2(f), flags = SYSCALL_ARG3(f);
	uint64_t start;
	int err;

	if (!len || (addr & (PAGE_SIZE - 1)) || (prot & ~MMAP_PROT_KNOWN) ||
	    (flags & ~MMAP_FLAGS_KNOWN))
		return -EINVAL;
	if (len > USER_SPACE_END)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!mem_fits(len))
		return -ENOMEM;
	/* Shared memory needs shared frames; no descriptor is open yet. */
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -EBADF;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr < MMAP_MIN_ADDR || !uaccess_range_ok(addr, len))
			return -EPERM;
		if (!vm_range_free(vm, addr, len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			vm_unmap(vm, addr, len);
		}
		start = addr;
	} else {
		start = mem_find_free(vm, len);
		if (!start)
			return -ENOMEM;
	}
	err = mem_map(vm, start, len, prot);
	return err ? -ENOMEM : (long)start;
}

long sys_munmap(struct trap_frame *f)
{
	uint64_t addr = SYSCALL_ARG0(f), len = SYSCALL_ARG1(f);

	if ((addr & (PAGE_SIZE - 1)) || !len || !uaccess_range_ok(addr, len))
		return -EINVAL;
	return vm_unmap(user_current()->vm, addr, ALIGN_UP(len, PAGE_SIZE));
}

long sys_mprotect(struct trap_frame *f)
{
	uint64_t addr = SYSCALL_ARG0(f), len = SYSCALL_ARG1(f), prot = SYSCALL_ARG2(f);
	struct vm_space *vm = user_current()->vm;

	if (len > USER_SPACE_END)
		return -ENOMEM;
	if ((addr & (PAGE_SIZE - 1)) || (prot & ~MMAP_PROT_KNOWN) ||
	    !uaccess_range_ok(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return 0;
	return vm_protect(vm, addr, len,
			  prot == PROT_NONE ? VM_PROT_NONE_SUPERVISOR : mem_vm_prot(prot));
}
