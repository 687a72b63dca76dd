/*
 * kbd_scancode_test.c: kernel/drivers/input/kbd_scancode.c, scan code
 * set 1 to characters: letters, Shift, Caps Lock, Ctrl, Alt, the 0xE0
 * keys' escape sequences, the keypad with and without Num Lock, Pause.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <drivers/input/kbd.h>

static struct kbd_state st;

/* Feeds the bytes and returns everything produced, NUL-terminated. */
static const char *feed(const uint8_t *codes, size_t n)
{
	static char buf[256];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		char seq[KBD_SEQ_MAX];
		size_t k = kbd_scancode_feed(&st, codes[i], seq);

		assert_true(k <= KBD_SEQ_MAX);
		memcpy(buf + len, seq, k);
		len += k;
	}
	buf[len] = '\0';
	return buf;
}

#define FEED(...) feed((const uint8_t[]){ __VA_ARGS__ }, \
		       sizeof((const uint8_t[]){ __VA_ARGS__ }))

static int reset(void **state)
{
	(void)state;
	memset(&st, 0, sizeof(st));
	return 0;
}

static void test_letters_and_digits(void **state)
{
	(void)state;
	/* h e l l o, each press then release */
	assert_string_equal(FEED(0x23, 0xA3, 0x12, 0x92, 0x26, 0xA6, 0x26,
				 0xA6, 0x18, 0x98), "hello");
	assert_string_equal(FEED(0x02, 0x0B, 0x39, 0x1C, 0x0E, 0x0F, 0x01),
			    "10 \r\x7f\t\x1b");
	/* Releases alone produce nothing. */
	assert_string_equal(FEED(0x9E, 0xB0), "");
}

static void test_shift_and_caps(void **state)
{
	(void)state;
	/* LShift down, a 1 /, LShift up, a */
	assert_string_equal(FEED(0x2A, 0x1E, 0x02, 0x35, 0xAA, 0x1E), "A!?a");
	/* Right shift too. */
	assert_string_equal(FEED(0x36, 0x27, 0xB6, 0x27), ":;");
	/* Caps Lock: letters only; Shift inverts it again. */
	assert_string_equal(FEED(0x3A, 0xBA, 0x1E, 0x02, 0x2A, 0x1E, 0xAA),
			    "A1a");
	/* A held Caps Lock repeats its make code: no second toggle. */
	assert_string_equal(FEED(0x3A, 0x3A, 0x3A, 0xBA, 0x1E), "a");
}

static void test_ctrl_and_alt(void **state)
{
	(void)state;
	/* Ctrl-C, Ctrl-[ ; right Ctrl (E0 1D) works the same */
	assert_string_equal(FEED(0x1D, 0x2E, 0x1A, 0x9D), "\x03\x1b");
	assert_string_equal(FEED(0xE0, 0x1D, 0x20, 0xE0, 0x9D, 0x20), "\x04" "d");
	/* Alt-x sends ESC x. */
	assert_string_equal(FEED(0x38, 0x2D, 0xB8, 0x2D), "\x1bxx");
}

static void test_extended_keys(void **state)
{
	(void)state;
	/* Up, Down, Right, Left, Home, End, Delete, Page Up */
	assert_string_equal(FEED(0xE0, 0x48, 0xE0, 0xC8, 0xE0, 0x50, 0xE0, 0x4D,
				 0xE0, 0x4B), "\x1b[A\x1b[B\x1b[C\x1b[D");
	assert_string_equal(FEED(0xE0, 0x47, 0xE0, 0x4F, 0xE0, 0x53, 0xE0, 0x49),
			    "\x1b[H\x1b[F\x1b[3~\x1b[5~");
	/* Keypad Enter and /, and the fake shifts around Insert. */
	assert_string_equal(FEED(0xE0, 0x1C, 0xE0, 0x35, 0xE0, 0x2A, 0xE0, 0x52,
				 0xE0, 0xAA, 0x1E), "\r/\x1b[2~a");
	/* F1 and F12 */
	assert_string_equal(FEED(0x3B, 0x58), "\x1bOP\x1b[24~");
	/* Alt + F12 fits in KBD_SEQ_MAX. */
	assert_string_equal(FEED(0x38, 0x58, 0xB8), "\x1b\x1b[24~");
}

static void test_keypad_and_pause(void **state)
{
	(void)state;
	/* Num Lock off: keypad 8 is Up; on: '8'. - and + are always. */
	assert_string_equal(FEED(0x48, 0x4A, 0x4E), "\x1b[A-+");
	assert_string_equal(FEED(0x45, 0xC5, 0x48, 0x52, 0x53, 0x37), "80.*");
	/* Pause: E1 1D 45 E1 9D C5 produces nothing and eats its bytes. */
	assert_string_equal(FEED(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5, 0x1E), "a");
	/* Unknown codes and controller replies produce nothing. */
	assert_string_equal(FEED(0x7F, 0x5B, 0xFA, 0x00, 0x54), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_letters_and_digits, reset),
		cmocka_unit_test_setup(test_shift_and_caps, reset),
		cmocka_unit_test_setup(test_ctrl_and_alt, reset),
		cmocka_unit_test_setup(test_extended_keys, reset),
		cmocka_unit_test_setup(test_keypad_and_pause, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
