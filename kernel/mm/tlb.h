/*
 * tlb.h: keeping every CPU's TLB true to the page tables (Intel SDM Vol.
 * 3A 4.10.4 "Invalidation of TLBs and Paging-Structure Caches"). A CPU
 * caches translations; when a mapping changes, each CPU that may hold
 * the old one must drop it before the change is relied on: before the
 * frame is freed or reused, before munmap or mprotect returns.
 *
 * Which CPUs: those whose CR3 holds the space's tables, its cpus_active
 * mask (vm_switch keeps it: a CPU sets its bit before it loads CR3 and
 * clears it when it loads another). Kernel threads leave CR3 as it was
 * (lazy, as Linux's): such a CPU stays in the mask and is flushed too.
 * The calling CPU flushes itself; the others get a cross-CPU call
 * (smp_call.c) and the flush returns when all have done it.
 *
 * Batching: a range costs one call, not one per page, and past
 * TLB_FLUSH_MAX_PAGES a CPU reloads CR3 instead of one INVLPG a page.
 * A tlb_batch gathers the pages an unmap clears and the frames it must
 * put, flushes once, and only then puts the frames.
 */
#ifndef MM_TLB_H
#define MM_TLB_H

#include <stdbool.h>
#include <stdint.h>

struct vm_space;

/* INVLPG up to this many pages; more: one full flush (as Linux's 33). */
#define TLB_FLUSH_MAX_PAGES	32
/* Frames a batch holds before it flushes and puts them. */
#define TLB_BATCH_FRAMES	64

/*
 * Drops the translations of [start, end) in vm (NULL: the kernel's own
 * mappings, on every CPU) from every CPU that may hold them. Interrupts
 * may be off; no spinlock a CPU spins on with interrupts off may be held.
 */
void tlb_flush_range(struct vm_space *vm, uint64_t start, uint64_t end);

/* Before vm's tables are freed: CPUs still holding them lazily let go. */
void tlb_vm_release(struct vm_space *vm);

struct tlb_batch {
	struct vm_space *vm;
	uint64_t start, end;		/* the pages cleared so far; start == end: none */
	unsigned nframes;
	uint64_t frames[TLB_BATCH_FRAMES];
};

void tlb_batch_init(struct tlb_batch *b, struct vm_space *vm);
/* The PTE of va was cleared; frame (0: none) is put after the flush. */
void tlb_batch_add(struct tlb_batch *b, uint64_t va, uint64_t frame);
/* Flushes what was gathered and puts the frames. */
void tlb_batch_finish(struct tlb_batch *b);

/* Flushes done on this CPU for other CPUs' requests (tests). */
uint64_t tlb_remote_flushes(void);

#endif /* MM_TLB_H */
