/*
 * uart16550.c: the PC serial ports, as described in the National
 * Semiconductor PC16550D datasheet (register map, section 8.2).
 *
 * Locking: serial_lock (irqsave: the interrupt handler takes it) guards
 * the receive buffers, the receivers and the receive registers; a
 * receiver (a terminal) is called with it held, so it nests outside the
 * terminal's locks. serial_tx_lock[port] (irqsave) guards a port's
 * transmitter for one piece of output (serial_write): a kernel log line
 * written by one CPU and a terminal's line written by another come out
 * whole, one after the other, not mixed character by character. It is
 * taken inside log_lock (console lines) and inside the terminal's locks,
 * and takes nothing itself.
 */
#include "serial.h"
#include <arch/x86_64/apic/apic.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <basalt/irq.h>
#include <sched/spinlock.h>
#include <time/time.h>
#include <uapi/errno.h>

/* Register offsets from the port base (PC16550D table 2). */
#define UART_THR	0	/* transmit holding (write, DLAB=0) */
#define UART_RBR	0	/* receive buffer (read, DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control (write) */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_SCR	7	/* scratch */

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE_CLEAR 0x07	/* enable FIFOs, clear RX and TX */
#define MCR_DTR_RTS_OUT2 0x0B
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define UART_CLOCK_HZ	115200	/* 1.8432 MHz / 16 */
#define UART_SCRATCH_PROBE 0x5A
/*
 * How long a byte waits for the transmitter before it goes out anyway
 * (and may be lost). A real UART drains at its baud rate; under QEMU the
 * transmitter stays busy while the host end of the line (a pipe a test
 * reads) is not drained, and a loaded host stalls that reader: image-boot
 * lost a prompt's first characters with a bound of about 0.1 s, and once
 * more (CI, -smp 4) with about 1 s counted in reads of LSR, whose speed
 * depends on the host. So the bound is time, read from the TSC once it is
 * calibrated (time_tsc_khz; before, UART_TX_SPIN_EARLY reads of LSR).
 * After one timeout the port counts as stalled and each byte waits only
 * UART_TX_STALLED_MS until one gets through in time again: a line nobody
 * drains (a panic on a machine whose console is unplugged) costs
 * milliseconds per byte, not seconds.
 */
#define UART_TX_WAIT_MS		10000
#define UART_TX_STALLED_MS	10
#define UART_TX_SPIN_EARLY	1000000
/*
 * How long serial_write tries for the transmitter before writing anyway:
 * far longer than any holder keeps it (a line), so giving up only
 * happens when the holder will never let go (a CPU a panic stopped).
 */
#define UART_TX_LOCK_TRIES 10000000u
/* The longest piece a terminal writes in one hold (up to a newline). */
#define UART_TX_CHUNK_MAX 256
#define IER_RX_DATA	0x01	/* interrupt when received data is available */
/* Bytes the handler drains per interrupt (the FIFO holds 16). */
#define UART_RX_DRAIN_MAX 64
#define SERIAL_RX_RING	256	/* a power of two */

static const uint16_t serial_io_base[SERIAL_PORTS] = { 0x3F8, 0x2F8, 0x3E8, 0x2E8 };
/* The ISA IRQ of each port (the PC/AT convention). */
static const uint8_t serial_isa_irq[SERIAL_PORTS] = { 4, 3, 4, 3 };
#define SERIAL_IRQ_LINES	2	/* IRQ 3 and 4 */
static bool serial_is_present[SERIAL_PORTS];
/* A byte timed out and none has gone out in time since (atomic). */
static bool serial_tx_stalled[SERIAL_PORTS];
static struct spinlock serial_tx_lock[SERIAL_PORTS] = {
	SPINLOCK_INIT("serial_tx_lock"), SPINLOCK_INIT("serial_tx_lock"),
	SPINLOCK_INIT("serial_tx_lock"), SPINLOCK_INIT("serial_tx_lock"),
};

struct serial_rx {
	bool irq;			/* receiving by interrupt */
	serial_rx_fn fn;		/* where bytes go, or NULL: the ring */
	void *arg;
	uint8_t ring[SERIAL_RX_RING];
	unsigned head, tail;		/* free-running */
};

static struct spinlock serial_lock = SPINLOCK_INIT("serial_lock");
static struct serial_rx serial_rx[SERIAL_PORTS];
static bool serial_line_wired[SERIAL_IRQ_LINES];	/* index irq - 3 */

bool serial_init(unsigned port, uint32_t baud)
{
	uint16_t base;
	uint16_t divisor;

	if (port >= SERIAL_PORTS || baud == 0 || baud > UART_CLOCK_HZ)
		return false;
	base = serial_io_base[port];

	/* The scratch register reads back what was written on a real UART. */
	outb(base + UART_SCR, UART_SCRATCH_PROBE);
	if (inb(base + UART_SCR) != UART_SCRATCH_PROBE)
		return false;

	divisor = (uint16_t)(UART_CLOCK_HZ / baud);
	outb(base + UART_IER, 0);
	outb(base + UART_LCR, LCR_DLAB);
	outb(base + UART_DLL, divisor & 0xFF);
	outb(base + UART_DLM, divisor >> 8);
	outb(base + UART_LCR, LCR_8N1);
	outb(base + UART_FCR, FCR_ENABLE_CLEAR);
	outb(base + UART_MCR, MCR_DTR_RTS_OUT2);
	serial_is_present[port] = true;
	return true;
}

/* Whether the transmitter of port took a byte within the bound above. */
static bool serial_tx_wait(unsigned port)
{
	uint16_t lsr = serial_io_base[port] + UART_LSR;
	uint64_t khz = time_tsc_khz(), start, limit_ms;

	if (inb(lsr) & LSR_THR_EMPTY)
		return true;
	if (!khz) {
		for (int i = 0; i < UART_TX_SPIN_EARLY; i++)
			if (inb(lsr) & LSR_THR_EMPTY)
				return true;
		return false;
	}
	limit_ms = __atomic_load_n(&serial_tx_stalled[port], __ATOMIC_RELAXED) ?
		   UART_TX_STALLED_MS : UART_TX_WAIT_MS;
	start = cpu_rdtsc();
	while (cpu_rdtsc() - start < khz * limit_ms)
		if (inb(lsr) & LSR_THR_EMPTY)
			return true;
	return false;
}

void serial_putc(unsigned port, char c)
{
	bool ready;

	if (port >= SERIAL_PORTS || !serial_is_present[port])
		return;
	/* Bounded wait: a stuck UART must not hang the kernel log. */
	ready = serial_tx_wait(port);
	__atomic_store_n(&serial_tx_stalled[port], !ready, __ATOMIC_RELAXED);
	outb(serial_io_base[port] + UART_THR, (uint8_t)c);
}

/* The transmitter of port, for one piece of output: whether it was taken. */
static bool serial_tx_begin(unsigned port, uint64_t *flags)
{
	*flags = cpu_irq_save();
	for (unsigned i = 0; i < UART_TX_LOCK_TRIES; i++) {
		if (spin_trylock(&serial_tx_lock[port]))
			return true;
		cpu_pause();
	}
	return false;
}

static void serial_tx_end(unsigned port, bool locked, uint64_t flags)
{
	if (locked)
		spin_unlock(&serial_tx_lock[port]);
	cpu_irq_restore(flags);
}

/* len bytes of s in one hold of the transmitter; "\n" as "\r\n" if crlf. */
static void serial_write_piece(unsigned port, const char *s, size_t len, bool crlf)
{
	uint64_t flags;
	bool locked = serial_tx_begin(port, &flags);

	for (size_t i = 0; i < len; i++) {
		if (crlf && s[i] == '\n')
			serial_putc(port, '\r');
		serial_putc(port, s[i]);
	}
	serial_tx_end(port, locked, flags);
}

void serial_write(unsigned port, const char *s, size_t len, bool crlf)
{
	/* Pieces up to a newline, or UART_TX_CHUNK_MAX: lines stay whole. */
	while (len) {
		size_t n = 0;

		while (n < len && n < UART_TX_CHUNK_MAX && s[n++] != '\n')
			;
		serial_write_piece(port, s, n, crlf);
		s += n;
		len -= n;
	}
}

int serial_getc(unsigned port)
{
	struct serial_rx *rx;
	uint16_t base;
	uint64_t flags;
	int c = -1;

	if (port >= SERIAL_PORTS || !serial_is_present[port])
		return -1;
	rx = &serial_rx[port];
	if (rx->irq) {
		flags = spin_lock_irqsave(&serial_lock);
		if (rx->head != rx->tail)
			c = rx->ring[rx->tail++ % SERIAL_RX_RING];
		spin_unlock_irqrestore(&serial_lock, flags);
		return c;
	}
	base = serial_io_base[port];
	if (!(inb(base + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(base + UART_RBR);
}

bool serial_present(unsigned port)
{
	return port < SERIAL_PORTS && serial_is_present[port];
}

/* serial_lock held: takes what the UART received. */
static void serial_drain(unsigned port)
{
	struct serial_rx *rx = &serial_rx[port];
	uint16_t base = serial_io_base[port];

	for (int i = 0; i < UART_RX_DRAIN_MAX &&
	     (inb(base + UART_LSR) & LSR_DATA_READY); i++) {
		uint8_t c = inb(base + UART_RBR);

		if (rx->fn)
			rx->fn(rx->arg, c);
		else if (rx->head - rx->tail < SERIAL_RX_RING)
			rx->ring[rx->head++ % SERIAL_RX_RING] = c;
	}
}

/* IRQ 3 or 4: every port on the line may have data (they share it). */
static void serial_interrupt(unsigned vector, void *arg __unused)
{
	unsigned irq = vector - IRQ_VECTOR_BASE;

	spin_lock(&serial_lock);	/* interrupts are off in the handler */
	for (unsigned port = 0; port < SERIAL_PORTS; port++)
		if (serial_isa_irq[port] == irq && serial_rx[port].irq)
			serial_drain(port);
	spin_unlock(&serial_lock);
	lapic_eoi();
}

int serial_enable_irq(unsigned port)
{
	unsigned irq, line;
	uint64_t flags;

	if (!serial_present(port) || !lapic_available())
		return -ENODEV;
	if (serial_rx[port].irq)
		return 0;
	irq = serial_isa_irq[port];
	line = irq - serial_isa_irq[1];
	if (!serial_line_wired[line]) {
		int err = irq_set_handler(IRQ_VECTOR_BASE + irq, serial_interrupt, NULL);

		if (err)
			return err;
		if (ioapic_route_isa_irq(irq)) {
			irq_clear_handler(IRQ_VECTOR_BASE + irq);
			return -ENODEV;
		}
		serial_line_wired[line] = true;
	}
	flags = spin_lock_irqsave(&serial_lock);
	serial_rx[port].irq = true;
	outb(serial_io_base[port] + UART_IER, IER_RX_DATA);
	/* Bytes that came before would not raise a new interrupt. */
	serial_drain(port);
	spin_unlock_irqrestore(&serial_lock, flags);
	return 0;
}

bool serial_irq_enabled(unsigned port)
{
	return port < SERIAL_PORTS && serial_rx[port].irq;
}

void serial_set_receiver(unsigned port, serial_rx_fn fn, void *arg)
{
	uint64_t flags;

	if (port >= SERIAL_PORTS)
		return;
	flags = spin_lock_irqsave(&serial_lock);
	serial_rx[port].fn = fn;
	serial_rx[port].arg = arg;
	spin_unlock_irqrestore(&serial_lock, flags);
}

struct serial_console {
	struct console con;
	unsigned port;
};

static void serial_console_write(struct console *con, const char *s, size_t len)
{
	struct serial_console *sc = container_of(con, struct serial_console, con);

	if (sc->port < SERIAL_PORTS && serial_is_present[sc->port])
		serial_write(sc->port, s, len, true);
}

static struct serial_console serial_consoles[SERIAL_PORTS] = {
	{ { "ttyS0", serial_console_write, NULL }, 0 },
	{ { "ttyS1", serial_console_write, NULL }, 1 },
	{ { "ttyS2", serial_console_write, NULL }, 2 },
	{ { "ttyS3", serial_console_write, NULL }, 3 },
};

struct console *serial_console(unsigned port)
{
	if (port >= SERIAL_PORTS || !serial_is_present[port])
		return NULL;
	return &serial_consoles[port].con;
}
