/*
 * ksyms.c: look up kernel text symbols in the table the build embeds in
 * the .ksyms section (generated from "nm -n" of a first link by
 * scripts/gen-ksyms.sh, then linked in a second pass; see Makefile).
 */
#include <basalt/panic.h>
#include <basalt/string.h>

struct ksym_entry {
	uint64_t addr;
	uint64_t name_offset;	/* from ksyms_table.strings */
};

struct ksyms_header {
	uint64_t count;
	uint64_t strings_offset;	/* from the start of this header */
	struct ksym_entry entries[];
};

extern const struct ksyms_header ksyms_table;
extern const char _text_start[], _text_end[];

const char *ksym_lookup(uint64_t addr, uint64_t *offset, uint64_t *size)
{
	const struct ksyms_header *t = &ksyms_table;
	const char *strings = (const char *)t + t->strings_offset;
	uint64_t lo = 0, hi = t->count, end;

	if (addr < (uint64_t)_text_start || addr >= (uint64_t)_text_end ||
	    t->count == 0 || addr < t->entries[0].addr)
		return NULL;
	/* Binary search for the last entry with entry.addr <= addr. */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (t->entries[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	end = lo + 1 < t->count ? t->entries[lo + 1].addr : (uint64_t)_text_end;
	if (offset)
		*offset = addr - t->entries[lo].addr;
	if (size)
		*size = end - t->entries[lo].addr;
	return strings + t->entries[lo].name_offset;
}
