/*
 * gdt.c: the kernel's GDT and TSS, replacing the temporary GDT of boot.S.
 * Each CPU has its own pair (struct gdt_cpu): ltr marks the TSS
 * descriptor busy (SDM 7.2.2), so two CPUs cannot share one, and each
 * needs its own RSP0 and IST stacks.
 *
 * Locking: a CPU's table and TSS are written by gdt_cpu_setup before that
 * CPU loads them and never again, except tss.rsp[0], which tss_set_rsp0
 * updates on its own CPU with interrupts off (the CPU reads it only on an
 * interrupt).
 */
#include <asm/gdt.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <proc/percpu.h>

/* A flat segment; base and limit are ignored in 64-bit mode (SDM 3.2.4). */
#define DESC_FLAT(type, dpl, flags)					\
	(DESC_P | DESC_S | ((type) << DESC_TYPE_SHIFT) |		\
	 ((dpl) << DESC_DPL_SHIFT) | DESC_G | (flags) |		\
	 (DESC_LIMIT_MAX & DESC_LIMIT_LOW_MASK) |			\
	 ((DESC_LIMIT_MAX << DESC_LIMIT_HIGH_SHIFT) & DESC_LIMIT_HIGH_MASK))

/* Code segments must have D clear when L is set (SDM 5.2.1). */
#define DESC_CODE64(dpl)	DESC_FLAT(SEG_TYPE_CODE_XR, dpl, DESC_L)
#define DESC_DATA(dpl)		DESC_FLAT(SEG_TYPE_DATA_RW, dpl, DESC_DB)

_Static_assert(sizeof(struct tss) == 104, "64-bit TSS (SDM figure 7-11)");
_Static_assert(GDT_STAR_SYSCALL_CS + 8 == GDT_KERNEL_DS,
	       "SYSCALL loads SS = STAR[47:32] + 8");
_Static_assert((GDT_STAR_SYSRET_BASE + 8) == GDT_USER_DS,
	       "SYSRET loads SS = STAR[63:48] + 8");
_Static_assert((GDT_STAR_SYSRET_BASE + 16) == GDT_USER_CS,
	       "SYSRET loads CS = STAR[63:48] + 16");

static const uint64_t gdt_template[GDT_ENTRIES] = {
	[GDT_NULL_INDEX] = 0,
	[GDT_KERNEL_CODE_INDEX] = DESC_CODE64(DESC_DPL_KERNEL),
	[GDT_KERNEL_DATA_INDEX] = DESC_DATA(DESC_DPL_KERNEL),
	[GDT_USER_DATA_INDEX] = DESC_DATA(DESC_DPL_USER),
	[GDT_USER_CODE_INDEX] = DESC_CODE64(DESC_DPL_USER),
	/* GDT_TSS_INDEX and the slot after it: gdt_set_tss */
};

/* The boot CPU's tables; the other CPUs' are allocated by smp.c. */
static struct gdt_cpu gdt_boot;

/* The boot CPU's stacks for IST slots 1..IST_STACKS; the CPU aligns rsp down to 16. */
static uint8_t ist_stacks[IST_STACKS][IST_STACK_SIZE] __aligned(16);

/*
 * A 64-bit TSS descriptor is a system descriptor expanded to 16 bytes:
 * the first 8 as in 32-bit mode, then base 63:32 (SDM 7.2.3, figure 7-4).
 */
static void gdt_set_tss(uint64_t *gdt_table, const struct tss *t)
{
	uint64_t base = (uint64_t)t;
	uint64_t limit = sizeof(*t) - 1;

	gdt_table[GDT_TSS_INDEX] = DESC_P |
		(SEG_TYPE_TSS64_AVAIL << DESC_TYPE_SHIFT) |
		(DESC_DPL_KERNEL << DESC_DPL_SHIFT) |
		(limit & DESC_LIMIT_LOW_MASK) |
		((limit << DESC_LIMIT_HIGH_SHIFT) & DESC_LIMIT_HIGH_MASK) |
		((base << DESC_BASE_LOW_SHIFT) & DESC_BASE_LOW_MASK) |
		((base << DESC_BASE_HIGH_SHIFT) & DESC_BASE_HIGH_MASK);
	gdt_table[GDT_TSS_INDEX + 1] = base >> 32;
}

/*
 * lgdt does not touch the segment registers: each keeps the descriptor
 * it cached from boot.S's table until reloaded. CS can only be changed by
 * a far transfer, hence the lretq to the next instruction.
 */
void gdt_cpu_load(struct gdt_cpu *g)
{
	struct desc_table_ptr ptr = {
		.limit = sizeof(g->table) - 1,
		.base = (uint64_t)g->table,
	};
	uint64_t tmp;

	__asm__ volatile("lgdt %[ptr]\n\t"
			 "pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %[tmp]\n\t"
			 "pushq %[tmp]\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %[ds], %k[tmp]\n\t"
			 "movl %k[tmp], %%ds\n\t"
			 "movl %k[tmp], %%es\n\t"
			 "movl %k[tmp], %%ss\n\t"
			 /* FS and GS bases come from MSRs; the null selector is enough. */
			 "xorl %k[tmp], %k[tmp]\n\t"
			 "movl %k[tmp], %%fs\n\t"
			 "movl %k[tmp], %%gs\n\t"
			 "movw %[tr], %w[tmp]\n\t"
			 "ltr %w[tmp]"
			 : [tmp] "=&r"(tmp)
			 : [ptr] "m"(ptr), [cs] "i"(GDT_KERNEL_CS),
			   [ds] "i"(GDT_KERNEL_DS), [tr] "i"(GDT_TSS_SEL)
			 : "memory");
}

void gdt_cpu_setup(struct gdt_cpu *g, uint8_t *ist_area)
{
	memset(g, 0, sizeof(*g));
	memcpy(g->table, gdt_template, sizeof(gdt_template));
	for (int i = 0; i < IST_STACKS; i++)
		g->tss.ist[i] = (uint64_t)(ist_area + (uint64_t)(i + 1) * IST_STACK_SIZE);
	g->tss.iomap_base = sizeof(g->tss);
	gdt_set_tss(g->table, &g->tss);
}

void gdt_init(void)
{
	gdt_cpu_setup(&gdt_boot, &ist_stacks[0][0]);
	for (int i = 0; i < IST_STACKS; i++)
		backtrace_register_stack((uint64_t)ist_stacks[i],
					 (uint64_t)&ist_stacks[i][IST_STACK_SIZE]);
	gdt_cpu_load(&gdt_boot);
}

struct tss *gdt_boot_tss(void)
{
	return &gdt_boot.tss;
}

/* percpu.tss is this CPU's TSS (percpu_init and smp.c set it). */
void tss_set_rsp0(uint64_t rsp0)
{
	percpu_this()->tss->rsp[0] = rsp0;
}
