/*
 * block.h: the block layer. A driver registers a gendisk (a whole disk:
 * name, logical block size, capacity, operations); the layer gives it
 * Linux's name and numbers (sd: major 8, 16 minors a disk; NVMe:
 * blkext 259, minors handed out in order), publishes /dev nodes, reads
 * the partition table (partition_mbr.c, partition_gpt.c) and makes a
 * block_device for the disk and for each partition.
 *
 *   genhd.c         gendisk registration, names, numbers, lookup
 *   blk_request.c   the request queue: submit, complete, wait, timeouts
 *   blk_file.c      /dev node file operations (read, write, ioctl...)
 *   partition.c     scanning: MBR first, GPT when it is protective
 *   partition_mbr.c, partition_gpt.c  the parsers (host-testable)
 *
 * Requests move whole logical blocks between the disk and physical page
 * frames (scatter-gather): segment i covers [phys, phys + len) with phys
 * page-aligned and len PAGE_SIZE, except the last, which may be shorter
 * (a multiple of the block size). Submission is asynchronous; the driver
 * completes each request from its interrupt handler with blk_complete,
 * which calls the request's done callback; blk_execute waits for one on
 * the queue's wait queue. The device file uses direct block I/O through
 * bounce pages for now (no cache): the page cache will take its place.
 *
 * Locking: each gendisk's queue.lock (irqsave: completions come from
 * interrupt handlers) guards its pending and in-flight lists and each
 * request's state; it is taken before the driver's own locks (the layer
 * calls ops->submit with it held). Drivers call blk_complete without
 * their locks. genhd_lock (a mutex) guards the disk list and numbering.
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/list.h>
#include <fs/file.h>
#include <mm/page_cache.h>
#include <sched/rwsem.h>
#include <sched/spinlock.h>
#include <sched/wait.h>

#define BLK_MAX_SEGMENTS	32	/* 128 KiB a request */
#define BLK_NAME_MAX		32
#define BLK_TIMEOUT_NS		(5ULL * 1000000000ULL)	/* Linux's SCSI default is 30 s */

#define BLK_MAJOR_SD		8	/* Linux's Documentation/admin-guide/devices.txt */
#define BLK_MAJOR_BLKEXT	259	/* dynamic: NVMe */
#define BLK_SD_MINORS		16	/* sda..: 15 partitions each */
#define BLK_MAX_PARTITIONS	15
#define BLK_PARTUUID_LEN	37	/* a GUID's 36 characters and the NUL */

enum blk_op {
	BLK_OP_READ,
	BLK_OP_WRITE,
	BLK_OP_FLUSH,		/* the device's volatile cache to media */
};

struct blk_segment {
	uint64_t phys;
	uint32_t len;
};

struct gendisk;
struct blk_request;
typedef void (*blk_done_fn)(struct blk_request *rq);

/*
 * I/O statistics of a disk or partition, as Linux's struct disk_stats
 * (/proc/diskstats, /sys/block/X/stat): completed requests and their
 * time by kind (indexed by enum blk_op), 512-byte sectors moved, and
 * the time with a request in flight. A partition's I/O also counts for
 * its whole disk, as Linux's part_stat_add.
 */
#define BLK_STAT_OPS		3	/* read, write, flush (enum blk_op) */
struct blk_stats {
	uint64_t ios[BLK_STAT_OPS];
	uint64_t nsecs[BLK_STAT_OPS];	/* submission to completion, summed */
	uint64_t sectors[2];		/* read, written, in 512-byte units */
	uint64_t io_ticks_ns;		/* time with at least one in flight */
	uint64_t stamp_ns;		/* the last start or completion */
	unsigned in_flight;
};

struct blk_request {
	enum blk_op op;
	unsigned partno;	/* issued through this partition (0: the disk), for the statistics */
	uint64_t lba;		/* in the disk's logical blocks, whole-disk */
	uint32_t blocks;
	unsigned nseg;
	struct blk_segment seg[BLK_MAX_SEGMENTS];
	int status;		/* 0 or a negative errno, set on completion */
	blk_done_fn done;	/* may run in interrupt context; NULL: blk_execute */
	void *priv;		/* the submitter's */
	/* The layer's (under queue.lock). */
	struct gendisk *disk;
	struct list_node link;	/* pending or in flight */
	uint64_t deadline_ns;
	uint64_t start_ns;	/* submitted, for the statistics */
	bool completed;
	/* The driver's, while the request is in flight. */
	unsigned tag;
};

struct blk_queue {
	/* guards: pending, inflight, recover, every queued request's state */
	struct spinlock lock;
	struct list_node pending;	/* not given to the driver yet, FIFO */
	struct list_node inflight;	/* given, not completed */
	struct wait_queue wait;		/* blk_execute's waiters */
	bool recover;			/* the driver asked for blk_watchdog's recovery */
};

struct gendisk_ops {
	/*
	 * Starts rq (queue.lock held, interrupts off): 0 when issued,
	 * -EBUSY when every slot is taken (it stays queued and is retried
	 * after a completion), another negative errno to fail it.
	 */
	int (*submit)(struct gendisk *disk, struct blk_request *rq);
	/*
	 * A request timed out or the driver asked for recovery: reset the
	 * port or controller and complete every in-flight request (with
	 * -EIO). Process context (blk_watchdog), may sleep.
	 */
	void (*recover)(struct gendisk *disk);
};

struct gendisk {
	char name[BLK_NAME_MAX];	/* "sda", "nvme0n1" */
	char model[48];			/* for the log */
	unsigned major, first_minor;
	uint32_t block_size;		/* logical block size: 512 or 4096 */
	uint64_t capacity;		/* in logical blocks */
	/*
	 * The most page segments one request may carry (NVMe's MDTS, 1.4
	 * section 5.15.2.1): requests are built no bigger. 0: BLK_MAX_SEGMENTS.
	 */
	unsigned max_segments;
	const struct gendisk_ops *ops;
	void *driver_data;
	struct blk_queue queue;
	/* [0] the whole disk, [n] partition n; guarded by queue.lock (blk_stats.c) */
	struct blk_stats stats[BLK_MAX_PARTITIONS + 1];
	bool unflushed;			/* written since the last flush (atomic) */
	struct list_node link;		/* genhd's disk list */
};

/* A /dev node: the whole disk or one partition of it. */
struct block_device {
	struct gendisk *disk;
	dev_t dev;
	char name[BLK_NAME_MAX];	/* "sda1" */
	unsigned partno;		/* 0: the whole disk */
	uint64_t start;			/* first block on the disk */
	uint64_t blocks;
	/*
	 * root=PARTUUID=: the GPT entry's unique GUID as text, or the MBR's
	 * "SSSSSSSS-PP" (disk signature, partition number), lowercase as
	 * blkid prints it; "" for a whole disk. Set once, before the
	 * partition scan returns.
	 */
	char partuuid[BLK_PARTUUID_LEN];
	struct address_space mapping;	/* its page cache (bdev_cache.c, buffer.h) */
	/*
	 * Held for reading by the /dev node's reads and writes, which peek
	 * at the cache without references; for writing by reclaim, which
	 * drops pages (bdev_cache_shrink).
	 */
	struct rwsem cache_rwsem;
	/* Read-ahead's guesses (bdev_cache.c; atomic, a race only misguesses). */
	uint64_t ra_next;		/* the page after the last read-ahead */
	unsigned ra_window;		/* pages to read at the next sequential miss */
	struct list_node link;		/* genhd's device list */
};

/* ---- genhd.c -------------------------------------------------------------- */
void block_init(void);
/* "sd" disks get sda, sdb...; "nvme" ones are named by the driver. */
#define GENHD_KIND_SD	0
#define GENHD_KIND_NVME	1
/*
 * Names the disk (kind GENHD_KIND_SD: the next sdX; GENHD_KIND_NVME:
 * disk->name as set), sets its numbers, publishes /dev nodes and scans
 * partitions. The disk must be able to do I/O. 0 or a negative errno.
 */
int genhd_add_disk(struct gendisk *disk, unsigned kind);
/* Adds partition partno (1..) of disk: blocks [start, start + blocks). */
int genhd_add_partition(struct gendisk *disk, unsigned partno, uint64_t start,
			uint64_t blocks);
/* Power off or reboot: every disk flushes its volatile write cache. */
void block_shutdown(void);
/* The i-th block device (they are never removed), or NULL. */
struct block_device *bdev_at(unsigned i);
/* The block device of a /dev node's number, or NULL. */
struct block_device *bdev_lookup(dev_t dev);
/* Records partition partno's PARTUUID (partition.c, after genhd_add_partition). */
void genhd_set_partuuid(struct gendisk *disk, unsigned partno, const char *uuid);
/*
 * The block device whose PARTUUID is uuid (case-insensitive), or with
 * offset, partition partno + offset of the same disk (root=
 * PARTUUID=.../PARTNROFF=N); NULL if none.
 */
struct block_device *bdev_find_partuuid(const char *uuid, int offset);
/* The disk whose name is name ("sda"), or NULL. */
struct gendisk *genhd_find(const char *name);
/* The i-th registered disk (disks are never removed), or NULL. */
struct gendisk *genhd_disk_at(unsigned i);
/* The most page segments a request to disk may carry. */
unsigned blk_max_segments(const struct gendisk *disk);
/* Sets up a gendisk's queue (drivers call it before genhd_add_disk). */
void blk_queue_init(struct gendisk *disk);

/* ---- blk_request.c -------------------------------------------------------- */
/* Queues rq for disk (async); rq->done runs on completion. 0 or -EINVAL. */
int blk_submit(struct gendisk *disk, struct blk_request *rq);
/* Driver: rq finished with status (any context, without driver locks). */
void blk_complete(struct blk_request *rq, int status);
/* Driver: fail every in-flight request with status (from ops->recover). */
void blk_fail_inflight(struct gendisk *disk, int status);
/* Driver: something broke; blk_watchdog calls ops->recover soon. */
void blk_request_recovery(struct gendisk *disk);
/* Submits rq and sleeps until it completes; returns its status. */
int blk_execute(struct gendisk *disk, struct blk_request *rq);
/*
 * Submits the n requests together (they are in flight at once, in as
 * many driver slots as it has) and sleeps until all complete; returns
 * the first failed one's status, or 0.
 */
int blk_execute_batch(struct gendisk *disk, struct blk_request **rqs, unsigned n);
/* Synchronous helpers on whole blocks through one page at phys. */
int blk_rw_page(struct gendisk *disk, unsigned partno, enum blk_op op, uint64_t lba,
		uint32_t blocks, uint64_t phys);
int blk_flush(struct gendisk *disk);
/* Starts blk_watchdog, the timeout and recovery thread. */
void blk_watchdog_start(void);

/* ---- blk_stats.c ---------------------------------------------------------- */
/* rq enters the queue / completed (queue.lock held): counts it. */
void blk_stats_start_locked(struct gendisk *disk, struct blk_request *rq);
void blk_stats_done_locked(struct gendisk *disk, struct blk_request *rq);
/* A snapshot of partno's statistics (0: the whole disk), io_ticks brought up to now. */
void blk_stats_read(struct gendisk *disk, unsigned partno, struct blk_stats *out);
/* A new partition partno starts from zero (genhd_add_partition). */
void blk_stats_reset(struct gendisk *disk, unsigned partno);
/*
 * The 17 numbers of /sys/block/X/stat and of a /proc/diskstats line
 * after the name, in iostats.rst's order (milliseconds for the times).
 */
#define BLK_STATS_FIELDS	17
void blk_stats_fields(const struct blk_stats *s, uint64_t out[BLK_STATS_FIELDS]);

/* ---- partition.c ---------------------------------------------------------- */
/* Reads the disk's partition table and adds its partitions. */
void partition_scan(struct gendisk *disk);

/* ---- bdev_cache.c --------------------------------------------------------- */
/* Sets up b's page cache (genhd, when it makes b). */
void bdev_cache_init(struct block_device *b);
/* Drops up to count unused clean pages of the devices' caches (reclaim). */
unsigned bdev_cache_shrink(unsigned count);
/* Registers the devices' caches with the reclaim (block_init). */
void bdev_cache_shrinker_register(void);

/* ---- blk_file.c ----------------------------------------------------------- */
extern const struct file_ops blk_file_ops;

#endif /* BLOCK_BLOCK_H */
