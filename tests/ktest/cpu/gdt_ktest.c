/*
 * gdt_ktest.c: the CPU tables gdt_init/idt_init/pic_init set up, read
 * back from the CPU itself (segment registers, str, sgdt, sidt, the PIC
 * mask registers) rather than from the tables' C variables.
 */
#include <basalt/irq.h>
#include <basalt/ktest.h>
#include <asm/gdt.h>
#include <asm/pic.h>
#include <asm/trap.h>

#define PIC_ALL_MASKED	0xFFFF

static uint64_t gdt_ktest_type(uint64_t desc)
{
	return (desc >> DESC_TYPE_SHIFT) & SEG_TYPE_MASK;
}

static uint64_t gdt_ktest_dpl(uint64_t desc)
{
	return (desc >> DESC_DPL_SHIFT) & DESC_DPL_MASK;
}

KTEST(cpu_gdt_segments_loaded)
{
	uint16_t cs, ds, ss, tr;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	__asm__ volatile("mov %%ds, %0" : "=r"(ds));
	__asm__ volatile("mov %%ss, %0" : "=r"(ss));
	__asm__ volatile("str %0" : "=r"(tr));
	KT_EXPECT_EQ(t, cs, GDT_KERNEL_CS);
	KT_EXPECT_EQ(t, ds, GDT_KERNEL_DS);
	KT_EXPECT_EQ(t, ss, GDT_KERNEL_DS);
	KT_EXPECT_EQ(t, tr, GDT_TSS_SEL);
}

KTEST(cpu_gdt_descriptors)
{
	struct desc_table_ptr ptr;
	const uint64_t *gdt;
	uint64_t kcode, ucode, udata, tss_lo;

	__asm__ volatile("sgdt %0" : "=m"(ptr));
	KT_ASSERT(t, ptr.limit == GDT_ENTRIES * sizeof(uint64_t) - 1);
	gdt = (const uint64_t *)ptr.base;
	kcode = gdt[GDT_KERNEL_CODE_INDEX];
	ucode = gdt[GDT_USER_CODE_INDEX];
	udata = gdt[GDT_USER_DATA_INDEX];
	tss_lo = gdt[GDT_TSS_INDEX];

	KT_EXPECT(t, (kcode & DESC_L) && (kcode & DESC_P));
	KT_EXPECT_EQ(t, gdt_ktest_dpl(kcode), DESC_DPL_KERNEL);
	KT_EXPECT(t, (ucode & DESC_L) && (ucode & DESC_P));
	KT_EXPECT_EQ(t, gdt_ktest_dpl(ucode), DESC_DPL_USER);
	KT_EXPECT_EQ(t, gdt_ktest_dpl(udata), DESC_DPL_USER);
	/* SYSRET's fixed order: user data right below user code. */
	KT_EXPECT_EQ(t, GDT_USER_CS - GDT_USER_DS, 8);
	/* ltr marks the TSS busy (SDM 7.2.2), so this proves TR loaded it. */
	KT_EXPECT_EQ(t, gdt_ktest_type(tss_lo), SEG_TYPE_TSS64_BUSY);
}

KTEST(cpu_tss_ist_stacks)
{
	struct desc_table_ptr ptr;
	const uint64_t *gdt;
	const struct tss *tss;
	uint64_t base;

	__asm__ volatile("sgdt %0" : "=m"(ptr));
	gdt = (const uint64_t *)ptr.base;
	base = ((gdt[GDT_TSS_INDEX] & DESC_BASE_LOW_MASK) >> DESC_BASE_LOW_SHIFT) |
	       ((gdt[GDT_TSS_INDEX] & DESC_BASE_HIGH_MASK) >> DESC_BASE_HIGH_SHIFT) |
	       (gdt[GDT_TSS_INDEX + 1] << 32);
	tss = (const struct tss *)base;
	KT_EXPECT_EQ(t, tss->iomap_base, sizeof(struct tss));
	for (unsigned slot = IST_DOUBLE_FAULT; slot <= IST_MACHINE_CHECK; slot++) {
		KT_EXPECT(t, tss->ist[slot - 1] != 0);
		KT_EXPECT_EQ(t, tss->ist[slot - 1] % 16, 0);
	}
	KT_EXPECT(t, tss->ist[IST_DOUBLE_FAULT - 1] != tss->ist[IST_NMI - 1]);
}

KTEST(cpu_idt_gates)
{
	struct desc_table_ptr ptr;
	const struct idt_gate *idt;

	__asm__ volatile("sidt %0" : "=m"(ptr));
	KT_ASSERT(t, ptr.limit == IRQ_VECTORS * sizeof(struct idt_gate) - 1);
	idt = (const struct idt_gate *)ptr.base;
	for (unsigned v = 0; v < IRQ_VECTORS; v++) {
		const struct idt_gate *g = &idt[v];

		if (!(g->type_attr & IDT_ATTR_PRESENT) ||
		    g->selector != GDT_KERNEL_CS ||
		    (g->type_attr & SEG_TYPE_MASK) != IDT_TYPE_INTERRUPT_GATE) {
			KT_EXPECT(t, !"gate present, kernel CS, interrupt gate");
			break;
		}
	}
	KT_EXPECT_EQ(t, idt[TRAP_DF].ist, IST_DOUBLE_FAULT);
	KT_EXPECT_EQ(t, idt[TRAP_NMI].ist, IST_NMI);
	KT_EXPECT_EQ(t, idt[TRAP_MC].ist, IST_MACHINE_CHECK);
	KT_EXPECT_EQ(t, idt[TRAP_PF].ist, IST_NONE);
	KT_EXPECT_EQ(t, idt[IRQ_VECTOR_BASE].ist, IST_NONE);
}

KTEST(cpu_pic_masked)
{
	KT_EXPECT_EQ(t, pic_get_mask(), PIC_ALL_MASKED);
}
