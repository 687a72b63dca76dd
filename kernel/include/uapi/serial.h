/*
 * The serial and virtual terminal queries of the Linux x86_64 ABI that
 * programs use to find out which terminal they are on (BusyBox
 * cttyhack, ioctl_tty(2), ioctl_console(2)).
 */
#ifndef UAPI_SERIAL_H
#define UAPI_SERIAL_H

#include <stdint.h>

#define TIOCGSERIAL	0x541E
#define VT_GETSTATE	0x5603

#define PORT_16550A	4		/* serial_struct.type of a 16550A UART */

/* struct serial_struct (72 bytes on x86_64). */
struct serial_struct {
	int32_t type;
	int32_t line;			/* n of /dev/ttySn */
	uint32_t port;			/* I/O port base */
	int32_t irq;
	int32_t flags;
	int32_t xmit_fifo_size;
	int32_t custom_divisor;
	int32_t baud_base;
	uint16_t close_delay;
	char io_type;
	char reserved_char[1];
	int32_t hub6;
	uint16_t closing_wait;
	uint16_t closing_wait2;
	uint64_t iomem_base;
	uint16_t iomem_reg_shift;
	uint32_t port_high;
	uint64_t iomap_base;
};
_Static_assert(sizeof(struct serial_struct) == 72, "serial_struct is 72 bytes");

/* VT_GETSTATE: the active console and a bit per open one. */
struct vt_stat {
	uint16_t v_active;
	uint16_t v_signal;
	uint16_t v_state;
};

#endif /* UAPI_SERIAL_H */
