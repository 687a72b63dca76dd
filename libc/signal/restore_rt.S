/* restore_rt.S: the signal trampoline: a handler returns here, and rt_sigreturn(2) restores the interrupted context. */
/*
 * sigaction() passes this address to the kernel with SA_RESTORER; the
 * kernel pushes it as the handler's return address (sigreturn(2)). The
 * stack pointer then points at the signal frame rt_sigreturn reads, so
 * nothing may be pushed first. The name is the one debuggers recognise.
 */
#include <sys/syscall.h>

	.text
	.globl	__restore_rt
	.type	__restore_rt, @function
	.align	16
	nop	/* unwinders look one byte before a return address */
__restore_rt:
	movq	$SYS_rt_sigreturn, %rax
	syscall
	hlt	/* rt_sigreturn does not return */
	.size	__restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
