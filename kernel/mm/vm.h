/*
 * vm.h: user address spaces (kernel/mm/vm.c).
 *
 * Each address space has its own PML4. The lower half (entries 0..255)
 * is the process's; the upper half points at the kernel's own PDPTs,
 * which vm_init creates for every upper-half slot up front, so a kernel
 * mapping added later (a kernel stack, say) shows in every address space
 * without copying (the scheme Linux uses on x86_64 for the same reason).
 *
 * There are no VMAs yet: an address space is its page tables plus the
 * brk and mmap cursors. Locking: one CPU, interrupts off (cpu_irq_save)
 * around table updates, as paging.c does.
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <mm/mm.h>

/* vm_map_* protections: readable is implied (x86 has no write-only). */
#define VM_PROT_WRITE	(1u << 0)
#define VM_PROT_EXEC	(1u << 1)
/*
 * PROT_NONE without VMAs: the page stays present (so it counts as taken)
 * but loses PTE_U, so every ring 3 access faults (SDM 3A 4.6.1).
 */
#define VM_PROT_NONE_SUPERVISOR	(1u << 2)

struct vm_space {
	uint64_t pml4_phys;
	uint64_t start_brk;	/* where the heap begins (end of the image) */
	uint64_t brk;		/* current break; [start_brk, brk) is mapped */
	uint64_t mmap_base;	/* mmap searches down from here */
	uint64_t mapped_pages;	/* user pages currently mapped */
	unsigned users;		/* processes sharing it (CLONE_VM); irq */
};

/* Records the kernel PML4 and fills its upper half; after paging_init. */
void vm_init(void);
/* A new address space with an empty user half, or NULL. */
struct vm_space *vm_create(void);
/* Frees every user page, every user page table and the PML4. */
void vm_destroy(struct vm_space *vm);
/* Another process shares vm (CLONE_VM without a copy). */
void vm_get(struct vm_space *vm);
/* Drops a user; the last one destroys the address space. */
void vm_put(struct vm_space *vm);
/* Loads vm's CR3; vm_switch(NULL) goes back to the kernel's tables. */
void vm_switch(struct vm_space *vm);
struct vm_space *vm_current(void);

/*
 * Maps fresh zeroed pages over [start, start + len) (page aligned, in the
 * user half, not yet mapped). On failure nothing stays mapped: -ENOMEM,
 * -EEXIST if a page was already mapped, -EINVAL for a bad range.
 */
int vm_map_anon(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot);
/*
 * Unmaps and frees whatever is mapped in [start, start + len). Absent
 * tables are skipped whole, so a huge sparse range is cheap.
 */
int vm_unmap(struct vm_space *vm, uint64_t start, uint64_t len);
/* Changes the rights of the mapped pages in the range; -ENOMEM if a hole. */
int vm_protect(struct vm_space *vm, uint64_t start, uint64_t len, unsigned prot);
/* Whether no page of [start, start + len) is mapped. */
bool vm_range_free(struct vm_space *vm, uint64_t start, uint64_t len);
/* Whether a page of the range is mapped; *first gets the lowest such. */
bool vm_first_mapped(struct vm_space *vm, uint64_t start, uint64_t len, uint64_t *first);
/*
 * Copies into / zeroes the user pages of vm through the direct map,
 * whatever CR3 holds and whatever the page rights (the ELF loader fills
 * read-only text this way). -EFAULT if a page is not mapped.
 */
int vm_write(struct vm_space *vm, uint64_t dst, const void *src, size_t len);
int vm_zero(struct vm_space *vm, uint64_t dst, size_t len);
/* 0 with the leaf PTE's physical address and flags, or -EFAULT. */
int vm_query(struct vm_space *vm, uint64_t va, uint64_t *phys, uint64_t *pte_flags);

/*
 * fork: a new address space with a private copy of every user mapping
 * of src (copy-on-write once VMAs land), or NULL when out of memory.
 */
struct vm_space *vm_clone(struct vm_space *src);
/*
 * A page fault in ring 3 or in a uaccess copy at addr (error code as
 * the CPU pushed it): 0 if it was resolved (demand paging, copy on
 * write, stack growth) and the access can be retried, -EFAULT for a
 * bad address (SIGSEGV), -ENOMEM when out of memory.
 */
int vm_fault(struct vm_space *vm, uint64_t addr, uint64_t error_code);

#endif /* MM_VM_H */
