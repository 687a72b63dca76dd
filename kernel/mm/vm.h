/*
 * vm.h: user address spaces (kernel/mm/vm.c).
 *
 * Each address space has its own PML4. The lower half (entries 0..255)
 * is the process's; the upper half points at the kernel's own PDPTs,
 * which vm_init creates for every upper-half slot up front, so a kernel
 * mapping added later (a kernel stack, say) shows in every address space
 * without copying (the scheme Linux uses on x86_64 for the same reason).
 *
 * An address space is its page tables plus its areas (vma.h): pages
 * come on first touch (vm_fault), fork shares frames copy-on-write with
 * a reference count per frame (struct page's refs), and the stack grows
 * down on fault. The code is split by concern:
 *
 *   vm.c         tables, frames, create/destroy/switch, query/write
 *   vm_fault.c   demand paging, copy on write, stack growth, vm_clone
 *   vm_map.c     areas: map, unmap, protect, remap, discard
 *   vm_layout.c  ASLR, stack and heap placement, rlimits
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <sched/rwsem.h>

/*
 * Protections of areas and vm_map_*: readable is implied (x86 has no
 * write-only page); VM_PROT_NONE alone is PROT_NONE, no access at all.
 */
#define VM_PROT_WRITE	(1u << 0)
#define VM_PROT_EXEC	(1u << 1)
#define VM_PROT_NONE	(1u << 2)

/* Linux's stack_guard_gap default: 256 pages kept free below a stack. */
#define VM_STACK_GUARD_GAP	(256 * PAGE_SIZE)
/* Linux's default vm.mmap_min_addr: NULL dereferences always fault. */
#define VM_MMAP_MIN_ADDR	0x10000ULL
/* The highest stack top (the top user page stays unmapped, as on Linux). */
#define VM_STACK_TOP_MAX	0x00007ffffffff000ULL

/*
 * Locking: sem guards the areas, the page tables and mapped_pages: the
 * vm_ functions below take it for writing while they change them (a
 * fault too: it fills in tables), for reading to look. It is a sleeping
 * lock: faults and mmap may allocate and read files under it. Never
 * take it under a spinlock. A fault that needs a file's page drops it
 * while the VFS (an inode's i_rwsem) reads, and file references are put
 * after it is released (vm_priv.h): the VFS copies to user memory, and
 * so faults, holding i_rwsem, so inode.i_rwsem -> sem is the order. users is
 * atomic; frames' reference counts are under vm_frame_lock (vm.c); brk
 * and start_brk belong to sys_brk.
 */
struct vm_space {
	struct rwsem sem;
	uint64_t pml4_phys;
	struct vma_list vmas;	/* vma.h: the areas, sorted */
	unsigned users;		/* vm_get/vm_put: CLONE_VM threads sharing it */
	uint64_t start_brk;	/* where the heap begins (end of the image) */
	uint64_t brk;		/* current break; [start_brk, brk) is an area */
	uint64_t mmap_base;	/* mmap searches down from here */
	uint64_t stack_top;	/* top of the initial stack (vm_setup_stack) */
	uint64_t mapped_pages;	/* user pages with a frame right now */
	uint64_t hiwater_pages;	/* the most mapped_pages before a drop (ru_maxrss) */
	/*
	 * The program it runs (execve), a reference that refuses writers
	 * (ETXTBSY, fs/vfs.h's write_count) until the space goes, as Linux's
	 * mm->exe_file; NULL for a space built otherwise.
	 */
	struct file *exe_file;
	/* Where exec mapped the vDSO's image and its vvar page (0: none). */
	uint64_t vdso_base;
	uint64_t vvar_base;
	/*
	 * mlock(2) (vm_mlock.c): VMA_LOCK_MASK bits every new area gets
	 * (mlockall's MCL_FUTURE, Linux's def_flags), and the bytes of the
	 * VMA_LOCKED areas (VmLck), recounted under sem whenever they may
	 * change, read without it (an aligned 64-bit load).
	 */
	unsigned def_flags;
	uint64_t locked_bytes;
	/* membarrier(2)'s registrations (sched/membarrier.c), atomic bits. */
	unsigned membarrier_state;
	/*
	 * Bit n: CPU n's CR3 holds these tables (its percpu vm_active is
	 * this space), maybe lazily under a kernel thread. Set and cleared
	 * by that CPU in vm_switch, atomically; read by TLB shootdown.
	 */
	uint64_t cpus_active;
};

/* Records the kernel PML4 and fills its upper half; after paging_init. */
void vm_init(void);
/* A new address space with an empty user half and one user, or NULL. */
struct vm_space *vm_create(void);
/* Frees every user page, every user page table and the PML4. */
void vm_destroy(struct vm_space *vm);
/* CLONE_VM: another user; vm_put destroys the space with the last one. */
void vm_get(struct vm_space *vm);
void vm_put(struct vm_space *vm);
/*
 * A user reference unless the space is already being destroyed (its
 * last user gone): for the reverse map (rmap.c), which finds spaces
 * through their areas.
 */
bool vm_tryget(struct vm_space *vm);
/* Loads vm's CR3; vm_switch(NULL) goes back to the kernel's tables. */
void vm_switch(struct vm_space *vm);
struct vm_space *vm_current(void);

/*
 * An anonymous private area over [start, start + len) (page aligned, in
 * the user half, free), every page populated with a zeroed frame now (the
 * ELF loader and tests rely on the frames being there). On failure
 * nothing stays mapped: -ENOMEM, -EEXIST if an area is already there,
 * -EINVAL for a bad range.
 */
int vm_map_anon(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot);
/*
 * An area whose pages come on first touch (demand paging): anonymous
 * (file NULL: zeroed pages) or a private copy of file from off (the
 * area takes its own file reference). flags are vma.h's VMA_*; a
 * VMA_SHARED anonymous area is populated at once, so that fork shares
 * every frame. -EEXIST, -EINVAL, -ENOMEM as vm_map_anon.
 */
int vm_mmap(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot,
	    unsigned flags, struct file *file, uint64_t off);
/*
 * A private read-only area at start over n frames the kernel owns
 * (vm_special.c: the vDSO), each mapped now with a reference of its own;
 * prot's write bit is ignored. -EEXIST, -EINVAL, -ENOMEM as vm_mmap.
 */
int vm_map_frames(struct vm_space *vm, uint64_t start, const uint64_t *frames, size_t n,
		  unsigned prot);
/*
 * Copies len bytes between the kernel buffer buf and vm at addr (into vm
 * when write), as vm's areas allow a user access (vm_remote.c); returns
 * the bytes copied, short at the first page that is not there or not
 * allowed. Takes vm's sem.
 */
size_t vm_access_remote(struct vm_space *vm, uint64_t addr, void *buf, size_t len, bool write);
/*
 * mlock(2), mlock2(2), munlock(2) (vm_mlock.c): sets the VMA_LOCK_MASK
 * bits of [start, start + len) (page aligned) to lock, then faults in the
 * pages of a VMA_LOCKED area. limit: the most bytes the space may have
 * locked (RLIMIT_MEMLOCK; UINT64_MAX with CAP_IPC_LOCK). -ENOMEM for a
 * hole, over the limit, or a PROT_NONE page; -EAGAIN if memory ran out
 * faulting in.
 */
int vm_mlock(struct vm_space *vm, uint64_t start, uint64_t len, unsigned lock, uint64_t limit);
/*
 * mlockall(2) and munlockall(2): future becomes the space's def_flags;
 * with current_set, every area's lock bits become current (and its pages
 * are faulted in, failures ignored, as Linux's mm_populate).
 */
void vm_mlockall(struct vm_space *vm, bool current_set, unsigned current, unsigned future);
/* The caller's lock limit: RLIMIT_MEMLOCK, UINT64_MAX for root (CAP_IPC_LOCK). */
uint64_t vm_mlock_limit(void);
/* Linux's can_do_mlock: a RLIMIT_MEMLOCK above 0, or root. */
bool vm_mlock_allowed(void);
/*
 * mmap's mlock checks (do_mmap): MAP_LOCKED without the right to lock is
 * -EPERM; a new locked area (MAP_LOCKED, MCL_FUTURE) over the limit -EAGAIN.
 */
int vm_mlock_map_check(struct vm_space *vm, uint64_t len, bool map_locked);
/* Whether more locked bytes stay within limit (mmap, brk, mremap under MCL_FUTURE). */
bool vm_mlock_fits(struct vm_space *vm, uint64_t more, uint64_t limit);
/* Faults in every page of the areas in the range now (MAP_POPULATE). */
int vm_populate(struct vm_space *vm, uint64_t start, uint64_t len);
/*
 * Removes the areas in [start, start + len) (splitting those that stick
 * out) and drops their frames. 0, -EINVAL for a bad range, -ENOMEM if a
 * split found no memory (then nothing changed).
 */
int vm_unmap(struct vm_space *vm, uint64_t start, uint64_t len);
/* mprotect: new rights for the range; -ENOMEM if part of it is not mapped. */
int vm_protect(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot);
/*
 * madvise(MADV_DONTNEED): drops the frames of private areas in the range,
 * so anonymous pages read back as zero and file pages as the file;
 * -EINVAL at the first VMA_LOCKED area (Linux's madvise_dontneed_valid_vma).
 */
int vm_discard(struct vm_space *vm, uint64_t start, uint64_t len);
/*
 * madvise(MADV_REMOVE), Linux's madvise_remove: punches a hole in the
 * files of the shared writable file areas of the range (fallocate
 * PUNCH_HOLE|KEEP_SIZE: reads give zeros, the memory goes, every mapping
 * of those pages is unmapped); shared anonymous memory reads zeros.
 * -EACCES for a private or read-only file area, -EINVAL for private
 * anonymous memory, the file system's errno (-EOPNOTSUPP), -ENOMEM if
 * part of the range is not mapped (after the rest was done).
 */
int vm_madvise_remove(struct vm_space *vm, uint64_t start, uint64_t len);
/*
 * mremap: resizes the area part [old, old + old_len) (inside one area)
 * to new_len, in place or, with may_move, elsewhere (at fixed_addr when
 * not 0, replacing what is there). Returns the new address or a negative
 * errno: -EFAULT if the old range is not inside one area, -ENOMEM.
 */
long vm_remap(struct vm_space *vm, uint64_t old, uint64_t old_len, uint64_t new_len,
	      bool may_move, uint64_t fixed_addr);
/*
 * msync(2) (vm_sync.c): with sync, writes back the shared file mappings
 * of the range (their files' dirty pages, then fsync); -ENOMEM if part
 * of the range is not mapped (after the rest was done).
 */
int vm_msync(struct vm_space *vm, uint64_t start, uint64_t len, bool sync);
/*
 * mincore(2): vec[i] = 1 if page i of the range is resident (mapped, or
 * a file page in the page cache), else 0; -ENOMEM for a hole.
 */
int vm_mincore(struct vm_space *vm, uint64_t start, uint64_t pages, uint8_t *vec);
/* The most pages vm ever had mapped at once (getrusage's ru_maxrss). */
uint64_t vm_rss_peak(struct vm_space *vm);
/* Whether no area meets [start, start + len). */
bool vm_range_free(struct vm_space *vm, uint64_t start, uint64_t len);
/* Whether areas cover [start, start + len) without a hole. */
bool vm_range_covered(struct vm_space *vm, uint64_t start, uint64_t len);
/* The highest free range of len bytes below mmap_base, or 0. */
uint64_t vm_find_free(struct vm_space *vm, uint64_t len);
/*
 * Copies into / zeroes the user pages of vm through the direct map,
 * whatever CR3 holds and whatever the area's rights (the ELF loader
 * fills read-only text this way), faulting pages in and breaking
 * copy-on-write sharing first. -EFAULT outside every area.
 */
int vm_write(struct vm_space *vm, uint64_t dst, const void *src, size_t len);
int vm_zero(struct vm_space *vm, uint64_t dst, size_t len);
/* 0 with the leaf PTE's physical address and flags, or -EFAULT (no frame). */
int vm_query(struct vm_space *vm, uint64_t va, uint64_t *phys, uint64_t *pte_flags);
/*
 * Frames with a reference count (struct page's refs): user pages, and
 * tmpfs's file pages, which a private file mapping maps as they are
 * until a write copies them. Each page table entry that maps a frame and
 * the file that keeps it hold one reference; the last put frees it.
 */
/* A frame with one reference, or 0: zeroed when zero, else with whatever
 * it held (for a caller that fills every byte of it). */
uint64_t vm_frame_alloc(bool zero);
void vm_frame_get(uint64_t phys);
void vm_frame_put(uint64_t phys);
/* How many references the frame at phys has (page tables and files). */
unsigned vm_frame_refs(uint64_t phys);

/*
 * fork: a new address space with the areas of src; private frames are
 * shared read-only and copied on the first write (copy on write),
 * shared ones stay shared. NULL when out of memory.
 */
struct vm_space *vm_clone(struct vm_space *src);
/*
 * A page fault in ring 3 or in a uaccess copy at addr (error code as
 * the CPU pushed it): 0 if it was resolved (demand paging, copy on
 * write, stack growth) and the access can be retried, -EFAULT for a
 * bad address or a forbidden access (SIGSEGV), -ENOMEM when out of memory.
 */
int vm_fault(struct vm_space *vm, uint64_t addr, uint64_t error_code);

/* ---- vm_layout.c: where things go, and the limits ----------------------- */

/*
 * Whether an exec by the caller randomizes its layout: randomize_va_space
 * at least 1 (norandmaps makes it 0) and no ADDR_NO_RANDOMIZE personality.
 */
bool vm_randomize(void);
/* /proc/sys/kernel/randomize_va_space: 0, 1, 2 or more (-EINVAL past INT32_MAX). */
int vm_randomize_level_get(void);
int vm_randomize_level_set(uint64_t level);
/* A random number from the kernel's generator (basalt/random.h). */
uint64_t vm_random_u64(void);
/* exec: a PIE program's random offset above ELF_ET_DYN_BASE (0 without ASLR). */
uint64_t vm_random_pie_offset(void);
/* The calling process's soft limit (uapi/resource.h), or the default. */
uint64_t vm_rlimit(unsigned resource);
/*
 * exec: picks the (randomized) stack top and mmap base and maps the
 * initial stack, size bytes, as a grows-down area that extends on fault
 * up to RLIMIT_STACK. 0 or -ENOMEM.
 */
int vm_setup_stack(struct vm_space *vm, uint64_t size, bool exec);
/* exec: the heap starts after image_end, at a random distance. */
void vm_setup_brk(struct vm_space *vm, uint64_t image_end);
/*
 * Whether len more bytes fit the address space limits: RLIMIT_AS, and
 * RLIMIT_DATA when they are private writable memory (data).
 */
bool vm_may_grow(struct vm_space *vm, uint64_t len, bool data);

#endif /* MM_VM_H */
