/*
 * nvme.c: NVMe controllers (NVM Express Base 1.4). Bring-up follows
 * section 7.6.1: disable (CC.EN = 0, wait CSTS.RDY = 0), set up the
 * admin queue (AQA, ASQ, ACQ), enable with 4 KiB pages and the NVM
 * command set (CC), wait CSTS.RDY = 1 (both waits bounded by CAP.TO, in
 * 500 ms units), then Identify the controller (CNS 01h) and the active
 * namespace list (CNS 02h), ask for one I/O queue pair (Set Features,
 * Number of Queues), create its completion queue then its submission
 * queue, and Identify each namespace (CNS 00h) for its size and LBA
 * format. Each namespace becomes nvme<c>n<nsid> in the block layer.
 *
 * Recovery (ops->recover, from blk_watchdog after a timeout): disable
 * the controller, fail its I/O with -EIO, and bring it up again.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/nvme/nvme.h>
#include <mm/mm.h>
#include <time/time.h>
#include <uapi/errno.h>

/* Controller registers, section 3.1. */
#define NVME_REG_CAP		0x00
#define NVME_REG_VS		0x08
#define NVME_REG_INTMS		0x0C
#define NVME_REG_CC		0x14
#define NVME_REG_CSTS		0x1C
#define NVME_REG_AQA		0x24
#define NVME_REG_ASQ		0x28
#define NVME_REG_ACQ		0x30

#define NVME_CAP_MQES_MASK	0xFFFF
#define NVME_CAP_TO_SHIFT	24
#define NVME_CAP_TO_MASK	0xFF
#define NVME_CAP_TO_UNIT_MS	500
#define NVME_CAP_DSTRD_SHIFT	32
#define NVME_CAP_DSTRD_MASK	0xF
#define NVME_CAP_MPSMIN_SHIFT	48
#define NVME_CAP_MPSMIN_MASK	0xF
#define NVME_CC_EN		(1u << 0)
#define NVME_CC_IOSQES_SHIFT	16
#define NVME_CC_IOCQES_SHIFT	20
#define NVME_SQES_LOG2		6	/* 64-byte entries */
#define NVME_CQES_LOG2		4	/* 16-byte entries */
#define NVME_CSTS_RDY		(1u << 0)
#define NVME_CSTS_CFS		(1u << 1)
#define NVME_AQA_ACQS_SHIFT	16

/* Admin commands, figure 139. */
#define NVME_ADMIN_CREATE_SQ	0x01
#define NVME_ADMIN_CREATE_CQ	0x05
#define NVME_ADMIN_IDENTIFY	0x06
#define NVME_ADMIN_SET_FEATURES	0x09
#define NVME_FEAT_NUM_QUEUES	0x07
#define NVME_IDENTIFY_NS	0x00
#define NVME_IDENTIFY_CTRL	0x01
#define NVME_IDENTIFY_NS_LIST	0x02
#define NVME_QUEUE_PHYS_CONTIG	(1u << 0)
#define NVME_CQ_IRQ_ENABLED	(1u << 1)
#define NVME_CQ_VECTOR_SHIFT	16
#define NVME_SQ_CQID_SHIFT	16
#define NVME_QSIZE_SHIFT	16

/* Identify data, figures 247 (controller) and 245 (namespace). */
#define NVME_ID_CTRL_SN		4
#define NVME_ID_CTRL_SN_LEN	20
#define NVME_ID_CTRL_MN		24
#define NVME_ID_CTRL_MN_LEN	40
#define NVME_ID_CTRL_MDTS	77
#define NVME_ID_NS_NSZE		0
#define NVME_ID_NS_FLBAS	26
#define NVME_ID_NS_FLBAS_MASK	0xF
#define NVME_ID_NS_LBAF		128
#define NVME_ID_NS_LBAF_SIZE	4
#define NVME_ID_NS_LBADS_SHIFT	16
#define NVME_NS_LIST_MAX	1024	/* 4 KiB of 32-bit IDs */

#define NVME_PAGE_SHIFT		12
#define NVME_CLASS		0x010802
#define NVME_IO_QID		1

static unsigned nvme_ctrl_count;	/* kmain only, at probe */

static int nvme_wait_ready(struct nvme_ctrl *c, bool ready)
{
	uint64_t deadline = time_monotonic_ns() + c->timeout_ms * 1000000ULL;

	for (;;) {
		uint32_t csts = nvme_read32(c, NVME_REG_CSTS);

		if (csts == UINT32_MAX)
			return -ENODEV;		/* the device went away */
		if (!!(csts & NVME_CSTS_RDY) == ready)
			return 0;
		if (time_monotonic_ns() >= deadline)
			return -ETIMEDOUT;
		msleep(1);
	}
}

static int nvme_disable(struct nvme_ctrl *c)
{
	uint64_t flags = spin_lock_irqsave(&c->lock);

	c->io_ready = false;
	spin_unlock_irqrestore(&c->lock, flags);
	nvme_write32(c, NVME_REG_CC, nvme_read32(c, NVME_REG_CC) & ~NVME_CC_EN);
	return nvme_wait_ready(c, false);
}

/* Section 7.6.1 steps 3-6: the admin queue and CC.EN. */
static int nvme_enable(struct nvme_ctrl *c)
{
	uint64_t flags = spin_lock_irqsave(&c->lock);

	nvme_queue_reset(c, &c->admin);
	spin_unlock_irqrestore(&c->lock, flags);
	nvme_write32(c, NVME_REG_AQA, (uint32_t)(c->admin.depth - 1) << NVME_AQA_ACQS_SHIFT |
		     (c->admin.depth - 1));
	nvme_write64(c, NVME_REG_ASQ, c->admin.sq_phys);
	nvme_write64(c, NVME_REG_ACQ, c->admin.cq_phys);
	/* CSS 0 (NVM), MPS 0 (4 KiB pages), round-robin arbitration. */
	nvme_write32(c, NVME_REG_CC, NVME_CC_EN | NVME_SQES_LOG2 << NVME_CC_IOSQES_SHIFT |
		     NVME_CQES_LOG2 << NVME_CC_IOCQES_SHIFT);
	if (nvme_wait_ready(c, true))
		return -ETIMEDOUT;
	if (nvme_read32(c, NVME_REG_CSTS) & NVME_CSTS_CFS)
		return -EIO;
	return 0;
}

static int nvme_identify(struct nvme_ctrl *c, uint32_t cns, uint32_t nsid, uint64_t phys)
{
	struct nvme_sqe cmd = { .cdw0 = NVME_ADMIN_IDENTIFY, .nsid = nsid, .prp1 = phys,
				.cdw10 = cns };

	return nvme_admin_exec(c, &cmd, NULL);
}

/* The I/O queue pair, completion queue first (section 7.6.1 step 9). */
static int nvme_create_io_queues(struct nvme_ctrl *c)
{
	struct nvme_sqe cq = { .cdw0 = NVME_ADMIN_CREATE_CQ, .prp1 = c->io.cq_phys,
			       .cdw10 = (c->io.depth - 1) << NVME_QSIZE_SHIFT | NVME_IO_QID,
			       .cdw11 = 0u << NVME_CQ_VECTOR_SHIFT | NVME_CQ_IRQ_ENABLED |
					NVME_QUEUE_PHYS_CONTIG };
	struct nvme_sqe sq = { .cdw0 = NVME_ADMIN_CREATE_SQ, .prp1 = c->io.sq_phys,
			       .cdw10 = (c->io.depth - 1) << NVME_QSIZE_SHIFT | NVME_IO_QID,
			       .cdw11 = NVME_IO_QID << NVME_SQ_CQID_SHIFT |
					NVME_QUEUE_PHYS_CONTIG };
	struct nvme_sqe nq = { .cdw0 = NVME_ADMIN_SET_FEATURES,
			       .cdw10 = NVME_FEAT_NUM_QUEUES, .cdw11 = 0 /* one SQ, one CQ */ };
	uint64_t flags;
	int err;

	err = nvme_admin_exec(c, &nq, NULL);
	if (!err) {
		flags = spin_lock_irqsave(&c->lock);
		nvme_queue_reset(c, &c->io);
		spin_unlock_irqrestore(&c->lock, flags);
		err = nvme_admin_exec(c, &cq, NULL);
	}
	if (!err)
		err = nvme_admin_exec(c, &sq, NULL);
	if (!err) {
		flags = spin_lock_irqsave(&c->lock);
		c->io_ready = true;
		spin_unlock_irqrestore(&c->lock, flags);
	}
	return err;
}

static void nvme_recover(struct gendisk *disk)
{
	struct nvme_ns *ns = disk->driver_data;
	struct nvme_ctrl *c = ns->ctrl;
	int err = nvme_disable(c);

	if (err)
		pr_warn("nvme%u: does not disable: error %d\n", c->index, err);
	nvme_fail_all(c, -EIO);
	for (unsigned i = 0; i < c->nns; i++)
		blk_fail_inflight(&c->ns[i]->disk, -EIO);
	err = nvme_enable(c);
	if (!err)
		err = nvme_create_io_queues(c);
	if (err)
		pr_err("nvme%u: does not come back after a reset: error %d\n", c->index, err);
	else
		pr_info("nvme%u: controller reset\n", c->index);
}

static const struct gendisk_ops nvme_disk_ops = {
	.submit = nvme_submit_rq,
	.recover = nvme_recover,
};

static void nvme_copy_string(char *out, const uint8_t *in, size_t len)
{
	size_t n = len;

	memcpy(out, in, len);
	out[len] = '\0';
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		out[--n] = '\0';
}

/* Identifies namespace nsid and adds it as a disk. */
static void nvme_ns_add(struct nvme_ctrl *c, uint32_t nsid, uint64_t page)
{
	const uint8_t *id = phys_to_virt(page);
	struct nvme_ns *ns;
	uint64_t blocks;
	unsigned lbads;
	int err = nvme_identify(c, NVME_IDENTIFY_NS, nsid, page);

	if (err) {
		pr_warn("nvme%u: Identify namespace %u failed: error %d\n", c->index, nsid, err);
		return;
	}
	memcpy(&blocks, id + NVME_ID_NS_NSZE, sizeof(blocks));
	lbads = id[NVME_ID_NS_LBAF + (id[NVME_ID_NS_FLBAS] & NVME_ID_NS_FLBAS_MASK) *
		   NVME_ID_NS_LBAF_SIZE + NVME_ID_NS_LBADS_SHIFT / 8];
	if (!blocks || (lbads != 9 && lbads != 12)) {
		pr_warn("nvme%u: namespace %u: %llu blocks of 2^%u bytes: not supported\n",
			c->index, nsid, (unsigned long long)blocks, lbads);
		return;
	}
	if (c->nns == NVME_MAX_NAMESPACES)
		return;
	ns = kzalloc(sizeof(*ns));
	if (!ns)
		return;
	ns->ctrl = c;
	ns->nsid = nsid;
	snprintf(ns->disk.name, sizeof(ns->disk.name), "nvme%un%u", c->index, nsid);
	strlcpy(ns->disk.model, c->model, sizeof(ns->disk.model));
	ns->disk.block_size = 1u << lbads;
	ns->disk.capacity = blocks;
	/* MDTS in pages; a single page always fits (MDTS is at least 1). */
	ns->disk.max_segments = c->max_transfer ? MAX(c->max_transfer / PAGE_SIZE, 1u) : 0;
	ns->disk.ops = &nvme_disk_ops;
	ns->disk.driver_data = ns;
	blk_queue_init(&ns->disk);
	c->ns[c->nns++] = ns;
	err = genhd_add_disk(&ns->disk, GENHD_KIND_NVME);
	if (err)
		pr_err("nvme%u: cannot add namespace %u: error %d\n", c->index, nsid, err);
}

static int nvme_probe(struct pci_dev *pdev, const struct pci_device_id *id __unused)
{
	struct nvme_ctrl *c = kzalloc(sizeof(*c));
	uint64_t page = 0;
	uint32_t *list;
	unsigned mpsmin, mdts;
	int err;

	if (!c)
		return -ENOMEM;
	c->pdev = pdev;
	pci_enable_device(pdev, true);
	c->regs = pci_bar_map(pdev, 0);
	if (!c->regs) {
		kfree(c);
		return -ENODEV;
	}
	c->index = nvme_ctrl_count++;
	spin_lock_init(&c->lock, "nvme_ctrl.lock");
	mutex_init(&c->admin_mutex);
	wait_queue_init(&c->wait);
	c->cap = nvme_read64(c, NVME_REG_CAP);
	c->doorbell_stride = 4u << ((c->cap >> NVME_CAP_DSTRD_SHIFT) & NVME_CAP_DSTRD_MASK);
	c->timeout_ms = ((c->cap >> NVME_CAP_TO_SHIFT) & NVME_CAP_TO_MASK) * NVME_CAP_TO_UNIT_MS;
	if (!c->timeout_ms)
		c->timeout_ms = NVME_CAP_TO_UNIT_MS;
	mpsmin = (c->cap >> NVME_CAP_MPSMIN_SHIFT) & NVME_CAP_MPSMIN_MASK;
	if (mpsmin != 0) {
		pr_err("nvme%u: minimum page size 2^%u too big\n", c->index, 12 + mpsmin);
		return -ENODEV;
	}
	unsigned mqes = (unsigned)(c->cap & NVME_CAP_MQES_MASK) + 1;

	err = nvme_disable(c);
	if (!err)
		err = nvme_queue_alloc(c, &c->admin, 0, mqes < NVME_ADMIN_DEPTH ?
				       mqes : NVME_ADMIN_DEPTH);
	if (!err)
		err = nvme_queue_alloc(c, &c->io, NVME_IO_QID, mqes < NVME_IO_DEPTH ?
				       mqes : NVME_IO_DEPTH);
	if (err) {
		pr_err("nvme%u: cannot reset: error %d\n", c->index, err);
		return err;
	}
	err = pci_irq_setup(pdev, 1, nvme_interrupt, c);
	if (err < 0)
		return err;
	err = nvme_enable(c);
	if (err) {
		pr_err("nvme%u: does not become ready: error %d\n", c->index, err);
		return err;
	}
	page = pmm_alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	err = nvme_identify(c, NVME_IDENTIFY_CTRL, 0, page);
	if (err) {
		pr_err("nvme%u: Identify controller failed: error %d\n", c->index, err);
		return err;
	}
	nvme_copy_string(c->serial, (uint8_t *)phys_to_virt(page) + NVME_ID_CTRL_SN,
			 NVME_ID_CTRL_SN_LEN);
	nvme_copy_string(c->model, (uint8_t *)phys_to_virt(page) + NVME_ID_CTRL_MN,
			 NVME_ID_CTRL_MN_LEN);
	mdts = ((uint8_t *)phys_to_virt(page))[NVME_ID_CTRL_MDTS];
	c->max_transfer = mdts ? (1u << (mdts + NVME_PAGE_SHIFT)) : 0;
	pr_info("nvme%u: \"%s\" serial \"%s\", NVMe %x.%x, max transfer %u KiB\n", c->index,
		c->model, c->serial, nvme_read32(c, NVME_REG_VS) >> 16,
		(nvme_read32(c, NVME_REG_VS) >> 8) & 0xFF, c->max_transfer / 1024);
	err = nvme_create_io_queues(c);
	if (err) {
		pr_err("nvme%u: cannot create the I/O queues: error %d\n", c->index, err);
		return err;
	}
	err = nvme_identify(c, NVME_IDENTIFY_NS_LIST, 0, page);
	if (err)
		return err;
	/* The list is copied: nvme_ns_add reuses the page for each namespace. */
	list = kmalloc(PAGE_SIZE);
	if (!list)
		return -ENOMEM;
	memcpy(list, phys_to_virt(page), PAGE_SIZE);
	for (unsigned i = 0; i < NVME_NS_LIST_MAX && list[i]; i++)
		nvme_ns_add(c, list[i], page);
	kfree(list);
	pmm_free_page(page);
	pdev->driver_data = c;
	return 0;
}

static const struct pci_device_id nvme_ids[] = {
	{ PCI_ANY_ID, PCI_ANY_ID, NVME_CLASS, 0xFFFFFF },
	{ 0, 0, 0, 0 },
};

struct pci_driver nvme_driver = {
	.name = "nvme",
	.ids = nvme_ids,
	.probe = nvme_probe,
};
