/* crt0.S: the process entry point _start, which hands the initial stack to __libc_start. */
/*
 * System V AMD64 ABI 1.0, 3.4.1 "Initial Stack and Register State": at
 * _start, %rsp points at argc, followed by argv[] (NULL-terminated), envp[]
 * (NULL-terminated) and the auxiliary vector, as Linux's execve lays them out.
 * %rbp is unspecified and should be zeroed to mark the outermost frame.
 */

/* ABI 3.2.2: %rsp is a multiple of 16 at every call instruction. */
#define STACK_ALIGNMENT 16

	.text
	.globl	_start
	.type	_start, @function
_start:
	xor	%ebp, %ebp
	mov	%rsp, %rdi
	/*
	 * main's address is passed, not called from libc.a: the reference
	 * from this object, linked first, makes the linker look for main in
	 * the archives that follow (BusyBox's main is in its libbb/lib.a),
	 * which a reference from inside libc.a, searched last, would not.
	 */
	lea	main(%rip), %rsi
	and	$-STACK_ALIGNMENT, %rsp
	call	__libc_start
	/* __libc_start never returns; fault loudly if it ever does. */
	ud2
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
