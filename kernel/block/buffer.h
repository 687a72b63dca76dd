/*
 * buffer.h: blocks of a block device through its page cache (as Linux's
 * buffer heads over the block device's mapping). Every block_device owns
 * an address_space indexed by PAGE_SIZE pages of the device; a disk file
 * system reads its metadata and file contents as buffers: a buffer is
 * one block of the file system's block size (a power of two from the
 * disk's logical block size up to PAGE_SIZE), held in a referenced cache
 * frame. Changing a buffer's bytes and calling buffer_mark_dirty queues
 * it for writeback (bdev_sync, the flusher thread); buffer_write_sync
 * writes it now (a superblock at unmount).
 *
 * The /dev node of a block device reads and writes through the same cache
 * (blk_file.c), so mkfs, fsck and a mount see the same bytes.
 *
 * Locking: the cache's own (page_cache.h). A buffer's bytes belong to the
 * file system: it serializes changes to one block with its own locks (a
 * bitmap's lock, the directory's i_rwsem). Dirty state is per page: a
 * page holding several small blocks is written whole, which is why a
 * file system writes file data through buffers too (never around the
 * cache), so that no stale copy of a block can be written over newer
 * bytes.
 */
#ifndef BLOCK_BUFFER_H
#define BLOCK_BUFFER_H

#include <stdint.h>
#include <block/block.h>

struct buffer {
	struct block_device *bdev;
	uint64_t block;		/* in units of size, from the device's start */
	uint32_t size;
	uint64_t frame;		/* the cache frame holding it (referenced) */
	uint8_t *data;		/* its size bytes, in the kernel's direct map */
};

/*
 * Reads block (of size bytes) of b into the cache, or finds it there.
 * -EINVAL for a size that is not a power of two between the disk's block
 * size and PAGE_SIZE; -EIO past the end of the device or when the disk
 * fails; -ENOMEM. On success the caller owns out until buffer_release.
 */
int buffer_read(struct block_device *b, uint64_t block, uint32_t size, struct buffer *out);
/*
 * As buffer_read for a block the caller is about to overwrite whole (a
 * newly allocated block): when its page is not cached and the block fills
 * the page, the disk is not read; the bytes are then undefined (zeroed).
 */
int buffer_get_new(struct block_device *b, uint64_t block, uint32_t size, struct buffer *out);
/* The buffer's bytes changed: write them back later. */
void buffer_mark_dirty(struct buffer *bh);
/* Writes the buffer's page to the disk now (and waits): 0 or -EIO. */
int buffer_write_sync(struct buffer *bh);
/* Drops the caller's hold on the buffer. */
void buffer_release(struct buffer *bh);

/* Writes every dirty page of b back and flushes the disk's write cache. */
int bdev_sync(struct block_device *b);
/* A file system on b went: writes b back and drops its unused pages. */
void bdev_release_cache(struct block_device *b);
/* BLKFLSBUF: writes b back, then drops its unused clean pages; 0 or -EIO. */
int bdev_flush_buffers(struct block_device *b);
/* sync(2): every block device's dirty pages to its disk, then flushed. */
int bdev_sync_all(void);
/* The flusher: writes the devices' pages dirty since before cutoff_ns. */
void bdev_writeback_expired(uint64_t cutoff_ns);
/* The device's size in bytes. */
uint64_t bdev_size(const struct block_device *b);
/*
 * The block device a path names (a block special file the caller may
 * read; mount(2)'s source): 0, -ENOTBLK (not a block device), -ENXIO (no
 * such device), or the lookup's errno.
 */
int bdev_lookup_path(const char *path, struct block_device **out);

#endif /* BLOCK_BUFFER_H */
