/* crtn.S: the closing halves of the _init and _fini functions (see crti.S). */
	.section .init, "ax", @progbits
	pop	%rax
	ret

	.section .fini, "ax", @progbits
	pop	%rax
	ret

	.section .note.GNU-stack, "", @progbits
