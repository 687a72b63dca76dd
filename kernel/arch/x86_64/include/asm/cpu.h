/* Small CPU control helpers: interrupts flag, halt, MSRs, control registers. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <stdint.h>
#include <basalt/compiler.h>

#define RFLAGS_IF	(1UL << 9)	/* Intel SDM Vol. 1 3.4.3 */

static inline void cpu_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static inline void cpu_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline uint64_t cpu_read_rflags(void)
{
	uint64_t f;

	__asm__ volatile("pushfq; popq %0" : "=r"(f) : : "memory");
	return f;
}

/* Disable interrupts; returns whether they were on, for cpu_irq_restore. */
static inline uint64_t cpu_irq_save(void)
{
	uint64_t f = cpu_read_rflags();

	cpu_irq_disable();
	return f;
}

static inline void cpu_irq_restore(uint64_t flags)
{
	if (flags & RFLAGS_IF)
		cpu_irq_enable();
}

static inline void cpu_halt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

static inline __noreturn void cpu_halt_forever(void)
{
	for (;;) {
		cpu_irq_disable();
		cpu_halt();
	}
}

static inline uint64_t cpu_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)));
}

static inline uint64_t cpu_read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline uint64_t cpu_read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t cpu_read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void cpu_write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t cpu_read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void cpu_write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void cpu_invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void cpu_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t *a,
			     uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(subleaf));
}

static inline uint64_t cpu_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_pause(void)
{
	__asm__ volatile("pause");
}

#endif /* ASM_CPU_H */
