/* thread_clone.S: pthread_impl_clone (clone(2) running a function in the child) and pthread_impl_unmap_exit. */
/*
 * System V AMD64 ABI: arguments in %rdi, %rsi, %rdx, %rcx, %r8, %r9, then
 * the stack; clone(2) on x86_64 takes (flags, stack, parent_tid,
 * child_tid, tls) in %rdi, %rsi, %rdx, %r10, %r8. The child starts on the
 * new stack with every other register as the parent had it, so what it
 * needs (fn, arg) is put on that stack first.
 */
#include <sys/syscall.h>

#define STACK_ALIGNMENT	16

	.text
/*
 * long pthread_impl_clone(int (*fn)(void *) %rdi, void *stack %rsi,
 *     unsigned long flags %rdx, void *arg %rcx, int *parent_tid %r8,
 *     void *tls %r9, int *child_tid 8(%rsp))
 */
	.globl	pthread_impl_clone
	.type	pthread_impl_clone, @function
pthread_impl_clone:
	and	$-STACK_ALIGNMENT, %rsi
	sub	$STACK_ALIGNMENT, %rsi
	mov	%rdi, 0(%rsi)		/* fn */
	mov	%rcx, 8(%rsi)		/* arg */
	mov	%rdx, %rdi		/* flags */
	mov	%r8, %rdx		/* parent_tid */
	mov	8(%rsp), %r10		/* child_tid */
	mov	%r9, %r8		/* tls */
	mov	$SYS_clone, %eax
	syscall
	test	%rax, %rax
	jz	1f
	ret				/* the parent: the child's tid, or -errno */
1:	/* The child: no caller frame; %rsp is 16-byte aligned after the pops. */
	xor	%ebp, %ebp
	pop	%rax
	pop	%rdi
	call	*%rax
	mov	%eax, %edi
	mov	$SYS_exit, %eax
	syscall
	ud2
	.size	pthread_impl_clone, . - pthread_impl_clone

/* void pthread_impl_unmap_exit(void *base %rdi, size_t size %rsi): the stack goes away under us. */
	.globl	pthread_impl_unmap_exit
	.type	pthread_impl_unmap_exit, @function
pthread_impl_unmap_exit:
	mov	$SYS_munmap, %eax
	syscall
	xor	%edi, %edi
	mov	$SYS_exit, %eax
	syscall
	ud2
	.size	pthread_impl_unmap_exit, . - pthread_impl_unmap_exit

	.section .note.GNU-stack, "", @progbits
