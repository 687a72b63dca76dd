/*
 * The PS/2 keyboard: ps2kbd.c drives the i8042 controller and buffers
 * characters; kbd_scancode.c (pure, host tested) turns scan code set 1
 * bytes into characters and VT100/xterm escape sequences, US layout.
 */
#ifndef DRIVERS_INPUT_KBD_H
#define DRIVERS_INPUT_KBD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest output of one scan code: ESC + "[24~" for F12, or Alt + a key. */
#define KBD_SEQ_MAX		8

/* Translator state: modifiers, locks and a pending prefix. */
struct kbd_state {
	bool e0;		/* the previous byte was the 0xE0 prefix */
	uint8_t e1_skip;	/* bytes of an 0xE1 (Pause) sequence still to drop */
	bool lshift, rshift, lctrl, rctrl, lalt, ralt;
	bool caps_lock, num_lock;
	bool caps_down, num_down;	/* held: typematic repeats do not toggle */
};

/*
 * Feeds one set 1 scan code byte. Writes the characters it produces to
 * out (none for modifiers, releases and prefixes) and returns how many.
 * Enter gives '\r' and Backspace DEL (0x7F), as a serial terminal sends,
 * so both consoles' input looks the same to a future tty layer.
 */
size_t kbd_scancode_feed(struct kbd_state *s, uint8_t code,
			 char out[KBD_SEQ_MAX]);

/*
 * Initialises the i8042 and the keyboard, and routes IRQ 1 through the
 * I/O APIC if it can (else kbd_getc polls). Returns 0 or -ENODEV.
 */
int kbd_init(void);
/* True if the keyboard interrupt is wired (not polling). */
bool kbd_irq_driven(void);
/*
 * Where characters go instead of the buffer (a terminal): fn is called
 * with interrupts off, from the IRQ 1 handler or from kbd_getc when
 * polling. NULL goes back to buffering. Interrupt-safe.
 */
typedef void (*kbd_rx_fn)(void *arg, const char *s, size_t len);
void kbd_set_receiver(kbd_rx_fn fn, void *arg);
/* The next buffered character (0..255), or -EAGAIN if none. */
int kbd_getc(void);

#endif /* DRIVERS_INPUT_KBD_H */
