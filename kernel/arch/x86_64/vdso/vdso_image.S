/*
 * vdso_image.S: the linked vDSO (vdso.mk builds it from user/) as bytes
 * of the kernel image, for vdso.c to copy into its frames.
 */
	.section .rodata
	.balign 4096
	.globl vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin VDSO_SO
vdso_image_end:
	.section .note.GNU-stack, "", @progbits
