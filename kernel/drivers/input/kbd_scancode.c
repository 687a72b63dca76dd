/*
 * kbd_scancode.c: IBM PC scan code set 1 (what the i8042 produces with
 * translation on) to characters, US layout. A byte below 0x80 is a make
 * (press) code, the same | 0x80 its break (release); 0xE0 prefixes the
 * extended keys (arrows, right Ctrl/Alt, keypad Enter and /), and 0xE1
 * starts the 6-byte Pause sequence. Arrows and editing keys produce the
 * escape sequences of an xterm/VT220 (ECMA-48 CSI sequences).
 */
#include <drivers/input/kbd.h>
#include <basalt/compiler.h>
#include <basalt/string.h>

#define SC_PREFIX_E0		0xE0
#define SC_PREFIX_E1		0xE1
#define SC_E1_LEN		5	/* bytes after 0xE1: 1D 45 E1 9D C5 */
#define SC_BREAK		0x80
#define SC_CODE_MASK		0x7F

/* Make codes of the keys handled by state, not by the tables. */
#define SC_LCTRL		0x1D	/* E0 1D: right Ctrl */
#define SC_LSHIFT		0x2A	/* E0 2A: "fake shift", ignored */
#define SC_RSHIFT		0x36
#define SC_LALT			0x38	/* E0 38: right Alt */
#define SC_CAPS_LOCK		0x3A
#define SC_NUM_LOCK		0x45
#define SC_KP_FIRST		0x47	/* keypad 7 */
#define SC_KP_LAST		0x53	/* keypad . */
#define SC_KP_MINUS		0x4A	/* the same with or without Num Lock */
#define SC_KP_PLUS		0x4E
#define SC_KP_ENTER		0x1C	/* with E0 */
#define SC_KP_SLASH		0x35	/* with E0 */

#define ASCII_ESC		0x1B
#define ASCII_DEL		0x7F
#define ASCII_CTRL_MASK		0x1F	/* Ctrl clears bits 5 and 6 */

/* The plain and shifted characters of each make code (0: none). */
static const char sc_plain[] = {
	[0x01] = ASCII_ESC, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0',
	'-', '=', ASCII_DEL, '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0,
	'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\',
	'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
	[0x4A] = '-', [0x4E] = '+',
};

static const char sc_shift[] = {
	[0x01] = ASCII_ESC, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')',
	'_', '+', ASCII_DEL, '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0,
	'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|',
	'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
	[0x4A] = '-', [0x4E] = '+',
};

/* Keypad with Num Lock on, from keypad 7 (0x47) to keypad . (0x53). */
static const char sc_keypad_num[SC_KP_LAST - SC_KP_FIRST + 1] = {
	'7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.',
};

/*
 * Escape sequences of the editing keys: the 0xE0 codes, and the keypad
 * with Num Lock off (the same make codes). xterm's defaults.
 */
static const char *const sc_nav[] = {
	[0x47] = "\x1b[H",	/* Home */
	[0x48] = "\x1b[A",	/* Up */
	[0x49] = "\x1b[5~",	/* Page Up */
	[0x4B] = "\x1b[D",	/* Left */
	[0x4D] = "\x1b[C",	/* Right */
	[0x4F] = "\x1b[F",	/* End */
	[0x50] = "\x1b[B",	/* Down */
	[0x51] = "\x1b[6~",	/* Page Down */
	[0x52] = "\x1b[2~",	/* Insert */
	[0x53] = "\x1b[3~",	/* Delete */
};

/* F1..F10 are 0x3B..0x44, F11 and F12 0x57 and 0x58. */
static const char *const sc_fkeys[] = {
	[0x3B] = "\x1bOP", "\x1bOQ", "\x1bOR", "\x1bOS", "\x1b[15~",
	"\x1b[17~", "\x1b[18~", "\x1b[19~", "\x1b[20~", "\x1b[21~",
	[0x57] = "\x1b[23~", "\x1b[24~",
};

static size_t kbd_put_seq(const char *seq, char *out, size_t room)
{
	size_t n = strnlen(seq, room);

	memcpy(out, seq, n);
	return n;
}

/* Modifier and lock keys: update the state, produce nothing. */
static bool kbd_modifier(struct kbd_state *s, uint8_t code, bool make, bool e0)
{
	switch (code) {
	case SC_LSHIFT:
		if (!e0)
			s->lshift = make;
		return true;	/* E0 2A is a fake shift: drop it */
	case SC_RSHIFT:
		if (!e0)
			s->rshift = make;
		return true;
	case SC_LCTRL:
		*(e0 ? &s->rctrl : &s->lctrl) = make;
		return true;
	case SC_LALT:
		*(e0 ? &s->ralt : &s->lalt) = make;
		return true;
	case SC_CAPS_LOCK:
		if (make && !s->caps_down)
			s->caps_lock = !s->caps_lock;
		s->caps_down = make;
		return true;
	case SC_NUM_LOCK:
		if (e0)
			return false;
		if (make && !s->num_down)
			s->num_lock = !s->num_lock;
		s->num_down = make;
		return true;
	}
	return false;
}

static char kbd_plain_char(const struct kbd_state *s, uint8_t code)
{
	bool shift = s->lshift || s->rshift;
	char c;

	if (code >= ARRAY_SIZE(sc_plain))
		return 0;
	c = shift ? sc_shift[code] : sc_plain[code];
	/* Caps Lock inverts Shift for letters only. */
	if (s->caps_lock && c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	else if (s->caps_lock && c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if ((s->lctrl || s->rctrl) && c >= '@' && c <= 'z' &&
	    !(c > '_' && c < 'a'))
		c &= ASCII_CTRL_MASK;
	return c;
}

size_t kbd_scancode_feed(struct kbd_state *s, uint8_t byte,
			 char out[KBD_SEQ_MAX])
{
	uint8_t code = byte & SC_CODE_MASK;
	bool make = !(byte & SC_BREAK), e0 = s->e0;
	const char *seq = NULL;
	size_t n = 0;
	char c = 0;

	if (s->e1_skip) {
		s->e1_skip--;
		return 0;
	}
	if (byte == SC_PREFIX_E0) {
		s->e0 = true;
		return 0;
	}
	if (byte == SC_PREFIX_E1) {
		s->e1_skip = SC_E1_LEN;
		return 0;
	}
	s->e0 = false;
	if (kbd_modifier(s, code, make, e0) || !make)
		return 0;

	if (e0) {
		if (code == SC_KP_ENTER)
			c = '\r';
		else if (code == SC_KP_SLASH)
			c = '/';
		else if (code < ARRAY_SIZE(sc_nav))
			seq = sc_nav[code];
	} else if (code >= SC_KP_FIRST && code <= SC_KP_LAST &&
		   code != SC_KP_MINUS && code != SC_KP_PLUS) {
		if (s->num_lock)
			c = sc_keypad_num[code - SC_KP_FIRST];
		else
			seq = sc_nav[code];
	} else if (code < ARRAY_SIZE(sc_fkeys) && sc_fkeys[code]) {
		seq = sc_fkeys[code];
	} else {
		c = kbd_plain_char(s, code);
	}
	if (!seq && !c)
		return 0;
	/* Alt sends ESC before the key, as xterm's metaSendsEscape. */
	if (s->lalt || s->ralt)
		out[n++] = ASCII_ESC;
	if (seq)
		return n + kbd_put_seq(seq, out + n, KBD_SEQ_MAX - n);
	out[n++] = c;
	return n;
}
