/*
 * Exceptions and interrupt dispatch (kernel/arch/x86_64/cpu/): the IDT
 * (idt.c), the entry stubs (isr.S), exception reports (trap.c) and the
 * handlers for vectors >= 32 (irq.c, interface in <basalt/irq.h>).
 */
#ifndef ASM_TRAP_H
#define ASM_TRAP_H

/* Exception vectors (Intel SDM Vol. 3A 6.3.1, table 6-1). */
#define TRAP_DE		0	/* divide error */
#define TRAP_DB		1	/* debug */
#define TRAP_NMI	2	/* non-maskable interrupt */
#define TRAP_BP		3	/* breakpoint (int3) */
#define TRAP_OF		4	/* overflow */
#define TRAP_BR		5	/* BOUND range exceeded */
#define TRAP_UD		6	/* invalid opcode */
#define TRAP_NM		7	/* device not available */
#define TRAP_DF		8	/* double fault */
#define TRAP_CSO	9	/* coprocessor segment overrun (reserved) */
#define TRAP_TS		10	/* invalid TSS */
#define TRAP_NP		11	/* segment not present */
#define TRAP_SS		12	/* stack-segment fault */
#define TRAP_GP		13	/* general protection */
#define TRAP_PF		14	/* page fault */
#define TRAP_MF		16	/* x87 floating-point error */
#define TRAP_AC		17	/* alignment check */
#define TRAP_MC		18	/* machine check */
#define TRAP_XM		19	/* SIMD floating-point exception */
#define TRAP_VE		20	/* virtualization exception */
#define TRAP_CP		21	/* control protection exception */
#define TRAP_HV		28	/* hypervisor injection (AMD APM Vol. 2 8.2) */
#define TRAP_VC		29	/* VMM communication (AMD APM Vol. 2 8.2) */
#define TRAP_SX		30	/* security exception (AMD APM Vol. 2 8.2) */
#define TRAP_EXCEPTIONS	32	/* vectors 0..31 are reserved for exceptions */
#define TRAP_VECTORS	256	/* the IDT has 256 entries (SDM 6.2) */

/*
 * The exceptions for which the CPU pushes an error code (SDM table 6-1,
 * AMD APM Vol. 2 table 8-1); isr.S pushes a 0 for all the others so that
 * every trap_frame has the same layout.
 */
#define TRAP_ERROR_CODE_VECTORS						\
	((1 << TRAP_DF) | (1 << TRAP_TS) | (1 << TRAP_NP) |		\
	 (1 << TRAP_SS) | (1 << TRAP_GP) | (1 << TRAP_PF) |		\
	 (1 << TRAP_AC) | (1 << TRAP_CP) | (1 << TRAP_VC) |		\
	 (1 << TRAP_SX))

/* Page-fault error code bits (Intel SDM Vol. 3A 4.7, figure 4-12). */
#define PF_ERR_P	(1ULL << 0)	/* 0: page not present, 1: protection */
#define PF_ERR_W	(1ULL << 1)	/* the access was a write */
#define PF_ERR_U	(1ULL << 2)	/* the access came from CPL 3 */
#define PF_ERR_RSVD	(1ULL << 3)	/* a reserved paging-structure bit set */
#define PF_ERR_I	(1ULL << 4)	/* instruction fetch */
#define PF_ERR_PK	(1ULL << 5)	/* protection-key violation */
#define PF_ERR_SS	(1ULL << 6)	/* shadow-stack access */
#define PF_ERR_SGX	(1ULL << 15)	/* SGX access-control violation */

/* Selector error code (SDM 6.13, figure 6-7). */
#define SEL_ERR_EXT	(1ULL << 0)	/* raised by an event external to the program */
#define SEL_ERR_IDT	(1ULL << 1)	/* the index refers to an IDT gate */
#define SEL_ERR_TI	(1ULL << 2)	/* with IDT clear: 1 = LDT, 0 = GDT */
#define SEL_ERR_INDEX_SHIFT 3
#define SEL_ERR_INDEX_MASK 0x1FFFULL

/* isr.S lays its 256 entry stubs out this far apart, from isr_stubs. */
#define ISR_STUB_SIZE	16

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <basalt/compiler.h>

/*
 * What the entry code saved, lowest address first: the general registers
 * (isr.S), the vector and error code (the stub), and the frame the CPU
 * pushed (SDM 6.14.2, figure 6-9). Handlers may change it; iretq resumes
 * with whatever it holds.
 */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error_code;	/* 0 if the exception has none */
	uint64_t rip, cs, rflags, rsp, ss;
};

/*
 * The last exception the kernel recovered from through an exception
 * table fixup (see <asm/extable.h>). Written by the exception handler
 * with interrupts off; Basalt runs on one CPU, so readers only need
 * to compare count before and after the access they make.
 */
struct trap_fault_record {
	uint64_t count;		/* fixups taken since boot */
	uint64_t vector;
	uint64_t error_code;
	uint64_t cr2;		/* the faulting address for #PF, else 0 */
	uint64_t rip;		/* the faulting instruction */
	uint64_t fixup;		/* where execution resumed */
};

extern struct trap_fault_record trap_last_fault;

/* A 64-bit IDT gate descriptor (Intel SDM Vol. 3A 6.14.1, figure 6-8). */
struct idt_gate {
	uint16_t offset_low;	/* handler address 15:0 */
	uint16_t selector;	/* code segment of the handler */
	uint8_t ist;		/* bits 2:0: IST slot, 0 = no stack switch */
	uint8_t type_attr;	/* P, DPL, type */
	uint16_t offset_mid;	/* 31:16 */
	uint32_t offset_high;	/* 63:32 */
	uint32_t reserved;
} __packed;

_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate is 16 bytes");

/*
 * Interrupt gates clear IF on entry (SDM 6.8.1, 6.12.1.3), so handlers
 * never nest unless they enable interrupts themselves.
 */
#define IDT_TYPE_INTERRUPT_GATE	0xE	/* SDM 3.5 table 3-2 */
#define IDT_ATTR_TYPE_MASK	0xF
#define IDT_ATTR_PRESENT	0x80
#define IDT_ATTR_DPL_SHIFT	5
#define IDT_DPL_KERNEL		0
/*
 * int3 may be executed from user mode (debuggers); every other gate has
 * DPL 0, so "int $n" from user mode raises #GP instead (SDM 6.12.1.1).
 */
#define IDT_DPL_USER		3

/* Fills the IDT with the isr.S stubs and loads it. */
void idt_init(void);
/* Loads the (already filled) IDT on this CPU: the application processors. */
void idt_load(void);

/* Called by isr.S for every vector with the saved state (trap.c). */
void trap_dispatch(struct trap_frame *f);

/* Vectors IRQ_VECTOR_BASE and up, from trap_dispatch (irq.c). */
void irq_dispatch(struct trap_frame *f);

/* "Page fault" for TRAP_PF; "Reserved" for undefined vectors. */
const char *trap_name(unsigned vector);

#endif /* __ASSEMBLER__ */
#endif /* ASM_TRAP_H */
