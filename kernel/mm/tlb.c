/*
 * tlb.c: TLB shootdown (tlb.h).
 *
 * Ordering: the caller changed the page tables first; a full fence
 * orders those stores before the read of cpus_active, and vm_switch sets
 * its bit with a locked instruction before it writes CR3. So a CPU
 * either is in the mask read here, or loads CR3 (which drops all
 * non-global translations, SDM 3A 4.10.4.1) after the change and walks
 * the new tables.
 */
#include <mm/tlb.h>
#include <mm/vm_priv.h>
#include <arch/x86_64/smp/smp.h>
#include <asm/cpu.h>
#include <proc/percpu.h>

#define TLB_CR4_PGE	(1ULL << 7)	/* SDM 3A 2.5: global pages */

struct tlb_request {
	struct vm_space *vm;
	uint64_t start, end;
};

static uint64_t tlb_remote_count;	/* atomic: statistics for tests */

/*
 * This CPU's part; interrupts off. User ranges: only if vm's tables are
 * in CR3. The kernel's: its pages may be global, which a CR3 load keeps,
 * so a large range toggles CR4.PGE (SDM 3A 4.10.4.1) instead.
 */
static void tlb_flush_local(struct vm_space *vm, uint64_t start, uint64_t end)
{
	uint64_t pages = (end - start) / PAGE_SIZE;

	if (vm && percpu_this()->vm_active != vm)
		return;
	if (pages <= TLB_FLUSH_MAX_PAGES) {
		for (uint64_t va = start; va < end; va += PAGE_SIZE)
			cpu_invlpg(va);
	} else if (vm) {
		cpu_write_cr3(cpu_read_cr3());
	} else {
		uint64_t cr4 = cpu_read_cr4();

		cpu_write_cr4(cr4 & ~TLB_CR4_PGE);
		cpu_write_cr4(cr4);
	}
}

static void tlb_flush_ipi(void *arg)
{
	const struct tlb_request *r = arg;

	tlb_flush_local(r->vm, r->start, r->end);
	__atomic_add_fetch(&tlb_remote_count, 1, __ATOMIC_RELAXED);
}

void tlb_flush_range(struct vm_space *vm, uint64_t start, uint64_t end)
{
	struct tlb_request r = { vm, ALIGN_DOWN(start, PAGE_SIZE), ALIGN_UP(end, PAGE_SIZE) };
	uint64_t flags, others;

	if (r.start >= r.end)
		return;
	flags = cpu_irq_save();		/* this CPU's number holds still */
	tlb_flush_local(vm, r.start, r.end);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	others = vm ? __atomic_load_n(&vm->cpus_active, __ATOMIC_RELAXED) : smp_online_mask();
	others &= ~(1ULL << percpu_this()->cpu);
	cpu_irq_restore(flags);
	if (others)
		(void)smp_call_mask(others, tlb_flush_ipi, &r);
}

static void tlb_release_ipi(void *arg)
{
	if (percpu_this()->vm_active == arg)
		vm_switch(NULL);
}

void tlb_vm_release(struct vm_space *vm)
{
	uint64_t others;

	if (percpu_current() && vm_current() == vm)
		vm_switch(NULL);
	others = __atomic_load_n(&vm->cpus_active, __ATOMIC_ACQUIRE);
	if (others)
		(void)smp_call_mask(others, tlb_release_ipi, vm);
}

void tlb_batch_init(struct tlb_batch *b, struct vm_space *vm)
{
	b->vm = vm;
	b->start = b->end = 0;
	b->nframes = 0;
}

void tlb_batch_finish(struct tlb_batch *b)
{
	if (b->start < b->end)
		tlb_flush_range(b->vm, b->start, b->end);
	for (unsigned i = 0; i < b->nframes; i++)
		vm_frame_put(b->frames[i]);
	b->start = b->end = 0;
	b->nframes = 0;
}

void tlb_batch_add(struct tlb_batch *b, uint64_t va, uint64_t frame)
{
	/* One range per flush: a page far from it flushes what came before. */
	if (b->start < b->end && (va + PAGE_SIZE < b->start || va > b->end))
		tlb_batch_finish(b);
	if (b->start == b->end) {
		b->start = va;
		b->end = va + PAGE_SIZE;
	} else {
		b->start = va < b->start ? va : b->start;
		b->end = va + PAGE_SIZE > b->end ? va + PAGE_SIZE : b->end;
	}
	if (frame) {
		b->frames[b->nframes++] = frame;
		if (b->nframes == TLB_BATCH_FRAMES)
			tlb_batch_finish(b);
	}
}

uint64_t tlb_remote_flushes(void)
{
	return __atomic_load_n(&tlb_remote_count, __ATOMIC_RELAXED);
}
