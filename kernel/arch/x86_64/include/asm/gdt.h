/*
 * The global descriptor table and the task state segment
 * (kernel/arch/x86_64/cpu/gdt.c). In 64-bit mode segmentation is mostly
 * off; the GDT still supplies the code segment's privilege level and mode,
 * and the TSS the stacks the CPU switches to on an interrupt.
 */
#ifndef ASM_GDT_H
#define ASM_GDT_H

/*
 * Descriptor order is fixed by SYSCALL/SYSRET (Intel SDM Vol. 3A 5.8.8,
 * AMD APM Vol. 2 6.1.1). SYSCALL loads CS from STAR[47:32] and SS from
 * that + 8, so kernel data follows kernel code. SYSRET to 64-bit mode
 * loads SS from STAR[63:48] + 8 and CS from STAR[63:48] + 16, so user
 * code follows user data. 32-bit SYSRET (CS = STAR[63:48]) is not
 * supported: Basalt has no compatibility-mode user code segment.
 */
#define GDT_NULL_INDEX		0
#define GDT_KERNEL_CODE_INDEX	1
#define GDT_KERNEL_DATA_INDEX	2
#define GDT_USER_DATA_INDEX	3
#define GDT_USER_CODE_INDEX	4
#define GDT_TSS_INDEX		5	/* 16 bytes wide: slots 5 and 6 (SDM 7.2.3) */
#define GDT_ENTRIES		7

/* A selector is index << 3 | table indicator | RPL (SDM 3.4.2). */
#define SEL_INDEX_SHIFT		3
#define SEL_RPL_KERNEL		0
#define SEL_RPL_USER		3
#define SEL_RPL_MASK		3
#define GDT_SELECTOR(index, rpl) (((index) << SEL_INDEX_SHIFT) | (rpl))

#define GDT_KERNEL_CS	GDT_SELECTOR(GDT_KERNEL_CODE_INDEX, SEL_RPL_KERNEL)
#define GDT_KERNEL_DS	GDT_SELECTOR(GDT_KERNEL_DATA_INDEX, SEL_RPL_KERNEL)
#define GDT_USER_DS	GDT_SELECTOR(GDT_USER_DATA_INDEX, SEL_RPL_USER)
#define GDT_USER_CS	GDT_SELECTOR(GDT_USER_CODE_INDEX, SEL_RPL_USER)
#define GDT_TSS_SEL	GDT_SELECTOR(GDT_TSS_INDEX, SEL_RPL_KERNEL)

/* The STAR MSR fields that produce the selectors above (SDM 5.8.8). */
#define GDT_STAR_SYSCALL_CS	GDT_KERNEL_CS
#define GDT_STAR_SYSRET_BASE	GDT_SELECTOR(GDT_KERNEL_DATA_INDEX, SEL_RPL_USER)

/* Segment descriptor fields (Intel SDM Vol. 3A 3.4.5, figure 3-8). */
#define DESC_LIMIT_LOW_MASK	0xFFFFULL		/* limit 15:0 -> bits 15:0 */
#define DESC_LIMIT_HIGH_SHIFT	32			/* limit 19:16 -> bits 51:48 */
#define DESC_LIMIT_HIGH_MASK	(0xFULL << 48)
#define DESC_BASE_LOW_SHIFT	16			/* base 23:0 -> bits 39:16 */
#define DESC_BASE_LOW_MASK	(0xFFFFFFULL << 16)
#define DESC_BASE_HIGH_SHIFT	32			/* base 31:24 -> bits 63:56 */
#define DESC_BASE_HIGH_MASK	(0xFFULL << 56)
#define DESC_TYPE_SHIFT		40
#define DESC_S			(1ULL << 44)	/* code or data, not system */
#define DESC_DPL_SHIFT		45
#define DESC_P			(1ULL << 47)	/* present */
#define DESC_L			(1ULL << 53)	/* 64-bit code segment */
#define DESC_DB			(1ULL << 54)	/* 32-bit default size (data) */
#define DESC_G			(1ULL << 55)	/* limit in 4 KiB units */
#define DESC_LIMIT_MAX		0xFFFFFULL

/*
 * Types (SDM 3.4.5.1 table 3-1, 3.5 table 3-2). The accessed bit is set
 * up front so the CPU never writes to the GDT when it loads a segment
 * (gdt.c); mm may then map the table read-only.
 */
#define SEG_TYPE_ACCESSED	0x1ULL
#define SEG_TYPE_DATA_RW	(0x2ULL | SEG_TYPE_ACCESSED)
#define SEG_TYPE_CODE_XR	(0xAULL | SEG_TYPE_ACCESSED)
#define SEG_TYPE_TSS64_AVAIL	0x9ULL
#define SEG_TYPE_TSS64_BUSY	0xBULL	/* set by ltr (SDM 7.2.2) */
#define SEG_TYPE_MASK		0xFULL
#define DESC_DPL_MASK		3ULL

#define DESC_DPL_KERNEL		0ULL
#define DESC_DPL_USER		3ULL

/*
 * Interrupt stack table slots (SDM 6.14.5): an IDT gate naming slot n
 * makes the CPU switch to tss.ist[n - 1] whatever the current stack, so
 * these handlers run on a known-good stack even after a kernel stack
 * overflow (#DF) or when they interrupt the kernel anywhere (NMI, #MC).
 */
#define IST_NONE		0
#define IST_DOUBLE_FAULT	1
#define IST_NMI			2
#define IST_MACHINE_CHECK	3
#define IST_STACKS		3
#define IST_SLOTS		7
#define IST_STACK_SIZE		0x4000	/* 16 KiB: room for a full fault report */

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <basalt/compiler.h>

/* The 64-bit TSS (SDM 7.7, figure 7-11). */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];	/* stack for a switch to CPL 0, 1, 2 */
	uint64_t reserved1;
	uint64_t ist[IST_SLOTS];	/* ist[n - 1] is IST slot n */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;	/* beyond the limit: no I/O permission bitmap */
} __packed;

/* The operand of lgdt/sgdt and lidt/sidt (SDM 3.5.1, 6.10). */
struct desc_table_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

/*
 * One CPU's GDT and TSS (gdt.c). ltr marks the TSS descriptor busy, so
 * every CPU needs its own table as well as its own TSS.
 */
struct gdt_cpu {
	uint64_t table[GDT_ENTRIES] __aligned(16);
	struct tss tss __aligned(16);
};

/* The boot CPU: sets up its tables and IST stacks, then gdt_cpu_load. */
void gdt_init(void);
/*
 * Fills g for a CPU whose IST stacks are the IST_STACKS * IST_STACK_SIZE
 * bytes at ist_area (16-byte aligned).
 */
void gdt_cpu_setup(struct gdt_cpu *g, uint8_t *ist_area);
/* Loads g's GDT on this CPU, reloads every segment register, loads TR. */
void gdt_cpu_load(struct gdt_cpu *g);
/* The boot CPU's TSS, for percpu_init. */
struct tss *gdt_boot_tss(void);

/*
 * Sets the stack the CPU loads on an interrupt or exception that moves
 * from user mode to the kernel (TSS.RSP0). The scheduler calls it on
 * every switch to a thread that can run in user mode.
 */
void tss_set_rsp0(uint64_t rsp0);

#endif /* __ASSEMBLER__ */
#endif /* ASM_GDT_H */
