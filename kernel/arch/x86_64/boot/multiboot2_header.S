/*
 * The multiboot2 header GRUB looks for in the first 32 KiB of the image
 * (Multiboot2 specification, section 3.1 "OS image format").
 */
#include <basalt/multiboot2.h>

	.section .multiboot, "a"
	.balign MB2_HEADER_ALIGN
mb2_header_start:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header_start
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header_start))

	/* Section 3.1.10: ask for a linear framebuffer, but boot without one. */
	.balign MB2_TAG_ALIGN
	.word MB2_HEADER_TAG_FRAMEBUFFER
	.word MB2_HEADER_TAG_OPTIONAL
	.long 20
	.long 1024		/* width */
	.long 768		/* height */
	.long 32		/* depth */

	/* Section 3.1.11: modules (the initramfs) start on a page boundary. */
	.balign MB2_TAG_ALIGN
	.word MB2_HEADER_TAG_MODULE_ALIGN
	.word 0
	.long 8

	/* Section 3.1.3: the list ends with a tag of type 0 and size 8. */
	.balign MB2_TAG_ALIGN
	.word MB2_HEADER_TAG_END
	.word 0
	.long 8
mb2_header_end:
