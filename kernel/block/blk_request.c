/*
 * blk_request.c: each disk's request queue. blk_submit checks a request
 * against the disk, queues it FIFO and hands queued requests to the
 * driver while it has free slots; blk_complete (from the driver's
 * interrupt handler) takes it off the in-flight list, wakes blk_execute's
 * waiters, runs the done callback and hands the driver the next pending
 * request. blk_watchdog, a kernel thread, fails requests that stay in
 * flight longer than BLK_TIMEOUT_NS by asking the driver to recover
 * (reset its port or controller and fail what it had with -EIO), so a
 * dead device never hangs a caller.
 *
 * Locking: see block.h (queue.lock, then the driver's lock).
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <block/block.h>
#include <mm/mm.h>
#include <proc/task.h>
#include <time/time.h>
#include <uapi/errno.h>

#define BLK_WATCHDOG_PERIOD_NS	(500ULL * 1000000ULL)

static struct wait_queue blk_watchdog_wq = WAIT_QUEUE_INIT(blk_watchdog_wq);
/* Set (atomically) by blk_request_recovery, cleared by blk_watchdog. */
static bool blk_watchdog_kick;

static void blk_complete_detached(struct gendisk *disk, struct blk_request *rq);

unsigned blk_max_segments(const struct gendisk *disk)
{
	if (!disk->max_segments || disk->max_segments > BLK_MAX_SEGMENTS)
		return BLK_MAX_SEGMENTS;
	return disk->max_segments;
}

void blk_queue_init(struct gendisk *disk)
{
	struct blk_queue *q = &disk->queue;

	spin_lock_init(&q->lock, "queue.lock");
	list_init(&q->pending);
	list_init(&q->inflight);
	wait_queue_init(&q->wait);
	q->recover = false;
}

/* Checks the request's shape against block.h's rules. */
static int blk_check(const struct gendisk *disk, const struct blk_request *rq)
{
	uint64_t bytes = 0;

	if (rq->op == BLK_OP_FLUSH)
		return rq->nseg == 0 ? 0 : -EINVAL;
	if (rq->op != BLK_OP_READ && rq->op != BLK_OP_WRITE)
		return -EINVAL;
	if (rq->nseg == 0 || rq->nseg > BLK_MAX_SEGMENTS || rq->blocks == 0)
		return -EINVAL;
	if (rq->lba >= disk->capacity || rq->blocks > disk->capacity - rq->lba)
		return -EIO;	/* Linux: I/O beyond the device's end */
	for (unsigned i = 0; i < rq->nseg; i++) {
		const struct blk_segment *s = &rq->seg[i];

		if (s->phys % PAGE_SIZE || s->len == 0 || s->len > PAGE_SIZE ||
		    s->len % disk->block_size ||
		    (i + 1 < rq->nseg && s->len != PAGE_SIZE))
			return -EINVAL;
		bytes += s->len;
	}
	return bytes == (uint64_t)rq->blocks * disk->block_size ? 0 : -EINVAL;
}

/* Hands pending requests to the driver while it takes them (locked). */
static void blk_dispatch_locked(struct gendisk *disk, struct list_node *failed)
{
	struct blk_queue *q = &disk->queue;

	while (!list_empty(&q->pending) && !q->recover) {
		struct blk_request *rq = list_entry(q->pending.next, struct blk_request, link);
		int err;

		list_del(&rq->link);
		list_add_tail(&q->inflight, &rq->link);
		rq->deadline_ns = time_monotonic_ns() + BLK_TIMEOUT_NS;
		err = disk->ops->submit(disk, rq);
		if (err == -EBUSY) {
			list_del(&rq->link);
			list_add_head(&q->pending, &rq->link);
			break;
		}
		if (err) {
			list_del(&rq->link);
			rq->status = err;
			list_add_tail(failed, &rq->link);
		}
	}
}

/* Finishes requests taken off the queue (not locked): wake, callback. */
static void blk_finish_list(struct gendisk *disk, struct list_node *done)
{
	while (!list_empty(done)) {
		struct blk_request *rq = list_entry(done->next, struct blk_request, link);

		list_del(&rq->link);
		blk_complete_detached(disk, rq);
	}
}

int blk_submit(struct gendisk *disk, struct blk_request *rq)
{
	struct list_node failed;
	uint64_t flags;
	int err = blk_check(disk, rq);

	if (err)
		return err;
	rq->disk = disk;
	rq->status = 0;
	rq->completed = false;
	if (rq->op == BLK_OP_WRITE)
		__atomic_store_n(&disk->unflushed, true, __ATOMIC_RELAXED);
	list_init(&failed);
	flags = spin_lock_irqsave(&disk->queue.lock);
	blk_stats_start_locked(disk, rq);
	list_add_tail(&disk->queue.pending, &rq->link);
	blk_dispatch_locked(disk, &failed);
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	blk_finish_list(disk, &failed);
	return 0;
}

/*
 * rq is off every list: mark it complete under the lock (a blk_execute
 * waiter tests the flag under it), then wake and call back. A request
 * without done belongs to a waiter that may free it as soon as it sees
 * the flag, so it is not touched after.
 */
static void blk_complete_detached(struct gendisk *disk, struct blk_request *rq)
{
	blk_done_fn done = rq->done;
	uint64_t flags = spin_lock_irqsave(&disk->queue.lock);

	blk_stats_done_locked(disk, rq);
	rq->completed = true;
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	if (done)
		done(rq);
	wake_up_all(&disk->queue.wait);
}

void blk_complete(struct blk_request *rq, int status)
{
	struct gendisk *disk = rq->disk;
	struct list_node failed;
	uint64_t flags;

	list_init(&failed);
	flags = spin_lock_irqsave(&disk->queue.lock);
	rq->status = status;
	list_del(&rq->link);
	blk_dispatch_locked(disk, &failed);
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	if (status)
		pr_err("blk %s: %s of %u blocks at %llu failed: error %d\n", disk->name,
		       rq->op == BLK_OP_READ ? "read" : rq->op == BLK_OP_WRITE ? "write" :
		       "flush", rq->blocks, (unsigned long long)rq->lba, status);
	blk_complete_detached(disk, rq);
	blk_finish_list(disk, &failed);
}

void blk_fail_inflight(struct gendisk *disk, int status)
{
	struct list_node failed;
	uint64_t flags;

	list_init(&failed);
	flags = spin_lock_irqsave(&disk->queue.lock);
	while (!list_empty(&disk->queue.inflight)) {
		struct blk_request *rq = list_entry(disk->queue.inflight.next,
						    struct blk_request, link);

		list_del(&rq->link);
		rq->status = status;
		list_add_tail(&failed, &rq->link);
	}
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	blk_finish_list(disk, &failed);
}

void blk_request_recovery(struct gendisk *disk)
{
	uint64_t flags = spin_lock_irqsave(&disk->queue.lock);

	disk->queue.recover = true;
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	__atomic_store_n(&blk_watchdog_kick, true, __ATOMIC_RELEASE);
	wake_up_all(&blk_watchdog_wq);
}

int blk_execute(struct gendisk *disk, struct blk_request *rq)
{
	uint64_t flags;
	int err;

	rq->done = NULL;
	err = blk_submit(disk, rq);
	if (err)
		return err;
	flags = spin_lock_irqsave(&disk->queue.lock);
	wait_event_lock(&disk->queue.wait, rq->completed, &disk->queue.lock);
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	return rq->status;
}

int blk_execute_batch(struct gendisk *disk, struct blk_request **rqs, unsigned n)
{
	uint64_t flags;
	int err = 0;

	for (unsigned i = 0; i < n; i++) {
		int e;

		rqs[i]->done = NULL;
		e = blk_submit(disk, rqs[i]);
		if (e) {
			rqs[i]->status = e;	/* never queued: nobody else touches it */
			rqs[i]->completed = true;
		}
	}
	flags = spin_lock_irqsave(&disk->queue.lock);
	for (unsigned i = 0; i < n; i++)
		wait_event_lock(&disk->queue.wait, rqs[i]->completed, &disk->queue.lock);
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	for (unsigned i = 0; i < n && !err; i++)
		err = rqs[i]->status;
	return err;
}

int blk_rw_page(struct gendisk *disk, unsigned partno, enum blk_op op, uint64_t lba,
		uint32_t blocks, uint64_t phys)
{
	struct blk_request *rq = kzalloc(sizeof(*rq));
	int err;

	if (!rq)
		return -ENOMEM;
	rq->op = op;
	rq->partno = partno;
	rq->lba = lba;
	rq->blocks = blocks;
	rq->nseg = 1;
	rq->seg[0].phys = phys;
	rq->seg[0].len = blocks * disk->block_size;
	err = blk_execute(disk, rq);
	kfree(rq);
	return err;
}

int blk_flush(struct gendisk *disk)
{
	struct blk_request *rq = kzalloc(sizeof(*rq));
	int err;

	if (!rq)
		return -ENOMEM;
	rq->op = BLK_OP_FLUSH;
	/* Cleared first: a write from now on needs the next flush. */
	__atomic_store_n(&disk->unflushed, false, __ATOMIC_RELAXED);
	err = blk_execute(disk, rq);
	if (err)
		__atomic_store_n(&disk->unflushed, true, __ATOMIC_RELAXED);
	kfree(rq);
	return err;
}

/* Whether disk needs recovery: asked for, or a request overdue. */
static bool blk_needs_recovery(struct gendisk *disk, uint64_t now)
{
	uint64_t flags = spin_lock_irqsave(&disk->queue.lock);
	bool need = disk->queue.recover;
	struct list_node *n;

	for (n = disk->queue.inflight.next; !need && n != &disk->queue.inflight; n = n->next) {
		struct blk_request *rq = list_entry(n, struct blk_request, link);

		if (now >= rq->deadline_ns) {
			pr_err("blk %s: request %u (lba %llu) timed out\n", disk->name,
			       rq->tag, (unsigned long long)rq->lba);
			need = true;
		}
	}
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	return need;
}

static void blk_recover(struct gendisk *disk)
{
	struct list_node failed;
	uint64_t flags;

	pr_warn("blk %s: resetting the device\n", disk->name);
	disk->ops->recover(disk);
	blk_fail_inflight(disk, -EIO);	/* whatever the driver left */
	list_init(&failed);
	flags = spin_lock_irqsave(&disk->queue.lock);
	disk->queue.recover = false;
	blk_dispatch_locked(disk, &failed);
	spin_unlock_irqrestore(&disk->queue.lock, flags);
	blk_finish_list(disk, &failed);
}

static int blk_watchdog(void *arg __unused)
{
	for (;;) {
		struct gendisk *disk;
		uint64_t now = time_monotonic_ns();

		__atomic_store_n(&blk_watchdog_kick, false, __ATOMIC_RELAXED);
		for (unsigned i = 0; (disk = genhd_disk_at(i)) != NULL; i++)
			if (blk_needs_recovery(disk, now))
				blk_recover(disk);
		/* A one-word condition set before the wake-up (wait.h). */
		(void)wait_event_timeout(&blk_watchdog_wq,
				   __atomic_load_n(&blk_watchdog_kick, __ATOMIC_ACQUIRE),
				   BLK_WATCHDOG_PERIOD_NS);
	}
	return 0;
}

void blk_watchdog_start(void)
{
	struct task *t = kthread_create(blk_watchdog, NULL, "blk_watchdog");

	if (!t)
		pr_err("blk: cannot start blk_watchdog: disk timeouts will hang\n");
	else
		kthread_detach(t);
}
