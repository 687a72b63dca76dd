/*
 * ahci.c: AHCI host bus adapters (Serial ATA AHCI 1.3.1): PCI class
 * 01.06.01 (mass storage, SATA, AHCI). Probe follows section 10.1: the
 * BIOS handoff (10.6) when the HBA offers it, an HBA reset (GHC.HR,
 * 10.4.3) and AHCI mode (GHC.AE), then for each implemented port: stop
 * it (10.1.2), give it its command list and received-FIS area, spin it
 * up (PxCMD.SUD when CAP.SSS), wait for the phy (PxSSTS.DET = 3) and
 * for the device to be ready (PxTFD.BSY and DRQ clear), start it
 * (PxCMD.FRE then ST) and send IDENTIFY DEVICE. Each SATA disk found
 * becomes sdX in the block layer.
 *
 * Interrupts: MSI when the HBA offers it, else shared INTx; the handler
 * reads IS for the ports that raised it (section 5.5.3). Recovery
 * (ops->recover, from blk_watchdog after an error or a timeout): stop
 * the port, fail what it had with -EIO, COMRESET (PxSCTL.DET, 10.4.2),
 * start it again.
 *
 * Locking: see ahci.h. Probe runs in the kmain task and may sleep.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/ata/ahci.h>
#include <mm/mm.h>
#include <time/time.h>
#include <uapi/errno.h>

#define AHCI_ABAR		5	/* BAR 5: the HBA's registers (2.1.11) */
#define AHCI_RESET_TIMEOUT_MS	1000	/* 10.4.3: HR clears within 1 s */
#define AHCI_STOP_TIMEOUT_MS	500	/* 10.1.2: CR and FR clear within 500 ms */
#define AHCI_LINK_TIMEOUT_MS	100	/* phy communication after spin-up */
#define AHCI_READY_TIMEOUT_MS	2000	/* BSY after power-on (ATA: up to 31 s) */
#define AHCI_COMRESET_HOLD_MS	2	/* 10.4.2: DET=1 held at least 1 ms */
#define AHCI_BOH_TIMEOUT_MS	25	/* 10.6.3: BOS clears within 25 ms */
#define AHCI_BOH_BUSY_MS	2000	/* then BB may stay set up to 2 s */
#define AHCI_IDENTIFY_TIMEOUT_NS (5ULL * 1000000000ULL)
#define AHCI_CLASS		0x010601

static unsigned ahci_host_count;	/* kmain only, at probe */

/*
 * Polls reg until (value & mask) == want, sleeping between reads (a
 * sleep lasts up to a tick: the deadline, not a count, bounds the wait).
 */
static int ahci_wait(volatile uint8_t *regs, unsigned reg, uint32_t mask, uint32_t want,
		     unsigned timeout_ms)
{
	uint64_t deadline = time_monotonic_ns() + (uint64_t)timeout_ms * 1000000ULL;

	for (;;) {
		if ((*(volatile uint32_t *)(regs + reg) & mask) == want)
			return 0;
		if (time_monotonic_ns() >= deadline)
			return -ETIMEDOUT;
		msleep(1);
	}
}

int ahci_port_stop(struct ahci_port *port)
{
	uint32_t cmd;
	uint64_t flags = spin_lock_irqsave(&port->lock);
	int err;

	port->running = false;
	cmd = ahci_port_read(port, AHCI_PxCMD);
	ahci_port_write(port, AHCI_PxCMD, cmd & ~AHCI_PxCMD_ST);
	spin_unlock_irqrestore(&port->lock, flags);
	err = ahci_wait(port->regs, AHCI_PxCMD, AHCI_PxCMD_CR, 0, AHCI_STOP_TIMEOUT_MS);
	ahci_port_write(port, AHCI_PxCMD, ahci_port_read(port, AHCI_PxCMD) & ~AHCI_PxCMD_FRE);
	if (!err)
		err = ahci_wait(port->regs, AHCI_PxCMD, AHCI_PxCMD_FR, 0, AHCI_STOP_TIMEOUT_MS);
	return err;
}

/* Waits for the link and a ready device; -ENODEV when nothing is there. */
static int ahci_port_link(struct ahci_port *port)
{
	if (ahci_wait(port->regs, AHCI_PxSSTS, AHCI_PxSSTS_DET_MASK, AHCI_PxSSTS_DET_PRESENT,
		      AHCI_LINK_TIMEOUT_MS))
		return -ENODEV;
	ahci_port_write(port, AHCI_PxSERR, UINT32_MAX);	/* write 1 to clear */
	return ahci_wait(port->regs, AHCI_PxTFD, AHCI_PxTFD_BSY | AHCI_PxTFD_DRQ, 0,
			 AHCI_READY_TIMEOUT_MS);
}

/* Points the port at its command list and FIS area and spins the device up. */
static void ahci_port_power_up(struct ahci_port *port)
{
	ahci_port_write(port, AHCI_PxCLB, (uint32_t)port->mem_phys);
	ahci_port_write(port, AHCI_PxCLBU, (uint32_t)(port->mem_phys >> 32));
	ahci_port_write(port, AHCI_PxFB, (uint32_t)(port->mem_phys + AHCI_FIS_OFF));
	ahci_port_write(port, AHCI_PxFBU, (uint32_t)((port->mem_phys + AHCI_FIS_OFF) >> 32));
	ahci_port_write(port, AHCI_PxCMD, ahci_port_read(port, AHCI_PxCMD) | AHCI_PxCMD_FRE);
	if (ahci_read(port->host, AHCI_CAP) & AHCI_CAP_SSS)
		ahci_port_write(port, AHCI_PxCMD,
				ahci_port_read(port, AHCI_PxCMD) | AHCI_PxCMD_SUD |
				AHCI_PxCMD_POD);
}

/* After the link is up: interrupts on and the command engine started. */
static int ahci_port_run(struct ahci_port *port)
{
	uint64_t flags;
	int err = ahci_port_link(port);

	if (err)
		return err;
	ahci_port_write(port, AHCI_PxIS, UINT32_MAX);
	ahci_port_write(port, AHCI_PxIE, AHCI_PxIE_DEFAULT);
	flags = spin_lock_irqsave(&port->lock);
	ahci_port_write(port, AHCI_PxCMD, ahci_port_read(port, AHCI_PxCMD) | AHCI_PxCMD_ST);
	port->running = true;
	spin_unlock_irqrestore(&port->lock, flags);
	return 0;
}

int ahci_port_start(struct ahci_port *port)
{
	ahci_port_power_up(port);
	return ahci_port_run(port);
}

/* COMRESET, section 10.4.2: DET=1 for at least 1 ms, then 0. */
static void ahci_port_comreset(struct ahci_port *port)
{
	uint32_t sctl = ahci_port_read(port, AHCI_PxSCTL) & ~AHCI_PxSCTL_DET_MASK;

	ahci_port_write(port, AHCI_PxSCTL, sctl | AHCI_PxSCTL_DET_INIT);
	msleep(AHCI_COMRESET_HOLD_MS);
	ahci_port_write(port, AHCI_PxSCTL, sctl);
}

static void ahci_recover(struct gendisk *disk)
{
	struct ahci_port *port = disk->driver_data;
	int err;

	if (ahci_port_stop(port))
		pr_warn("ahci %s: port %u does not stop\n", disk->name, port->index);
	ahci_port_write(port, AHCI_PxSERR, UINT32_MAX);
	ahci_port_write(port, AHCI_PxIS, UINT32_MAX);
	ahci_port_comreset(port);
	/* Only now can no command still move data: its buffers may be freed. */
	ahci_port_fail_all(port, -EIO);
	err = ahci_port_start(port);
	if (err)
		pr_err("ahci %s: port %u does not come back after a reset: error %d\n",
		       disk->name, port->index, err);
	else
		pr_info("ahci %s: port %u reset\n", disk->name, port->index);
}

static const struct gendisk_ops ahci_disk_ops = {
	.submit = ahci_port_submit,
	.recover = ahci_recover,
};

static void ahci_interrupt(struct pci_dev *pdev __unused, unsigned index __unused, void *arg)
{
	struct ahci_host *host = arg;
	uint32_t is = ahci_read(host, AHCI_IS);

	if (!is)
		return;		/* a shared INTx line: another device's */
	for (unsigned i = 0; i < AHCI_MAX_PORTS; i++)
		if ((is & (1u << i)) && host->ports[i])
			ahci_port_interrupt(host->ports[i]);
	/* Section 5.5.3: IS after the ports' PxIS, so no event is lost. */
	ahci_write(host, AHCI_IS, is);
}

/* 10.6.3: takes the HBA from the BIOS when it supports the handoff. */
static void ahci_bios_handoff(struct ahci_host *host)
{
	if (!(ahci_read(host, AHCI_CAP2) & AHCI_CAP2_BOH))
		return;
	ahci_write(host, AHCI_BOHC, ahci_read(host, AHCI_BOHC) | AHCI_BOHC_OOS);
	if (ahci_wait(host->abar, AHCI_BOHC, AHCI_BOHC_BOS, 0, AHCI_BOH_TIMEOUT_MS) ||
	    ahci_wait(host->abar, AHCI_BOHC, AHCI_BOHC_BB, 0, AHCI_BOH_BUSY_MS))
		pr_warn("ahci%u: the BIOS keeps the HBA; going on\n", host->index);
}

static int ahci_hba_reset(struct ahci_host *host)
{
	ahci_write(host, AHCI_GHC, ahci_read(host, AHCI_GHC) | AHCI_GHC_AE);
	ahci_write(host, AHCI_GHC, ahci_read(host, AHCI_GHC) | AHCI_GHC_HR);
	if (ahci_wait(host->abar, AHCI_GHC, AHCI_GHC_HR, 0, AHCI_RESET_TIMEOUT_MS))
		return -ETIMEDOUT;
	/* HR cleared AE on HBAs where it is not fixed: set it again. */
	ahci_write(host, AHCI_GHC, ahci_read(host, AHCI_GHC) | AHCI_GHC_AE);
	return 0;
}

/* Sets up port i; the disk found there joins the block layer. */
/*
 * The first half of a port's probe: its memory, and the device spun up
 * (AHCI 1.3.1 section 10.1.2); every port is powered before any link is
 * waited for, so the wait (up to AHCI_LINK_TIMEOUT_MS) is paid once per
 * HBA, not once per empty port. The port, or NULL.
 */
static struct ahci_port *ahci_port_setup(struct ahci_host *host, unsigned i)
{
	struct ahci_port *port = kzalloc(sizeof(*port));
	int err;

	if (!port)
		return NULL;
	port->host = host;
	port->index = i;
	port->regs = host->abar + AHCI_PORT_BASE + i * AHCI_PORT_SIZE;
	spin_lock_init(&port->lock, "ahci_port.lock");
	wait_queue_init(&port->wait);
	err = ahci_port_stop(port);
	if (!err)
		err = ahci_port_alloc_mem(port);
	if (err) {
		pr_warn("ahci%u: port %u: cannot set up: error %d\n", host->index, i, err);
		return NULL;	/* the port and its memory are left behind */
	}
	host->ports[i] = port;
	ahci_port_power_up(port);
	return port;
}

/* Waits until every powered port of host has a link, or the link timeout. */
static void ahci_wait_links(struct ahci_host *host)
{
	uint64_t deadline = time_monotonic_ns() + AHCI_LINK_TIMEOUT_MS * 1000000ULL;

	for (;;) {
		bool all = true;

		for (unsigned i = 0; i < AHCI_MAX_PORTS; i++) {
			struct ahci_port *port = host->ports[i];

			if (port && (ahci_port_read(port, AHCI_PxSSTS) & AHCI_PxSSTS_DET_MASK) !=
				    AHCI_PxSSTS_DET_PRESENT)
				all = false;
		}
		if (all || time_monotonic_ns() >= deadline)
			return;
		msleep(1);
	}
}

/* The second half: the link's device identified and added as a disk. */
static void ahci_port_probe(struct ahci_host *host, struct ahci_port *port)
{
	unsigned i = port->index;
	uint64_t id_phys = 0;
	uint32_t sig;
	int err;

	/* The link had its time (ahci_wait_links): DET not 3 now is no device. */
	if ((ahci_port_read(port, AHCI_PxSSTS) & AHCI_PxSSTS_DET_MASK) != AHCI_PxSSTS_DET_PRESENT)
		return;		/* no device: the port stays idle */
	err = ahci_port_run(port);
	if (err == -ENODEV)
		return;
	sig = ahci_port_read(port, AHCI_PxSIG);
	if (err || sig != AHCI_SIG_ATA) {
		pr_info("ahci%u: port %u: %s (signature %#x), ignored\n", host->index, i,
			err ? "device not ready" : "not an ATA disk", sig);
		ahci_port_stop(port);
		return;
	}
	id_phys = pmm_alloc_page(GFP_DMA32);
	if (!id_phys)
		return;
	err = ahci_port_exec_internal(port, ATA_CMD_IDENTIFY, id_phys,
				      ATA_IDENTIFY_WORDS * sizeof(uint16_t),
				      AHCI_IDENTIFY_TIMEOUT_NS);
	if (!err)
		err = ata_identify_decode(phys_to_virt(id_phys), &port->ident);
	pmm_free_page(id_phys);
	if (err || !port->ident.lba48) {
		pr_warn("ahci%u: port %u: IDENTIFY DEVICE failed or no 48-bit LBA (error %d)\n",
			host->index, i, err);
		ahci_port_stop(port);
		return;
	}
	port->disk.block_size = port->ident.logical_size;
	port->disk.capacity = port->ident.sectors;
	port->disk.ops = &ahci_disk_ops;
	port->disk.driver_data = port;
	strlcpy(port->disk.model, port->ident.model, sizeof(port->disk.model));
	blk_queue_init(&port->disk);
	pr_info("ahci%u: port %u: ATA disk \"%s\" serial \"%s\", %llu sectors of %u bytes\n",
		host->index, i, port->ident.model, port->ident.serial,
		(unsigned long long)port->ident.sectors, port->ident.logical_size);
	err = genhd_add_disk(&port->disk, GENHD_KIND_SD);
	if (err)
		pr_err("ahci%u: port %u: cannot add the disk: error %d\n", host->index, i, err);
}

static int ahci_probe(struct pci_dev *pdev, const struct pci_device_id *id __unused)
{
	struct ahci_host *host = kzalloc(sizeof(*host));
	uint32_t cap, pi;
	int err;

	if (!host)
		return -ENOMEM;
	host->pdev = pdev;
	host->index = ahci_host_count++;
	pci_enable_device(pdev, true);
	host->abar = pci_bar_map(pdev, AHCI_ABAR);
	if (!host->abar) {
		kfree(host);
		return -ENODEV;
	}
	ahci_bios_handoff(host);
	err = ahci_hba_reset(host);
	if (err) {
		pr_err("ahci%u: HBA reset timed out\n", host->index);
		return err;	/* host stays allocated: its registers are mapped */
	}
	cap = ahci_read(host, AHCI_CAP);
	pi = ahci_read(host, AHCI_PI);
	host->nslots = ((cap >> AHCI_CAP_NCS_SHIFT) & AHCI_CAP_NCS_MASK) + 1;
	pr_info("ahci%u: AHCI %x.%x, %u slots, %u ports, implemented %#x%s\n", host->index,
		ahci_read(host, AHCI_VS) >> 16, (ahci_read(host, AHCI_VS) >> 8) & 0xFF,
		host->nslots, (cap & AHCI_CAP_NP_MASK) + 1, pi,
		cap & AHCI_CAP_S64A ? ", 64-bit" : "");
	err = pci_irq_setup(pdev, 1, ahci_interrupt, host);
	if (err < 0) {
		pr_err("ahci%u: no interrupt: error %d\n", host->index, err);
		return err;
	}
	ahci_write(host, AHCI_IS, UINT32_MAX);
	ahci_write(host, AHCI_GHC, ahci_read(host, AHCI_GHC) | AHCI_GHC_IE);
	for (unsigned i = 0; i < AHCI_MAX_PORTS; i++)
		if (pi & (1u << i))
			ahci_port_setup(host, i);
	ahci_wait_links(host);
	for (unsigned i = 0; i < AHCI_MAX_PORTS; i++)
		if (host->ports[i])
			ahci_port_probe(host, host->ports[i]);
	pdev->driver_data = host;
	return 0;
}

static const struct pci_device_id ahci_ids[] = {
	{ PCI_ANY_ID, PCI_ANY_ID, AHCI_CLASS, 0xFFFFFF },
	{ 0, 0, 0, 0 },
};

struct pci_driver ahci_driver = {
	.name = "ahci",
	.ids = ahci_ids,
	.probe = ahci_probe,
};
