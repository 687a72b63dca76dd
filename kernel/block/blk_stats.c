/*
 * blk_stats.c: the I/O statistics of /proc/diskstats and
 * /sys/block/X/stat (Documentation/admin-guide/iostats.rst), kept per
 * disk and per partition in gendisk.stats under the queue's lock, which
 * blk_submit and the completions take anyway (interrupts off: a
 * completion may come from an interrupt handler).
 *
 * As Linux 6.1 counts them: a request counts when it completes (failed
 * ones too), its time runs from submission to completion, sectors are
 * 512-byte units whatever the disk's block size, and io_ticks grows by
 * the time between two events (a start or a completion) while a request
 * was in flight (update_io_ticks). A partition's request counts for the
 * whole disk as well. Nothing is "merged": requests are built whole
 * from runs of adjacent pages (bdev_cache.c), so the merge counts stay 0.
 */
#include <basalt/string.h>
#include <block/block.h>
#include <time/time.h>

#define BLK_STATS_SECTOR	512
#define BLK_STATS_NS_PER_MS	1000000ULL

/* io_ticks up to now: the time since the last event counts if busy. */
static void blk_stats_tick(struct blk_stats *s, uint64_t now, bool end)
{
	if (now > s->stamp_ns) {
		if (end || s->in_flight)
			s->io_ticks_ns += now - s->stamp_ns;
		s->stamp_ns = now;
	}
}

/* The statistics rq counts in: its partition's, then the disk's. */
static unsigned blk_stats_targets(struct gendisk *disk, const struct blk_request *rq,
				  struct blk_stats **out)
{
	unsigned n = 0;

	if (rq->partno && rq->partno <= BLK_MAX_PARTITIONS)
		out[n++] = &disk->stats[rq->partno];
	out[n++] = &disk->stats[0];
	return n;
}

void blk_stats_start_locked(struct gendisk *disk, struct blk_request *rq)
{
	struct blk_stats *targets[2];
	unsigned n = blk_stats_targets(disk, rq, targets);
	uint64_t now = time_monotonic_ns();

	rq->start_ns = now;
	for (unsigned i = 0; i < n; i++) {
		blk_stats_tick(targets[i], now, false);
		targets[i]->in_flight++;
	}
}

void blk_stats_done_locked(struct gendisk *disk, struct blk_request *rq)
{
	struct blk_stats *targets[2];
	unsigned n = blk_stats_targets(disk, rq, targets);
	uint64_t now = time_monotonic_ns();
	uint64_t sectors = (uint64_t)rq->blocks * disk->block_size / BLK_STATS_SECTOR;

	for (unsigned i = 0; i < n; i++) {
		struct blk_stats *s = targets[i];

		blk_stats_tick(s, now, true);
		if (s->in_flight)
			s->in_flight--;
		s->ios[rq->op]++;
		s->nsecs[rq->op] += now > rq->start_ns ? now - rq->start_ns : 0;
		if (rq->op != BLK_OP_FLUSH)
			s->sectors[rq->op] += sectors;
	}
}

void blk_stats_read(struct gendisk *disk, unsigned partno, struct blk_stats *out)
{
	uint64_t flags;

	if (partno > BLK_MAX_PARTITIONS) {
		memset(out, 0, sizeof(*out));
		return;
	}
	flags = spin_lock_irqsave(&disk->queue.lock);
	blk_stats_tick(&disk->stats[partno], time_monotonic_ns(), false);
	*out = disk->stats[partno];
	spin_unlock_irqrestore(&disk->queue.lock, flags);
}

void blk_stats_reset(struct gendisk *disk, unsigned partno)
{
	uint64_t flags;

	if (partno == 0 || partno > BLK_MAX_PARTITIONS)
		return;
	flags = spin_lock_irqsave(&disk->queue.lock);
	/* Requests still in flight through the old partition finish uncounted there. */
	memset(&disk->stats[partno], 0, sizeof(disk->stats[partno]));
	spin_unlock_irqrestore(&disk->queue.lock, flags);
}

/*
 * iostats.rst: reads completed, merged, sectors, ms; the same for
 * writes; in flight, ms doing I/O, weighted ms (Linux 6.1: the sum of
 * every request's time); discards completed, merged, sectors, ms (no
 * discards here: 0); flushes completed, ms.
 */
void blk_stats_fields(const struct blk_stats *s, uint64_t out[BLK_STATS_FIELDS])
{
	const uint64_t ms = BLK_STATS_NS_PER_MS;
	unsigned i = 0;

	for (unsigned op = BLK_OP_READ; op <= BLK_OP_WRITE; op++) {
		out[i++] = s->ios[op];
		out[i++] = 0;			/* merged */
		out[i++] = s->sectors[op];
		out[i++] = s->nsecs[op] / ms;
	}
	out[i++] = s->in_flight;
	out[i++] = s->io_ticks_ns / ms;
	out[i++] = (s->nsecs[BLK_OP_READ] + s->nsecs[BLK_OP_WRITE] + s->nsecs[BLK_OP_FLUSH]) / ms;
	for (unsigned k = 0; k < 4; k++)
		out[i++] = 0;			/* discards */
	out[i++] = s->ios[BLK_OP_FLUSH];
	out[i++] = s->nsecs[BLK_OP_FLUSH] / ms;
}
