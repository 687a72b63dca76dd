/*
 * ahci.h: the AHCI SATA host bus adapter driver (Serial ATA AHCI 1.3.1)
 * and the ATA commands it sends (ATA8-ACS).
 *
 *   ahci.c        probe, HBA reset, ports, interrupts, recovery
 *   ahci_cmd.c    command slots, FIS and PRDT building, issue, completion
 *   ata_identify.c  decoding IDENTIFY DEVICE data
 *
 * Locking: each port's lock (irqsave: the interrupt handler takes it)
 * guards its slot table (issued, slot_rq), its internal command's state
 * and PxCI/PxCMD writes; it nests inside the disk's queue.lock (the block
 * layer calls submit with that held). The handler collects finished
 * requests under the port lock and completes them after releasing it.
 */
#ifndef DRIVERS_ATA_AHCI_H
#define DRIVERS_ATA_AHCI_H

#include <stdbool.h>
#include <stdint.h>
#include <block/block.h>
#include <drivers/pci/pci.h>
#include <sched/spinlock.h>
#include <sched/wait.h>

#define AHCI_MAX_PORTS		32
#define AHCI_MAX_SLOTS		32
/* A port's page: the command list, then the received-FIS area (4.2.1). */
#define AHCI_CMD_LIST_SIZE	1024	/* 32 headers of 32 bytes, 1 KiB aligned */
#define AHCI_FIS_OFF		AHCI_CMD_LIST_SIZE	/* 256-byte aligned */

/* HBA registers, AHCI 1.3.1 section 3.1. */
#define AHCI_CAP		0x00
#define AHCI_GHC		0x04
#define AHCI_IS			0x08
#define AHCI_PI			0x0C
#define AHCI_VS			0x10
#define AHCI_CAP2		0x24
#define AHCI_BOHC		0x28
#define AHCI_CAP_NP_MASK	0x1F
#define AHCI_CAP_NCS_SHIFT	8
#define AHCI_CAP_NCS_MASK	0x1F
#define AHCI_CAP_SSS		(1u << 27)
#define AHCI_CAP_S64A		(1u << 31)
#define AHCI_GHC_HR		(1u << 0)
#define AHCI_GHC_IE		(1u << 1)
#define AHCI_GHC_AE		(1u << 31)
#define AHCI_CAP2_BOH		(1u << 0)
#define AHCI_BOHC_BOS		(1u << 0)
#define AHCI_BOHC_OOS		(1u << 1)
#define AHCI_BOHC_BB		(1u << 4)

/* Port registers, section 3.3: at 0x100 + port * 0x80. */
#define AHCI_PORT_BASE		0x100
#define AHCI_PORT_SIZE		0x80
#define AHCI_PxCLB		0x00
#define AHCI_PxCLBU		0x04
#define AHCI_PxFB		0x08
#define AHCI_PxFBU		0x0C
#define AHCI_PxIS		0x10
#define AHCI_PxIE		0x14
#define AHCI_PxCMD		0x18
#define AHCI_PxTFD		0x20
#define AHCI_PxSIG		0x24
#define AHCI_PxSSTS		0x28
#define AHCI_PxSCTL		0x2C
#define AHCI_PxSERR		0x30
#define AHCI_PxCI		0x38

#define AHCI_PxCMD_ST		(1u << 0)
#define AHCI_PxCMD_SUD		(1u << 1)
#define AHCI_PxCMD_POD		(1u << 2)
#define AHCI_PxCMD_FRE		(1u << 4)
#define AHCI_PxCMD_FR		(1u << 14)
#define AHCI_PxCMD_CR		(1u << 15)

/* PxIS and PxIE bits, section 3.3.5. */
#define AHCI_PxIS_DHRS		(1u << 0)	/* D2H register FIS */
#define AHCI_PxIS_PSS		(1u << 1)	/* PIO setup FIS */
#define AHCI_PxIS_DSS		(1u << 2)	/* DMA setup FIS */
#define AHCI_PxIS_SDBS		(1u << 3)	/* set device bits FIS */
#define AHCI_PxIS_DPS		(1u << 5)	/* a PRD with I set done */
#define AHCI_PxIS_OFS		(1u << 24)	/* overflow */
#define AHCI_PxIS_INFS		(1u << 26)	/* interface non-fatal */
#define AHCI_PxIS_IFS		(1u << 27)	/* interface fatal */
#define AHCI_PxIS_HBDS		(1u << 28)	/* host bus data error */
#define AHCI_PxIS_HBFS		(1u << 29)	/* host bus fatal */
#define AHCI_PxIS_TFES		(1u << 30)	/* task file error */
#define AHCI_PxIS_ERRORS	(AHCI_PxIS_OFS | AHCI_PxIS_IFS | AHCI_PxIS_HBDS | \
				 AHCI_PxIS_HBFS | AHCI_PxIS_TFES)
#define AHCI_PxIE_DEFAULT	(AHCI_PxIS_DHRS | AHCI_PxIS_PSS | AHCI_PxIS_DSS | \
				 AHCI_PxIS_SDBS | AHCI_PxIS_DPS | AHCI_PxIS_ERRORS)

#define AHCI_PxTFD_ERR		(1u << 0)
#define AHCI_PxTFD_DRQ		(1u << 3)
#define AHCI_PxTFD_BSY		(1u << 7)
#define AHCI_PxSSTS_DET_MASK	0xF
#define AHCI_PxSSTS_DET_PRESENT	0x3	/* device present, phy up */
#define AHCI_PxSCTL_DET_MASK	0xF
#define AHCI_PxSCTL_DET_INIT	0x1	/* COMRESET */
#define AHCI_SIG_ATA		0x00000101	/* section 3.3.9: SATA disk */

/* ATA commands, ATA8-ACS section 7. */
#define ATA_CMD_IDENTIFY	0xEC
#define ATA_CMD_READ_DMA_EXT	0x25
#define ATA_CMD_WRITE_DMA_EXT	0x35
#define ATA_CMD_FLUSH_CACHE_EXT	0xEA
#define ATA_IDENTIFY_WORDS	256

struct ata_identity {
	char model[41];
	char serial[21];
	bool lba48;
	uint64_t sectors;		/* user-addressable logical sectors */
	uint32_t logical_size;		/* bytes */
};

/* Decodes 512 bytes of IDENTIFY DEVICE data (ata_identify.c). 0 or -EINVAL. */
int ata_identify_decode(const uint16_t *id, struct ata_identity *out);

struct ahci_host;

struct ahci_port {
	struct ahci_host *host;
	unsigned index;
	volatile uint8_t *regs;
	uint64_t mem_phys;		/* command list (1 KiB) then received FIS */
	uint64_t ct_phys[AHCI_MAX_SLOTS];	/* command tables */
	/* guards: issued, slot_rq, running, internal_done, internal_status, PxCI */
	struct spinlock lock;
	uint32_t issued;		/* slots given to the HBA */
	struct blk_request *slot_rq[AHCI_MAX_SLOTS];	/* NULL: the internal command */
	bool running;			/* PxCMD.ST set, taking commands */
	struct wait_queue wait;		/* internal commands' waiters */
	bool internal_done;
	int internal_status;
	struct ata_identity ident;
	struct gendisk disk;
};

struct ahci_host {
	struct pci_dev *pdev;
	volatile uint8_t *abar;
	unsigned nslots;
	unsigned index;			/* ahci0, ahci1... for the log */
	struct ahci_port *ports[AHCI_MAX_PORTS];
};

/* ahci_cmd.c */
int ahci_port_alloc_mem(struct ahci_port *port);
int ahci_port_submit(struct gendisk *disk, struct blk_request *rq);
/* Runs one non-queued command (IDENTIFY) and sleeps until it ends. */
int ahci_port_exec_internal(struct ahci_port *port, uint8_t command, uint64_t buf_phys,
			    uint32_t len, uint64_t timeout_ns);
/* The port's part of the interrupt handler. */
void ahci_port_interrupt(struct ahci_port *port);
/* Takes every issued request off the port (for recovery): they get status. */
void ahci_port_fail_all(struct ahci_port *port, int status);

/* ahci.c */
extern struct pci_driver ahci_driver;
int ahci_port_start(struct ahci_port *port);
int ahci_port_stop(struct ahci_port *port);

static inline uint32_t ahci_port_read(const struct ahci_port *p, unsigned reg)
{
	return *(volatile uint32_t *)(p->regs + reg);
}

static inline void ahci_port_write(const struct ahci_port *p, unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(p->regs + reg) = v;
}

static inline uint32_t ahci_read(const struct ahci_host *h, unsigned reg)
{
	return *(volatile uint32_t *)(h->abar + reg);
}

static inline void ahci_write(const struct ahci_host *h, unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(h->abar + reg) = v;
}

#endif /* DRIVERS_ATA_AHCI_H */
