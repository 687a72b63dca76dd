/*
 * vm_ktest.c: user address spaces (kernel/mm/vm*.c) on real page tables:
 * copy-on-write clones and frame reference counts, demand paging of
 * anonymous and file pages, what vm_fault refuses, munmap splitting an
 * area, mremap in place and moving, madvise's discard, stack growth up
 * to RLIMIT_STACK, uaccess faulting pages in, and ASLR.
 */
#include <basalt/compiler.h>
#include <basalt/ktest.h>
#include <fs/vfs.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <asm/cpu.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <user/user.h>

#define KT_VA		0x10000000ULL	/* well clear of everything */
#define KT_PATTERN	0x5a
#define KT_PF_P		(1ULL << 0)	/* SDM 3A 4.7 error code bits */
#define KT_PF_W		(1ULL << 1)
#define KT_PF_U		(1ULL << 2)
#define KT_PF_I		(1ULL << 4)
#define KT_STACK_SIZE	(16 * PAGE_SIZE)
#define MIB		(1ULL << 20)

/* The byte at va in vm, through the direct map; -1 if no frame. */
static int kt_peek(struct vm_space *vm, uint64_t va)
{
	uint64_t phys;

	if (vm_query(vm, va, &phys, NULL))
		return -1;
	return *(uint8_t *)phys_to_virt(phys);
}

static uint64_t kt_frame(struct vm_space *vm, uint64_t va)
{
	uint64_t phys = 0;

	vm_query(vm, va, &phys, NULL);
	return phys & PTE_ADDR_MASK;
}

static uint64_t kt_pte(struct vm_space *vm, uint64_t va)
{
	uint64_t flags = 0;

	vm_query(vm, va, NULL, &flags);
	return flags;
}

/* Creating and destroying one space first lets the slab caches settle. */
static uint64_t kt_free_pages_settled(void)
{
	struct vm_space *vm = vm_create();

	if (vm) {
		vm_map_anon(vm, KT_VA, PAGE_SIZE, VM_PROT_WRITE);
		vm_destroy(vm);
	}
	return pmm_free_pages_count();
}

KTEST(vm_cow_clone_refcounts)
{
	uint64_t free_before = kt_free_pages_settled(), pf, cf;
	struct vm_space *parent = vm_create(), *child;
	uint8_t b = KT_PATTERN, c = 0x11;

	KT_ASSERT(t, parent != NULL);
	KT_ASSERT(t, vm_map_anon(parent, KT_VA, 2 * PAGE_SIZE, VM_PROT_WRITE) == 0);
	KT_ASSERT(t, vm_write(parent, KT_VA, &b, 1) == 0);
	pf = kt_frame(parent, KT_VA);
	child = vm_clone(parent);
	KT_ASSERT(t, child != NULL);
	/* Shared, read-only in both, two references. */
	KT_EXPECT_EQ(t, kt_frame(child, KT_VA), pf);
	KT_EXPECT_EQ(t, vm_frame_refs(pf), 2);
	KT_EXPECT(t, !(kt_pte(parent, KT_VA) & PTE_W));
	KT_EXPECT(t, !(kt_pte(child, KT_VA) & PTE_W));
	KT_EXPECT_EQ(t, child->mapped_pages, 2);
	/* The child writes: it gets a copy; the parent's byte stays. */
	KT_EXPECT_EQ(t, vm_fault(child, KT_VA + 1, KT_PF_P | KT_PF_W | KT_PF_U), 0);
	cf = kt_frame(child, KT_VA);
	KT_EXPECT(t, cf != pf);
	KT_EXPECT(t, kt_pte(child, KT_VA) & PTE_W);
	KT_EXPECT_EQ(t, kt_peek(child, KT_VA), KT_PATTERN);
	KT_ASSERT(t, vm_write(child, KT_VA, &c, 1) == 0);
	KT_EXPECT_EQ(t, kt_peek(child, KT_VA), 0x11);
	KT_EXPECT_EQ(t, kt_peek(parent, KT_VA), KT_PATTERN);
	KT_EXPECT_EQ(t, vm_frame_refs(pf), 1);
	KT_EXPECT_EQ(t, vm_frame_refs(cf), 1);
	/* The parent, alone with its frame now, gets write back without a copy. */
	KT_EXPECT_EQ(t, vm_fault(parent, KT_VA, KT_PF_P | KT_PF_W | KT_PF_U), 0);
	KT_EXPECT_EQ(t, kt_frame(parent, KT_VA), pf);
	KT_EXPECT(t, kt_pte(parent, KT_VA) & PTE_W);
	/* The second page is still shared; destroying the child drops its reference. */
	KT_EXPECT_EQ(t, vm_frame_refs(kt_frame(parent, KT_VA + PAGE_SIZE)), 2);
	vm_destroy(child);
	KT_EXPECT_EQ(t, vm_frame_refs(kt_frame(parent, KT_VA + PAGE_SIZE)), 1);
	vm_destroy(parent);
	KT_EXPECT_EQ(t, pmm_free_pages_count(), free_before);
}

KTEST(vm_cow_vm_write_breaks_sharing)
{
	struct vm_space *parent = vm_create(), *child;
	uint8_t b = 1, c = 2;

	KT_ASSERT(t, parent != NULL);
	KT_ASSERT(t, vm_map_anon(parent, KT_VA, PAGE_SIZE, 0) == 0);	/* read-only */
	KT_ASSERT(t, vm_write(parent, KT_VA, &b, 1) == 0);
	child = vm_clone(parent);
	KT_ASSERT(t, child != NULL);
	/* A forced kernel write (the ELF loader's) also copies first. */
	KT_EXPECT_EQ(t, vm_write(child, KT_VA, &c, 1), 0);
	KT_EXPECT_EQ(t, kt_peek(parent, KT_VA), 1);
	KT_EXPECT_EQ(t, kt_peek(child, KT_VA), 2);
	KT_EXPECT(t, !(kt_pte(child, KT_VA) & PTE_W));
	vm_destroy(child);
	vm_destroy(parent);
}

KTEST(vm_shared_anon_survives_clone)
{
	struct vm_space *parent = vm_create(), *child;
	uint8_t b = 7;

	KT_ASSERT(t, parent != NULL);
	KT_ASSERT(t, vm_mmap(parent, KT_VA, PAGE_SIZE, VM_PROT_WRITE, VMA_SHARED, NULL, 0) == 0);
	KT_EXPECT_EQ(t, parent->mapped_pages, 1);	/* populated at once */
	child = vm_clone(parent);
	KT_ASSERT(t, child != NULL);
	KT_EXPECT(t, kt_pte(child, KT_VA) & PTE_W);
	KT_ASSERT(t, vm_write(child, KT_VA, &b, 1) == 0);
	KT_EXPECT_EQ(t, kt_peek(parent, KT_VA), 7);
	/* Growing it by mremap populates the new part too. */
	KT_EXPECT_EQ(t, vm_remap(parent, KT_VA, PAGE_SIZE, 2 * PAGE_SIZE, false, 0), KT_VA);
	KT_EXPECT_EQ(t, parent->mapped_pages, 2);
	vm_destroy(child);
	vm_destroy(parent);
}

/* Limits come from the calling task's process when it has one. */
KTEST(vm_rlimits_from_process)
{
	static struct process p;
	struct task *task = task_current();
	struct process *saved = task->proc;
	uint64_t irq = cpu_irq_save();
	struct vm_space *vm;

	memset(&p, 0, sizeof(p));
	for (unsigned i = 0; i < RLIM_NLIMITS; i++)
		p.rlim[i].rlim_cur = p.rlim[i].rlim_max = RLIM64_INFINITY;
	p.rlim[RLIMIT_STACK].rlim_cur = MIB;
	p.rlim[RLIMIT_AS].rlim_cur = 64 * MIB;
	p.rlim[RLIMIT_DATA].rlim_cur = 2 * MIB;
	task->proc = &p;
	vm = vm_create();
	if (vm && !vm_setup_stack(vm, KT_STACK_SIZE, false)) {
		KT_EXPECT_EQ(t, vm_rlimit(RLIMIT_STACK), MIB);
		KT_EXPECT_EQ(t, vm_fault(vm, vm->stack_top - MIB, KT_PF_U | KT_PF_W), 0);
		KT_EXPECT_EQ(t, vm_fault(vm, vm->stack_top - MIB - 1, KT_PF_U | KT_PF_W), -EFAULT);
		KT_EXPECT(t, !vm_may_grow(vm, 3 * MIB, true));		/* RLIMIT_DATA */
		KT_EXPECT(t, vm_may_grow(vm, 3 * MIB, false));
		/* RLIMIT_AS: 1 MiB of stack is there already. */
		KT_EXPECT(t, vm_may_grow(vm, 63 * MIB, false));
		KT_EXPECT(t, !vm_may_grow(vm, 63 * MIB + PAGE_SIZE, false));
	} else {
		KT_EXPECT(t, vm != NULL && false);
	}
	/* A zeroed process (limits never set) gets the defaults. */
	memset(&p, 0, sizeof(p));
	KT_EXPECT_EQ(t, vm_rlimit(RLIMIT_STACK), 8 * MIB);
	KT_EXPECT_EQ(t, vm_rlimit(RLIMIT_AS), RLIM64_INFINITY);
	task->proc = saved;
	cpu_irq_restore(irq);
	if (vm)
		vm_destroy(vm);
}

KTEST(vm_demand_paging_anon)
{
	struct vm_space *vm = vm_create();

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_mmap(vm, KT_VA, 4 * PAGE_SIZE, VM_PROT_WRITE, 0, NULL, 0) == 0);
	KT_EXPECT_EQ(t, vm->mapped_pages, 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + PAGE_SIZE), -1);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + PAGE_SIZE + 5, KT_PF_U), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA), -1);
	KT_EXPECT_EQ(t, vm->mapped_pages, 1);
	KT_EXPECT_EQ(t, vm_frame_refs(kt_frame(vm, KT_VA + PAGE_SIZE)), 1);
	KT_EXPECT_EQ(t, vm_populate(vm, KT_VA, 4 * PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, vm->mapped_pages, 4);
	vm_destroy(vm);
}

KTEST(vm_fault_refusals)
{
	struct vm_space *vm = vm_create();

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_mmap(vm, KT_VA, PAGE_SIZE, 0, 0, NULL, 0) == 0);		/* r-- */
	KT_ASSERT(t, vm_mmap(vm, KT_VA + 2 * PAGE_SIZE, PAGE_SIZE, VM_PROT_NONE, 0, NULL, 0) == 0);
	KT_ASSERT(t, vm_mmap(vm, KT_VA + 4 * PAGE_SIZE, PAGE_SIZE, VM_PROT_WRITE, 0, NULL, 0) == 0);
	/*
	 * No area, kernel half: -EFAULT (SEGV_MAPERR); write to read-only,
	 * PROT_NONE, NX fetch: an area refuses, -EACCES (SEGV_ACCERR).
	 */
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + PAGE_SIZE, KT_PF_U), -EFAULT);
	KT_EXPECT_EQ(t, vm_fault(vm, 0, KT_PF_U), -EFAULT);
	KT_EXPECT_EQ(t, vm_fault(vm, USER_SPACE_END, KT_PF_U), -EFAULT);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA, KT_PF_U | KT_PF_W), -EACCES);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + 2 * PAGE_SIZE, KT_PF_U), -EACCES);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + 4 * PAGE_SIZE, KT_PF_U | KT_PF_I), -EACCES);
	KT_EXPECT_EQ(t, vm_fault(NULL, KT_VA, KT_PF_U), -EFAULT);
	KT_EXPECT_EQ(t, vm->mapped_pages, 0);
	/*
	 * Allowed, then: a second identical fault is spurious (another CPU
	 * resolved it first, or a stale translation the fault itself
	 * dropped): 0, the access is retried, nothing changes. A write to
	 * the read-only page stays refused.
	 */
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA, KT_PF_U), 0);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA, KT_PF_U | KT_PF_P), 0);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA, KT_PF_U | KT_PF_W | KT_PF_P), -EACCES);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + 4 * PAGE_SIZE, KT_PF_U | KT_PF_W), 0);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + 4 * PAGE_SIZE, KT_PF_U | KT_PF_W | KT_PF_P), 0);
	KT_EXPECT_EQ(t, vm->mapped_pages, 2);
	/* mprotect to PROT_NONE keeps the frame but refuses access. */
	KT_EXPECT_EQ(t, vm_protect(vm, KT_VA + 4 * PAGE_SIZE, PAGE_SIZE, VM_PROT_NONE), 0);
	KT_EXPECT_EQ(t, vm->mapped_pages, 2);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + 4 * PAGE_SIZE), -1);	/* not present */
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + 4 * PAGE_SIZE, KT_PF_U), -EACCES);
	KT_EXPECT_EQ(t, vm_protect(vm, KT_VA + 4 * PAGE_SIZE, PAGE_SIZE, VM_PROT_WRITE), 0);
	KT_EXPECT(t, kt_pte(vm, KT_VA + 4 * PAGE_SIZE) & PTE_W);
	KT_EXPECT_EQ(t, vm_protect(vm, KT_VA, 5 * PAGE_SIZE, 0), -ENOMEM);	/* holes */
	vm_destroy(vm);
}

/* A file whose byte at offset o is (o / PAGE_SIZE + 1), 2.5 pages long. */
#define KT_FILE_SIZE	(2 * PAGE_SIZE + PAGE_SIZE / 2)
static unsigned kt_file_releases;
/* A regular file's inode, so that pread (file_read_kernel) accepts it. */
static struct inode kt_file_inode = { .mode = S_IFREG | 0644, .size = KT_FILE_SIZE };

static long kt_file_read(struct file *f __unused, struct uio *u, uint64_t *pos)
{
	long n = 0;

	while (u->resid && *pos < KT_FILE_SIZE) {
		*u->base++ = (uint8_t)(*pos / PAGE_SIZE + 1);
		u->resid--;
		(*pos)++;
		n++;
	}
	return n;
}

static void kt_file_release(struct file *f __unused)
{
	kt_file_releases++;
}

static const struct file_ops kt_file_ops = {
	.read = kt_file_read,
	.release = kt_file_release,
};

KTEST(vm_demand_paging_file_private)
{
	struct vm_space *vm = vm_create(), *child;
	struct file *f = kzalloc(sizeof(*f));
	uint8_t x = 0x77;

	KT_ASSERT(t, vm && f);
	f->ref = 1;
	f->ops = &kt_file_ops;
	f->inode = &kt_file_inode;
	page_cache_init(&kt_file_inode.i_data, &kt_file_inode);	/* the reverse map's list */
	kt_file_releases = 0;
	/* Pages 1 and 2 of the file (the second one half past the end). */
	KT_ASSERT(t, vm_mmap(vm, KT_VA, 3 * PAGE_SIZE, VM_PROT_WRITE, 0, f, PAGE_SIZE) == 0);
	KT_EXPECT_EQ(t, f->ref, 2);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA, KT_PF_U), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA), 2);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + PAGE_SIZE - 1), 2);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + PAGE_SIZE, KT_PF_U | KT_PF_W), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + PAGE_SIZE), 3);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + PAGE_SIZE + PAGE_SIZE / 2), 0);	/* past EOF */
	/* Private: writes stay in the copy; a discard reads the file again. */
	KT_ASSERT(t, vm_write(vm, KT_VA, &x, 1) == 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA), 0x77);
	KT_EXPECT_EQ(t, vm_discard(vm, KT_VA, PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA), -1);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA, KT_PF_U), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA), 2);
	/* A split and a clone take references; the last put releases. */
	KT_EXPECT_EQ(t, vm_unmap(vm, KT_VA + PAGE_SIZE, PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, f->ref, 3);
	child = vm_clone(vm);
	KT_ASSERT(t, child != NULL);
	KT_EXPECT_EQ(t, f->ref, 5);
	/* Page 3 lies wholly past the end of the file: SIGBUS, as Linux. */
	KT_EXPECT_EQ(t, vm_fault(child, KT_VA + 2 * PAGE_SIZE, KT_PF_U), -EIO);
	KT_EXPECT_EQ(t, kt_peek(child, KT_VA + 2 * PAGE_SIZE), -1);
	vm_destroy(child);
	vm_destroy(vm);
	KT_EXPECT_EQ(t, f->ref, 1);
	file_put(f);
	KT_EXPECT_EQ(t, kt_file_releases, 1);
}

KTEST(vm_munmap_splits_area)
{
	uint64_t free_before = kt_free_pages_settled();
	struct vm_space *vm = vm_create();

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_map_anon(vm, KT_VA, 5 * PAGE_SIZE, VM_PROT_WRITE) == 0);
	KT_EXPECT_EQ(t, vm->vmas.count, 1);
	KT_EXPECT_EQ(t, vm_unmap(vm, KT_VA + 2 * PAGE_SIZE, PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, vm->vmas.count, 2);
	KT_EXPECT_EQ(t, vm->mapped_pages, 4);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + 2 * PAGE_SIZE), -1);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA + 2 * PAGE_SIZE, KT_PF_U), -EFAULT);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + 3 * PAGE_SIZE), 0);
	KT_EXPECT(t, vm_range_free(vm, KT_VA + 2 * PAGE_SIZE, PAGE_SIZE));
	KT_EXPECT(t, !vm_range_covered(vm, KT_VA, 5 * PAGE_SIZE));
	/* Mapping the hole again merges everything back into one area. */
	KT_EXPECT_EQ(t, vm_mmap(vm, KT_VA + 2 * PAGE_SIZE, PAGE_SIZE, VM_PROT_WRITE, 0, NULL, 0),
		     0);
	KT_EXPECT_EQ(t, vm->vmas.count, 1);
	/* A huge empty range is cheap and fine. */
	KT_EXPECT_EQ(t, vm_unmap(vm, 0, USER_SPACE_END), 0);
	KT_EXPECT_EQ(t, vm->vmas.count, 0);
	KT_EXPECT_EQ(t, vm->mapped_pages, 0);
	vm_destroy(vm);
	KT_EXPECT_EQ(t, pmm_free_pages_count(), free_before);
}

/* munmap gives back the page tables it leaves empty, not just the frames. */
KTEST(vm_munmap_frees_tables)
{
	const unsigned slot = 5;
	const uint64_t va = (uint64_t)slot << 39;	/* its own PML4 entry (512 GiB each) */
	struct vm_space *vm = vm_create();
	uint64_t *pml4;

	KT_ASSERT(t, vm != NULL);
	pml4 = phys_to_virt(vm->pml4_phys);
	KT_ASSERT(t, vm_map_anon(vm, KT_VA, PAGE_SIZE, VM_PROT_WRITE) == 0);
	KT_ASSERT(t, vm_map_anon(vm, va, 4 * PAGE_SIZE, VM_PROT_WRITE) == 0);
	KT_EXPECT(t, pml4[slot] & PTE_P);
	KT_EXPECT_EQ(t, vm_unmap(vm, va, 2 * PAGE_SIZE), 0);
	KT_EXPECT(t, pml4[slot] & PTE_P);	/* still in use */
	KT_EXPECT_EQ(t, vm_unmap(vm, va + 2 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, pml4[slot], 0);
	/* The neighbour in another entry is untouched. */
	KT_EXPECT(t, pml4[0] & PTE_P);
	KT_EXPECT(t, vm_query(vm, KT_VA, NULL, NULL) == 0);
	vm_destroy(vm);
}

KTEST(vm_mremap)
{
	struct vm_space *vm = vm_create();
	uint64_t f0, f1;
	uint8_t b = 3;
	long r;

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_map_anon(vm, KT_VA, 2 * PAGE_SIZE, VM_PROT_WRITE) == 0);
	KT_ASSERT(t, vm_write(vm, KT_VA + PAGE_SIZE, &b, 1) == 0);
	/* Grows in place while the room is free. */
	KT_EXPECT_EQ(t, vm_remap(vm, KT_VA, 2 * PAGE_SIZE, 3 * PAGE_SIZE, false, 0), KT_VA);
	KT_EXPECT(t, vm_range_covered(vm, KT_VA, 3 * PAGE_SIZE));
	KT_EXPECT_EQ(t, vm->vmas.count, 1);
	/* Blocked: ENOMEM without MAYMOVE, a move (frames and all) with it. */
	KT_ASSERT(t, vm_mmap(vm, KT_VA + 3 * PAGE_SIZE, PAGE_SIZE, 0, 0, NULL, 0) == 0);
	KT_EXPECT_EQ(t, vm_remap(vm, KT_VA, 3 * PAGE_SIZE, 4 * PAGE_SIZE, false, 0), -ENOMEM);
	f0 = kt_frame(vm, KT_VA);
	f1 = kt_frame(vm, KT_VA + PAGE_SIZE);
	r = vm_remap(vm, KT_VA, 3 * PAGE_SIZE, 4 * PAGE_SIZE, true, 0);
	KT_ASSERT(t, r > 0);
	KT_EXPECT(t, (uint64_t)r != KT_VA);
	KT_EXPECT_EQ(t, kt_frame(vm, (uint64_t)r), f0);
	KT_EXPECT_EQ(t, kt_frame(vm, (uint64_t)r + PAGE_SIZE), f1);
	KT_EXPECT_EQ(t, kt_peek(vm, (uint64_t)r + PAGE_SIZE), 3);
	KT_EXPECT(t, vm_range_free(vm, KT_VA, 3 * PAGE_SIZE));
	KT_EXPECT(t, vm_range_covered(vm, (uint64_t)r, 4 * PAGE_SIZE));
	/* To a fixed address, shrinking on the way. */
	KT_EXPECT_EQ(t, vm_remap(vm, (uint64_t)r, 4 * PAGE_SIZE, 2 * PAGE_SIZE, true, KT_VA),
		     KT_VA);
	KT_EXPECT_EQ(t, kt_frame(vm, KT_VA + PAGE_SIZE), f1);
	KT_EXPECT(t, vm_range_free(vm, (uint64_t)r, 4 * PAGE_SIZE));
	/* Shrinking in place; a range beyond its area is EFAULT. */
	KT_EXPECT_EQ(t, vm_remap(vm, KT_VA, 2 * PAGE_SIZE, PAGE_SIZE, false, 0), KT_VA);
	KT_EXPECT(t, vm_range_free(vm, KT_VA + PAGE_SIZE, PAGE_SIZE));
	KT_EXPECT_EQ(t, vm_remap(vm, KT_VA, 2 * PAGE_SIZE, 3 * PAGE_SIZE, true, 0), -EFAULT);
	KT_EXPECT_EQ(t, vm->mapped_pages, 1);
	vm_destroy(vm);
}

KTEST(vm_madvise_dontneed_zeroes)
{
	struct vm_space *vm = vm_create();
	uint8_t b = 9;

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_map_anon(vm, KT_VA, 2 * PAGE_SIZE, VM_PROT_WRITE) == 0);
	KT_ASSERT(t, vm_write(vm, KT_VA, &b, 1) == 0);
	KT_ASSERT(t, vm_write(vm, KT_VA + PAGE_SIZE, &b, 1) == 0);
	KT_EXPECT_EQ(t, vm_discard(vm, KT_VA, PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, vm->mapped_pages, 1);
	KT_EXPECT_EQ(t, vm_fault(vm, KT_VA, KT_PF_U), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA), 0);
	KT_EXPECT_EQ(t, kt_peek(vm, KT_VA + PAGE_SIZE), 9);
	vm_destroy(vm);
}

KTEST(vm_stack_grows_to_rlimit)
{
	struct vm_space *vm = vm_create();
	uint64_t bottom, limit_bottom;

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_setup_stack(vm, KT_STACK_SIZE, false) == 0);
	KT_EXPECT(t, vm->stack_top <= VM_STACK_TOP_MAX);
	KT_EXPECT(t, vm->mmap_base < vm->stack_top - vm_rlimit(RLIMIT_STACK));
	bottom = vm->stack_top - KT_STACK_SIZE;
	limit_bottom = vm->stack_top - vm_rlimit(RLIMIT_STACK);
	KT_EXPECT_EQ(t, vm_rlimit(RLIMIT_STACK), 8 * MIB);	/* no process: the default */
	KT_EXPECT_EQ(t, vm_fault(vm, bottom - 1, KT_PF_U | KT_PF_W), 0);
	KT_EXPECT(t, vm_range_covered(vm, bottom - PAGE_SIZE, KT_STACK_SIZE + PAGE_SIZE));
	KT_EXPECT_EQ(t, vm->vmas.count, 1);
	/* Far down, but within the limit: fine, the area covers all of it. */
	KT_EXPECT_EQ(t, vm_fault(vm, limit_bottom, KT_PF_U | KT_PF_W), 0);
	KT_EXPECT_EQ(t, vm->vmas.total, 8 * MIB);
	KT_EXPECT_EQ(t, vm_fault(vm, limit_bottom - 1, KT_PF_U | KT_PF_W), -EFAULT);
	vm_destroy(vm);

	/* An area below keeps the stack's guard gap. */
	vm = vm_create();
	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_setup_stack(vm, KT_STACK_SIZE, false) == 0);
	bottom = vm->stack_top - KT_STACK_SIZE;
	KT_ASSERT(t, vm_mmap(vm, bottom - MIB - VM_STACK_GUARD_GAP - PAGE_SIZE, PAGE_SIZE, 0, 0,
			     NULL, 0) == 0);
	KT_EXPECT_EQ(t, vm_fault(vm, bottom - MIB, KT_PF_U), 0);
	KT_EXPECT_EQ(t, vm_fault(vm, bottom - MIB - PAGE_SIZE, KT_PF_U), -EFAULT);
	/* And mmap does not place anything in the gap either. */
	KT_EXPECT(t, vm_find_free(vm, PAGE_SIZE) + PAGE_SIZE + VM_STACK_GUARD_GAP <=
		     bottom - MIB || vm_find_free(vm, PAGE_SIZE) < bottom - 2 * MIB);
	vm_destroy(vm);
}

KTEST(vm_aslr_layout)
{
	struct vm_space *a = vm_create(), *b = vm_create();

	KT_ASSERT(t, a && b);
	KT_ASSERT(t, vm_setup_stack(a, KT_STACK_SIZE, false) == 0);
	KT_ASSERT(t, vm_setup_stack(b, KT_STACK_SIZE, false) == 0);
	vm_setup_brk(a, 0x400123);
	vm_setup_brk(b, 0x400123);
	KT_EXPECT(t, a->start_brk >= 0x401000 && a->start_brk < 0x401000 + 32 * MIB);
	KT_EXPECT_EQ(t, a->brk, a->start_brk);
	KT_EXPECT_EQ(t, a->stack_top % PAGE_SIZE, 0);
	KT_EXPECT(t, a->stack_top > VM_STACK_TOP_MAX - (16ULL << 30) - PAGE_SIZE);
	if (vm_randomize()) {
		/* 2^22 stack and 2^28 mmap choices: a tie means no randomness. */
		KT_EXPECT(t, a->stack_top != b->stack_top || a->mmap_base != b->mmap_base);
	} else {
		KT_EXPECT_EQ(t, a->stack_top, VM_STACK_TOP_MAX);
		KT_EXPECT_EQ(t, a->start_brk, 0x401000);
	}
	KT_EXPECT(t, vm_random_u64() != vm_random_u64());
	vm_destroy(a);
	vm_destroy(b);
}

/* copy_to_user/copy_from_user fault pages in and break copy on write. */
KTEST(vm_uaccess_demand_and_cow)
{
	struct vm_space *parent = vm_create(), *child;
	char buf[8] = { 0 };

	KT_ASSERT(t, parent != NULL);
	KT_ASSERT(t, vm_mmap(parent, KT_VA, 2 * PAGE_SIZE, VM_PROT_WRITE, 0, NULL, 0) == 0);
	KT_ASSERT(t, vm_mmap(parent, KT_VA + 2 * PAGE_SIZE, PAGE_SIZE, VM_PROT_NONE, 0, NULL,
			     0) == 0);
	vm_switch(parent);
	KT_EXPECT_EQ(t, copy_to_user((void *)(KT_VA + PAGE_SIZE - 2), "abcd", 4), 0);
	KT_EXPECT_EQ(t, parent->mapped_pages, 2);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)(KT_VA + 2 * PAGE_SIZE), 1), -EFAULT);
	KT_EXPECT_EQ(t, copy_to_user((void *)(KT_VA + 3 * PAGE_SIZE), "x", 1), -EFAULT);
	vm_switch(NULL);
	child = vm_clone(parent);
	KT_ASSERT(t, child != NULL);
	vm_switch(child);
	KT_EXPECT_EQ(t, copy_to_user((void *)(KT_VA + PAGE_SIZE), "Z", 1), 0);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)(KT_VA + PAGE_SIZE - 2), 4), 0);
	KT_EXPECT(t, !memcmp(buf, "abZd", 4));
	vm_switch(parent);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)(KT_VA + PAGE_SIZE - 2), 4), 0);
	KT_EXPECT(t, !memcmp(buf, "abcd", 4));
	vm_switch(NULL);
	vm_destroy(child);
	vm_destroy(parent);
}
