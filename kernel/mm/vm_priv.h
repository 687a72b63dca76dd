/*
 * vm_priv.h: what the vm_*.c files share among themselves (the public
 * interface is vm.h). Locking as in vm.h: the space's sem.
 */
#ifndef MM_VM_PRIV_H
#define MM_VM_PRIV_H

#include <mm/vm.h>

/*
 * A PROT_NONE page keeps its frame in a non-present PTE: the CPU ignores
 * every other bit of an entry whose P bit is clear (SDM 3A 4.5, table
 * 4-19 note), so one of them marks "frame here, no access" (Linux's
 * _PAGE_PROTNONE idea). Bit 10 is also ignored in present entries.
 */
#define VM_PTE_PROTNONE		(1ULL << 10)
/*
 * Another ignored bit (SDM 3A 4.5, table 4-19: bits 11:9 of a PTE are
 * the software's): the entry maps the page cache's own frame of a file
 * page, not a private copy. A hole punched in the file unmaps such pages
 * from private mappings too, and leaves copies alone (rmap.c).
 */
#define VM_PTE_CACHE		(1ULL << 9)
#define VM_PTE_HAS_FRAME	(PTE_P | VM_PTE_PROTNONE)

/* Page-fault error code bits (SDM 3A 4.7). */
#define VM_PF_PRESENT		(1ULL << 0)
#define VM_PF_WRITE		(1ULL << 1)
#define VM_PF_USER		(1ULL << 2)
#define VM_PF_FETCH		(1ULL << 4)

static inline bool vm_pte_has_frame(uint64_t e)
{
	return (e & VM_PTE_HAS_FRAME) != 0;
}

/* vm_mlock.c: the locked-bytes count after areas came or went. */
void vm_mlock_new_area(struct vm_space *vm, uint64_t start, uint64_t end, unsigned flags);
void vm_mlock_forget(struct vm_space *vm);

/* vm.c */
/*
 * vm->sem for writing / reading. While a task holds a space for writing,
 * the file references its areas drop (vma_file_put) are put only after
 * vm_unlock: a last put may take an inode's i_rwsem (evicting it), which
 * must not nest inside vm->sem (the VFS copies to user memory, so
 * faults, under i_rwsem).
 */
void vm_lock(struct vm_space *vm);
void vm_unlock(struct vm_space *vm);
void vm_lock_read(struct vm_space *vm);
void vm_unlock_read(struct vm_space *vm);
uint64_t *vm_walk(struct vm_space *vm, uint64_t va, bool create);
uint64_t vm_next_frame(struct vm_space *vm, uint64_t va, uint64_t end, uint64_t **pte);
uint64_t vm_pte_prot(unsigned prot);
bool vm_range_valid(uint64_t start, uint64_t len);
void vm_flush(struct vm_space *vm, uint64_t va);
void vm_flush_all(struct vm_space *vm);
/* Drops the frames of [start, end) and clears their PTEs. */
void vm_drop_frames(struct vm_space *vm, uint64_t start, uint64_t end);
/*
 * The reverse map's unmapping in one space (rmap.c): drops the frames
 * of the file pages [first, end) of m from vm's areas mapping m: all of
 * them with even_cows, else those of shared areas and the cache's own
 * pages in private ones (VM_PTE_CACHE). Takes vm's sem.
 */
struct address_space;
void vm_unmap_file_pages(struct vm_space *vm, struct address_space *m, uint64_t first,
			 uint64_t end, bool even_cows);
/* Frees the page tables left empty in [start, end) (after munmap, mremap). */
void vm_prune_tables(struct vm_space *vm, uint64_t start, uint64_t end);

/*
 * vm_fault.c: makes the page at va (page aligned, inside v) have a frame;
 * with write, a frame of its own (copy on write broken), even in a
 * read-only area (the kernel's forced writes, vm_write). 0, -ENOMEM or
 * the file read's errno. vm locked for writing; a page from a file is
 * read with the lock dropped (i_rwsem must not nest inside it), so
 * areas may change meanwhile: v is not to be used after the call, and 0
 * may also mean "left for the next fault" if va's area changed.
 */
int vm_fault_page(struct vm_space *vm, struct vma *v, uint64_t va, bool write);

#endif /* MM_VM_PRIV_H */
