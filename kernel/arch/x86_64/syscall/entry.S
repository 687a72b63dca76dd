/*
 * entry.S: the SYSCALL entry point and the switch into and out of user
 * mode. Every path builds or consumes a struct trap_frame (asm/trap.h),
 * the layout the interrupt stubs use too, so signal delivery
 * (user_return_work) treats an interrupted system call and an interrupt
 * alike.
 */
#include <asm/gdt.h>
#include <asm/trap_regs.h>
#include "syscall.h"

/* Bit 47 and up clear: RIP lies in the canonical user half. */
#define USER_CANONICAL_SHIFT	47

	.text

/*
 * On entry (SDM Vol. 2B SYSCALL): RCX = user RIP, R11 = user RFLAGS,
 * RSP = the user stack, IF/DF/TF/AC clear (FMASK), GS = user GS. Nothing
 * may touch the user stack: swap to the per-CPU area first.
 */
	.global	syscall_entry
syscall_entry:
	swapgs
	movq	%rsp, %gs:CPU_LOCAL_USER_RSP
	movq	%gs:CPU_LOCAL_KERNEL_RSP, %rsp
	/* The frame an interrupt from ring 3 would have pushed (SDM 6.14.2). */
	pushq	$GDT_USER_DS
	pushq	%gs:CPU_LOCAL_USER_RSP
	pushq	%r11
	pushq	$GDT_USER_CS
	pushq	%rcx
	pushq	%rax			/* error_code: the original RAX */
	pushq	$TRAP_SYSCALL		/* vector */
	TRAP_PUSH_GPRS
	/* 22 words on a 16-byte aligned top: aligned for the call (SysV 3.2.2). */
	movq	%rsp, %rdi
	sti
	call	syscall_dispatch
	/*
	 * Pending work (an exit, signals: the frame may be rewritten) with
	 * interrupts on; user_return_work returns with them off.
	 */
	movq	%rsp, %rdi
	call	user_return_work
	/*
	 * SYSRET takes RIP from RCX and RFLAGS from R11: when the frame's
	 * own RCX/R11 are not those (rt_sigreturn restored them, a handler
	 * frame moved RIP), only iretq returns every register as saved.
	 */
	movq	TRAP_FRAME_RCX(%rsp), %rcx
	cmpq	TRAP_FRAME_RIP(%rsp), %rcx
	jne	syscall_return_iret
	movq	TRAP_FRAME_R11(%rsp), %r11
	cmpq	TRAP_FRAME_RFLAGS(%rsp), %r11
	jne	syscall_return_iret
	/*
	 * SYSRET to a non-canonical RIP raises #GP in ring 0 with the user
	 * RSP on some CPUs (SDM Vol. 2B SYSRET); a frame rewritten by a
	 * future sigreturn or execve takes the iretq path when in doubt.
	 */
	movq	TRAP_FRAME_RIP(%rsp), %rcx
	shrq	$USER_CANONICAL_SHIFT, %rcx
	jnz	syscall_return_iret
	TRAP_POP_GPRS
	addq	$16, %rsp		/* vector and error code */
	popq	%rcx			/* RIP for SYSRET */
	addq	$8, %rsp		/* CS: SYSRET loads it from STAR */
	popq	%r11			/* RFLAGS for SYSRET */
	popq	%rsp			/* the user stack; SS comes from STAR */
	swapgs
	sysretq

syscall_return_iret:
	jmp	user_iret

/*
 * void user_return_to(struct trap_frame *f)
 * The first entry of a new user thread (fork.c): f is at the top of the
 * thread's kernel stack. Runs the return work there, then irets.
 */
	.global	user_return_to
user_return_to:
	movq	%rdi, %rsp
	movq	%rsp, %rdi
	call	user_return_work
	/* Fall through with interrupts off: *f is a complete trap_frame. */
user_iret:
	TRAP_POP_GPRS
	addq	$16, %rsp
	swapgs
	iretq
