/*
 * uart16550.c: the PC serial ports, as described in the National
 * Semiconductor PC16550D datasheet (register map, section 8.2).
 */
#include "serial.h"
#include <asm/io.h>

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
#define UART_TX_SPIN_MAX 100000

static const uint16_t serial_io_base[SERIAL_PORTS] = { 0x3F8, 0x2F8, 0x3E8, 0x2E8 };
static bool serial_present[SERIAL_PORTS];

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
	serial_present[port] = true;
	return true;
}

void serial_putc(unsigned port, char c)
{
	uint16_t base;

	if (port >= SERIAL_PORTS || !serial_present[port])
		return;
	base = serial_io_base[port];
	/* Bounded wait: a stuck UART must not hang the kernel log. */
	for (int i = 0; i < UART_TX_SPIN_MAX; i++)
		if (inb(base + UART_LSR) & LSR_THR_EMPTY)
			break;
	outb(base + UART_THR, (uint8_t)c);
}

int serial_getc(unsigned port)
{
	uint16_t base;

	if (port >= SERIAL_PORTS || !serial_present[port])
		return -1;
	base = serial_io_base[port];
	if (!(inb(base + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(base + UART_RBR);
}

struct serial_console {
	struct console con;
	unsigned port;
};

static void serial_console_write(struct console *con, const char *s, size_t len)
{
	struct serial_console *sc = container_of(con, struct serial_console, con);

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc(sc->port, '\r');
		serial_putc(sc->port, s[i]);
	}
}

static struct serial_console serial_consoles[SERIAL_PORTS] = {
	{ { "ttyS0", serial_console_write, NULL }, 0 },
	{ { "ttyS1", serial_console_write, NULL }, 1 },
	{ { "ttyS2", serial_console_write, NULL }, 2 },
	{ { "ttyS3", serial_console_write, NULL }, 3 },
};

struct console *serial_console(unsigned port)
{
	if (port >= SERIAL_PORTS || !serial_present[port])
		return NULL;
	return &serial_consoles[port].con;
}
