/*
 * elf.h: ELF64 file structures and the loader's checks (kernel/exec/).
 *
 *   elf.c   elf_   validate an image in memory (host-testable, no mm)
 *   exec.c  exec_  load a validated image into an address space, build
 *                  the initial stack, run it
 *
 * Structures and values from the System V gABI ("ELF-64 Object File
 * Format" 1.5, chapters 3-6) and the x86-64 psABI (EM_X86_64).
 */
#ifndef EXEC_ELF_H
#define EXEC_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* e_ident (gABI "ELF Identification"). */
#define EI_NIDENT	16
#define EI_MAG0		0
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFMAG		"\177ELF"
#define ELFMAG_LEN	4
#define ELFCLASS64	2
#define ELFDATA2LSB	1	/* little endian */
#define EV_CURRENT	1

#define ET_EXEC		2	/* fixed-address executable */
#define ET_DYN		3	/* position independent: static-PIE here */
#define EM_X86_64	62

/* Program header types and flags (gABI "Program Header"). */
#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551	/* GNU: flags give the stack's rights */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4
#define PN_XNUM		0xffff		/* e_phnum escape (count in a section) */

struct elf64_ehdr {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "gABI: ELF64 header is 64 bytes");
_Static_assert(sizeof(struct elf64_phdr) == 56, "gABI: ELF64 phdr is 56 bytes");

/* Limits of what the loader accepts. */
#define ELF_PHNUM_MAX		128		/* far above real programs (glibc: ~12) */
#define ELF_PAGE_SIZE		4096ULL		/* psABI: x86-64 page size */
/* Lowest address a segment may use: Linux's vm.mmap_min_addr. */
#define ELF_MIN_VADDR		0x10000ULL
/* End of user space: the canonical half less its top page (user.h). */
#define ELF_USER_END		0x00007ffffffff000ULL
/* Largest span of all PT_LOAD segments, so a bogus p_memsz fails fast. */
#define ELF_SPAN_MAX		0x40000000ULL	/* 1 GiB */
/* Where ET_DYN images go: Linux's ELF_ET_DYN_BASE without ASLR. */
#define ELF_ET_DYN_BASE		0x0000555555554000ULL
/*
 * PT_INTERP's path, NUL included: Linux's load_elf_binary refuses one
 * shorter than 2 bytes or longer than PATH_MAX with ENOEXEC.
 */
#define ELF_INTERP_LEN_MIN	2
#define ELF_INTERP_LEN_MAX	4096

/* What elf_check learnt about a valid image. */
struct elf_info {
	uint16_t type;		/* ET_EXEC or ET_DYN */
	uint64_t entry;		/* e_entry, before the load bias */
	uint64_t phoff;
	uint16_t phnum;
	uint64_t load_bias;	/* added to every p_vaddr: 0 for ET_EXEC */
	uint64_t vaddr_lo;	/* lowest PT_LOAD page, biased */
	uint64_t vaddr_hi;	/* end of the highest PT_LOAD, biased */
	uint64_t phdr_vaddr;	/* where the program headers are mapped, biased; 0 if not */
	bool stack_exec;	/* PT_GNU_STACK asks for PF_X */
	uint64_t interp_off;	/* the first PT_INTERP's path in the file ... */
	uint64_t interp_len;	/* ... and its length with the NUL; 0: none */
};

/*
 * Checks everything the loader relies on, for a file of size bytes, in
 * two steps so that a loader reading the file piecemeal needs only the
 * header and then the table: elf_check_ehdr the identification, type,
 * machine, header sizes and the table's bounds; elf_check_phdrs (table:
 * the e_phnum entries read from e_phoff) each PT_LOAD's file range, size,
 * alignment and address range, the first PT_INTERP's file range and
 * length (its path is the loader's to read), an entry point inside an
 * executable segment. 0 (and *info), or -ENOEXEC.
 */
int elf_check_ehdr(const struct elf64_ehdr *eh, uint64_t size);
int elf_check_phdrs(const struct elf64_ehdr *eh, const void *table, uint64_t size,
		    struct elf_info *info);
/* Both steps on a whole image held in memory. */
int elf_check(const void *image, size_t size, struct elf_info *info);
/* Entry i of a program header table (which need not be aligned). */
void elf_phdr(const void *table, unsigned i, struct elf64_phdr *out);

#endif /* EXEC_ELF_H */
