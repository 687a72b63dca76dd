/*
 * sys_mem.c: brk, mmap, munmap, mprotect, mremap and madvise on the
 * calling process's areas (mm/vm.h does the work; this file checks the
 * arguments the way Linux does and picks the errno of mmap(2), brk(2),
 * mprotect(2), mremap(2) and madvise(2)).
 *
 * What is supported:
 *   MAP_PRIVATE anonymous or of a file (a private copy read on first
 *   touch), MAP_SHARED|MAP_ANONYMOUS (frames made at once and shared by
 *   fork), MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_POPULATE, MAP_GROWSDOWN;
 *   MAP_LOCKED (mlock's checks and faulting in: vm_mlock.c); MAP_STACK,
 *   MAP_NORESERVE, MAP_DENYWRITE, MAP_EXECUTABLE and MAP_NONBLOCK are
 *   accepted (hints).
 *   MAP_SHARED of a file maps its page cache (mm/page_cache.h): writes
 *   reach the file and read(2) sees them; files without a page cache
 *   (devices, pipes) give -ENODEV, as their file_ops.mmap says.
 *   MAP_HUGETLB: -EINVAL (no huge pages); MAP_SYNC with
 *   MAP_SHARED_VALIDATE: -EOPNOTSUPP (no DAX).
 *
 * Overcommit follows Linux's default heuristic (vm.overcommit_memory=0,
 * Documentation/mm/overcommit-accounting.rst): a private writable
 * mapping larger than all of RAM is refused unless MAP_NORESERVE.
 */
#include <user/user.h>
#include <proc/process.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define MMAP_PROT_KNOWN		(PROT_READ | PROT_WRITE | PROT_EXEC)
/* Flags Linux's mmap understands; others are ignored unless MAP_SHARED_VALIDATE. */
#define MMAP_FLAGS_KNOWN	(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | \
				 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED | \
				 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | \
				 MAP_HUGETLB | MAP_SYNC | MAP_FIXED_NOREPLACE)
#define MREMAP_FLAGS_KNOWN	(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)
/* open(2)'s access mode bits (O_ACCMODE, O_WRONLY). */
#define MEM_O_ACCMODE		3
#define MEM_O_WRONLY		1
#define MEM_O_RDWR		2

/* The caller's address space: its process's (NULL for a kernel thread). */
static struct vm_space *mem_vm(void)
{
	struct process *p = process_current();

	return p ? p->vm : NULL;
}

static unsigned mem_vm_prot(uint64_t prot)
{
	unsigned p = 0;

	if (prot == PROT_NONE)
		return VM_PROT_NONE;
	if (prot & PROT_WRITE)
		p |= VM_PROT_WRITE;
	if (prot & PROT_EXEC)
		p |= VM_PROT_EXEC;
	return p;
}

static bool mem_page_aligned(uint64_t x)
{
	return !(x & (PAGE_SIZE - 1));
}

/* PAGE_ALIGN(len) for lengths up to the user half, 0 if larger. */
static uint64_t mem_len(uint64_t len)
{
	return len > USER_SPACE_END ? 0 : ALIGN_UP(len, PAGE_SIZE);
}

SYSCALL_DEFINE1(brk, uint64_t, want)
{
	struct vm_space *vm = mem_vm();
	uint64_t old_end = ALIGN_UP(vm->brk, PAGE_SIZE), new_end;

	/* brk(0) and refused requests report the current break, as Linux does. */
	if (want < vm->start_brk || want >= vm->mmap_base)
		return (long)vm->brk;
	new_end = ALIGN_UP(want, PAGE_SIZE);
	if (new_end > old_end) {
		uint64_t grow = new_end - old_end;

		/* One free page must stay above the new break (Linux's brk). */
		if (!vm_range_free(vm, old_end, grow + PAGE_SIZE) ||
		    !vm_may_grow(vm, grow, true) || grow / PAGE_SIZE > pmm_total_pages() ||
		    vm_mlock_map_check(vm, grow, false) ||
		    vm_mmap(vm, old_end, grow, VM_PROT_WRITE, 0, NULL, 0))
			return (long)vm->brk;
	} else if (new_end < old_end && vm_unmap(vm, new_end, old_end - new_end)) {
		return (long)vm->brk;
	}
	vm->brk = want;
	return (long)vm->brk;
}

/*
 * A fixed address's checks, which Linux's do_mmap makes (get_unmapped_area,
 * security_mmap_addr, MAP_FIXED_NOREPLACE) before the file's access mode.
 */
static int mem_fixed_check(struct vm_space *vm, uint64_t addr, uint64_t len, uint64_t flags)
{
	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
		return 0;
	if (!mem_page_aligned(addr))
		return -EINVAL;
	if (len > USER_SPACE_END - MIN(addr, USER_SPACE_END))
		return -ENOMEM;
	if (addr < VM_MMAP_MIN_ADDR)
		return -EPERM;	/* Linux: security_mmap_addr */
	if ((flags & MAP_FIXED_NOREPLACE) && !vm_range_free(vm, addr, len))
		return -EEXIST;
	return 0;
}

/* Where a mapping goes: 0 with *start, or the errno. */
static int mem_place(struct vm_space *vm, uint64_t addr, uint64_t len, uint64_t flags,
		     uint64_t *start)
{
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		int err = mem_fixed_check(vm, addr, len, flags);

		if (err)
			return err;
		if (!vm_range_free(vm, addr, len) && vm_unmap(vm, addr, len))
			return -ENOMEM;
		*start = addr;
		return 0;
	}
	/* A free, aligned hint is taken as is (mmap(2)). */
	addr = ALIGN_UP(addr, PAGE_SIZE);
	if (addr >= VM_MMAP_MIN_ADDR && addr <= USER_SPACE_END - len &&
	    vm_range_free(vm, addr, len)) {
		*start = addr;
		return 0;
	}
	*start = vm_find_free(vm, len);
	return *start ? 0 : -ENOMEM;
}

/* The file of a private file mapping, referenced, or NULL with *err. */
static struct file *mem_file(uint64_t fd, int *err)
{
	/* mmap(2) takes an int: the upper half of the register is not looked at. */
	struct file *file = fd_get((int)(uint32_t)fd);

	if (!file) {
		*err = -EBADF;
		return NULL;
	}
	return file;
}

/* Reading the pages in needs read access; writes stay private. */
static int mem_file_access(struct file *file)
{
	return (file->flags & MEM_O_ACCMODE) == MEM_O_WRONLY ? -EACCES : 0;
}

/* mmap's argument checks after the descriptor's (Linux's do_mmap order). */
static int mem_mmap_check(uint64_t len, uint64_t prot, uint64_t flags)
{
	uint64_t type = flags & MAP_TYPE;

	if (!len || (prot & ~MMAP_PROT_KNOWN))
		return -EINVAL;
	if (!mem_len(len))
		return -ENOMEM;
	if (type == MAP_SHARED_VALIDATE && (flags & ~MMAP_FLAGS_KNOWN))
		return -EOPNOTSUPP;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (flags & MAP_HUGETLB)
		return -EINVAL;
	/* MAP_SYNC means something only with MAP_SHARED_VALIDATE, on DAX files. */
	if ((flags & MAP_SYNC) && type == MAP_SHARED_VALIDATE)
		return -EOPNOTSUPP;
	return 0;
}

/* x86_64's mmap takes fd as an unsigned long too: mem_file truncates it. */
SYSCALL_DEFINE6(mmap, uint64_t, addr, uint64_t, len, uint64_t, prot, uint64_t, flags,
		uint64_t, fd, uint64_t, off)
{
	struct vm_space *vm = mem_vm();
	uint64_t start;
	unsigned vflags = 0, vprot = mem_vm_prot(prot);
	struct file *file = NULL;
	int err;

	/* The offset first (the x86_64 entry), then the descriptor (EBADF). */
	if (!mem_page_aligned(off))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = mem_file(fd, &err);
		if (!file)
			return err;
	}
	err = mem_mmap_check(len, prot, flags);
	if (err)
		goto out;
	len = mem_len(len);
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		vflags |= VMA_SHARED;
	if (flags & MAP_GROWSDOWN)
		vflags |= VMA_GROWSDOWN;
	if (flags & MAP_LOCKED)
		vflags |= VMA_LOCKED;
	if (file && off > UINT64_MAX - len) {
		err = -EOVERFLOW;
		goto out;
	}
	err = mem_fixed_check(vm, addr, len, flags);
	if (!err)
		err = vm_mlock_map_check(vm, len, flags & MAP_LOCKED);
	if (!err && file)
		err = mem_file_access(file);
	if (err)
		goto out;
	/* Linux's do_mmap order: the address, then the file's access, then its mmap. */
	/*
	 * A shared writable mapping writes the file: the descriptor must be
	 * open for writing (mmap(2) EACCES); a shared one of such a file may
	 * gain PROT_WRITE later (mprotect), Linux's VM_MAYWRITE.
	 */
	if (file && (vflags & VMA_SHARED)) {
		bool writable = (file->flags & MEM_O_ACCMODE) == MEM_O_RDWR;

		if ((vprot & VM_PROT_WRITE) && !writable) {
			err = -EACCES;
			goto out;
		}
		if (writable)
			vflags |= VMA_MAYWRITE;
	}
	/* The file's own answer (file_ops.mmap); without one only private maps. */
	if (file && file->ops->mmap)
		err = file->ops->mmap(file, vflags & VMA_SHARED);
	else if (file && (vflags & VMA_SHARED))
		err = -ENODEV;
	if (err)
		goto out;
	err = -ENOMEM;
	if (!(vflags & VMA_SHARED) && (vprot & VM_PROT_WRITE) && !(flags & MAP_NORESERVE) &&
	    len / PAGE_SIZE > pmm_total_pages())
		goto out;
	/* Shared anonymous memory is populated at once: it has to fit now. */
	if ((vflags & VMA_SHARED) && !file && len / PAGE_SIZE > pmm_free_pages_count())
		goto out;
	if (!vm_may_grow(vm, len, !(vflags & VMA_SHARED) && (vprot & VM_PROT_WRITE)))
		goto out;
	err = mem_place(vm, addr, len, flags, &start);
	if (err)
		goto out;
	err = vm_mmap(vm, start, len, vprot, vflags, file, off);
	if (err) {
		err = err == -EEXIST ? -ENOMEM : err;
		goto out;
	}
	/* Linux ignores MAP_POPULATE's failures: the pages then come on touch. */
	if (flags & MAP_POPULATE)
		vm_populate(vm, start, len);
out:
	if (file)
		file_put(file);
	return err ? err : (long)start;
}

SYSCALL_DEFINE2(munmap, uint64_t, addr, size_t, len)
{
	if (!mem_page_aligned(addr) || !len || !uaccess_range_ok(addr, len))
		return -EINVAL;
	return vm_unmap(mem_vm(), addr, ALIGN_UP(len, PAGE_SIZE));
}

SYSCALL_DEFINE3(mprotect, uint64_t, addr, size_t, len, uint64_t, prot)
{
	if (len > USER_SPACE_END)
		return -ENOMEM;
	if (!mem_page_aligned(addr) || (prot & ~MMAP_PROT_KNOWN))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return 0;
	if (!uaccess_range_ok(addr, len))
		return -ENOMEM;
	return vm_protect(mem_vm(), addr, len, mem_vm_prot(prot));
}

SYSCALL_DEFINE5(mremap, uint64_t, old, uint64_t, old_len, uint64_t, new_len, uint64_t, flags,
		uint64_t, new_addr)
{
	bool fixed = flags & MREMAP_FIXED;

	if ((flags & ~MREMAP_FLAGS_KNOWN) || (fixed && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	/* Keeping the old range mapped (MREMAP_DONTUNMAP) is not supported. */
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;
	if (!mem_page_aligned(old))
		return -EINVAL;
	old_len = mem_len(old_len);
	new_len = mem_len(new_len);
	/* old_len 0 duplicates a shared mapping: not supported, as for private ones. */
	if (!new_len || !old_len)
		return -EINVAL;
	if (!uaccess_range_ok(old, old_len))
		return -EFAULT;
	if (fixed) {
		if (!mem_page_aligned(new_addr) || !uaccess_range_ok(new_addr, new_len) ||
		    new_addr < VM_MMAP_MIN_ADDR)
			return -EINVAL;
		/* The ranges may not overlap. */
		if (new_addr < old + old_len && old < new_addr + new_len)
			return -EINVAL;
	}
	return vm_remap(mem_vm(), old, old_len, new_len, flags & MREMAP_MAYMOVE,
			fixed ? new_addr : 0);
}

SYSCALL_DEFINE3(madvise, uint64_t, addr, size_t, len, int, advice)
{
	struct vm_space *vm = mem_vm();

	if (!mem_page_aligned(addr))
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_REMOVE:
		break;
	default:
		/*
		 * MADV_HUGEPAGE/MERGEABLE: Linux's -EINVAL without THP/KSM.
		 * The fork-changing ones (DONTFORK, WIPEONFORK...) would
		 * change semantics Basalt does not implement.
		 */
		return -EINVAL;
	}
	if (len > USER_SPACE_END - addr)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return 0;
	if (advice == MADV_REMOVE)
		return vm_madvise_remove(vm, addr, len);
	/* Linux applies the advice to what is mapped, then reports a hole. */
	if (advice == MADV_DONTNEED || advice == MADV_FREE) {
		int err = vm_discard(vm, addr, len);

		if (err)
			return err;
	}
	return vm_range_covered(vm, addr, len) ? 0 : -ENOMEM;
}

/* msync(2)'s flags (uapi/mman.h): one of ASYNC and SYNC, INVALIDATE optional. */
#define MEM_MS_KNOWN	(MS_ASYNC | MS_INVALIDATE | MS_SYNC)

SYSCALL_DEFINE3(msync, uint64_t, addr, size_t, len, int, flags)
{
	if (!mem_page_aligned(addr) || (flags & ~MEM_MS_KNOWN) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len && (!uaccess_range_ok(addr, len)))
		return -ENOMEM;
	if (!len)
		return 0;
	/* MS_INVALIDATE: mappings already see the cache itself, nothing to drop. */
	return vm_msync(mem_vm(), addr, len, flags & MS_SYNC);
}

/* How many pages mincore answers per copy to user space. */
#define MEM_MINCORE_CHUNK	PAGE_SIZE

SYSCALL_DEFINE3(mincore, uint64_t, addr, size_t, len, uint8_t __user *, vec)
{
	uint8_t *buf;
	uint64_t pages;
	int err = 0;

	if (!mem_page_aligned(addr))
		return -EINVAL;
	if (len > USER_SPACE_END || !uaccess_range_ok(addr, ALIGN_UP(len, PAGE_SIZE)))
		return -ENOMEM;
	pages = ALIGN_UP(len, PAGE_SIZE) / PAGE_SIZE;
	if (!pages)
		return 0;
	if (!uaccess_range_ok((uint64_t)vec, pages))
		return -EFAULT;
	buf = kmalloc(MEM_MINCORE_CHUNK);
	if (!buf)
		return -ENOMEM;
	for (uint64_t done = 0; done < pages && !err;) {
		uint64_t n = MIN(pages - done, (uint64_t)MEM_MINCORE_CHUNK);

		err = vm_mincore(mem_vm(), addr + done * PAGE_SIZE, n, buf);
		if (!err && copy_to_user(vec + done, buf, n))
			err = -EFAULT;
		done += n;
	}
	kfree(buf);
	return err;
}
