/*
 * trampoline.h: the layout of the application processors' start-up page
 * (trampoline.S), shared by the assembly and smp.c.
 *
 * A STARTUP IPI starts a CPU in real mode at CS:IP = (vector << 8):0000,
 * that is at physical address vector << 12, below 1 MiB (Intel SDM Vol.
 * 3A 8.4.4.1, 10.6.1). smp.c copies trampoline.S to such a page, fills
 * in the data area at the offsets below, and follows the page with three
 * more: the start-up page tables. The code goes real -> protected ->
 * long mode (SDM 9.9.1, 9.8.5) and jumps to smp_ap_entry on the kernel's
 * own mapping.
 */
#ifndef ARCH_X86_64_SMP_TRAMPOLINE_H
#define ARCH_X86_64_SMP_TRAMPOLINE_H

/* Data area offsets from the start of the page (filled by smp.c). */
#define TRAMP_GDTR		0x08	/* lgdt operand: u16 limit, u32 base */
#define TRAMP_FAR32		0x10	/* ljmp m16:32 to protected mode */
#define TRAMP_FAR64		0x18	/* ljmp m16:32 to long mode */
#define TRAMP_CR3		0x20	/* u32: the start-up PML4, below 4 GiB */
#define TRAMP_EFER		0x24	/* u32: EFER bits to set (LME, NXE, SCE) */
#define TRAMP_STACK		0x28	/* u64: the AP's first stack pointer */
#define TRAMP_ENTRY		0x30	/* u64: the kernel function to jump to */
#define TRAMP_ARG		0x38	/* u64: its argument (%rdi) */
#define TRAMP_GDT		0x40	/* the temporary GDT, TRAMP_GDT_ENTRIES */
#define TRAMP_CODE16		0x80	/* the real-mode code starts here */

/* The temporary GDT (SDM 3.4.5): flat 32-bit code and data, 64-bit code. */
#define TRAMP_GDT_ENTRIES	4
#define TRAMP_CS32		0x08
#define TRAMP_DS		0x10
#define TRAMP_CS64		0x18
#define TRAMP_DESC_CODE32	0x00CF9A000000FFFFULL	/* G, D, P, code XR */
#define TRAMP_DESC_DATA		0x00CF92000000FFFFULL	/* G, B, P, data RW */
#define TRAMP_DESC_CODE64	0x00AF9A000000FFFFULL	/* G, L, P, code XR */

/* Pages: the code and data, then PML4, PDPT, PD of the start-up tables. */
#define TRAMP_PAGES		4
#define TRAMP_PAGE_PML4		1
#define TRAMP_PAGE_PDPT		2
#define TRAMP_PAGE_PD		3

#ifndef __ASSEMBLER__
extern const char smp_tramp_start[], smp_tramp_prot[], smp_tramp_long[],
	smp_tramp_end[];
#endif

#endif /* ARCH_X86_64_SMP_TRAMPOLINE_H */
