/* crti.S: the opening halves of _init and _fini, made from the .init and .fini sections. */
/*
 * The linker concatenates every object's .init (and .fini) section; crti.o
 * comes first and crtn.o last, so together they make one function.
 * newlib's __libc_init_array calls _init and __libc_fini_array calls _fini.
 * The push keeps %rsp 16-byte aligned for any calls in between (ABI 3.2.2).
 */
	.section .init, "ax", @progbits
	.globl	_init
	.type	_init, @function
_init:
	push	%rax

	.section .fini, "ax", @progbits
	.globl	_fini
	.type	_fini, @function
_fini:
	push	%rax

	.section .note.GNU-stack, "", @progbits
