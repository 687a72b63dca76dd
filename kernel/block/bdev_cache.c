/*
 * bdev_cache.c: the page cache of block devices and the buffers a disk
 * file system reads through it (buffer.h). Page index i of a device holds
 * its bytes [i * PAGE_SIZE, (i + 1) * PAGE_SIZE); the tail of the last
 * page past the device's end reads as zeros and is never written.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <block/buffer.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/shrinker.h>
#include <mm/vm.h>
#include <uapi/errno.h>

uint64_t bdev_size(const struct block_device *b)
{
	return b->blocks * b->disk->block_size;
}

/* The disk blocks of page index of b that exist: the first and the count. */
static uint32_t bdev_page_blocks(const struct block_device *b, uint64_t index, uint64_t *lba)
{
	uint32_t bs = b->disk->block_size, per_page = PAGE_SIZE / bs;
	uint64_t first = index * per_page;

	*lba = b->start + first;
	if (first >= b->blocks)
		return 0;
	return (uint32_t)MIN((uint64_t)per_page, b->blocks - first);
}

static int bdev_readpage(struct address_space *m, uint64_t index, uint64_t frame)
{
	struct block_device *b = container_of(m, struct block_device, mapping);
	uint64_t lba;
	uint32_t blocks = bdev_page_blocks(b, index, &lba), bytes = blocks * b->disk->block_size;

	if (bytes < PAGE_SIZE)
		memset((uint8_t *)phys_to_virt(frame) + bytes, 0, PAGE_SIZE - bytes);
	if (!blocks)
		return 0;
	return blk_rw_page(b->disk, b->partno, BLK_OP_READ, lba, blocks, frame);
}

/*
 * Read-ahead: a miss right after the previous read-ahead's end (a
 * sequential reader: a big read of the device, a file system reading a
 * file's contiguous blocks) reads a window of pages in one request, the
 * window doubling from BDEV_READAHEAD_MIN up to BLK_MAX_SEGMENTS pages
 * (128 KiB), or what the disk takes in one request (blk_max_segments),
 * as Linux's ondemand read-ahead grows; any other miss reads
 * its page alone (readpage). The window stops at a cached page and at
 * the last whole page of the device.
 */
#define BDEV_READAHEAD_MIN	4

static void bdev_readahead(struct address_space *m, uint64_t index)
{
	struct block_device *b = container_of(m, struct block_device, mapping);
	uint32_t bs = b->disk->block_size, per_page = PAGE_SIZE / bs;
	uint64_t next = __atomic_load_n(&b->ra_next, __ATOMIC_RELAXED);
	unsigned window = __atomic_load_n(&b->ra_window, __ATOMIC_RELAXED), n = 0;
	unsigned most = blk_max_segments(b->disk);
	struct blk_request *rq;
	uint64_t lba;

	if (index != next || !window) {
		/* Not sequential: start over; this page alone. */
		__atomic_store_n(&b->ra_next, index + 1, __ATOMIC_RELAXED);
		__atomic_store_n(&b->ra_window, BDEV_READAHEAD_MIN, __ATOMIC_RELAXED);
		return;
	}
	rq = kzalloc(sizeof(*rq));
	if (!rq)
		return;
	while (n < MIN(window, most) && bdev_page_blocks(b, index + n, &lba) == per_page) {
		uint64_t cached = page_cache_lookup(m, index + n);

		if (cached) {
			vm_frame_put(cached);
			break;
		}
		rq->seg[n].phys = vm_frame_alloc(false);
		if (!rq->seg[n].phys)
			break;
		rq->seg[n].len = PAGE_SIZE;
		n++;
	}
	if (n) {
		(void)bdev_page_blocks(b, index, &lba);
		rq->op = BLK_OP_READ;
		rq->partno = b->partno;
		rq->lba = lba;
		rq->blocks = n * per_page;
		rq->nseg = n;
		if (blk_execute(b->disk, rq) == 0)
			for (unsigned i = 0; i < n; i++)
				if (page_cache_add(m, index + i, rq->seg[i].phys) == 0)
					rq->seg[i].phys = 0;	/* the cache's now */
		for (unsigned i = 0; i < n; i++)
			if (rq->seg[i].phys)
				vm_frame_put(rq->seg[i].phys);
	}
	__atomic_store_n(&b->ra_next, index + (n ? n : 1), __ATOMIC_RELAXED);
	__atomic_store_n(&b->ra_window, MIN(window * 2, (unsigned)BLK_MAX_SEGMENTS),
			 __ATOMIC_RELAXED);
	kfree(rq);
}

static int bdev_writepage(struct address_space *m, uint64_t index, uint64_t frame)
{
	struct block_device *b = container_of(m, struct block_device, mapping);
	uint64_t lba;
	uint32_t blocks = bdev_page_blocks(b, index, &lba);

	if (!blocks)
		return 0;
	return blk_rw_page(b->disk, b->partno, BLK_OP_WRITE, lba, blocks, frame);
}

/*
 * A run of adjacent dirty pages is adjacent on the disk too: one write
 * request per blk_max_segments pages (the disk's limit: NVMe's MDTS)
 * instead of one per page, as Linux's block layer merges a writeback's
 * bios. Pages past the device's end (a partial last page) end the run.
 */
static int bdev_writepages(struct address_space *m, uint64_t first, const uint64_t *frames,
			   unsigned n)
{
	struct block_device *b = container_of(m, struct block_device, mapping);
	unsigned most = blk_max_segments(b->disk), done = 0;
	uint32_t bs = b->disk->block_size;
	struct blk_request *rq = kzalloc(sizeof(*rq));
	int err = 0;

	if (!rq)
		return -ENOMEM;
	while (done < n && !err) {
		uint64_t lba = 0, page_lba;
		unsigned k = 0;
		uint32_t blocks = 0;

		memset(rq, 0, sizeof(*rq));
		while (done + k < n && k < most) {
			uint32_t got = bdev_page_blocks(b, first + done + k, &page_lba);

			if (!got)
				break;
			if (k == 0)
				lba = page_lba;
			rq->seg[k].phys = frames[done + k];
			rq->seg[k].len = got * bs;
			blocks += got;
			k++;
			if (got * bs < PAGE_SIZE)
				break;	/* the device's last, partial page */
		}
		if (!k)
			break;	/* past the device's end: nothing to write */
		rq->op = BLK_OP_WRITE;
		rq->partno = b->partno;
		rq->lba = lba;
		rq->blocks = blocks;
		rq->nseg = k;
		err = blk_execute(b->disk, rq);
		done += k;
	}
	kfree(rq);
	return err;
}

static const struct address_space_ops bdev_aops = {
	.readpage = bdev_readpage,
	.readahead = bdev_readahead,
	.writepage = bdev_writepage,
	.writepages = bdev_writepages,
};

void bdev_cache_init(struct block_device *b)
{
	page_cache_init(&b->mapping, NULL);
	b->mapping.a_ops = &bdev_aops;
	rwsem_init_named(&b->cache_rwsem, "block_device.cache_rwsem");
}

unsigned bdev_cache_shrink(unsigned count)
{
	struct block_device *b;
	unsigned freed = 0;

	for (unsigned i = 0; freed < count && (b = bdev_at(i)) != NULL; i++) {
		/* A reader in the middle of a copy: skip it this time. */
		if (!down_write_trylock(&b->cache_rwsem))
			continue;
		freed += page_cache_shrink_clean(&b->mapping, count - freed);
		up_write(&b->cache_rwsem);
	}
	return freed;
}

static struct shrinker bdev_cache_shrinker = {
	.name = "bdev_cache",
	.scan = bdev_cache_shrink,
};

void bdev_cache_shrinker_register(void)
{
	shrinker_register(&bdev_cache_shrinker);
}

static int buffer_check(const struct block_device *b, uint64_t block, uint32_t size)
{
	if (size < b->disk->block_size || size > PAGE_SIZE || (size & (size - 1)))
		return -EINVAL;
	if (block >= bdev_size(b) / size) {
		pr_warn("block: %s: block %llu of %u bytes is past the end of the device\n",
			b->name, (unsigned long long)block, size);
		return -EIO;
	}
	return 0;
}

static void buffer_fill(struct buffer *out, struct block_device *b, uint64_t block,
			uint32_t size, uint64_t frame)
{
	uint64_t off = block * size % PAGE_SIZE;

	out->bdev = b;
	out->block = block;
	out->size = size;
	out->frame = frame;
	out->data = (uint8_t *)phys_to_virt(frame) + off;
}

int buffer_read(struct block_device *b, uint64_t block, uint32_t size, struct buffer *out)
{
	uint64_t frame;
	int err = buffer_check(b, block, size);

	if (err)
		return err;
	err = page_cache_get(&b->mapping, block * size / PAGE_SIZE, false, &frame);
	if (err)
		return err;
	if (!frame)
		return -EIO;
	buffer_fill(out, b, block, size, frame);
	return 0;
}

int buffer_get_new(struct block_device *b, uint64_t block, uint32_t size, struct buffer *out)
{
	uint64_t index = block * size / PAGE_SIZE, frame;
	int err = buffer_check(b, block, size);

	if (err)
		return err;
	if (size < PAGE_SIZE)
		return buffer_read(b, block, size, out);
	/*
	 * A whole page: the cached one if any (it may be dirty), else a
	 * zeroed frame made without reading, which page_cache_get does when
	 * asked to create a page of a mapping that has no readpage; the
	 * device's has one, so insert it through a read-less get.
	 */
	err = page_cache_get_noread(&b->mapping, index, &frame);
	if (err)
		return err;
	buffer_fill(out, b, block, size, frame);
	return 0;
}

void buffer_mark_dirty(struct buffer *bh)
{
	page_cache_mark_dirty(&bh->bdev->mapping, bh->block * bh->size / PAGE_SIZE);
}

int buffer_write_sync(struct buffer *bh)
{
	uint64_t index = bh->block * bh->size / PAGE_SIZE;

	return page_cache_writeback(&bh->bdev->mapping, index, index);
}

void buffer_release(struct buffer *bh)
{
	if (bh->frame)
		vm_frame_put(bh->frame);
	bh->frame = 0;
	bh->data = NULL;
}

int bdev_sync(struct block_device *b)
{
	int err = page_cache_writeback(&b->mapping, 0, PAGE_CACHE_MAX_PAGES - 1);
	int flush = blk_flush(b->disk);

	return err ? err : flush;
}

/*
 * Only pages nobody holds go: a mounted file system keeps its buffers,
 * as Linux's invalidate_bdev keeps pages in use. The drop happens even
 * when the writeback failed (the failed pages stay dirty and stay).
 */
int bdev_flush_buffers(struct block_device *b)
{
	int err = bdev_sync(b);

	down_write(&b->cache_rwsem);
	(void)page_cache_shrink_clean(&b->mapping, UINT32_MAX);
	up_write(&b->cache_rwsem);
	return err;
}

void bdev_release_cache(struct block_device *b)
{
	int err = bdev_flush_buffers(b);

	if (err)
		pr_warn("block: %s: writeback at umount failed: error %d\n", b->name, err);
}

int bdev_sync_all(void)
{
	struct block_device *b;
	int err = 0;

	for (unsigned i = 0; (b = bdev_at(i)) != NULL; i++) {
		int r;

		if (!__atomic_load_n(&b->mapping.nrdirty, __ATOMIC_RELAXED))
			continue;
		r = bdev_sync(b);
		if (r && !err)
			err = r;
	}
	return err;
}

void bdev_writeback_expired(uint64_t cutoff_ns)
{
	struct block_device *b;

	for (unsigned i = 0; (b = bdev_at(i)) != NULL; i++) {
		struct address_space *m = &b->mapping;

		if (__atomic_load_n(&m->nrdirty, __ATOMIC_RELAXED) &&
		    __atomic_load_n(&m->dirtied_when_ns, __ATOMIC_RELAXED) <= cutoff_ns)
			(void)page_cache_writeback(m, 0, PAGE_CACHE_MAX_PAGES - 1);
	}
}

int bdev_lookup_path(const char *path, struct block_device **out)
{
	struct nameidata nd;
	struct block_device *b = NULL;
	int err = vfs_lookup(&nd, NULL, path, LOOKUP_FOLLOW);

	if (!err) {
		struct inode *ino = nd.path.dentry->inode;

		if (!S_ISBLK(ino->mode))
			err = -ENOTBLK;
		else if (nd.path.mnt->flags & MS_NODEV)
			err = -EACCES;		/* as Linux's may_open_dev */
		else if (!(b = bdev_lookup(ino->rdev)))
			err = -ENXIO;
	}
	vfs_lookup_done(&nd);
	if (!err)
		*out = b;
	return err;
}
