/*
 * vm.c: user address spaces (interface and layout in vm.h).
 *
 * User page tables are walked here rather than in paging.c, which only
 * knows the kernel's tables: user entries carry PTE_U at every level
 * (Intel SDM Vol. 3A 4.6.1: a user access needs U/S = 1 in every
 * paging-structure entry on the way). A leaf holds a reference on its
 * frame (struct page's refs): fork shares frames between address spaces
 * (vm_fault.c), and the last page table to drop one frees it.
 */
#include <mm/vm_priv.h>
#include <mm/tlb.h>
#include <proc/percpu.h>
#include <asm/cpu.h>
#include <proc/task.h>
#include <sched/spinlock.h>
#include <fs/file.h>
#include <mm/shrinker.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include <user/user.h>

#define VM_PT_ENTRIES		512	/* SDM 3A 4.5: 9 index bits per level */
#define VM_PT_INDEX_BITS	9
#define VM_PT_LEVELS		4
#define VM_LEVEL_SHIFT(l)	(PAGE_SHIFT + VM_PT_INDEX_BITS * ((l) - 1))
#define VM_PML4_USER_ENTRIES	(VM_PT_ENTRIES / 2)	/* bit 47 clear: lower half */
/* Intermediate user tables allow everything; the leaf restricts. */
#define VM_USER_TABLE_FLAGS	(PTE_P | PTE_W | PTE_U)
#define VM_KERNEL_TABLE_FLAGS	(PTE_P | PTE_W)
/* Until exec places it (vm_layout.c): mmap searches down from half the user half. */
#define VM_MMAP_BASE		(USER_SPACE_END / 2)
/* Objects asked of the shrinkers when vm_write finds no free frame. */
#define VM_FILL_RECLAIM_BATCH	64

static uint64_t vm_kernel_pml4;		/* set once by vm_init */
/*
 * guards: the reference counts of user frames (struct page.refs), which
 * spaces share after fork. irqsave: the last put may come from the
 * switch (a dying space freed as its task is reaped).
 */
static struct spinlock vm_frame_lock = SPINLOCK_INIT("vm_frame_lock");

static inline uint64_t *vm_table(uint64_t phys)
{
	return phys_to_virt(phys & PTE_ADDR_MASK);
}

static inline unsigned vm_index(uint64_t va, unsigned level)
{
	return (unsigned)(va >> VM_LEVEL_SHIFT(level)) & (VM_PT_ENTRIES - 1);
}

static uint64_t vm_alloc_zeroed(void)
{
	return pmm_alloc_page(GFP_KERNEL | GFP_ZERO);
}

void vm_init(void)
{
	uint64_t *pml4;

	vm_kernel_pml4 = cpu_read_cr3() & PTE_ADDR_MASK;
	pml4 = vm_table(vm_kernel_pml4);
	for (unsigned i = VM_PML4_USER_ENTRIES; i < VM_PT_ENTRIES; i++) {
		uint64_t pdpt;

		if (pml4[i] & PTE_P)
			continue;
		pdpt = vm_alloc_zeroed();
		if (!pdpt)
			panic("vm: no memory for the kernel-half PDPTs");
		pml4[i] = pdpt | VM_KERNEL_TABLE_FLAGS;
	}
	/* The kernel half must not be reachable from ring 3. */
	for (unsigned i = VM_PML4_USER_ENTRIES; i < VM_PT_ENTRIES; i++)
		if (pml4[i] & PTE_U)
			panic("vm: kernel PML4 entry %u is user-accessible", i);
	pr_info("vm: kernel half shared through %u PML4 entries\n",
		VM_PT_ENTRIES - VM_PML4_USER_ENTRIES);
}

struct vm_space *vm_create(void)
{
	struct vm_space *vm = kzalloc(sizeof(*vm));
	uint64_t *pml4;

	if (!vm)
		return NULL;
	vm->pml4_phys = vm_alloc_zeroed();
	if (!vm->pml4_phys) {
		kfree(vm);
		return NULL;
	}
	pml4 = vm_table(vm->pml4_phys);
	memcpy(&pml4[VM_PML4_USER_ENTRIES], &vm_table(vm_kernel_pml4)[VM_PML4_USER_ENTRIES],
	       VM_PML4_USER_ENTRIES * sizeof(uint64_t));
	vm->mmap_base = VM_MMAP_BASE;
	vm->stack_top = VM_STACK_TOP_MAX;
	vm->users = 1;
	rwsem_init(&vm->sem);
	vma_list_init(&vm->vmas);
	vm->vmas.owner = vm;	/* its file areas go on the files' reverse maps */
	return vm;
}

void vm_get(struct vm_space *vm)
{
	__atomic_add_fetch(&vm->users, 1, __ATOMIC_RELAXED);
}

bool vm_tryget(struct vm_space *vm)
{
	unsigned users = __atomic_load_n(&vm->users, __ATOMIC_RELAXED);

	do {
		if (!users)
			return false;
	} while (!__atomic_compare_exchange_n(&vm->users, &users, users + 1, false,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return true;
}

void vm_put(struct vm_space *vm)
{
	/* Acquire-release: the destroying side sees every user's writes. */
	if (__atomic_sub_fetch(&vm->users, 1, __ATOMIC_ACQ_REL) == 0)
		vm_destroy(vm);
}

/* vma.c's file references (vma.h). */
void vma_file_get(struct file *f)
{
	file_get(f);
}

void vma_file_put(struct file *f)
{
	struct task *me = task_current();

	if (me->vm_locked && me->vm_ndeferred < TASK_VM_DEFER_MAX) {
		me->vm_deferred[me->vm_ndeferred++] = f;
		return;
	}
	file_put(f);
}

void vm_lock(struct vm_space *vm)
{
	down_write(&vm->sem);
	task_current()->vm_locked++;
}

void vm_unlock(struct vm_space *vm)
{
	struct task *me = task_current();

	me->vm_locked--;
	up_write(&vm->sem);
	if (me->vm_locked)
		return;
	while (me->vm_ndeferred)
		file_put(me->vm_deferred[--me->vm_ndeferred]);
}

void vm_lock_read(struct vm_space *vm)
{
	down_read(&vm->sem);
}

void vm_unlock_read(struct vm_space *vm)
{
	up_read(&vm->sem);
}

uint64_t vm_frame_alloc(bool zero)
{
	uint64_t phys = zero ? vm_alloc_zeroed() : pmm_alloc_page(GFP_KERNEL);

	if (phys)
		pmm_phys_to_page(phys)->refs = 1;
	return phys;
}

void vm_frame_get(uint64_t phys)
{
	uint64_t flags = spin_lock_irqsave(&vm_frame_lock);

	pmm_phys_to_page(phys)->refs++;
	spin_unlock_irqrestore(&vm_frame_lock, flags);
}

void vm_frame_put(uint64_t phys)
{
	uint64_t flags = spin_lock_irqsave(&vm_frame_lock);
	struct page *pg = pmm_phys_to_page(phys);
	bool last = pg->refs <= 1;

	if (last)
		pg->refs = 0;
	else
		pg->refs--;
	spin_unlock_irqrestore(&vm_frame_lock, flags);
	if (last)
		pmm_free_page(phys);
}

unsigned vm_frame_refs(uint64_t phys)
{
	struct page *pg = pmm_phys_to_page(phys & PTE_ADDR_MASK);

	return pg ? pg->refs : 0;
}

/* Frees the tables below one lower-half entry, and their frames. */
static void vm_free_level(uint64_t table_phys, unsigned level)
{
	uint64_t *t = vm_table(table_phys);

	for (unsigned i = 0; i < VM_PT_ENTRIES; i++) {
		if (level > 1 && (t[i] & PTE_P))
			vm_free_level(t[i], level - 1);
		else if (level == 1 && vm_pte_has_frame(t[i]))
			vm_frame_put(t[i] & PTE_ADDR_MASK);
	}
	pmm_free_page(table_phys & PTE_ADDR_MASK);
}

void vm_destroy(struct vm_space *vm)
{
	uint64_t *pml4;

	if (!vm)
		return;
	/* No CPU may keep the tables in CR3, even lazily, once they are freed. */
	tlb_vm_release(vm);
	pml4 = vm_table(vm->pml4_phys);
	for (unsigned i = 0; i < VM_PML4_USER_ENTRIES; i++)
		if (pml4[i] & PTE_P)
			vm_free_level(pml4[i], VM_PT_LEVELS - 1);
	pmm_free_page(vm->pml4_phys);
	vma_list_clear(&vm->vmas);
	if (vm->exe_file) {
		file_allow_write(vm->exe_file);
		file_put(vm->exe_file);
	}
	kfree(vm);
}

/*
 * Interrupts off: percpu vm_active must match CR3 whenever the task can
 * be switched away (the switch reads it) or a shootdown looks (tlb.c).
 * The new space's bit in cpus_active is set (a locked instruction, a
 * full barrier) before CR3 is loaded, the old one's cleared after: a
 * CPU is in the mask of every space whose translations it may hold.
 */
void vm_switch(struct vm_space *vm)
{
	uint64_t flags = cpu_irq_save();
	struct percpu *cpu = percpu_this();
	struct vm_space *old = cpu->vm_active;
	uint64_t bit = 1ULL << cpu->cpu;

	if (vm)
		__atomic_or_fetch(&vm->cpus_active, bit, __ATOMIC_SEQ_CST);
	cpu->vm_active = vm;
	cpu_write_cr3(vm ? vm->pml4_phys : vm_kernel_pml4);
	if (old && old != vm)
		__atomic_and_fetch(&old->cpus_active, ~bit, __ATOMIC_SEQ_CST);
	cpu_irq_restore(flags);
}

struct vm_space *vm_current(void)
{
	uint64_t flags = cpu_irq_save();
	struct vm_space *vm = percpu_this()->vm_active;

	cpu_irq_restore(flags);
	return vm;
}

/* The PTE for a user va, creating the tables on the way if create. */
uint64_t *vm_walk(struct vm_space *vm, uint64_t va, bool create)
{
	uint64_t *table = vm_table(vm->pml4_phys);

	for (unsigned level = VM_PT_LEVELS; level > 1; level--) {
		uint64_t *e = &table[vm_index(va, level)];

		if (!(*e & PTE_P)) {
			uint64_t phys;

			if (!create)
				return NULL;
			phys = vm_alloc_zeroed();
			if (!phys)
				return NULL;
			*e = phys | VM_USER_TABLE_FLAGS;
		}
		table = vm_table(*e);
	}
	return &table[vm_index(va, 1)];
}

uint64_t vm_pte_prot(unsigned prot)
{
	uint64_t pte = PTE_P | PTE_U;

	if (prot & VM_PROT_NONE)
		return VM_PTE_PROTNONE;

	if (prot & VM_PROT_WRITE)
		pte |= PTE_W;
	if (!(prot & VM_PROT_EXEC) && paging_nx_enabled())
		pte |= PTE_NX;
	return pte;
}

bool vm_range_valid(uint64_t start, uint64_t len)
{
	return !(start & (PAGE_SIZE - 1)) && !(len & (PAGE_SIZE - 1)) &&
	       uaccess_range_ok(start, len);
}

/* After changing a PTE of the live address space (SDM 3A 4.10.4.1). */
void vm_flush(struct vm_space *vm, uint64_t va)
{
	tlb_flush_range(vm, va, va + PAGE_SIZE);
}

/* Reloading CR3 drops every non-global translation (SDM 3A 4.10.4.1). */
void vm_flush_all(struct vm_space *vm)
{
	tlb_flush_range(vm, 0, USER_SPACE_END);
}

/*
 * The first page in [va, end) whose PTE holds a frame, with *pte; end if
 * none. An absent table skips the whole range it would map, so huge
 * sparse ranges cost one step per missing table, not per page.
 */
uint64_t vm_next_frame(struct vm_space *vm, uint64_t va, uint64_t end, uint64_t **pte)
{
	while (va < end) {
		uint64_t *table = vm_table(vm->pml4_phys);
		uint64_t span, next;
		unsigned level;

		for (level = VM_PT_LEVELS;; level--) {
			uint64_t *e = &table[vm_index(va, level)];

			if (level == 1 && vm_pte_has_frame(*e)) {
				*pte = e;
				return va;
			}
			if (level == 1 || !(*e & PTE_P))
				break;
			table = vm_table(*e);
		}
		span = 1ULL << VM_LEVEL_SHIFT(level);
		next = ALIGN_DOWN(va, span) + span;
		if (next <= va)
			break;
		va = next;
	}
	return end;
}

/*
 * Frees the tables below the entries of table (at level, mapping from
 * base) that meet [start, end) and hold nothing any more. Whether the
 * whole table is empty now.
 */
static bool vm_prune_level(uint64_t *table, unsigned level, uint64_t base, uint64_t start,
			   uint64_t end, bool *freed)
{
	uint64_t span = 1ULL << VM_LEVEL_SHIFT(level);
	bool empty = true;

	for (unsigned i = 0; i < VM_PT_ENTRIES; i++) {
		uint64_t lo = base + i * span;

		if (level > 1 && (table[i] & PTE_P) && lo < end && start < lo + span &&
		    vm_prune_level(vm_table(table[i]), level - 1, lo, start, end, freed)) {
			pmm_free_page(table[i] & PTE_ADDR_MASK);
			table[i] = 0;
			*freed = true;
		}
		if (table[i])
			empty = false;
	}
	return empty;
}

void vm_prune_tables(struct vm_space *vm, uint64_t start, uint64_t end)
{
	uint64_t *pml4 = vm_table(vm->pml4_phys), span = 1ULL << VM_LEVEL_SHIFT(VM_PT_LEVELS);
	bool freed = false;

	for (unsigned i = 0; i < VM_PML4_USER_ENTRIES; i++) {
		uint64_t lo = i * span;

		if ((pml4[i] & PTE_P) && lo < end && start < lo + span &&
		    vm_prune_level(vm_table(pml4[i]), VM_PT_LEVELS - 1, lo, start, end, &freed)) {
			pmm_free_page(pml4[i] & PTE_ADDR_MASK);
			pml4[i] = 0;
			freed = true;
		}
	}
	/* A freed table may sit in the paging-structure caches (SDM 3A 4.10.3). */
	if (freed)
		vm_flush_all(vm);
}

void vm_drop_frames(struct vm_space *vm, uint64_t start, uint64_t end)
{
	struct tlb_batch b;
	uint64_t *e;

	/* The peak is kept before it goes down (Linux's update_hiwater_rss). */
	if (vm->mapped_pages > vm->hiwater_pages)
		vm->hiwater_pages = vm->mapped_pages;
	/* Each frame is put only once no CPU can reach it through a stale TLB. */
	tlb_batch_init(&b, vm);
	for (uint64_t va = vm_next_frame(vm, start, end, &e); va < end;
	     va = vm_next_frame(vm, va + PAGE_SIZE, end, &e)) {
		tlb_batch_add(&b, va, *e & PTE_ADDR_MASK);
		*e = 0;
		vm->mapped_pages--;
	}
	tlb_batch_finish(&b);
}

uint64_t vm_rss_peak(struct vm_space *vm)
{
	uint64_t peak;

	vm_lock_read(vm);
	peak = MAX(vm->hiwater_pages, vm->mapped_pages);
	vm_unlock_read(vm);
	return peak;
}

int vm_query(struct vm_space *vm, uint64_t va, uint64_t *phys, uint64_t *pte_flags)
{
	uint64_t *e;

	if (!uaccess_range_ok(va, 1))
		return -EFAULT;
	e = vm_walk(vm, va, false);
	if (!e || !(*e & PTE_P))
		return -EFAULT;
	if (phys)
		*phys = (*e & PTE_ADDR_MASK) | (va & (PAGE_SIZE - 1));
	if (pte_flags)
		*pte_flags = *e & ~PTE_ADDR_MASK;
	return 0;
}

/* Copies src (or zeroes, if src is NULL) into user pages, page by page. */
static int vm_fill(struct vm_space *vm, uint64_t dst, const void *src, size_t len)
{
	const uint8_t *s = src;

	if (!uaccess_range_ok(dst, len))
		return -EFAULT;
	while (len) {
		size_t off = dst & (PAGE_SIZE - 1);
		size_t chunk = MIN(len, PAGE_SIZE - off);
		uint64_t phys;
		struct vma *v;
		int err;

		vm_lock(vm);
		v = vma_lookup(&vm->vmas, dst);
		err = v ? vm_fault_page(vm, v, ALIGN_DOWN(dst, PAGE_SIZE), true) : -EFAULT;
		if (!err && vm_query(vm, dst, &phys, NULL))
			err = -EFAULT;
		vm_unlock(vm);
		/* No free frame: the caches give some back, then this page again. */
		if (err == -ENOMEM && shrink_all(VM_FILL_RECLAIM_BATCH))
			continue;
		if (err)
			return err;
		if (s) {
			memcpy(phys_to_virt(phys), s, chunk);
			s += chunk;
		} else {
			memset(phys_to_virt(phys), 0, chunk);
		}
		dst += chunk;
		len -= chunk;
	}
	return 0;
}

int vm_write(struct vm_space *vm, uint64_t dst, const void *src, size_t len)
{
	return vm_fill(vm, dst, src, len);
}

int vm_zero(struct vm_space *vm, uint64_t dst, size_t len)
{
	return vm_fill(vm, dst, NULL, len);
}
