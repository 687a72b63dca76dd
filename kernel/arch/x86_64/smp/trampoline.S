/*
 * trampoline.S: where an application processor starts (trampoline.h
 * explains the page). Position independent in the only way real mode
 * allows: %cs is the page's segment, and %ebx keeps its linear address
 * for the protected-mode and long-mode parts, which address the data
 * area relative to it. It runs from a copy; this original is never
 * executed, hence .rodata.
 */
#include "trampoline.h"

#define CR0_PE		(1 << 0)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xC0000080
#define REAL_SEG_SHIFT	4	/* real mode: linear = segment << 4 + offset */

	.section .rodata.smp_tramp, "a"
	.balign	16
	.global	smp_tramp_start, smp_tramp_prot, smp_tramp_long, smp_tramp_end
	.code16
smp_tramp_start:
	jmp	smp_tramp_real
	.org	smp_tramp_start + TRAMP_CODE16, 0
smp_tramp_real:
	cli
	cld
	mov	%cs, %ax
	mov	%ax, %ds
	movzwl	%ax, %ebx
	shll	$REAL_SEG_SHIFT, %ebx
	/* SDM 9.9.1: GDT, then CR0.PE, then a far jump to reload CS. */
	lgdtl	TRAMP_GDTR
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*TRAMP_FAR32

	.code32
smp_tramp_prot:
	movl	$TRAMP_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	/* SDM 9.8.5: PAE, CR3, EFER.LME, then CR0.PG activates long mode. */
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	TRAMP_CR3(%ebx), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	TRAMP_EFER(%ebx), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PE | CR0_PG), %eax
	movl	%eax, %cr0
	ljmpl	*TRAMP_FAR64(%ebx)

	.code64
smp_tramp_long:
	/* The upper halves are undefined after the mode switch (SDM 9.8.5.3 is silent): clear. */
	movl	%ebx, %ebx
	movq	TRAMP_STACK(%rbx), %rsp
	movq	TRAMP_ARG(%rbx), %rdi
	movq	TRAMP_ENTRY(%rbx), %rax
	xorl	%ebp, %ebp		/* backtraces end here */
	jmpq	*%rax
smp_tramp_end:
