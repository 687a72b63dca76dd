/*
 * switch.S: the kernel thread context switch and the first entry of a
 * new kernel thread. See context.h for what is saved and why.
 */
#include "context.h"	/* the assembler has no -Ikernel */

	.text

/*
 * struct task *context_switch(struct task_context *prev (%rdi),
 *			       const struct task_context *next (%rsi),
 *			       struct task *prev_task (%rdx))
 *
 * %rax is loaded only after the stack switch and nothing touches it
 * afterwards, so the thread that resumes (from its own context_switch
 * call, or in context_kthread_entry) finds prev_task there.
 */
	.global	context_switch
	.type	context_switch, @function
context_switch:
	movq	%rsp, CTX_RSP(%rdi)
	movq	%rbx, CTX_RBX(%rdi)
	movq	%rbp, CTX_RBP(%rdi)
	movq	%r12, CTX_R12(%rdi)
	movq	%r13, CTX_R13(%rdi)
	movq	%r14, CTX_R14(%rdi)
	movq	%r15, CTX_R15(%rdi)

	movq	CTX_RSP(%rsi), %rsp
	movq	CTX_RBX(%rsi), %rbx
	movq	CTX_RBP(%rsi), %rbp
	movq	CTX_R12(%rsi), %r12
	movq	CTX_R13(%rsi), %r13
	movq	CTX_R14(%rsi), %r14
	movq	CTX_R15(%rsi), %r15
	movq	%rdx, %rax
	ret
	.size	context_switch, . - context_switch

/*
 * A new thread's first context_switch "returns" here (context.c put this
 * address where the return address would be) with fn in %rbx, arg in
 * %r12 and the previous thread in %rax. %rsp is 16-byte aligned, so the
 * call leaves it as the ABI (3.2.2) wants at function entry. %rbp is 0,
 * which ends backtraces here.
 */
	.global	context_kthread_entry
	.type	context_kthread_entry, @function
context_kthread_entry:
	movq	%rax, %rdi
	movq	%rbx, %rsi
	movq	%r12, %rdx
	call	kthread_start
	ud2				/* kthread_start never returns */
	.size	context_kthread_entry, . - context_kthread_entry
