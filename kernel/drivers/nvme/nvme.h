/*
 * nvme.h: the NVMe driver (NVM Express Base 1.4): PCI class 01.08.02.
 *
 *   nvme.c        probe, controller reset and enable, Identify, namespaces,
 *                 recovery
 *   nvme_queue.c  submission and completion queues, PRP lists, the
 *                 interrupt handler, admin commands
 *
 * One admin queue pair and one I/O queue pair a controller (one CPU for
 * now; a pair per CPU later), sharing interrupt vector 0 (MSI-X, else
 * MSI or INTx). Every active namespace becomes nvmeXnY.
 *
 * Locking: the controller's lock (irqsave: the interrupt handler takes
 * it) guards both queues (tails, heads, phases, command slots) and the
 * internal command's state; it nests inside each namespace disk's
 * queue.lock. admin_mutex serializes admin commands (they sleep).
 */
#ifndef DRIVERS_NVME_NVME_H
#define DRIVERS_NVME_NVME_H

#include <stdbool.h>
#include <stdint.h>
#include <block/block.h>
#include <drivers/pci/pci.h>
#include <sched/mutex.h>
#include <sched/spinlock.h>
#include <sched/wait.h>

#define NVME_ADMIN_DEPTH	32
#define NVME_IO_DEPTH		64
#define NVME_MAX_NAMESPACES	16
#define NVME_SQE_SIZE		64	/* section 4.2 */
#define NVME_CQE_SIZE		16	/* section 4.6 */

/* A submission queue entry, NVMe 1.4 figure 105. */
struct nvme_sqe {
	uint32_t cdw0;		/* opcode 7:0, command identifier 31:16 */
	uint32_t nsid;
	uint32_t reserved[2];
	uint64_t mptr;
	uint64_t prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};

struct nvme_ctrl;

struct nvme_queue {
	unsigned qid;
	unsigned depth;
	uint64_t sq_phys, cq_phys;
	struct nvme_sqe *sq;
	volatile uint32_t *cq;
	uint16_t sq_tail, cq_head;
	uint8_t phase;			/* the phase tag of new entries */
	volatile uint32_t *sq_db, *cq_db;
	/* Per command identifier: in use, its request (NULL: internal). */
	bool busy[NVME_IO_DEPTH];
	struct blk_request *rq[NVME_IO_DEPTH];
	uint64_t prp_list[NVME_IO_DEPTH];	/* a page each, I/O queue only */
};

struct nvme_ns {
	struct nvme_ctrl *ctrl;
	uint32_t nsid;
	struct gendisk disk;
};

struct nvme_ctrl {
	struct pci_dev *pdev;
	volatile uint8_t *regs;
	unsigned index;			/* nvme0, nvme1... */
	uint64_t cap;
	unsigned doorbell_stride;	/* bytes: 4 << CAP.DSTRD */
	uint64_t timeout_ms;		/* CAP.TO */
	uint32_t max_transfer;		/* bytes, 0: no limit (MDTS) */
	char model[41], serial[21];
	/* guards: admin, io (their state), internal_done/status/result */
	struct spinlock lock;
	struct nvme_queue admin, io;
	bool io_ready;			/* the I/O queue pair exists */
	struct wait_queue wait;
	bool internal_done;
	int internal_status;
	uint32_t internal_result;
	/* guards: one admin command at a time */
	struct mutex admin_mutex;
	unsigned nns;
	struct nvme_ns *ns[NVME_MAX_NAMESPACES];
};

/* nvme_queue.c */
int nvme_queue_alloc(struct nvme_ctrl *c, struct nvme_queue *q, unsigned qid,
		     unsigned depth);
void nvme_queue_reset(struct nvme_ctrl *c, struct nvme_queue *q);
/* Runs an admin command, sleeping until it completes or times out. */
int nvme_admin_exec(struct nvme_ctrl *c, struct nvme_sqe *cmd, uint32_t *result);
int nvme_submit_rq(struct gendisk *disk, struct blk_request *rq);
void nvme_interrupt(struct pci_dev *pdev, unsigned index, void *arg);
/* Takes every I/O command off the queue: their requests get status. */
void nvme_fail_all(struct nvme_ctrl *c, int status);

static inline uint32_t nvme_read32(const struct nvme_ctrl *c, unsigned reg)
{
	return *(volatile uint32_t *)(c->regs + reg);
}

static inline void nvme_write32(const struct nvme_ctrl *c, unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(c->regs + reg) = v;
}

/* 64-bit registers as two 32-bit accesses, low first (section 3.1). */
static inline uint64_t nvme_read64(const struct nvme_ctrl *c, unsigned reg)
{
	return nvme_read32(c, reg) | (uint64_t)nvme_read32(c, reg + 4) << 32;
}

static inline void nvme_write64(const struct nvme_ctrl *c, unsigned reg, uint64_t v)
{
	nvme_write32(c, reg, (uint32_t)v);
	nvme_write32(c, reg + 4, (uint32_t)(v >> 32));
}

extern struct pci_driver nvme_driver;

#endif /* DRIVERS_NVME_NVME_H */
