/*
 * rmap.h: the reverse map of file pages (rmap.c): from a file's
 * address_space to the page tables that map its pages, through the list
 * of areas mapping it (address_space.i_mmap, Linux's i_mmap).
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include <stdbool.h>
#include <stdint.h>

struct address_space;

/*
 * Unmaps the file pages [first, end) of m from every address space that
 * maps them: in shared areas, and in private ones where the page table
 * still holds the cache's page; with even_cows (truncate) private
 * copies too (Linux's unmap_mapping_range). May sleep; the caller holds
 * the file's i_rwsem for writing (one walk of m at a time) and no
 * address space's sem.
 */
void rmap_unmap_pages(struct address_space *m, uint64_t first, uint64_t end, bool even_cows);

#endif /* MM_RMAP_H */
