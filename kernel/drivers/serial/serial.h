/* 16550 UART driver (kernel/drivers/serial/uart16550.c). */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/log.h>

#define SERIAL_PORTS	4	/* ttyS0..ttyS3 */

/* Programs port n (0 = COM1) for 8N1 at baud; false if no UART answers. */
bool serial_init(unsigned port, uint32_t baud);
void serial_putc(unsigned port, char c);
/*
 * len bytes out of port, "\n" as "\r\n" if crlf, each line (or 256
 * bytes) in one hold of the port's transmitter: what another CPU writes
 * to the same port comes before or after it, never inside.
 */
void serial_write(unsigned port, const char *s, size_t len, bool crlf);
/* Returns the next received byte, or -1 if none is waiting. */
int serial_getc(unsigned port);
/*
 * Receiving by interrupt (IRQ 4 for COM1/COM3, IRQ 3 for COM2/COM4
 * through the I/O APIC): after serial_enable_irq, received bytes go to
 * the receiver if one is set (from the interrupt handler, interrupts
 * off), otherwise into a small buffer that serial_getc drains. Without
 * the interrupt, serial_getc reads the UART directly. 0, -ENODEV (no
 * such UART or no I/O APIC) or -EBUSY.
 */
typedef void (*serial_rx_fn)(void *arg, uint8_t c);
int serial_enable_irq(unsigned port);
bool serial_irq_enabled(unsigned port);
void serial_set_receiver(unsigned port, serial_rx_fn fn, void *arg);
/* Whether port n's UART answered serial_init. */
bool serial_present(unsigned port);

/* The klog console writing to port n; serial_init must have succeeded. */
struct console *serial_console(unsigned port);

#endif /* DRIVERS_SERIAL_H */
