/*
 * elf.c: validation of an ELF64 executable: its header, then its program
 * header table against the file's size. Every field the loader uses is
 * checked here, with overflow-safe arithmetic,
 * so that exec.c can trust the ranges it maps and copies; anything
 * malformed is -ENOEXEC, never a wild read. Headers are copied out with
 * memcpy because nothing guarantees e_phoff is aligned.
 */
#include <exec/elf.h>
#include <basalt/string.h>
#include <uapi/errno.h>

static bool elf_is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

/* a + b without wrapping, into *sum; false if it would wrap. */
static bool elf_add(uint64_t a, uint64_t b, uint64_t *sum)
{
	*sum = a + b;
	return *sum >= a;
}

void elf_phdr(const void *table, unsigned i, struct elf64_phdr *out)
{
	memcpy(out, (const uint8_t *)table + (uint64_t)i * sizeof(*out), sizeof(*out));
}

int elf_check_ehdr(const struct elf64_ehdr *eh, uint64_t size)
{
	uint64_t table_end;

	if (memcmp(&eh->e_ident[EI_MAG0], ELFMAG, ELFMAG_LEN) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_machine != EM_X86_64 || eh->e_ehsize < sizeof(*eh))
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_PHNUM_MAX)
		return -ENOEXEC;
	if (!elf_add(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr),
		     &table_end) || table_end > size)
		return -ENOEXEC;
	return 0;
}

/* One PT_LOAD, before the bias: file range, sizes, alignment, addresses. */
static int elf_check_load(const struct elf64_phdr *ph, uint64_t size)
{
	uint64_t file_end, mem_end;

	if (ph->p_filesz > ph->p_memsz)
		return -ENOEXEC;
	if (!elf_add(ph->p_offset, ph->p_filesz, &file_end) || file_end > size)
		return -ENOEXEC;
	if (!elf_add(ph->p_vaddr, ph->p_memsz, &mem_end) || mem_end > ELF_USER_END)
		return -ENOEXEC;
	/* gABI: p_align 0 or 1 means none; else vaddr == offset mod align. */
	if (ph->p_align > 1 &&
	    (!elf_is_pow2(ph->p_align) ||
	     (ph->p_vaddr & (ph->p_align - 1)) != (ph->p_offset & (ph->p_align - 1))))
		return -ENOEXEC;
	/* Pages are filled from file pages: they must line up. */
	if ((ph->p_vaddr & (ELF_PAGE_SIZE - 1)) != (ph->p_offset & (ELF_PAGE_SIZE - 1)))
		return -ENOEXEC;
	return 0;
}

/* Biases the address range and checks it stays in the user half. */
static int elf_place(struct elf_info *info, uint64_t lo, uint64_t hi)
{
	uint64_t biased_hi;

	if (hi - lo > ELF_SPAN_MAX)
		return -ENOEXEC;
	if (info->type == ET_DYN)
		info->load_bias = ELF_ET_DYN_BASE - lo;
	if (!elf_add(hi, info->load_bias, &biased_hi))
		return -ENOEXEC;
	info->vaddr_lo = lo + info->load_bias;
	info->vaddr_hi = biased_hi;
	if (info->vaddr_lo < ELF_MIN_VADDR || info->vaddr_hi > ELF_USER_END)
		return -ENOEXEC;
	return 0;
}

int elf_check_phdrs(const struct elf64_ehdr *eh, const void *table, uint64_t size,
		    struct elf_info *info)
{
	uint64_t lo = UINT64_MAX, hi = 0, prev_vaddr = 0;
	bool entry_ok = false, have_load = false;
	int err;

	memset(info, 0, sizeof(*info));
	info->type = eh->e_type;
	info->entry = eh->e_entry;
	info->phoff = eh->e_phoff;
	info->phnum = eh->e_phnum;

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		struct elf64_phdr ph;

		elf_phdr(table, i, &ph);
		switch (ph.p_type) {
		case PT_INTERP:
			/* Linux's load_elf_binary: the first one names the interpreter. */
			if (info->interp_len)
				break;
			if (ph.p_filesz < ELF_INTERP_LEN_MIN || ph.p_filesz > ELF_INTERP_LEN_MAX ||
			    ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
				return -ENOEXEC;
			info->interp_off = ph.p_offset;
			info->interp_len = ph.p_filesz;
			break;
		case PT_GNU_STACK:
			info->stack_exec = ph.p_flags & PF_X;
			break;
		case PT_PHDR:
			info->phdr_vaddr = ph.p_vaddr;
			break;
		case PT_LOAD:
			err = elf_check_load(&ph, size);
			if (err)
				return err;
			/* gABI: PT_LOAD entries are sorted by p_vaddr. */
			if (have_load && ph.p_vaddr < prev_vaddr)
				return -ENOEXEC;
			have_load = true;
			prev_vaddr = ph.p_vaddr;
			lo = ph.p_vaddr < lo ? ph.p_vaddr : lo;
			hi = ph.p_vaddr + ph.p_memsz > hi ? ph.p_vaddr + ph.p_memsz : hi;
			if ((ph.p_flags & PF_X) && eh->e_entry >= ph.p_vaddr &&
			    eh->e_entry - ph.p_vaddr < ph.p_memsz)
				entry_ok = true;
			/* Without PT_PHDR, find the headers in a loaded file range. */
			if (!info->phdr_vaddr && eh->e_phoff >= ph.p_offset &&
			    eh->e_phoff + eh->e_phnum * sizeof(ph) <= ph.p_offset + ph.p_filesz)
				info->phdr_vaddr = ph.p_vaddr + (eh->e_phoff - ph.p_offset);
			break;
		default:
			break;
		}
	}
	if (!have_load || !entry_ok)
		return -ENOEXEC;
	lo &= ~(ELF_PAGE_SIZE - 1);
	err = elf_place(info, lo, hi);
	if (err)
		return err;
	info->entry += info->load_bias;
	if (info->phdr_vaddr)
		info->phdr_vaddr += info->load_bias;
	return 0;
}

int elf_check(const void *image, size_t size, struct elf_info *info)
{
	struct elf64_ehdr eh;
	int err;

	memset(info, 0, sizeof(*info));
	if (!image || size < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, image, sizeof(eh));
	err = elf_check_ehdr(&eh, size);
	if (err)
		return err;
	return elf_check_phdrs(&eh, (const uint8_t *)image + eh.e_phoff, size, info);
}
