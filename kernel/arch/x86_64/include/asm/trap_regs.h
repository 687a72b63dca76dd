/*
 * Assembler macros that save and restore the general registers of a
 * struct trap_frame (asm/trap.h) in its layout: RAX is pushed first, so
 * it sits just below the vector, and R15 last, at the frame's start.
 * Used by every path that builds or consumes a frame (isr.S, entry.S).
 */
#ifndef ASM_TRAP_REGS_H
#define ASM_TRAP_REGS_H

#ifdef __ASSEMBLER__
.macro TRAP_PUSH_GPRS
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro TRAP_POP_GPRS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
.endm
#endif

#endif /* ASM_TRAP_REGS_H */
