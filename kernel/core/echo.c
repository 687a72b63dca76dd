/*
 * echo.c: the boot console's echo loop, the kernel's last stop while it
 * has no init. Keyboard characters arrive through IRQ 1 (ps2kbd.c); COM1
 * has no interrupt wired yet, so it is polled on every timer tick.
 */
#include <basalt/echo.h>
#include <basalt/log.h>
#include <asm/cpu.h>
#include <drivers/input/kbd.h>
#include <drivers/serial/serial.h>

#define ECHO_SERIAL_PORT	0
#define ASCII_CR		'\r'
#define ASCII_BS		'\b'
#define ASCII_DEL		0x7F

static void echo_char(int c)
{
	char out[3];
	size_t len = 0;

	/* Terminals send CR for Enter and DEL for Backspace. */
	if (c == ASCII_CR) {
		out[len++] = '\n';
	} else if (c == ASCII_DEL || c == ASCII_BS) {
		out[len++] = ASCII_BS;
		out[len++] = ' ';
		out[len++] = ASCII_BS;
	} else {
		out[len++] = (char)c;
	}
	console_write_all(out, len);
}

__noreturn void console_echo_forever(void)
{
	for (;;) {
		int c;

		while ((c = kbd_getc()) >= 0)
			echo_char(c);
		while ((c = serial_getc(ECHO_SERIAL_PORT)) >= 0)
			echo_char(c);
		/* Sleep until the next interrupt: a key or the 100 Hz tick. */
		cpu_halt();
	}
}
