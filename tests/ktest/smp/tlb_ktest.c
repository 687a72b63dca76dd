/*
 * tlb_ktest.c: cross-CPU calls (smp_call.c) and TLB shootdown (mm/tlb.c)
 * on the CPUs smp_init started. QEMU's TCG keeps a software TLB per
 * vCPU that only INVLPG and CR3 loads empty, like real hardware: a CPU
 * that was not told of a change reads the old frame, so these tests fail
 * without the shootdown. With one CPU they check the calls' refusals.
 */
#include <arch/x86_64/smp/smp.h>
#include <asm/cpu.h>
#include <basalt/ktest.h>
#include <mm/mm.h>
#include <mm/tlb.h>
#include <mm/vm.h>
#include <proc/percpu.h>
#include <uapi/errno.h>

#define KT_TLB_VA	0x40000000ULL	/* a user address, page aligned */
#define KT_TLB_OLD	0x0123456789abcdefULL
#define KT_TLB_NEW	0xfedcba9876543210ULL
#define KT_TLB_CALLS	100

struct kt_tlb_ctx {
	struct vm_space *vm;
	uint64_t seen;
	uint64_t cr3;
	struct vm_space *active;
	unsigned cpu;
};

/* On the other CPU: take vm's tables and read the test page through them. */
static void kt_tlb_load_and_read(void *arg)
{
	struct kt_tlb_ctx *c = arg;

	vm_switch(c->vm);
	c->seen = *(volatile uint64_t *)KT_TLB_VA;
	c->cpu = percpu_this()->cpu;
}

/* On the other CPU: read again with whatever its TLB holds. */
static void kt_tlb_read(void *arg)
{
	struct kt_tlb_ctx *c = arg;

	c->seen = *(volatile uint64_t *)KT_TLB_VA;
}

static void kt_tlb_report(void *arg)
{
	struct kt_tlb_ctx *c = arg;

	c->cr3 = cpu_read_cr3();
	c->active = percpu_this()->vm_active;
}

static void kt_tlb_count(void *arg)
{
	__atomic_add_fetch((uint64_t *)arg, 1, __ATOMIC_RELAXED);
}

KTEST(smp_call_runs_on_every_other_cpu)
{
	uint64_t count = 0, before[SMP_MAX_CPUS];
	unsigned up = smp_cpus_up();

	for (unsigned cpu = 0; cpu < up; cpu++)
		before[cpu] = smp_call_handled(cpu);
	for (unsigned i = 0; i < KT_TLB_CALLS; i++)
		KT_ASSERT(t, smp_call_mask(smp_online_mask(), kt_tlb_count, &count) == 0);
	/* Every CPU but the caller, each time. */
	KT_EXPECT_EQ(t, count, (uint64_t)KT_TLB_CALLS * (up - 1));
	KT_EXPECT_EQ(t, smp_call_handled(0), before[0]);
	for (unsigned cpu = 1; cpu < up; cpu++)
		KT_EXPECT_EQ(t, smp_call_handled(cpu) - before[cpu], (uint64_t)KT_TLB_CALLS);
	KT_EXPECT_EQ(t, smp_call_cpu(up, kt_tlb_count, &count), -ENOENT);
	KT_EXPECT_EQ(t, smp_call_cpu(SMP_MAX_CPUS, kt_tlb_count, &count), -ENOENT);
}

/*
 * CPU1 caches a translation of vm's page; CPU0 unmaps it and maps another
 * frame there: CPU1 must read the new frame (its stale entry was shot
 * down), and once vm is freed CPU1 must not keep its tables in CR3.
 */
KTEST(tlb_shootdown_reaches_other_cpu)
{
	struct kt_tlb_ctx c = { 0 };
	uint64_t old, new, remote, pml4;

	if (smp_cpus_up() < 2)
		return;		/* one CPU: nothing to shoot down */
	c.vm = vm_create();
	KT_ASSERT(t, c.vm);
	old = vm_frame_alloc(true);
	new = vm_frame_alloc(true);
	KT_ASSERT(t, old && new);
	*(uint64_t *)phys_to_virt(old) = KT_TLB_OLD;
	*(uint64_t *)phys_to_virt(new) = KT_TLB_NEW;
	pml4 = c.vm->pml4_phys;

	KT_ASSERT(t, vm_map_frames(c.vm, KT_TLB_VA, &old, 1, 0) == 0);
	KT_ASSERT(t, smp_call_cpu(1, kt_tlb_load_and_read, &c) == 0);
	KT_EXPECT_EQ(t, c.cpu, 1);
	KT_EXPECT_EQ(t, c.seen, KT_TLB_OLD);
	KT_EXPECT(t, __atomic_load_n(&c.vm->cpus_active, __ATOMIC_RELAXED) & (1ULL << 1));

	remote = tlb_remote_flushes();
	KT_ASSERT(t, vm_unmap(c.vm, KT_TLB_VA, PAGE_SIZE) == 0);
	KT_EXPECT(t, tlb_remote_flushes() > remote);
	KT_ASSERT(t, vm_map_frames(c.vm, KT_TLB_VA, &new, 1, 0) == 0);
	KT_ASSERT(t, smp_call_cpu(1, kt_tlb_read, &c) == 0);
	KT_EXPECT_EQ(t, c.seen, KT_TLB_NEW);

	/* CPU1 still holds vm lazily: destroying it must make CPU1 let go. */
	vm_destroy(c.vm);
	KT_ASSERT(t, smp_call_cpu(1, kt_tlb_report, &c) == 0);
	KT_EXPECT(t, c.active == NULL);
	KT_EXPECT(t, (c.cr3 & PTE_ADDR_MASK) != pml4);
	vm_frame_put(old);
	vm_frame_put(new);
}

/* A kernel page unmapped on CPU0 is gone from CPU1's TLB too. */
KTEST(tlb_kernel_unmap_reaches_other_cpu)
{
	uint64_t remote = tlb_remote_flushes();
	void *stack;

	if (smp_cpus_up() < 2)
		return;
	stack = kstack_alloc();
	KT_ASSERT(t, stack);
	kstack_free(stack);
	/* Freeing a kernel stack unmaps its pages on every other CPU. */
	KT_EXPECT(t, tlb_remote_flushes() >= remote + smp_cpus_up() - 1);
}
