/*
 * extable.c: look up exception fixups and the probes built on them.
 *
 * The linker gathers every EXTABLE_ENTRY into .extable, between
 * __extable_start and __extable_end, in link order. Faults that hit the
 * table are rare (a bad user pointer, a deliberate probe), so a linear
 * search is enough; the table is read-only data and needs no lock.
 */
#include <asm/extable.h>
#include <uapi/errno.h>
#include <stddef.h>

extern const struct extable_entry __extable_start[], __extable_end[];

const struct extable_entry *extable_search(uint64_t addr)
{
	for (const struct extable_entry *e = __extable_start;
	     e < __extable_end; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

/*
 * err starts as -EFAULT and the instruction after the access clears it;
 * the fixup resumes past that instruction, so err keeps -EFAULT.
 */
int probe_read_u64(const void *addr, uint64_t *out)
{
	uint64_t value;
	int err = -EFAULT;

	__asm__ volatile("1:	movq (%[addr]), %[value]\n"
			 "	xorl %k[err], %k[err]\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_QUIET)
			 : [value] "=r"(value), [err] "+r"(err)
			 : [addr] "r"(addr)
			 : "memory");
	if (!err)
		*out = value;
	return err;
}

int probe_write_u64(void *addr, uint64_t value)
{
	int err = -EFAULT;

	__asm__ volatile("1:	movq %[value], (%[addr])\n"
			 "	xorl %k[err], %k[err]\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_QUIET)
			 : [err] "+r"(err)
			 : [addr] "r"(addr), [value] "r"(value)
			 : "memory");
	return err;
}
