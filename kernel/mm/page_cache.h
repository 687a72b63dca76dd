/*
 * page_cache.h: the page cache (page_cache.c). Every inode owns an
 * address space: the frames caching its contents, indexed by file page
 * (offset / PAGE_SIZE) in a radix tree, each with its state:
 *
 *   PAGE_CACHE_UPTODATE   the frame holds the file's bytes (or zeros for
 *                         a page made by a write)
 *   PAGE_CACHE_DIRTY      changed since the file system last wrote it
 *   PAGE_CACHE_WRITEBACK  being written by the file system now
 *   PAGE_CACHE_REFERENCED looked up since reclaim's clock last passed it
 *
 * A frame in the cache carries one reference for the cache (mm/vm.h's
 * frame counts); whoever looks one up gets a reference of its own, so
 * a frame stays valid after a truncate dropped it from the cache (a
 * mapping that still maps it, a read copying from it).
 *
 * read(2) and write(2) of a file system go through page_cache_read and
 * page_cache_write; page faults of file mappings map the cache's frames
 * (vm_fault.c): read-only for private mappings until a write copies,
 * writable for shared ones. A file system plugs in what it stores
 * (struct address_space_ops): readpage/writepage for one on a disk,
 * charge for one that accounts its pages (tmpfs's size= limit).
 *
 * Locking: address_space.tree_lock (a mutex) guards changes to the
 * tree, the entries' states and the counts; it is never held across
 * readpage, writepage or a copy to or from user memory (a copy may fault
 * on a mapping of the same file, which looks the page up again). Nodes
 * and entries are published with release stores, so page_cache_peek
 * reads without it; nodes are freed only by truncate, under the inode's
 * i_rwsem held for writing, which peek's callers exclude.
 *
 * The reverse map (mm/rmap.c, Linux's i_mmap): i_mmap lists the areas
 * (struct vma) that map the file, in every address space, under
 * i_mmap_lock (a mutex; vm_space.sem -> i_mmap_lock: areas are made and
 * freed with their space locked). Truncate and hole punching drop the
 * pages from the tree, then unmap them from every area on the list
 * (rmap_unmap_pages), taking each space's sem with i_mmap_lock dropped.
 *
 * Reclaim (Linux's LRU, as a clock with a referenced bit): the caches of
 * files that can read their pages again (readpage, a disk file system)
 * are on page_cache_lru from their first page until their last goes,
 * under page_cache_lru_lock (a spinlock inside tree_lock). The
 * "page-cache" shrinker goes round that list, open files included, and
 * drops pages that are clean, not being written, mapped by nobody and
 * held by nobody but the cache, and not referenced since its last pass
 * (a lookup sets PAGE_CACHE_REFERENCED; the pass clears it: a second
 * chance). It holds only tree_lock, so read(2) of such a file takes a
 * reference on each page it copies (page_cache_get) instead of peeking,
 * and reclaim leaves the tree's nodes in place for truncate to free.
 */
#ifndef MM_PAGE_CACHE_H
#define MM_PAGE_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>
#include <sched/mutex.h>

struct inode;
struct address_space;
struct uio;

#define PAGE_CACHE_UPTODATE	0x1ULL
#define PAGE_CACHE_DIRTY	0x2ULL
#define PAGE_CACHE_WRITEBACK	0x4ULL
#define PAGE_CACHE_REFERENCED	0x8ULL	/* looked up since reclaim last passed */
#define PAGE_CACHE_FLAGS	0xfffULL	/* below the frame address */

/* The longest run of adjacent dirty pages handed to writepages at once. */
#define PAGE_CACHE_WRITEBACK_BATCH	32

/* What a file system does with its pages. Every member may be NULL. */
struct address_space_ops {
	/* Fills frame (not zeroed) with page index of the file: 0 or an errno (-EIO). */
	int (*readpage)(struct address_space *m, uint64_t index, uint64_t frame);
	/*
	 * A miss at index (page_cache_get): may read index and the pages
	 * after it in one go, adding each with page_cache_add. NULL, or
	 * index still missing after it: readpage alone.
	 */
	void (*readahead)(struct address_space *m, uint64_t index);
	/* Writes the frame of page index back: 0 or an errno. */
	int (*writepage)(struct address_space *m, uint64_t index, uint64_t frame);
	/*
	 * Writes n (2..PAGE_CACHE_WRITEBACK_BATCH) dirty pages at
	 * consecutive indexes from first back, frames[i] holding page
	 * first + i: 0 or an errno (then every page of the run counts as
	 * failed). NULL: writepage, one page at a time. A disk file system
	 * builds requests of several pages here (a disk's cache: one
	 * request per run of adjacent blocks).
	 */
	int (*writepages)(struct address_space *m, uint64_t first, const uint64_t *frames,
			  unsigned n);
	/*
	 * write(2) is about to copy into bytes [off, off + len) of page
	 * index, which is in the cache and uptodate: a disk file system
	 * allocates the blocks under them here (so that a full disk fails
	 * the write, not the writeback). 0, or -ENOSPC, -EIO... May sleep;
	 * the inode's i_rwsem is held for writing.
	 */
	int (*prepare_write)(struct address_space *m, uint64_t index, uint32_t off,
			     uint32_t len);
	/*
	 * Accounts pages coming into (pages > 0) or going out of (< 0) the
	 * cache; may refuse new ones (-ENOSPC: a full tmpfs). tree_lock held.
	 */
	int (*charge)(struct address_space *m, int64_t pages);
};

struct address_space {
	/* guards: root, the entries and their states, nrpages, nrdirty */
	struct mutex tree_lock;
	void *root;			/* PAGE_CACHE_LEVELS of PAGE_SIZE nodes */
	uint64_t nrpages;
	uint64_t nrdirty;
	uint64_t dirtied_when_ns;	/* when nrdirty last left 0 (the flusher) */
	const struct address_space_ops *a_ops;
	struct inode *host;
	/* guards: i_mmap, i_mmap_seq, and the listed areas' rmap_node and rmap_seq */
	struct mutex i_mmap_lock;
	struct list_node i_mmap;	/* the areas mapping the file (vma.rmap_node) */
	uint64_t i_mmap_seq;		/* the marker of the last walk (rmap.c) */
	struct list_node lru_node;	/* on page_cache_lru (page_cache_lru_lock) */
};

/* The largest file a cache indexes (three levels of 512 entries). */
#define PAGE_CACHE_MAX_PAGES	(512ULL * 512 * 512)

void page_cache_init(struct address_space *m, struct inode *host);
/*
 * The frame of page index without a reference or the lock, 0 if not
 * cached: for a caller holding the inode's i_rwsem, which keeps truncate
 * (the only remover of a memory file system's pages) away.
 */
uint64_t page_cache_peek(struct address_space *m, uint64_t index);
/* The frame of page index, referenced (vm_frame_put it); 0 if not cached. */
uint64_t page_cache_lookup(struct address_space *m, uint64_t index);
/*
 * The frame of page index, referenced: the cached one, else read in
 * (readpage), else when create a zeroed new one (a hole written, or a
 * shared mapping's fault). 0 with *frame 0 for a hole when !create.
 * -ENOSPC (charge refused), -ENOMEM, -EFBIG (past the index), -EIO.
 */
int page_cache_get(struct address_space *m, uint64_t index, bool create, uint64_t *frame);
/*
 * As page_cache_get with create, but a page not cached is made zeroed
 * without readpage: for a caller that overwrites it whole.
 */
int page_cache_get_noread(struct address_space *m, uint64_t index, uint64_t *frame);
/*
 * Puts frame (uptodate, the caller's reference given to the cache) at
 * index: 0, -EEXIST when a page is there already (the frame is then
 * the caller's still), -ENOSPC, -ENOMEM. For readahead.
 */
int page_cache_add(struct address_space *m, uint64_t index, uint64_t frame);
/* Marks page index dirty (a write, or a shared mapping may write it). */
void page_cache_mark_dirty(struct address_space *m, uint64_t index);
/*
 * Drops every page at index >= first from the cache (truncate, evict),
 * then unmaps them from every address space mapping the file, private
 * copies included (Linux's truncate_pagecache), so that an access past
 * the end is SIGBUS. The caller sets the smaller size first (faults
 * check it) and holds the inode's i_rwsem for writing.
 */
void page_cache_truncate(struct address_space *m, uint64_t first);
/*
 * Drops the pages of [first, end) (a hole punched: fallocate
 * PUNCH_HOLE, MADV_REMOVE) and unmaps them from every shared mapping
 * and every private one still mapping the cache's page; private copies
 * stay (Linux's unmap_mapping_range without even_cows). i_rwsem held
 * for writing.
 */
void page_cache_punch(struct address_space *m, uint64_t first, uint64_t end);
/*
 * Reclaim: drops up to count pages that are clean, not being written
 * and used by nobody but the cache (no mapping, no buffer holds them);
 * how many went. The caller keeps page_cache_peek's readers away (the
 * inode's i_rwsem, or the block device's cache_rwsem, for writing).
 */
unsigned page_cache_shrink_clean(struct address_space *m, unsigned count);
/* The first index >= first that is cached (present) or not; -1 if none. */
int64_t page_cache_find(struct address_space *m, uint64_t first, bool present);
/*
 * Writes the dirty pages of [first, last] back with writepage, or runs
 * of adjacent ones with writepages (fsync, msync, sync): 0 or the
 * first errno. Without writepage they stay as
 * they are (memory file systems have nowhere to write).
 */
int page_cache_writeback(struct address_space *m, uint64_t first, uint64_t last);
/*
 * read(2) of count bytes at pos of a file of size size through the
 * cache (holes read as zeros): the bytes copied or an errno. The caller
 * holds the inode's i_rwsem (shared at least).
 */
long page_cache_read(struct address_space *m, struct uio *u, uint64_t pos, uint64_t size);
/*
 * write(2) of u at pos through the cache: the bytes copied (short at a
 * full file system or a fault) or an errno. *size grows to the end of
 * the write. The caller holds the inode's i_rwsem for writing.
 */
long page_cache_write(struct address_space *m, struct uio *u, uint64_t pos, uint64_t *size);
/*
 * Below the low watermark, gives clean cached pages (then the other
 * shrinkers' objects) back until some are free again: called before a
 * cache grows and before a page fault takes a frame. May sleep; the
 * caller holds no tree_lock.
 */
void page_cache_balance(void);
/* Registers the page cache's shrinker (once, from vfs_init). */
void page_cache_shrinker_register(void);
/* Every cache's pages and dirty pages (/proc/meminfo Cached, Dirty). */
uint64_t page_cache_total_pages(void);
uint64_t page_cache_dirty_pages(void);

#endif /* MM_PAGE_CACHE_H */
