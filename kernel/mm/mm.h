/*
 * mm.h: the memory manager's interface, grouped by the file that defines
 * each function (xv6's defs.h habit):
 *
 *   buddy.c   buddy_      page-frame bookkeeping for one zone (host-testable)
 *   pmm.c     pmm_        zones built from the boot memory map, gfp masks
 *   paging.c  paging_     the kernel page tables (4-level, Intel SDM 3A ch. 4)
 *   kstack.c  kstack_     kernel stacks with an unmapped guard page below
 *   slab.c    kmem_cache_ object caches; kmalloc/kfree (host-testable)
 *
 * Locking: each allocator here has its spinlock, taken with irqsave by
 * its own functions (docs/locking.md): pmm_zone_lock (pmm_), slab_lock
 * (slab functions, through struct slab_page_ops; pmm_zone_lock nests
 * inside it), kernel_pt_lock (paging_), kstack_lock (kstack_); never by
 * buddy_ functions, whose caller holds it.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/bootinfo.h>
#include <basalt/vmlayout.h>

/* ---- struct page: one per physical page frame -------------------------- */

#define MAX_ORDER	10	/* largest block: 2^10 pages = 4 MiB */
#define NR_ORDERS	(MAX_ORDER + 1)

/* page->flags */
#define PG_RESERVED	(1u << 0)	/* never handed to the allocator */
#define PG_BUDDY	(1u << 1)	/* head of a free block of page->order */
#define PG_HEAD		(1u << 2)	/* head of an allocated block of page->order */
#define PG_SLAB		(1u << 3)	/* part of a slab of page->slab_cache */
#define PG_KMALLOC	(1u << 4)	/* head of a kmalloc() block too big for a slab */
#define PG_PCP		(1u << 5)	/* free, on a CPU's page list (pmm.c; with PG_HEAD) */

struct kmem_cache;

/*
 * Only the head page of a block carries PG_BUDDY/PG_HEAD and the order;
 * the other pages of the block have neither, which is how freeing a page
 * that is not a block head is told apart from a legal free.
 */
struct page {
	uint32_t flags;
	uint8_t order;
	uint8_t zone;			/* enum zone_type */
	uint16_t inuse;			/* PG_SLAB head: objects handed out */
	uint32_t refs;			/* user frames: page tables mapping it (vm.c) */
	struct page *next, *prev;	/* buddy free list, or slab list */
	struct kmem_cache *slab_cache;	/* PG_SLAB: owning cache */
	void *freelist;			/* PG_SLAB head: first free object */
};

/* ---- buddy.c: one zone's free lists ------------------------------------ */

/*
 * A zone manages page frames [base_pfn, base_pfn + npages) described by
 * pages[0 .. npages). Blocks of order k start at a pfn that is a multiple
 * of 2^k (absolute, not zone-relative), so zones whose limits are 4 MiB
 * aligned never share a block. Guarded by the caller (see above).
 */
struct buddy_zone {
	const char *name;
	struct page *pages;
	uint64_t base_pfn;
	uint64_t npages;
	struct page free_area[NR_ORDERS];	/* list heads (circular) */
	uint64_t nr_free[NR_ORDERS];		/* blocks per order */
	uint64_t free_pages;
	uint64_t managed_pages;			/* ever given by buddy_add_range */
};

/* Every page starts PG_RESERVED; buddy_add_range hands ranges over. */
void buddy_init(struct buddy_zone *z, const char *name, struct page *pages,
		uint64_t base_pfn, uint64_t npages);
/* Frees [pfn, pfn + count) into the zone in the largest aligned blocks. */
int buddy_add_range(struct buddy_zone *z, uint64_t pfn, uint64_t count);
/* The head page of a 2^order block, or NULL when none is free. */
struct page *buddy_alloc(struct buddy_zone *z, unsigned order);
/* 0, or -EINVAL for a double free, a non-head page or a wrong order. */
int buddy_free(struct buddy_zone *z, struct page *page, unsigned order);
/* Tries zones[0], zones[1]... in turn. */
struct page *buddy_alloc_fallback(struct buddy_zone *const *zones, unsigned nzones,
				  unsigned order);
uint64_t buddy_page_pfn(const struct buddy_zone *z, const struct page *page);
struct page *buddy_pfn_page(struct buddy_zone *z, uint64_t pfn);	/* NULL if outside */

/* ---- pmm.c: physical memory --------------------------------------------- */

enum zone_type {
	ZONE_DMA,	/* below 16 MiB: ISA DMA can reach it */
	ZONE_DMA32,	/* below 4 GiB: 32-bit DMA can reach it */
	ZONE_NORMAL,	/* the rest */
	NR_ZONES,
};

#define ZONE_DMA_LIMIT		0x1000000ULL	/* 16 MiB: ISA DMA's 24 address lines */
#define ZONE_DMA32_LIMIT	0x100000000ULL	/* 4 GiB */

/* gfp masks: the zones an allocation may come from, best first NORMAL. */
#define GFP_DMA		(1u << ZONE_DMA)
#define GFP_DMA32	(GFP_DMA | (1u << ZONE_DMA32))
#define GFP_KERNEL	(GFP_DMA32 | (1u << ZONE_NORMAL))
#define ZONE_ANY	GFP_KERNEL
/*
 * Modifier: the pages come zeroed (Linux's __GFP_ZERO). Callers that use
 * only part of a page (slab objects, page tables, kernel stacks) ask for
 * it: besides leaking no old data, a page last used for code keeps its
 * translated blocks in an emulator (QEMU's TCG), and until every byte
 * under them has been written once, each store to the page takes TCG's
 * self-modifying-code path (microseconds). One full write ends that.
 */
#define GFP_ZERO	(1u << NR_ZONES)

struct pmm_zone_stats {
	uint64_t start_pfn, end_pfn;	/* the zone's span */
	uint64_t managed_pages;		/* usable pages given to the allocator */
	uint64_t free_pages;
};

void pmm_init(const struct boot_info *bi);
/*
 * Physical address of 2^order contiguous pages, or 0 on failure. Until
 * paging_init only 0..4 GiB is mapped: ask for GFP_DMA32 then.
 */
uint64_t pmm_alloc_pages(unsigned order, unsigned gfp);
uint64_t pmm_alloc_page(unsigned gfp);
/* 0, or -EINVAL (logged) for an address or order that was not allocated. */
int pmm_free_pages(uint64_t phys, unsigned order);
int pmm_free_page(uint64_t phys);
uint64_t pmm_free_pages_count(void);
/* The same without the zone lock: a snapshot for watermark checks. */
uint64_t pmm_free_pages_estimate(void);
uint64_t pmm_total_pages(void);
void pmm_zone_stats(enum zone_type zone, struct pmm_zone_stats *out);
/*
 * Per-CPU page lists (pmm.c): on from pmm_pcp_init (after percpu_init).
 * pmm_pcp_drain_all gives every CPU's list back to the zones (the number
 * of pages moved); pmm_zone_lock_count is how often pmm_zone_lock was
 * taken since boot (statistics, for tests).
 */
void pmm_pcp_init(void);
uint64_t pmm_pcp_drain_all(void);
uint64_t pmm_zone_lock_count(void);
/* The struct page of a physical address, or NULL if no RAM is there. */
struct page *pmm_phys_to_page(uint64_t phys);
uint64_t pmm_page_to_phys(const struct page *page);
/* Highest physical address of RAM + 1 (page aligned). */
uint64_t pmm_ram_end(void);
/* The "Memory: ...K/...K available" line. */
void pmm_log_stats(void);

/* ---- paging.c: the kernel address space --------------------------------- */

/* Page-table entry bits (Intel SDM Vol. 3A 4.5, tables 4-15 .. 4-20). */
#define PTE_P		(1ULL << 0)	/* present */
#define PTE_W		(1ULL << 1)	/* writable (with CR0.WP also for ring 0) */
#define PTE_U		(1ULL << 2)	/* user accessible */
#define PTE_PWT		(1ULL << 3)	/* write-through */
#define PTE_PCD		(1ULL << 4)	/* cache disable */
#define PTE_A		(1ULL << 5)	/* accessed */
#define PTE_D		(1ULL << 6)	/* dirty */
#define PTE_PS		(1ULL << 7)	/* PDE/PDPTE: maps a 2 MiB / 1 GiB page */
#define PTE_G		(1ULL << 8)	/* global */
#define PTE_NX		(1ULL << 63)	/* execute-disable, needs EFER.NXE */
#define PTE_ADDR_MASK	0x000ffffffffff000ULL	/* bits 51:12, MAXPHYADDR <= 52 */

/* Builds the final tables and loads CR3; needs pmm_init. */
void paging_init(void);
/* Maps one 4 KiB page with prot (PTE_W, PTE_NX, ...; PTE_P implied). */
int paging_map_page(uint64_t virt, uint64_t phys, uint64_t prot);
/* Unmaps one 4 KiB page on every CPU (mm/tlb.c); -ENOENT if it was not mapped. */
int paging_unmap_page(uint64_t virt);
/*
 * The same without the TLB flush, for a caller that clears several
 * pages and then flushes them at once (tlb_flush_range with NULL).
 */
int paging_clear_page(uint64_t virt);
/* 0 and *phys, or -EFAULT if virt is not mapped. */
int paging_virt_to_phys(uint64_t virt, uint64_t *phys);
/*
 * Like paging_virt_to_phys, and *flags gets the effective rights: PTE_W
 * only if every level allows writes, PTE_NX if any level forbids
 * execution, PTE_PS for a 2 MiB or 1 GiB page.
 */
int paging_query(uint64_t virt, uint64_t *phys, uint64_t *flags);
/* Whether NX could be enabled (CPUID 0x80000001 EDX bit 20). */
bool paging_nx_enabled(void);

/*
 * ioremap.c: maps size bytes of device registers at physical phys
 * uncached (PCD|PWT: Intel SDM Vol. 3A 11.12.3, strong uncacheable with
 * the default PAT) in the IOREMAP area. Returns the virtual address of
 * phys, or NULL. Mappings last for the kernel's life (drivers are never
 * unloaded).
 */
void *ioremap(uint64_t phys, uint64_t size);

/* ---- kstack.c: kernel stacks -------------------------------------------- */

#define KSTACK_SIZE		(4 * PAGE_SIZE)		/* 16 KiB */
#define KSTACK_GUARD_SIZE	PAGE_SIZE		/* unmapped, below the stack */
#define KSTACK_SLOT_SIZE	(KSTACK_SIZE + KSTACK_GUARD_SIZE)
#define KSTACK_MAX		1024			/* slots tracked */

/* The lowest address of a new stack (top = base + KSTACK_SIZE), or NULL. */
void *kstack_alloc(void);
/* How many kernel stacks are in use: one per task, kernel threads included. */
unsigned kstack_in_use(void);
/* 0, or -EINVAL if base is not a stack from kstack_alloc. */
int kstack_free(void *base);

/* ---- slab.c: object caches and kmalloc ---------------------------------- */

#define KMALLOC_MIN_SIZE	8
#define KMALLOC_MAX_CACHE_SIZE	2048	/* bigger requests take whole pages */
#define KMEM_CACHE_NAME_MAX	24

/*
 * Where slabs get their memory: naturally aligned blocks of 2^order pages
 * (the buddy allocator's blocks are). to_page returns the struct page of
 * any address inside such a block, NULL for other addresses. lock/unlock
 * guard every cache (irq save/restore in the kernel). bad_free is told
 * about a kfree/kmem_cache_free of a pointer that no slab handed out.
 */
struct slab_page_ops {
	void *(*alloc)(unsigned order);
	void (*free)(void *addr, unsigned order);
	struct page *(*to_page)(const void *addr);
	uint64_t (*lock)(void);
	void (*unlock)(uint64_t flags);
	void (*bad_free)(const void *addr, const char *why);
};

/* Guarded by slab_page_ops.lock. */
struct kmem_cache {
	char name[KMEM_CACHE_NAME_MAX];
	size_t object_size;	/* what the user asked for */
	size_t size;		/* stride: object_size rounded up to align */
	size_t align;
	unsigned order;		/* pages per slab = 2^order */
	unsigned objects;	/* objects per slab */
	struct page partial;	/* slabs with free objects (list head) */
	struct page full;	/* slabs without */
	uint64_t active_objects;
	uint64_t slabs;
	struct kmem_cache *next;	/* all caches */
};

/* Also sets up the kmalloc caches. */
void slab_init(const struct slab_page_ops *ops);
/* pmm.c: the kernel's pages (direct map addresses); needs paging_init. */
extern const struct slab_page_ops pmm_slab_ops;

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align);
/* 0, or -EBUSY while objects are still allocated. */
int kmem_cache_destroy(struct kmem_cache *c);
void *kmem_cache_alloc(struct kmem_cache *c);
void kmem_cache_free(struct kmem_cache *c, void *obj);
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *p);
/* A kmalloc'd copy of the string s, or NULL. */
char *kstrdup(const char *s);
/* The usable size of a kmalloc() block (its size class). */
size_t ksize(const void *p);

#endif /* MM_MM_H */
