/*
 * isr.S: the entry code for all 256 vectors.
 *
 * Each stub makes the stack look the same whatever the vector: it pushes
 * a 0 where the CPU pushes no error code, then the vector number, and
 * jumps to trap_common, which saves the general registers to complete a
 * struct trap_frame (asm/trap.h) and calls trap_dispatch. All gates are
 * interrupt gates, so the code runs with interrupts off.
 */
#include <asm/trap.h>
#include <asm/trap_regs.h>

#define SEL_RPL_MASK		3	/* requested privilege level bits of a selector */
#define TRAP_ENTRY_CS_OFFSET	24	/* vector, error code, RIP, then CS */
#define TRAP_IRET_CS_OFFSET	8	/* RIP, then CS */
#define TRAP_FRAME_CS_OFFSET	(17 * 8 + 8)	/* 15 registers, vector, error, RIP */
#define RFLAGS_KERNEL_ENTRY	0x2	/* only the always-one bit 1 (SDM Vol. 1 3.4.3) */

	.text
	.balign	ISR_STUB_SIZE
	.global	isr_stubs
isr_stubs:
	vector = 0
	.rept	TRAP_VECTORS
	.if	vector < TRAP_EXCEPTIONS
	.if	((TRAP_ERROR_CODE_VECTORS >> vector) & 1) == 0
	pushq	$0
	.endif
	.else
	pushq	$0
	.endif
	pushq	$vector
	jmp	trap_common
	/* Fails to assemble ("move .org backwards") if a stub grew too big. */
	.org	isr_stubs + (vector + 1) * ISR_STUB_SIZE, 0xcc
	vector = vector + 1
	.endr

/*
 * In 64-bit mode the CPU aligns %rsp to 16 before pushing its frame
 * (Intel SDM Vol. 3A 6.14.2); with the 17 words pushed here and by the
 * stub the frame is 22 words, so %rsp is still 16-byte aligned at the
 * call as the System V ABI (3.2.2) wants. The ABI also wants DF clear.
 */
trap_common:
	cld
	/*
	 * From ring 3 the live GS base is the user's: swapgs makes the
	 * kernel's per-CPU area (proc/percpu.h) live again (SDM Vol. 2B
	 * SWAPGS). The CS the CPU pushed says where we came from.
	 */
	testb	$SEL_RPL_MASK, TRAP_ENTRY_CS_OFFSET(%rsp)
	jz	1f
	swapgs
	/*
	 * An interrupt gate clears IF, TF and NT but not AC (SDM Vol. 3A
	 * 6.12.1.3): a program that set AC would switch SMAP off for the
	 * handler. Start from a clean RFLAGS; the user's is in the frame.
	 */
	pushq	$RFLAGS_KERNEL_ENTRY
	popfq
1:
	TRAP_PUSH_GPRS
	movq	%rsp, %rdi
	call	trap_dispatch
	/* Back to ring 3: signals and exits are handled first (user/proc.c). */
	testb	$SEL_RPL_MASK, TRAP_FRAME_CS_OFFSET(%rsp)
	jz	3f
	movq	%rsp, %rdi
	call	user_return_work
3:
	TRAP_POP_GPRS
	addq	$16, %rsp		/* vector and error code */
	testb	$SEL_RPL_MASK, TRAP_IRET_CS_OFFSET(%rsp)
	jz	2f
	swapgs
2:	iretq
