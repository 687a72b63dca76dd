/*
 * vma.h: the virtual memory areas of an address space (kernel/mm/vma.c).
 *
 * A VMA is a page-aligned range [start, end) with one set of rights and
 * one backing: anonymous memory, or a private view of a file from a
 * byte offset. The areas of an address space are kept in a list sorted
 * by address, without overlaps; neighbours that touch and agree in
 * everything are merged (Linux's vma_merge), and a change that covers
 * part of an area splits it first. The page tables are vm.c's business:
 * this file is pure list logic, which tests/unit/mm/vma_test.c runs on
 * the host.
 *
 * Locking: the owner's (vm.h: the space's sem). An area with a file is
 * also on that file's reverse map (mm/rmap.c: the address_space's i_mmap
 * list, under its i_mmap_lock) from the moment it is made in a list that
 * has an owner until it is freed, so that truncate finds every address
 * space mapping a file (Linux's i_mmap).
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>

/* vma->flags */
#define VMA_SHARED	(1u << 0)	/* MAP_SHARED: writes seen by every sharer */
#define VMA_GROWSDOWN	(1u << 1)	/* a stack: a fault just below extends it */
/*
 * A shared file mapping whose file was open for writing: mprotect may
 * add PROT_WRITE (Linux's VM_MAYWRITE); without it EACCES.
 */
#define VMA_MAYWRITE	(1u << 2)
/* Frames the kernel owns (vm_special.c: the vDSO, vvar): never merged. */
#define VMA_SPECIAL	(1u << 3)

struct file;

struct vma {
	uint64_t start, end;	/* page aligned, start < end */
	unsigned prot;		/* VM_PROT_* of vm.h; opaque here */
	unsigned flags;		/* VMA_* */
	struct file *file;	/* a reference, or NULL for anonymous memory */
	uint64_t off;		/* the file offset that start maps */
	struct vma *prev, *next;
	/*
	 * The reverse map (rmap.c): rmap_node links the area on its file's
	 * address_space.i_mmap; owner is the address space it belongs to
	 * (opaque here); rmap_seq marks it visited by a walk. All three are
	 * under that address_space's i_mmap_lock once the area is linked.
	 */
	struct list_node rmap_node;
	void *owner;
	uint64_t rmap_seq;
};

struct vma_list {
	struct vma *head;	/* lowest area, or NULL */
	unsigned count;
	uint64_t total;		/* bytes covered: RLIMIT_AS accounting */
	/*
	 * The address space the areas belong to (vm.c sets it): areas with
	 * a file made in a list with an owner go on the file's reverse map.
	 * NULL (the host test, a list being built): they do not.
	 */
	void *owner;
};

/*
 * File references for the areas that carry one: vm.c forwards to
 * file_get/file_put, the host test counts them.
 */
void vma_file_get(struct file *f);
void vma_file_put(struct file *f);
/*
 * The reverse map of an area with a file (rmap.c; the host test stubs
 * them): add links it on its file's i_mmap, del unlinks it if linked.
 */
void vma_rmap_add(struct vma *v);
void vma_rmap_del(struct vma *v);

/* An empty list without an owner. */
void vma_list_init(struct vma_list *l);
/* Frees every area (and drops its file reference); the owner stays. */
void vma_list_clear(struct vma_list *l);
/* fork: dst (empty, its owner set) gets a copy of every area of src; 0 or -ENOMEM. */
int vma_list_clone(struct vma_list *dst, const struct vma_list *src);

/* The lowest area that ends above addr (Linux's find_vma), or NULL. */
struct vma *vma_find(const struct vma_list *l, uint64_t addr);
/* The area containing addr, or NULL. */
struct vma *vma_lookup(const struct vma_list *l, uint64_t addr);
/* Whether any area meets [start, end). */
bool vma_overlaps(const struct vma_list *l, uint64_t start, uint64_t end);
/* Whether areas cover [start, end) without a hole. */
bool vma_covered(const struct vma_list *l, uint64_t start, uint64_t end);

/*
 * Adds an area like tmpl over [tmpl->start, tmpl->end) (taking a file
 * reference of its own), merged with touching compatible neighbours.
 * -EEXIST if it would overlap an area, -EINVAL for an empty or unaligned
 * range, -ENOMEM.
 */
int vma_insert(struct vma_list *l, const struct vma *tmpl);
/* Links an area the caller owns (no overlap allowed), then merges it. */
void vma_link(struct vma_list *l, struct vma *v);
/* Takes an area out of the list without freeing it. */
void vma_unlink(struct vma_list *l, struct vma *v);
/* Splits v at addr (inside it, page aligned): v keeps the low part. */
int vma_split(struct vma_list *l, struct vma *v, uint64_t addr);
/*
 * Splits the areas that straddle start or end, so that every area meeting
 * [start, end) lies inside it. -ENOMEM leaves the areas as they were in
 * meaning (an extra split is harmless).
 */
int vma_isolate(struct vma_list *l, uint64_t start, uint64_t end);
/* Removes [start, end) from every area (munmap); 0 or -ENOMEM. */
int vma_remove_range(struct vma_list *l, uint64_t start, uint64_t end);
/* Sets prot on [start, end) (covered by areas), then re-merges; 0 or -ENOMEM. */
int vma_set_prot(struct vma_list *l, uint64_t start, uint64_t end, unsigned prot);
/* Merges v with its neighbours where they touch and agree; returns the survivor. */
struct vma *vma_merge(struct vma_list *l, struct vma *v);

/*
 * The highest start a of a free range [a, a + len) with low <= a and
 * a + len <= high that also leaves guard bytes free below a grows-down
 * area above it (the stack guard gap); 0 if there is none.
 */
uint64_t vma_find_gap(const struct vma_list *l, uint64_t len, uint64_t low, uint64_t high,
		      uint64_t guard);

#endif /* MM_VMA_H */
