/*
 * ega_test.c: kernel/drivers/video/ega.c, fbcon's EGA text backend, on a
 * text screen in host memory: characters in code page 437, attributes in
 * VGA colour order, scrolling and the block cursor.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <drivers/video/video.h>
#include <uapi/errno.h>

#define COLS		80
#define ROWS		25
#define STRIDE		(COLS + 4)	/* cells: rows padded on purpose */
#define PAD_MARK	0xdead

/* VGA attributes: background << 4 | foreground, VGA colour numbers. */
#define ATTR_DEFAULT	0x07		/* light grey on black */
#define ATTR_BLANK	0x00		/* erased: black on black */
#define ATTR_CURSOR	0x77		/* a blank cell, inverted */
#define VGA_BLUE	1
#define VGA_RED		4
#define VGA_BRIGHT_GREEN 10

static uint16_t *screen;
static struct ega_text ega;
static struct fbcon fc;

static int setup(void **state)
{
	(void)state;
	screen = malloc(STRIDE * ROWS * sizeof(*screen));
	for (size_t i = 0; i < STRIDE * ROWS; i++)
		screen[i] = PAD_MARK;
	assert_int_equal(ega_init(&ega, screen, COLS, ROWS, STRIDE * 2), 0);
	assert_int_equal(ega_console_init(&fc, "tty0", &ega), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(screen);
	return 0;
}

static void out(const char *s)
{
	fbcon_write(&fc, s, strlen(s));
}

static uint8_t ch_at(uint32_t col, uint32_t row)
{
	return (uint8_t)screen[row * STRIDE + col];
}

static uint8_t attr_at(uint32_t col, uint32_t row)
{
	return (uint8_t)(screen[row * STRIDE + col] >> 8);
}

static void test_clear_and_cursor(void **state)
{
	(void)state;
	assert_int_equal(fc.cols, COLS);
	assert_int_equal(fc.rows, ROWS);
	assert_int_equal(ch_at(5, 5), ' ');
	assert_int_equal(attr_at(5, 5), ATTR_BLANK);
	assert_int_equal(attr_at(0, 0), ATTR_CURSOR);
	/* The padding after each row is not the screen's. */
	assert_int_equal(screen[COLS], PAD_MARK);
	assert_int_equal(screen[ROWS * STRIDE - 1], PAD_MARK);
}

static void test_text_and_colors(void **state)
{
	(void)state;
	out("Hi\x1b[31;44mR\x1b[1;32mG\x1b[0m");
	assert_int_equal(ch_at(0, 0), 'H');
	assert_int_equal(ch_at(1, 0), 'i');
	assert_int_equal(attr_at(0, 0), ATTR_DEFAULT);
	assert_int_equal(ch_at(2, 0), 'R');
	assert_int_equal(attr_at(2, 0), VGA_BLUE << 4 | VGA_RED);
	assert_int_equal(attr_at(3, 0), VGA_BLUE << 4 | VGA_BRIGHT_GREEN);
	/* The cursor moved on to (4, 0). */
	assert_int_equal(attr_at(4, 0), ATTR_CURSOR);
	/* Bright backgrounds would blink: they show dark instead. */
	out("\x1b[104mB");
	assert_int_equal(attr_at(4, 0), VGA_BLUE << 4 | 0x07);
}

static void test_code_page_437(void **state)
{
	(void)state;
	out("\xc3\xa9\xe2\x94\x80\xe4\xb8\x80\xc2\xb0");
	assert_int_equal(ch_at(0, 0), 0x82);	/* U+00E9 */
	assert_int_equal(ch_at(1, 0), 0xc4);	/* U+2500 box drawing */
	assert_int_equal(ch_at(2, 0), '?');	/* U+4E00: not in CP437 */
	assert_int_equal(ch_at(3, 0), 0xf8);	/* U+00B0 degree */
	assert_int_equal(ega_char('~'), '~');
	assert_int_equal(ega_char(0x1b), '?');
	assert_int_equal(ega_char(0xa0), 0xff);
}

static void test_scroll_and_erase(void **state)
{
	(void)state;
	for (int i = 0; i < ROWS; i++) {
		char line[8];

		line[0] = (char)('a' + i);
		line[1] = '\n';
		line[2] = '\0';
		out(line);
	}
	/* 25 lines and a final \n: "a" scrolled off, "b" is on top. */
	assert_int_equal(ch_at(0, 0), 'b');
	assert_int_equal(ch_at(0, ROWS - 2), 'a' + ROWS - 1);
	assert_int_equal(ch_at(0, ROWS - 1), ' ');
	assert_int_equal(screen[COLS], PAD_MARK);
	out("\x1b[H\x1b[41m\x1b[2J");
	assert_int_equal(ch_at(0, 0), ' ');
	assert_int_equal(attr_at(COLS - 1, ROWS - 1), VGA_RED << 4 | VGA_RED);
	assert_int_equal(screen[ROWS * STRIDE - 1], PAD_MARK);
}

static void test_init_rejects(void **state)
{
	struct ega_text e;
	uint16_t cell;

	(void)state;
	assert_int_equal(ega_init(&e, NULL, COLS, ROWS, COLS * 2), -EINVAL);
	assert_int_equal(ega_init(&e, &cell, 0, ROWS, COLS * 2), -EINVAL);
	assert_int_equal(ega_init(&e, &cell, COLS, 0, COLS * 2), -EINVAL);
	assert_int_equal(ega_init(&e, &cell, COLS, ROWS, COLS * 2 - 2), -EINVAL);
	assert_int_equal(ega_init(&e, &cell, COLS, ROWS, COLS * 2 + 1), -EINVAL);
	assert_int_equal(ega_init(&e, &cell, 100000, ROWS, 200000), -EINVAL);
}

#define EGA_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		EGA_TEST(test_clear_and_cursor),
		EGA_TEST(test_text_and_colors),
		EGA_TEST(test_code_page_437),
		EGA_TEST(test_scroll_and_erase),
		EGA_TEST(test_init_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
