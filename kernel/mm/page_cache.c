/*
 * page_cache.c: the page cache (page_cache.h). A file's frames hang off
 * a fixed three-level radix tree of PAGE_CACHE_FANOUT-entry nodes (one
 * page each), so a file may be sparse: a page never cached takes no
 * memory. Leaves hold the frame's physical address with the PAGE_CACHE_*
 * state in the low bits (a frame is page aligned).
 */
#include <mm/page_cache.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <time/time.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/shrinker.h>
#include <mm/vm.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>

#define PAGE_CACHE_FANOUT	(PAGE_SIZE / sizeof(uint64_t))	/* 512 */
#define PAGE_CACHE_FANOUT_BITS	9
#define PAGE_CACHE_LEVELS	3
#define PAGE_CACHE_RECLAIM_BATCH	64	/* pages asked of the shrinkers at a time */
/* The low watermark: 1/64 of memory (4 MiB of 256), 256 pages at least. */
#define PAGE_CACHE_LOW_WATERMARK_DIV	64
#define PAGE_CACHE_LOW_WATERMARK_MIN	256

/* Every cache's pages and dirty ones (atomic; /proc/meminfo). */
static uint64_t page_cache_pages, page_cache_dirty;

/*
 * guards: page_cache_lru (the caches whose pages reclaim may drop: a
 * host inode and a readpage) and their lru_node. Taken inside tree_lock;
 * inode_cache_lock nests inside it (the shrinker's inode reference).
 */
static struct spinlock page_cache_lru_lock = SPINLOCK_INIT("page_cache_lru_lock");
static struct list_node page_cache_lru = { &page_cache_lru, &page_cache_lru };

static const uint8_t page_cache_zero[PAGE_SIZE];

uint64_t page_cache_total_pages(void)
{
	return __atomic_load_n(&page_cache_pages, __ATOMIC_RELAXED);
}

uint64_t page_cache_dirty_pages(void)
{
	return __atomic_load_n(&page_cache_dirty, __ATOMIC_RELAXED);
}

void page_cache_init(struct address_space *m, struct inode *host)
{
	mutex_init_named(&m->tree_lock, "address_space.tree_lock");
	m->root = NULL;
	m->nrpages = m->nrdirty = 0;
	m->host = host;
	mutex_init_named(&m->i_mmap_lock, "address_space.i_mmap_lock");
	list_init(&m->i_mmap);
	m->i_mmap_seq = 0;
	list_init(&m->lru_node);
}

/* Whether reclaim may drop m's clean pages: it can read them again. */
static bool page_cache_reclaimable(const struct address_space *m)
{
	return m->host && m->a_ops && m->a_ops->readpage;
}

/* Puts m on the reclaim clock with its first page, takes it off with its last (tree_lock). */
static void page_cache_lru_update(struct address_space *m)
{
	bool want = m->nrpages && page_cache_reclaimable(m);

	if (want == list_node_linked(&m->lru_node))
		return;
	spin_lock(&page_cache_lru_lock);
	if (want)
		list_add_tail(&page_cache_lru, &m->lru_node);
	else
		list_del(&m->lru_node);
	spin_unlock(&page_cache_lru_lock);
}

/*
 * The leaf entry of index, making the nodes on the way when alloc
 * (tree_lock). A new node is zeroed before it is published with a
 * release store, and entries are stored whole, so that page_cache_peek
 * may walk the tree without the lock.
 */
static uint64_t *page_cache_slot(struct address_space *m, uint64_t index, bool alloc)
{
	void **node = &m->root;

	if (index >= PAGE_CACHE_MAX_PAGES)
		return NULL;
	for (int level = PAGE_CACHE_LEVELS - 1; level >= 0; level--) {
		unsigned shift = (unsigned)level * PAGE_CACHE_FANOUT_BITS;
		uint64_t *table;

		if (!*node) {
			void *fresh;

			if (!alloc)
				return NULL;
			fresh = kzalloc(PAGE_SIZE);
			if (!fresh)
				return NULL;
			__atomic_store_n(node, fresh, __ATOMIC_RELEASE);
		}
		table = *node;
		if (level == 0)
			return &table[index % PAGE_CACHE_FANOUT];
		node = (void **)&table[(index >> shift) % PAGE_CACHE_FANOUT];
	}
	return NULL;
}

uint64_t page_cache_peek(struct address_space *m, uint64_t index)
{
	void *node = __atomic_load_n(&m->root, __ATOMIC_ACQUIRE);

	if (index >= PAGE_CACHE_MAX_PAGES)
		return 0;
	for (int level = PAGE_CACHE_LEVELS - 1; level > 0 && node; level--) {
		unsigned shift = (unsigned)level * PAGE_CACHE_FANOUT_BITS;
		uint64_t *table = node;

		node = (void *)(uintptr_t)__atomic_load_n(&table[(index >> shift) % PAGE_CACHE_FANOUT],
							  __ATOMIC_ACQUIRE);
	}
	if (!node)
		return 0;
	return __atomic_load_n(&((uint64_t *)node)[index % PAGE_CACHE_FANOUT], __ATOMIC_ACQUIRE) &
	       ~PAGE_CACHE_FLAGS;
}

uint64_t page_cache_lookup(struct address_space *m, uint64_t index)
{
	uint64_t *slot, frame = 0;

	mutex_lock(&m->tree_lock);
	slot = page_cache_slot(m, index, false);
	if (slot && *slot) {
		frame = *slot & ~PAGE_CACHE_FLAGS;
		vm_frame_get(frame);
		if (!(*slot & PAGE_CACHE_REFERENCED))
			*slot |= PAGE_CACHE_REFERENCED;	/* reclaim's second chance */
	}
	mutex_unlock(&m->tree_lock);
	return frame;
}

/* Drops one entry's frame and counts (tree_lock held). */
static void page_cache_drop_entry(struct address_space *m, uint64_t *slot)
{
	if (*slot & PAGE_CACHE_DIRTY) {
		m->nrdirty--;
		__atomic_sub_fetch(&page_cache_dirty, 1, __ATOMIC_RELAXED);
	}
	vm_frame_put(*slot & ~PAGE_CACHE_FLAGS);
	__atomic_store_n(slot, 0, __ATOMIC_RELEASE);
	m->nrpages--;
	__atomic_sub_fetch(&page_cache_pages, 1, __ATOMIC_RELAXED);
	if (m->a_ops && m->a_ops->charge)
		m->a_ops->charge(m, -1);
}

/* Puts frame at slot (tree_lock held, the slot empty); -ENOSPC if refused. */
static int page_cache_insert(struct address_space *m, uint64_t *slot, uint64_t frame)
{
	if (m->a_ops && m->a_ops->charge) {
		int err = m->a_ops->charge(m, 1);

		if (err)
			return err;
	}
	__atomic_store_n(slot, frame | PAGE_CACHE_UPTODATE, __ATOMIC_RELEASE);
	if (m->nrpages++ == 0)
		page_cache_lru_update(m);
	__atomic_add_fetch(&page_cache_pages, 1, __ATOMIC_RELAXED);
	return 0;
}

/*
 * Takes tree_lock and returns the slot of index, made if missing; when a
 * node cannot be allocated, the shrinkers are asked (with tree_lock
 * dropped: reclaim takes it) and it is tried once more. tree_lock is
 * held on return either way.
 */
static uint64_t *page_cache_slot_locked(struct address_space *m, uint64_t index)
{
	uint64_t *slot;

	mutex_lock(&m->tree_lock);
	slot = page_cache_slot(m, index, true);
	if (slot || index >= PAGE_CACHE_MAX_PAGES)
		return slot;
	mutex_unlock(&m->tree_lock);
	shrink_all(PAGE_CACHE_RECLAIM_BATCH);
	mutex_lock(&m->tree_lock);
	return page_cache_slot(m, index, true);
}

static int page_cache_get_page(struct address_space *m, uint64_t index, bool create,
			       bool readable, uint64_t *frame)
{
	uint64_t *slot, fresh = 0;
	int err = 0;

	*frame = 0;
	if (index >= PAGE_CACHE_MAX_PAGES)
		return -EFBIG;
	*frame = page_cache_lookup(m, index);
	if (*frame || (!create && !readable))
		return 0;
	if (readable && m->a_ops->readahead) {
		m->a_ops->readahead(m, index);
		*frame = page_cache_lookup(m, index);
		if (*frame)
			return 0;
	}
	/*
	 * Made (or read in) outside tree_lock, which readpage must not
	 * hold; two tasks may race to add the page: the second one's frame
	 * is dropped and the first's taken.
	 */
	if (readable)
		page_cache_balance();	/* a cache of a disk grows: keep free memory */
	fresh = vm_frame_alloc(!readable);
	if (!fresh && shrink_all(PAGE_CACHE_RECLAIM_BATCH))
		fresh = vm_frame_alloc(!readable);	/* the caches gave some back */
	if (!fresh)
		return -ENOMEM;
	if (readable) {
		err = m->a_ops->readpage(m, index, fresh);
		if (err) {
			vm_frame_put(fresh);
			return err;
		}
	}
	slot = page_cache_slot_locked(m, index);
	if (!slot) {
		err = -ENOMEM;
	} else if (*slot) {
		*frame = *slot & ~PAGE_CACHE_FLAGS;
		vm_frame_get(*frame);
	} else {
		err = page_cache_insert(m, slot, fresh);
		if (!err) {
			vm_frame_get(fresh);	/* the cache's and the caller's */
			*frame = fresh;
			fresh = 0;
		}
	}
	mutex_unlock(&m->tree_lock);
	if (fresh)
		vm_frame_put(fresh);
	return err;
}

int page_cache_add(struct address_space *m, uint64_t index, uint64_t frame)
{
	uint64_t *slot;
	int err;

	slot = page_cache_slot_locked(m, index);
	if (!slot)
		err = -ENOMEM;
	else if (*slot)
		err = -EEXIST;
	else
		err = page_cache_insert(m, slot, frame);
	mutex_unlock(&m->tree_lock);
	return err;
}

int page_cache_get(struct address_space *m, uint64_t index, bool create, uint64_t *frame)
{
	return page_cache_get_page(m, index, create, m->a_ops && m->a_ops->readpage, frame);
}

int page_cache_get_noread(struct address_space *m, uint64_t index, uint64_t *frame)
{
	return page_cache_get_page(m, index, true, false, frame);
}

void page_cache_mark_dirty(struct address_space *m, uint64_t index)
{
	uint64_t *slot;

	/* Nowhere to write it (tmpfs): never dirty, as Linux's noop_dirty_folio. */
	if (!m->a_ops || !m->a_ops->writepage)
		return;
	mutex_lock(&m->tree_lock);
	slot = page_cache_slot(m, index, false);
	if (slot && *slot && !(*slot & PAGE_CACHE_DIRTY)) {
		*slot |= PAGE_CACHE_DIRTY;
		if (m->nrdirty++ == 0) {
			m->dirtied_when_ns = time_monotonic_ns();
			/* The first dirty page: the inode waits for writeback. */
			if (m->host)
				inode_mark_pages_dirty(m->host);
		}
		__atomic_add_fetch(&page_cache_dirty, 1, __ATOMIC_RELAXED);
	}
	mutex_unlock(&m->tree_lock);
}

/*
 * Drops the pages of a subtree in [first, end); base is the subtree's
 * first index. Returns whether the node became empty.
 */
static bool page_cache_drop_range(struct address_space *m, uint64_t *table, int level,
				  uint64_t base, uint64_t first, uint64_t end)
{
	uint64_t span = 1;
	bool empty = true;

	for (int l = 0; l < level; l++)
		span *= PAGE_CACHE_FANOUT;
	for (unsigned i = 0; i < PAGE_CACHE_FANOUT; i++) {
		uint64_t start = base + i * span;

		if (!table[i])
			continue;
		if (start + span <= first || start >= end) {
			empty = false;
			continue;
		}
		if (level == 0) {
			page_cache_drop_entry(m, &table[i]);
		} else if (page_cache_drop_range(m, (uint64_t *)(uintptr_t)table[i], level - 1,
						 start, first, end)) {
			kfree((void *)(uintptr_t)table[i]);
			table[i] = 0;
		} else {
			empty = false;
		}
	}
	return empty;
}

/*
 * Drops the unused clean pages of a subtree; whether it became empty.
 * With clock (reclaim's pass over an open file's cache): a referenced
 * page loses its bit and stays this time, and empty nodes stay (only
 * truncate frees nodes: see page_cache_peek).
 */
static bool page_cache_shrink_range(struct address_space *m, uint64_t *table, int level,
				    unsigned *left, bool clock)
{
	bool empty = true;

	for (unsigned i = 0; i < PAGE_CACHE_FANOUT; i++) {
		uint64_t e = table[i];

		if (!e)
			continue;
		if (!*left) {
			empty = false;
			continue;
		}
		if (level == 0) {
			if ((e & (PAGE_CACHE_DIRTY | PAGE_CACHE_WRITEBACK)) ||
			    vm_frame_refs(e & ~PAGE_CACHE_FLAGS) != 1) {
				empty = false;
				continue;
			}
			if (clock && (e & PAGE_CACHE_REFERENCED)) {
				table[i] = e & ~PAGE_CACHE_REFERENCED;
				empty = false;
				continue;
			}
			page_cache_drop_entry(m, &table[i]);
			(*left)--;
		} else if (page_cache_shrink_range(m, (uint64_t *)(uintptr_t)e, level - 1, left,
						   clock) && !clock) {
			kfree((void *)(uintptr_t)e);
			table[i] = 0;
		} else {
			empty = false;
		}
	}
	return empty;
}

unsigned page_cache_shrink_clean(struct address_space *m, unsigned count)
{
	unsigned left = count;

	mutex_lock(&m->tree_lock);
	if (m->root && page_cache_shrink_range(m, m->root, PAGE_CACHE_LEVELS - 1, &left, false)) {
		kfree(m->root);
		m->root = NULL;
	}
	page_cache_lru_update(m);
	mutex_unlock(&m->tree_lock);
	return count - left;
}

/* One clock pass over m's pages: up to count unreferenced clean unused ones go. */
static unsigned page_cache_reclaim(struct address_space *m, unsigned count)
{
	unsigned left = count;

	mutex_lock(&m->tree_lock);
	if (m->root)
		(void)page_cache_shrink_range(m, m->root, PAGE_CACHE_LEVELS - 1, &left, true);
	page_cache_lru_update(m);
	mutex_unlock(&m->tree_lock);
	return count - left;
}

/*
 * The shrinker: round the clock of reclaimable caches, each taken from
 * the head and put back at the tail, with a reference on its inode so
 * that it is not evicted meanwhile; twice round at most (the first pass
 * may only clear referenced bits).
 */
static unsigned page_cache_lru_scan(unsigned count)
{
	unsigned freed = 0, visits = 0, caches = 0;
	struct list_node *n;

	spin_lock(&page_cache_lru_lock);
	list_for_each(n, &page_cache_lru)
		caches++;
	spin_unlock(&page_cache_lru_lock);
	while (freed < count && visits++ < 2 * caches) {
		struct address_space *m = NULL;
		struct inode *host = NULL;

		spin_lock(&page_cache_lru_lock);
		if (!list_empty(&page_cache_lru)) {
			m = list_first_entry(&page_cache_lru, struct address_space, lru_node);
			list_del(&m->lru_node);
			list_add_tail(&page_cache_lru, &m->lru_node);
			host = m->host;
			if (!inode_get_unless_evicting(host))
				m = NULL;
		}
		spin_unlock(&page_cache_lru_lock);
		if (!host)
			break;
		if (!m)
			continue;
		freed += page_cache_reclaim(m, count - freed);
		inode_put(host);
	}
	return freed;
}

/*
 * Below the low watermark, a cache about to grow or a page fault about to
 * take a frame gives back first, as Linux's kswapd keeps free memory
 * above its watermarks: so that reading a file larger than memory, or a
 * program filling its memory while the cache is full, leaves free frames
 * for everything else that allocates without reclaiming (page tables,
 * kmalloc, exec, fork, pipes): the reserve kernel allocations live on.
 * Clean pages of files first, then the other shrinkers (the block
 * devices' buffers, dentries, inodes). The free count is a lockless
 * snapshot: a watermark needs no exact figure.
 */
void page_cache_balance(void)
{
	uint64_t low = MAX(pmm_total_pages() / PAGE_CACHE_LOW_WATERMARK_DIV,
			   (uint64_t)PAGE_CACHE_LOW_WATERMARK_MIN);

	if (pmm_free_pages_estimate() >= low)
		return;
	if (!page_cache_lru_scan(PAGE_CACHE_RECLAIM_BATCH))
		(void)shrink_all(PAGE_CACHE_RECLAIM_BATCH);
}

static struct shrinker page_cache_shrinker = {
	.name = "page-cache",
	.scan = page_cache_lru_scan,
};

void page_cache_shrinker_register(void)
{
	shrinker_register(&page_cache_shrinker);
}

/* Drops the pages of [first, end) from the tree. */
static void page_cache_drop(struct address_space *m, uint64_t first, uint64_t end)
{
	mutex_lock(&m->tree_lock);
	if (m->root && page_cache_drop_range(m, m->root, PAGE_CACHE_LEVELS - 1, 0, first, end)) {
		kfree(m->root);
		m->root = NULL;
	}
	page_cache_lru_update(m);
	mutex_unlock(&m->tree_lock);
}

/*
 * The pages leave the tree first, then the page tables: a fault racing
 * with us either finds the smaller size, or finds its page gone from
 * the tree when it comes to map it (vm_fault.c checks both with its
 * space locked), or maps it before rmap_unmap_pages reaches its space.
 */
void page_cache_truncate(struct address_space *m, uint64_t first)
{
	page_cache_drop(m, first, PAGE_CACHE_MAX_PAGES);
	rmap_unmap_pages(m, first, PAGE_CACHE_MAX_PAGES, true);
}

void page_cache_punch(struct address_space *m, uint64_t first, uint64_t end)
{
	if (first >= end)
		return;
	page_cache_drop(m, first, end);
	rmap_unmap_pages(m, first, end, false);
}

/*
 * The first index >= first that is present (want) or a hole (!want)
 * in the subtree at base, skipping empty subtrees whole; -1 if none.
 */
static int64_t page_cache_find_in(const uint64_t *table, int level, uint64_t base,
				  uint64_t first, bool want)
{
	uint64_t span = 1;

	for (int l = 0; l < level; l++)
		span *= PAGE_CACHE_FANOUT;
	for (unsigned i = 0; i < PAGE_CACHE_FANOUT; i++) {
		uint64_t start = base + i * span;
		int64_t r;

		if (start + span <= first)
			continue;
		if (!table[i]) {
			if (!want)
				return (int64_t)MAX(start, first);
			continue;
		}
		if (level == 0) {
			if (want)
				return (int64_t)MAX(start, first);
			continue;
		}
		r = page_cache_find_in((const uint64_t *)(uintptr_t)table[i], level - 1, start,
				       first, want);
		if (r >= 0)
			return r;
	}
	return -1;
}

int64_t page_cache_find(struct address_space *m, uint64_t first, bool present)
{
	int64_t r;

	mutex_lock(&m->tree_lock);
	if (!m->root)
		r = present ? -1 : (int64_t)first;
	else
		r = page_cache_find_in(m->root, PAGE_CACHE_LEVELS - 1, 0, first, present);
	mutex_unlock(&m->tree_lock);
	return r;
}

/*
 * Takes the run of dirty pages from index on (at most max, up to last)
 * for writeback: each becomes clean and under writeback, its frame held
 * in frames[]. tree_lock held. The run's length.
 */
static unsigned page_cache_take_dirty_run(struct address_space *m, uint64_t index, uint64_t last,
					  uint64_t *frames, unsigned max)
{
	unsigned n = 0;

	while (n < max && index + n <= last && index + n < PAGE_CACHE_MAX_PAGES) {
		uint64_t *slot = page_cache_slot(m, index + n, false);

		if (!slot || !(*slot & PAGE_CACHE_DIRTY))
			break;
		/* Clean from now: a write during writeback dirties it again. */
		*slot = (*slot & ~PAGE_CACHE_DIRTY) | PAGE_CACHE_WRITEBACK;
		m->nrdirty--;
		__atomic_sub_fetch(&page_cache_dirty, 1, __ATOMIC_RELAXED);
		frames[n] = *slot & ~PAGE_CACHE_FLAGS;
		vm_frame_get(frames[n]);
		n++;
	}
	return n;
}

int page_cache_writeback(struct address_space *m, uint64_t first, uint64_t last)
{
	const struct address_space_ops *ops = m->a_ops;
	uint64_t frames[PAGE_CACHE_WRITEBACK_BATCH];
	unsigned batch = ops && ops->writepages ? PAGE_CACHE_WRITEBACK_BATCH : 1;
	uint64_t index = first;
	int err = 0;

	if (!ops || !ops->writepage)
		return 0;
	while (index <= last && index < PAGE_CACHE_MAX_PAGES) {
		unsigned n = 0;
		int64_t next;
		int r = 0;

		mutex_lock(&m->tree_lock);
		/* The next cached page: holes are skipped a subtree at a time. */
		next = m->nrdirty && m->root ?
			page_cache_find_in(m->root, PAGE_CACHE_LEVELS - 1, 0, index, true) : -1;
		if (next >= 0 && (uint64_t)next <= last)
			n = page_cache_take_dirty_run(m, (uint64_t)next, last, frames, batch);
		mutex_unlock(&m->tree_lock);
		if (next < 0 || (uint64_t)next > last)
			break;
		index = (uint64_t)next;
		if (!n) {
			index++;
			continue;
		}
		if (n > 1) {
			r = ops->writepages(m, index, frames, n);
		} else {
			r = ops->writepage(m, index, frames[0]);
		}
		if (r && !err)
			err = r;
		mutex_lock(&m->tree_lock);
		for (unsigned i = 0; i < n; i++) {
			uint64_t *slot = page_cache_slot(m, index + i, false);

			if (slot && (*slot & ~PAGE_CACHE_FLAGS) == frames[i])
				*slot &= ~PAGE_CACHE_WRITEBACK;
		}
		mutex_unlock(&m->tree_lock);
		for (unsigned i = 0; i < n; i++)
			vm_frame_put(frames[i]);
		/*
		 * A failed page stays clean: its bytes are lost and the error
		 * goes to this writeback's caller (fsync), as Linux's
		 * mapping_set_error; retrying a bad sector forever would fail
		 * every later sync too.
		 */
		index += n;
	}
	return err;
}

long page_cache_read(struct address_space *m, struct uio *u, uint64_t pos, uint64_t size)
{
	bool readable = m->a_ops && m->a_ops->readpage;
	size_t done = 0, want;

	if (pos >= size)
		return 0;
	want = (size_t)MIN((uint64_t)u->resid, size - pos);
	while (done < want) {
		uint64_t off = pos % PAGE_SIZE, frame, held = 0;
		size_t n = (size_t)MIN((uint64_t)(want - done), PAGE_SIZE - off);
		long r;

		/*
		 * The caller's i_rwsem keeps truncate away, so a cached page of
		 * a memory file system stays while we copy from it: no
		 * reference, no tree_lock. A file that can read its pages again
		 * may lose them to reclaim, which takes only tree_lock: its
		 * page is referenced while we copy (and read in if missing).
		 */
		if (readable) {
			int err = page_cache_get(m, pos / PAGE_SIZE, false, &held);

			if (err)
				return done ? (long)done : err;
			frame = held;
		} else {
			frame = page_cache_peek(m, pos / PAGE_SIZE);
		}
		r = uio_copy_out_upto(u, (frame ? (const uint8_t *)phys_to_virt(frame) :
					  page_cache_zero) + off, n);
		if (held)
			vm_frame_put(held);
		if (r < 0)
			return done ? (long)done : r;
		done += (size_t)r;
		pos += (uint64_t)r;
		if ((size_t)r < n)
			break;		/* the user buffer faulted: a short read */
	}
	return (long)done;
}

long page_cache_write(struct address_space *m, struct uio *u, uint64_t pos, uint64_t *size)
{
	size_t done = 0, want = u->resid;
	uint64_t max = PAGE_CACHE_MAX_PAGES * PAGE_SIZE;

	if (want == 0)
		return 0;
	if (pos >= max)
		return -EFBIG;
	want = (size_t)MIN((uint64_t)want, max - pos);
	while (done < want) {
		uint64_t off = pos % PAGE_SIZE, frame;
		size_t n = (size_t)MIN((uint64_t)(want - done), PAGE_SIZE - off);
		long r;
		int err = page_cache_get(m, pos / PAGE_SIZE, true, &frame);

		if (err)
			return done ? (long)done : (err == -ENOMEM ? -ENOSPC : err);
		if (m->a_ops && m->a_ops->prepare_write) {
			err = m->a_ops->prepare_write(m, pos / PAGE_SIZE, (uint32_t)off, (uint32_t)n);
			if (err) {
				vm_frame_put(frame);
				return done ? (long)done : err;
			}
		}
		/*
		 * A memory file system keeps the bytes copied before a fault
		 * in the user buffer (a short write, as Linux's simple_write_end).
		 * One that prepared blocks for all n bytes takes all or none of
		 * them: blocks past a shorter end would be left allocated beyond
		 * i_size (Linux's block_write_end takes none either).
		 */
		if (m->a_ops && m->a_ops->prepare_write)
			r = uio_copy_in(u, (uint8_t *)phys_to_virt(frame) + off, n);
		else
			r = uio_copy_in_upto(u, (uint8_t *)phys_to_virt(frame) + off, n);
		if (r > 0)
			page_cache_mark_dirty(m, pos / PAGE_SIZE);
		vm_frame_put(frame);
		if (r < 0)
			return done ? (long)done : r;
		done += (size_t)r;
		pos += (uint64_t)r;
		if (pos > *size)
			*size = pos;
		if ((size_t)r < n)
			break;		/* the user buffer faulted: a short write */
	}
	return (long)done;
}
