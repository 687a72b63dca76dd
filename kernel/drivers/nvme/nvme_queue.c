/*
 * nvme_queue.c: NVMe queues (NVM Express Base 1.4 sections 4.1 to 4.6).
 * A submission queue is a ring of 64-byte commands the host fills at its
 * tail and announces by writing the tail doorbell; the controller posts
 * 16-byte completions to the paired completion queue, inverting the phase
 * tag bit each time it wraps, and the host writes the head doorbell as
 * it consumes them (section 4.6.1). Each command's identifier is its
 * slot in the queue.
 *
 * Data pointers are PRPs (section 4.3): PRP1 is the first page; PRP2 the
 * second page when there are two, else the address of a PRP list, a page
 * of 64-bit page addresses. The block layer's segments are whole pages
 * (block.h), which is what PRPs need.
 *
 * Locking: c->lock, see nvme.h.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/nvme/nvme.h>
#include <mm/mm.h>
#include <time/time.h>
#include <uapi/errno.h>

#define NVME_DOORBELL_BASE	0x1000	/* section 3.1.24 */
#define NVME_CQE_DW3		3
#define NVME_CQE_CID_MASK	0xFFFF
#define NVME_CQE_PHASE		(1u << 16)
#define NVME_CQE_STATUS_SHIFT	17	/* status field 31:17: SC, SCT, ... */
#define NVME_CQE_STATUS_MASK	0x7FFF
#define NVME_CID_SHIFT		16
#define NVME_ADMIN_TIMEOUT_NS	(5ULL * 1000000000ULL)

/* I/O commands, NVM Command Set 1.4 figure 346 (base spec section 6). */
#define NVME_CMD_FLUSH		0x00
#define NVME_CMD_WRITE		0x01
#define NVME_CMD_READ		0x02

int nvme_queue_alloc(struct nvme_ctrl *c, struct nvme_queue *q, unsigned qid,
		     unsigned depth)
{
	memset(q, 0, sizeof(*q));
	q->qid = qid;
	q->depth = depth;
	q->sq_phys = pmm_alloc_page(GFP_KERNEL);
	q->cq_phys = pmm_alloc_page(GFP_KERNEL);
	if (!q->sq_phys || !q->cq_phys)
		return -ENOMEM;
	q->sq = phys_to_virt(q->sq_phys);
	q->cq = phys_to_virt(q->cq_phys);
	q->sq_db = (volatile uint32_t *)(c->regs + NVME_DOORBELL_BASE +
					 (2 * qid) * c->doorbell_stride);
	q->cq_db = (volatile uint32_t *)(c->regs + NVME_DOORBELL_BASE +
					 (2 * qid + 1) * c->doorbell_stride);
	if (qid) {
		for (unsigned i = 0; i < depth; i++) {
			q->prp_list[i] = pmm_alloc_page(GFP_KERNEL);
			if (!q->prp_list[i])
				return -ENOMEM;
		}
	}
	nvme_queue_reset(c, q);
	return 0;
}

/* Empties the rings (controller disabled, or the queue not created yet). */
void nvme_queue_reset(struct nvme_ctrl *c __unused, struct nvme_queue *q)
{
	memset(q->sq, 0, PAGE_SIZE);
	memset((void *)q->cq, 0, PAGE_SIZE);
	q->sq_tail = 0;
	q->cq_head = 0;
	q->phase = 1;	/* section 4.6: the first pass posts phase 1 */
	for (unsigned i = 0; i < q->depth; i++) {
		q->busy[i] = false;
		q->rq[i] = NULL;
	}
}

/*
 * A free command identifier (c->lock held), or -EBUSY. At most depth - 1
 * commands are outstanding: a ring with tail + 1 == head is full
 * (section 4.1.2), so the submission queue never overflows.
 */
static int nvme_cid_get(struct nvme_queue *q)
{
	for (unsigned i = 0; i + 1 < q->depth; i++)
		if (!q->busy[i])
			return (int)i;
	return -EBUSY;
}

/* Copies cmd to the tail and rings the doorbell (c->lock held). */
static void nvme_sq_push(struct nvme_queue *q, const struct nvme_sqe *cmd)
{
	q->sq[q->sq_tail] = *cmd;
	q->sq_tail = (uint16_t)((q->sq_tail + 1) % q->depth);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	*q->sq_db = q->sq_tail;
}

int nvme_admin_exec(struct nvme_ctrl *c, struct nvme_sqe *cmd, uint32_t *result)
{
	uint64_t deadline = time_monotonic_ns() + NVME_ADMIN_TIMEOUT_NS, flags;
	int cid, err;

	mutex_lock(&c->admin_mutex);
	flags = spin_lock_irqsave(&c->lock);
	cid = nvme_cid_get(&c->admin);
	if (cid < 0) {
		spin_unlock_irqrestore(&c->lock, flags);
		mutex_unlock(&c->admin_mutex);
		return cid;
	}
	c->admin.busy[cid] = true;
	c->admin.rq[cid] = NULL;
	c->internal_done = false;
	cmd->cdw0 = (cmd->cdw0 & 0xFF) | (uint32_t)cid << NVME_CID_SHIFT;
	nvme_sq_push(&c->admin, cmd);
	while (!c->internal_done && time_monotonic_ns() < deadline)
		wait_block_lock(&c->wait, deadline, &c->lock);
	if (c->internal_done) {
		err = c->internal_status;
		if (result)
			*result = c->internal_result;
	} else {
		c->admin.busy[cid] = false;	/* the caller resets the controller */
		err = -ETIMEDOUT;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	mutex_unlock(&c->admin_mutex);
	return err;
}

int nvme_submit_rq(struct gendisk *disk, struct blk_request *rq)
{
	struct nvme_ns *ns = disk->driver_data;
	struct nvme_ctrl *c = ns->ctrl;
	struct nvme_queue *q = &c->io;
	struct nvme_sqe cmd;
	uint64_t flags;
	int cid;

	if (c->max_transfer && (uint64_t)rq->blocks * disk->block_size > c->max_transfer)
		return -EINVAL;
	memset(&cmd, 0, sizeof(cmd));
	cmd.nsid = ns->nsid;
	switch (rq->op) {
	case BLK_OP_READ:
		cmd.cdw0 = NVME_CMD_READ;
		break;
	case BLK_OP_WRITE:
		cmd.cdw0 = NVME_CMD_WRITE;
		break;
	case BLK_OP_FLUSH:
		cmd.cdw0 = NVME_CMD_FLUSH;
		break;
	default:
		return -EINVAL;
	}
	if (rq->op != BLK_OP_FLUSH) {
		cmd.cdw10 = (uint32_t)rq->lba;
		cmd.cdw11 = (uint32_t)(rq->lba >> 32);
		cmd.cdw12 = rq->blocks - 1;	/* NLB is 0-based */
		cmd.prp1 = rq->seg[0].phys;
	}
	flags = spin_lock_irqsave(&c->lock);
	if (!c->io_ready) {
		spin_unlock_irqrestore(&c->lock, flags);
		return -EBUSY;	/* recovering: stays queued */
	}
	cid = nvme_cid_get(q);
	if (cid < 0) {
		spin_unlock_irqrestore(&c->lock, flags);
		return cid;
	}
	if (rq->nseg == 2) {
		cmd.prp2 = rq->seg[1].phys;
	} else if (rq->nseg > 2) {
		uint64_t *list = phys_to_virt(q->prp_list[cid]);

		for (unsigned i = 1; i < rq->nseg; i++)
			list[i - 1] = rq->seg[i].phys;
		cmd.prp2 = q->prp_list[cid];
	}
	q->busy[cid] = true;
	q->rq[cid] = rq;
	rq->tag = (unsigned)cid;
	cmd.cdw0 |= (uint32_t)cid << NVME_CID_SHIFT;
	nvme_sq_push(q, &cmd);
	spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

/* Consumes q's new completions (c->lock held); requests go to done[]. */
static unsigned nvme_cq_drain(struct nvme_ctrl *c, struct nvme_queue *q,
			      struct blk_request **done, bool *wake)
{
	unsigned n = 0;
	bool any = false;

	for (;;) {
		volatile uint32_t *e = q->cq + q->cq_head * (NVME_CQE_SIZE / sizeof(uint32_t));
		uint32_t dw3 = e[NVME_CQE_DW3], cid, status;

		if (!!(dw3 & NVME_CQE_PHASE) != q->phase)
			break;
		any = true;
		cid = dw3 & NVME_CQE_CID_MASK;
		status = (dw3 >> NVME_CQE_STATUS_SHIFT) & NVME_CQE_STATUS_MASK;
		if (++q->cq_head == q->depth) {
			q->cq_head = 0;
			q->phase ^= 1;
		}
		if (cid >= q->depth || !q->busy[cid]) {
			pr_warn("nvme%u: completion for unknown command %u on queue %u\n",
				c->index, cid, q->qid);
			continue;
		}
		q->busy[cid] = false;
		if (status)
			pr_err("nvme%u: queue %u command %u failed: status %#x\n", c->index,
			       q->qid, cid, status);
		if (q->rq[cid]) {
			q->rq[cid]->status = status ? -EIO : 0;
			done[n++] = q->rq[cid];
			q->rq[cid] = NULL;
		} else {
			c->internal_done = true;
			c->internal_status = status ? -EIO : 0;
			c->internal_result = e[0];
			*wake = true;
		}
	}
	if (any)
		*q->cq_db = q->cq_head;
	return n;
}

void nvme_interrupt(struct pci_dev *pdev __unused, unsigned index __unused, void *arg)
{
	struct nvme_ctrl *c = arg;
	struct blk_request *done[NVME_IO_DEPTH];
	bool wake = false;
	unsigned n = 0;
	uint64_t flags = spin_lock_irqsave(&c->lock);

	nvme_cq_drain(c, &c->admin, done, &wake);	/* admin commands have no rq */
	if (c->io_ready)
		n = nvme_cq_drain(c, &c->io, done, &wake);
	spin_unlock_irqrestore(&c->lock, flags);
	if (wake)
		wake_up_all(&c->wait);
	for (unsigned i = 0; i < n; i++)
		blk_complete(done[i], done[i]->status);
}

void nvme_fail_all(struct nvme_ctrl *c, int status)
{
	struct blk_request *done[NVME_IO_DEPTH];
	unsigned n = 0;
	uint64_t flags = spin_lock_irqsave(&c->lock);

	for (unsigned i = 0; i < c->io.depth; i++) {
		if (c->io.busy[i] && c->io.rq[i])
			done[n++] = c->io.rq[i];
		c->io.busy[i] = false;
		c->io.rq[i] = NULL;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	for (unsigned i = 0; i < n; i++)
		blk_complete(done[i], status);
}
