/*
 * ahci_cmd.c: commands on an AHCI port (AHCI 1.3.1 section 4.2). Each
 * of the HBA's command slots (up to 32) has a 32-byte command header in
 * the port's command list and a command table holding the command FIS
 * (a Register Host-to-Device FIS, SATA 3.x section 10.5.5) and the
 * physical region descriptor table, one entry per scatter-gather
 * segment. A command is issued by setting its bit in PxCI (section
 * 5.3.2); the HBA clears the bit when the device has finished it and
 * raises an interrupt (the D2H register FIS or set-device-bits FIS).
 * Several slots are in flight at once; the ATA DMA commands are not
 * queued on the wire (no NCQ), the HBA sends them one after another.
 *
 * Locking: port->lock, see ahci.h.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/ata/ahci.h>
#include <mm/mm.h>
#include <time/time.h>
#include <uapi/errno.h>

#define AHCI_CMD_HEADER_SIZE	32
#define AHCI_CT_SIZE		1024	/* a command table: 128 + 32 PRDs * 16, rounded */
#define AHCI_CT_PER_PAGE	(PAGE_SIZE / AHCI_CT_SIZE)
#define AHCI_CT_PRDT_OFF	0x80	/* section 4.2.3 */
#define AHCI_PRD_SIZE		16
#define AHCI_PRD_DBC_MAX	(4u << 20)	/* 22 bits of byte count - 1 */
#define AHCI_PRD_IRQ		(1u << 31)

/* Command header DW0, section 4.2.2. */
#define AHCI_HDR_CFL_MASK	0x1F	/* command FIS length in dwords */
#define AHCI_HDR_WRITE		(1u << 6)
#define AHCI_HDR_PRDTL_SHIFT	16

/* Register H2D FIS, SATA 3.x section 10.5.5. */
#define FIS_TYPE_REG_H2D	0x27
#define FIS_H2D_COMMAND		0x80	/* C: the command register is written */
#define FIS_H2D_DWORDS		5
#define ATA_DEVICE_LBA		0x40	/* ATA8-ACS: LBA addressing */

struct ahci_cmd_header {
	uint32_t dw0;
	uint32_t prdbc;
	uint32_t ctba;
	uint32_t ctbau;
	uint32_t reserved[4];
};

struct ahci_prd {
	uint32_t dba;
	uint32_t dbau;
	uint32_t reserved;
	uint32_t dbc;
};

int ahci_port_alloc_mem(struct ahci_port *port)
{
	unsigned nslots = port->host->nslots;

	port->mem_phys = pmm_alloc_page(GFP_DMA32);
	if (!port->mem_phys)
		return -ENOMEM;
	memset(phys_to_virt(port->mem_phys), 0, PAGE_SIZE);
	for (unsigned s = 0; s < nslots; s += AHCI_CT_PER_PAGE) {
		uint64_t page = pmm_alloc_page(GFP_DMA32);

		if (!page)
			return -ENOMEM;	/* the pages stay with the dead port */
		memset(phys_to_virt(page), 0, PAGE_SIZE);
		for (unsigned i = 0; i < AHCI_CT_PER_PAGE && s + i < nslots; i++)
			port->ct_phys[s + i] = page + i * AHCI_CT_SIZE;
	}
	return 0;
}

/* Writes slot's header, FIS and PRDT (port->lock held). */
static void ahci_build(struct ahci_port *port, unsigned slot, uint8_t command,
		       uint64_t lba, uint32_t count, bool write,
		       const struct blk_segment *seg, unsigned nseg)
{
	struct ahci_cmd_header *h = (struct ahci_cmd_header *)phys_to_virt(port->mem_phys) + slot;
	uint8_t *ct = phys_to_virt(port->ct_phys[slot]);
	struct ahci_prd *prd = (struct ahci_prd *)(ct + AHCI_CT_PRDT_OFF);

	memset(ct, 0, AHCI_CT_PRDT_OFF);
	ct[0] = FIS_TYPE_REG_H2D;
	ct[1] = FIS_H2D_COMMAND;
	ct[2] = command;
	ct[4] = (uint8_t)lba;
	ct[5] = (uint8_t)(lba >> 8);
	ct[6] = (uint8_t)(lba >> 16);
	ct[7] = ATA_DEVICE_LBA;
	ct[8] = (uint8_t)(lba >> 24);
	ct[9] = (uint8_t)(lba >> 32);
	ct[10] = (uint8_t)(lba >> 40);
	ct[12] = (uint8_t)count;
	ct[13] = (uint8_t)(count >> 8);
	for (unsigned i = 0; i < nseg; i++) {
		prd[i].dba = (uint32_t)seg[i].phys;
		prd[i].dbau = (uint32_t)(seg[i].phys >> 32);
		prd[i].reserved = 0;
		prd[i].dbc = (seg[i].len - 1) | (i + 1 == nseg ? AHCI_PRD_IRQ : 0);
	}
	h->dw0 = FIS_H2D_DWORDS | (write ? AHCI_HDR_WRITE : 0) |
		 (uint32_t)nseg << AHCI_HDR_PRDTL_SHIFT;
	h->prdbc = 0;
	h->ctba = (uint32_t)port->ct_phys[slot];
	h->ctbau = (uint32_t)(port->ct_phys[slot] >> 32);
}

/* A free slot (port->lock held), or -EBUSY. */
static int ahci_slot_get(struct ahci_port *port)
{
	for (unsigned s = 0; s < port->host->nslots; s++)
		if (!(port->issued & (1u << s)))
			return (int)s;
	return -EBUSY;
}

/* Issues slot (port->lock held); the fence orders the tables before PxCI. */
static void ahci_issue(struct ahci_port *port, unsigned slot)
{
	port->issued |= 1u << slot;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ahci_port_write(port, AHCI_PxCI, 1u << slot);
}

int ahci_port_submit(struct gendisk *disk, struct blk_request *rq)
{
	struct ahci_port *port = disk->driver_data;
	uint64_t flags;
	uint8_t command;
	int slot;

	switch (rq->op) {
	case BLK_OP_READ:
		command = ATA_CMD_READ_DMA_EXT;
		break;
	case BLK_OP_WRITE:
		command = ATA_CMD_WRITE_DMA_EXT;
		break;
	case BLK_OP_FLUSH:
		command = ATA_CMD_FLUSH_CACHE_EXT;
		break;
	default:
		return -EINVAL;
	}
	/* ATA8-ACS: a count of 0 means 65536 blocks; ours stay far below. */
	if (rq->op != BLK_OP_FLUSH && (rq->blocks > UINT16_MAX || !port->ident.lba48))
		return -EINVAL;
	flags = spin_lock_irqsave(&port->lock);
	if (!port->running) {
		spin_unlock_irqrestore(&port->lock, flags);
		return -EBUSY;	/* recovering: stays queued */
	}
	slot = ahci_slot_get(port);
	if (slot < 0) {
		spin_unlock_irqrestore(&port->lock, flags);
		return slot;
	}
	rq->tag = (unsigned)slot;
	port->slot_rq[slot] = rq;
	ahci_build(port, (unsigned)slot, command, rq->op == BLK_OP_FLUSH ? 0 : rq->lba,
		   rq->op == BLK_OP_FLUSH ? 0 : rq->blocks, rq->op == BLK_OP_WRITE,
		   rq->seg, rq->nseg);
	ahci_issue(port, (unsigned)slot);
	spin_unlock_irqrestore(&port->lock, flags);
	return 0;
}

int ahci_port_exec_internal(struct ahci_port *port, uint8_t command, uint64_t buf_phys,
			    uint32_t len, uint64_t timeout_ns)
{
	struct blk_segment seg = { buf_phys, len };
	uint64_t deadline = time_monotonic_ns() + timeout_ns;
	uint64_t flags = spin_lock_irqsave(&port->lock);
	int slot = ahci_slot_get(port), err;

	if (slot < 0 || !port->running) {
		spin_unlock_irqrestore(&port->lock, flags);
		return -EBUSY;
	}
	port->slot_rq[slot] = NULL;
	port->internal_done = false;
	ahci_build(port, (unsigned)slot, command, 0, 0, false, &seg, len ? 1 : 0);
	ahci_issue(port, (unsigned)slot);
	while (!port->internal_done && time_monotonic_ns() < deadline)
		wait_block_lock(&port->wait, deadline, &port->lock);
	if (port->internal_done) {
		err = port->internal_status;
	} else {
		/* The caller resets the port; the slot is forgotten. */
		port->issued &= ~(1u << slot);
		err = -ETIMEDOUT;
	}
	spin_unlock_irqrestore(&port->lock, flags);
	return err;
}

/*
 * Ends the finished slots: those issued whose PxCI bit is clear, or all
 * of them with -EIO after an error (section 6.2.2: the port then needs a
 * restart, which blk_watchdog does through ops->recover).
 */
void ahci_port_interrupt(struct ahci_port *port)
{
	struct blk_request *done[AHCI_MAX_SLOTS];
	unsigned ndone = 0;
	uint32_t is, finished;
	bool error, wake = false;
	int status;
	uint64_t flags = spin_lock_irqsave(&port->lock);

	is = ahci_port_read(port, AHCI_PxIS);
	ahci_port_write(port, AHCI_PxIS, is);	/* write 1 to clear */
	error = is & AHCI_PxIS_ERRORS;
	if (error) {
		pr_err("ahci %s: port %u error: PxIS %#x PxTFD %#x PxSERR %#x\n",
		       port->disk.name[0] ? port->disk.name : "?", port->index, is,
		       ahci_port_read(port, AHCI_PxTFD), ahci_port_read(port, AHCI_PxSERR));
		/* Stop taking commands until ops->recover restarts the port. */
		port->running = false;
		ahci_port_write(port, AHCI_PxCMD,
				ahci_port_read(port, AHCI_PxCMD) & ~AHCI_PxCMD_ST);
		finished = port->issued;
	} else {
		finished = port->issued & ~ahci_port_read(port, AHCI_PxCI);
	}
	status = error ? -EIO : 0;
	for (unsigned s = 0; s < port->host->nslots; s++) {
		if (!(finished & (1u << s)))
			continue;
		port->issued &= ~(1u << s);
		if (port->slot_rq[s]) {
			port->slot_rq[s]->status = status;
			done[ndone++] = port->slot_rq[s];
			port->slot_rq[s] = NULL;
		} else {
			port->internal_done = true;
			port->internal_status = status;
			wake = true;
		}
	}
	spin_unlock_irqrestore(&port->lock, flags);
	if (wake)
		wake_up_all(&port->wait);
	if (error && port->disk.ops)
		blk_request_recovery(&port->disk);
	for (unsigned i = 0; i < ndone; i++)
		blk_complete(done[i], done[i]->status);
}

void ahci_port_fail_all(struct ahci_port *port, int status)
{
	struct blk_request *done[AHCI_MAX_SLOTS];
	unsigned ndone = 0;
	uint64_t flags = spin_lock_irqsave(&port->lock);

	for (unsigned s = 0; s < port->host->nslots; s++) {
		if (!(port->issued & (1u << s)))
			continue;
		if (port->slot_rq[s])
			done[ndone++] = port->slot_rq[s];
		port->slot_rq[s] = NULL;
	}
	port->issued = 0;
	spin_unlock_irqrestore(&port->lock, flags);
	for (unsigned i = 0; i < ndone; i++)
		blk_complete(done[i], status);
}
