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
/* Returns the next received byte, or -1 if none is waiting. */
int serial_getc(unsigned port);
/* The klog console writing to port n; serial_init must have succeeded. */
struct console *serial_console(unsigned port);

#endif /* DRIVERS_SERIAL_H */
