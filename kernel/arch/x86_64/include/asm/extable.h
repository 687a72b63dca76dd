/*
 * Exception fixups (kernel/arch/x86_64/cpu/extable.c), the mechanism
 * Linux calls the exception table: code that may fault on purpose, such
 * as copy_from_user on a user pointer, lists the address of the
 * instruction that may fault and where to resume. When that instruction
 * raises an exception in kernel mode, the handler sets %rip to the fixup
 * instead of panicking.
 *
 *	int err = -EFAULT;
 *	asm volatile("1:	movq (%[p]), %[v]\n"
 *		     "	xorl %k[e], %k[e]\n"
 *		     "2:\n"
 *		     EXTABLE_ENTRY(1b, 2b, EXTABLE_QUIET)
 *		     : [v] "=r"(v), [e] "+r"(err) : [p] "r"(p));
 *
 * For #BP the listed address is the int3 itself (the CPU reports the
 * address after it; the handler subtracts the one-byte length).
 */
#ifndef ASM_EXTABLE_H
#define ASM_EXTABLE_H

/* Entry flags. */
#define EXTABLE_QUIET	0	/* resume silently: the caller reports */
#define EXTABLE_REPORT	1	/* print the full fault report first */

#define EXTABLE_STR_(x)	#x
#define EXTABLE_STR(x)	EXTABLE_STR_(x)

#ifdef __ASSEMBLER__
	.macro extable_entry insn, fixup, flags
	.pushsection .extable, "a"
	.balign	8
	.quad	\insn, \fixup
	.long	\flags, 0
	.popsection
	.endm
#else
#include <stdint.h>

/* The layout the EXTABLE_ENTRY directives emit, 24 bytes each. */
struct extable_entry {
	uint64_t insn;		/* address of the instruction that may fault */
	uint64_t fixup;		/* where to resume if it does */
	uint32_t flags;		/* EXTABLE_QUIET or EXTABLE_REPORT */
	uint32_t reserved;
};

/* Inline asm text for one entry; insn and fixup are asm labels. */
#define EXTABLE_ENTRY(insn, fixup, flags)				\
	".pushsection .extable, \"a\"\n"				\
	".balign 8\n"							\
	".quad " #insn ", " #fixup "\n"					\
	".long " EXTABLE_STR(flags) ", 0\n"				\
	".popsection\n"

/* The entry for the instruction at addr, or NULL. */
const struct extable_entry *extable_search(uint64_t addr);

/*
 * Read or write 8 bytes at a kernel address that may not be mapped.
 * Return 0, or -EFAULT if the access faulted (*out is then untouched).
 */
int probe_read_u64(const void *addr, uint64_t *out);
int probe_write_u64(void *addr, uint64_t value);

#endif /* __ASSEMBLER__ */
#endif /* ASM_EXTABLE_H */
