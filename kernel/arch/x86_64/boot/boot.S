/*
 * From GRUB's 32-bit protected mode to the higher-half C kernel.
 *
 * Multiboot2 spec 3.3 "I386 machine state": %eax holds the magic, %ebx the
 * physical address of the boot information, paging is off, and we have no
 * stack. We build a minimal set of page tables that identity-map the first
 * GiB and map it again at KERNEL_VMA, enter long mode (Intel SDM Vol. 3A
 * section 9.8.5 "Initializing IA-32e Mode"), and jump to kernel_start64.
 * mm/paging.c replaces these tables with the real ones.
 */
#include <basalt/vmlayout.h>
#include <basalt/multiboot2.h>

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xC0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)
#define CPUID_EXT_FEATURES	0x80000001
#define CPUID_EXT_LM	(1 << 29)	/* EDX: long mode */
#define CPUID_EXT_NX	(1 << 20)	/* EDX: execute disable */
#define PTE_P		(1 << 0)
#define PTE_W		(1 << 1)
#define PTE_PS		(1 << 7)	/* 2 MiB page in a page directory */
#define LARGE_PAGE	0x200000
#define COM1		0x3F8

	.section .boot.text, "ax"
	.code32
	.global _start32
_start32:
	cli
	cld
	mov	$boot_stack32_top, %esp
	mov	%eax, %edi		/* keep magic and info for kmain */
	mov	%ebx, %esi

	/* Long mode present? Otherwise say so on COM1 and stop. */
	mov	$CPUID_EXT_FEATURES, %eax
	cpuid
	test	$CPUID_EXT_LM, %edx
	jz	no_long_mode
	mov	%edx, %ebp		/* remember NX support */

	/*
	 * Four PDs of 512 x 2 MiB pages map physical 0..4 GiB: RAM, the
	 * framebuffer, ACPI tables and the local/IO APIC and HPET registers.
	 */
	mov	$boot_pd, %ebx
	xor	%ecx, %ecx
1:	mov	%ecx, %eax
	shl	$21, %eax
	or	$(PTE_P | PTE_W | PTE_PS), %eax
	mov	%ecx, %edx
	shr	$11, %edx			/* bits 32+ of ecx * 2 MiB */
	mov	%eax, (%ebx, %ecx, 8)
	mov	%edx, 4(%ebx, %ecx, 8)
	inc	%ecx
	cmp	$(4 * 512), %ecx
	jne	1b

	/* PDPT entries 0..3 point at the four PDs. */
	mov	$(boot_pd + PTE_P + PTE_W), %eax
	xor	%ecx, %ecx
2:	mov	%eax, boot_pdpt_low(, %ecx, 8)
	add	$4096, %eax
	inc	%ecx
	cmp	$4, %ecx
	jne	2b

	/*
	 * PML4[0] identity-maps 0..4 GiB for the jump to long mode,
	 * PML4[256] maps it at DIRECT_MAP_BASE, and PML4[511] -> PDPT[510]
	 * -> the first PD maps the kernel image at KERNEL_VMA (-2 GiB).
	 */
	mov	$(boot_pdpt_low + PTE_P + PTE_W), %eax
	mov	%eax, boot_pml4
	mov	%eax, boot_pml4 + 256 * 8
	mov	$(boot_pdpt_high + PTE_P + PTE_W), %eax
	mov	%eax, boot_pml4 + 511 * 8
	mov	$(boot_pd + PTE_P + PTE_W), %eax
	mov	%eax, boot_pdpt_high + 510 * 8

	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$boot_pml4, %eax
	mov	%eax, %cr3

	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	test	$CPUID_EXT_NX, %ebp
	jz	3f
	or	$EFER_NXE, %eax
3:	wrmsr

	mov	%cr0, %eax
	or	$(CR0_PE | CR0_PG | CR0_WP), %eax
	mov	%eax, %cr0

	lgdt	boot_gdt_ptr
	ljmp	$0x08, $start64_low

no_long_mode:
	mov	$no_lm_msg, %esi
4:	lodsb
	test	%al, %al
	jz	5f
	mov	$COM1, %dx
	outb	%al, %dx
	jmp	4b
5:	hlt
	jmp	5b

	.code64
start64_low:
	mov	$0x10, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	xor	%ax, %ax
	mov	%ax, %fs
	mov	%ax, %gs
	movabs	$kernel_start64, %rax
	jmp	*%rax

	.section .boot.data, "aw"
no_lm_msg:
	.asciz	"basalt: this CPU has no long mode (x86_64); cannot boot\r\n"
	.balign	8
/* A temporary GDT: null, 64-bit code, data (Intel SDM Vol. 3A 3.4.5). */
boot_gdt:
	.quad	0
	.quad	0x00AF9A000000FFFF
	.quad	0x00CF92000000FFFF
boot_gdt_ptr:
	.word	boot_gdt_ptr - boot_gdt - 1
	.long	boot_gdt

	.section .boot.bss, "aw", @nobits
	.balign	4096
	.global boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pd:	.skip 4 * 4096
boot_stack32:	.skip 1024
boot_stack32_top:

	.text
	.global kernel_start64
kernel_start64:
	movabs	$boot_stack_top, %rsp
	xor	%ebp, %ebp		/* backtraces end here */
	call	kmain			/* kmain(magic in %edi, info in %esi) */
6:	cli
	hlt
	jmp	6b

	.bss
	.balign	4096
	.global boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard:
	.skip	4096			/* unmapped by mm/paging.c */
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:
