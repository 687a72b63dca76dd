/*
 * percpu.h: data private to one CPU, reached through the %gs segment
 * base. While the CPU runs kernel code IA32_GS_BASE holds the address
 * of its struct percpu, so "movq %gs:OFFSET, %reg" reads a field with
 * one instruction and no global pointer, which is what lets the same
 * code run on several CPUs. percpu_init sets up CPU 0
 * (kernel/arch/x86_64/proc/percpu.c); kernel/arch/x86_64/smp/smp.c
 * gives each application processor its own and loads it with percpu_load.
 *
 * User mode (syscall/interrupt entry from ring 3) must keep this true
 * with swapgs: the kernel's pointer then waits in IA32_KERNEL_GS_BASE
 * while user code runs with its own GS base (Intel SDM Vol. 2B, SWAPGS).
 *
 * Locking: every field is only touched by its own CPU, with interrupts
 * off for the fields the scheduler changes (current, need_resched,
 * kstack_top); reading current needs no lock (see percpu_current).
 */
#ifndef PROC_PERCPU_H
#define PROC_PERCPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Intel SDM Vol. 4 table 2-2 (architectural MSRs), Vol. 3A 3.4.4. */
#define MSR_IA32_GS_BASE	0xC0000101
#define MSR_IA32_KERNEL_GS_BASE	0xC0000102	/* swapped in by SWAPGS */

struct task;
struct trap_frame;
struct tss;
struct vm_space;

struct percpu {
	struct percpu *self;	/* %gs:0: the struct's own address */
	struct task *current;	/* the task running on this CPU */
	/*
	 * Top of current's kernel stack, also in TSS.RSP0. syscall does not
	 * switch stacks, so the syscall entry loads %rsp from here.
	 */
	uint64_t kstack_top;
	uint64_t user_rsp;	/* the syscall entry's scratch slot for user %rsp */
	bool need_resched;	/* switch at the next opportunity */
	unsigned cpu;		/* 0 .. number of CPUs - 1 */
	/* Its idle task: what it runs when the run queue has nothing for it. */
	struct task *idle;
	struct tss *tss;	/* this CPU's TSS (tss_set_rsp0 writes its RSP0) */
	uint32_t apic_id;	/* its local APIC's ID (ACPI MADT) */
	/*
	 * The user space whose tables CR3 holds (NULL: the kernel's), kept
	 * by vm_switch with interrupts off; TLB shootdown (mm/tlb.c) reads
	 * it on this CPU.
	 */
	struct vm_space *vm_active;
	/*
	 * Where this CPU's timer ticks found it (/proc/stat's user, system
	 * and idle columns, in TIME_HZ ticks): written by its own tick only,
	 * read by any CPU (an aligned 64-bit load is whole, SDM Vol. 3A 8.1.1).
	 */
	uint64_t ticks_user;
	uint64_t ticks_system;
	uint64_t ticks_idle;
	uint64_t kicks_taken;	/* SMP_VECTOR_KICK interrupts (smp.c) */
};

/* Offsets for assembly code (the syscall entry). */
#define PERCPU_SELF		0
#define PERCPU_CURRENT		8
#define PERCPU_KSTACK_TOP	16
#define PERCPU_USER_RSP		24

_Static_assert(offsetof(struct percpu, self) == PERCPU_SELF, "PERCPU_SELF");
_Static_assert(offsetof(struct percpu, current) == PERCPU_CURRENT, "PERCPU_CURRENT");
_Static_assert(offsetof(struct percpu, kstack_top) == PERCPU_KSTACK_TOP,
	       "PERCPU_KSTACK_TOP");
_Static_assert(offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP,
	       "PERCPU_USER_RSP");

/* Points IA32_GS_BASE at CPU 0's struct percpu; needs gdt_init first. */
void percpu_init(void);
/*
 * Makes p (self, cpu and tss filled in) this CPU's per-CPU area: the GS
 * base, with KERNEL_GS_BASE 0 for the first switch to user mode. Runs
 * after gdt_cpu_load, which clears the GS base.
 */
void percpu_load(struct percpu *p);
/* CPU 0's area (valid before percpu_init too, not yet loaded then). */
struct percpu *percpu_boot(void);

/* This CPU's struct percpu (valid only while interrupts are off on SMP). */
static inline struct percpu *percpu_this(void)
{
	struct percpu *p;

	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(p) : "i"(PERCPU_SELF));
	return p;
}

/*
 * The running task. Not volatile: a thread always sees itself as
 * current, whichever CPU it runs on, so the compiler may reuse the value.
 */
static inline struct task *percpu_current(void)
{
	struct task *t;

	__asm__("movq %%gs:%c1, %0" : "=r"(t) : "i"(PERCPU_CURRENT));
	return t;
}

#endif /* PROC_PERCPU_H */
