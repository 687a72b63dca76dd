/*
 * fbcon_test.c: kernel/drivers/video/fbcon.c and fb.c on a framebuffer in
 * host memory. A test font makes each cell readable back from pixels:
 * glyph n has the bits of n in its row 0, row 1 all foreground and row 2
 * all background, so a cell's character and colours are decoded from
 * the screen itself, with no help from fbcon's state.
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

#define GW		8		/* glyph width and height */
#define GH		8
#define COLS		10
#define ROWS		4
#define MARGIN_X	3		/* pixels right of the last column */
#define MARGIN_Y	5		/* pixels below the last row */
#define WIDTH		(COLS * GW + MARGIN_X)
#define HEIGHT		(ROWS * GH + MARGIN_Y)
#define PITCH_PAD	12		/* bytes after each scan line */
#define FONT_HDR	32
#define FONT_SIZE	(FONT_HDR + 256 * GH)

/* The palette fbcon uses (VGA order), as 0xRRGGBB. */
#define BLACK		0x000000
#define RED		0xaa0000
#define GREEN		0x00aa00
#define BLUE		0x0000aa
#define GREY		0xaaaaaa
#define BRIGHT_GREEN	0x55ff55
#define BRIGHT_RED	0xff5555
#define BRIGHT_CYAN	0x55ffff
#define WHITE		0xffffff
#define MARGIN_MARK	0x123456

static uint8_t font_blob[FONT_SIZE];
static struct psf_font font;
static struct boot_framebuffer info;
static struct fb fb;
static struct fbcon fc;
static uint8_t *pixels;

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void make_font(void)
{
	memset(font_blob, 0, sizeof(font_blob));
	put32(font_blob, 0x864ab572);
	put32(font_blob + 8, FONT_HDR);
	put32(font_blob + 16, 256);
	put32(font_blob + 20, GH);
	put32(font_blob + 24, GH);
	put32(font_blob + 28, GW);
	for (int g = 0; g < 256; g++) {
		font_blob[FONT_HDR + g * GH] = (uint8_t)g;
		font_blob[FONT_HDR + g * GH + 1] = 0xff;
	}
	assert_int_equal(psf_parse(&font, font_blob, sizeof(font_blob)), 0);
}

/* A 32 bpp x8r8g8b8 screen, the layout GRUB gives under QEMU. */
static int setup(void **state)
{
	(void)state;
	make_font();
	memset(&info, 0, sizeof(info));
	info.present = true;
	info.width = WIDTH;
	info.height = HEIGHT;
	info.bpp = 32;
	info.pitch = WIDTH * 4 + PITCH_PAD;
	info.red_pos = 16;
	info.red_size = 8;
	info.green_pos = 8;
	info.green_size = 8;
	info.blue_pos = 0;
	info.blue_size = 8;
	pixels = malloc((size_t)info.pitch * HEIGHT);
	assert_int_equal(fb_init(&fb, &info, pixels), 0);
	assert_int_equal(fbcon_init(&fc, "tty0", &fb, &font), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(pixels);
	return 0;
}

static void out(const char *s)
{
	fbcon_write(&fc, s, strlen(s));
}

static uint32_t rgb_at(uint32_t x, uint32_t y)
{
	uint32_t p = fb_get_pixel(&fb, x, y);

	return p & 0xffffff;
}

/* The character in a cell, '.' for an erased one (all background). */
static char cell_char(uint32_t col, uint32_t row)
{
	uint32_t x = col * GW, y = row * GH;
	uint32_t fg = rgb_at(x, y + 1), bg = rgb_at(x, y + 2);
	uint8_t bits = 0;

	if (fg == bg)
		return '.';
	for (int i = 0; i < GW; i++) {
		uint32_t p = rgb_at(x + (uint32_t)i, y);

		assert_true(p == fg || p == bg);
		if (p == fg)
			bits |= (uint8_t)(0x80 >> i);
	}
	return (char)bits;
}

static uint32_t cell_fg(uint32_t col, uint32_t row)
{
	return rgb_at(col * GW, row * GH + 1);
}

static uint32_t cell_bg(uint32_t col, uint32_t row)
{
	return rgb_at(col * GW, row * GH + 2);
}

static const char *row_text(uint32_t row)
{
	static char text[COLS + 1];

	for (uint32_t c = 0; c < COLS; c++)
		text[c] = cell_char(c, row);
	text[COLS] = '\0';
	return text;
}

static void assert_cursor(uint32_t col, uint32_t row)
{
	assert_int_equal(fc.col, col);
	assert_int_equal(fc.row, row);
}

static void test_init(void **state)
{
	(void)state;
	assert_int_equal(fc.cols, COLS);
	assert_int_equal(fc.rows, ROWS);
	assert_string_equal(fc.con.name, "tty0");
	for (uint32_t r = 0; r < ROWS; r++)
		assert_string_equal(row_text(r), "..........");
	assert_cursor(0, 0);
	/* The underline cursor: the bottom two lines of cell (0,0) invert. */
	assert_int_equal(rgb_at(0, GH - 1), WHITE);
	assert_int_equal(rgb_at(GW - 1, GH - 2), WHITE);
	assert_int_equal(rgb_at(0, GH - 3), BLACK);
	assert_int_equal(rgb_at(GW, GH - 1), BLACK);
}

static void test_text_and_console_hook(void **state)
{
	(void)state;
	out("ab");
	fc.con.write(&fc.con, "cd", 2);
	assert_string_equal(row_text(0), "abcd......");
	assert_cursor(4, 0);
	assert_int_equal(cell_fg(0, 0), GREY);
	assert_int_equal(cell_bg(0, 0), BLACK);
	/* The cursor moved along: cell 3 is clean, cell 4 underlined. */
	assert_int_equal(rgb_at(3 * GW, GH - 1), BLACK);
	assert_int_equal(rgb_at(4 * GW, GH - 1), WHITE);
}

static void test_controls(void **state)
{
	(void)state;
	out("abc\rX");
	assert_string_equal(row_text(0), "Xbc.......");
	out("\nde\bY");
	assert_string_equal(row_text(1), "dY........");
	assert_cursor(2, 1);
	out("\b\b\bZ");		/* \b stops at column 0 */
	assert_string_equal(row_text(1), "ZY........");
	out("\r\tT");
	assert_string_equal(row_text(1), "ZY......T.");
	out("\tU\tV");		/* the last tab stop is the last column */
	assert_string_equal(row_text(1), "ZY......TV");
	out("\a\x01\x7f");	/* nothing to show */
	assert_string_equal(row_text(1), "ZY......TV");
}

static void test_wrap(void **state)
{
	(void)state;
	out("0123456789");
	assert_string_equal(row_text(0), "0123456789");
	/* Lazy wrap: still on the last column until something follows. */
	assert_cursor(9, 0);
	out("\n");
	assert_cursor(0, 1);
	assert_string_equal(row_text(1), "..........");
	out("abcdefghijk");
	assert_string_equal(row_text(1), "abcdefghij");
	assert_string_equal(row_text(2), "k.........");
	assert_cursor(1, 2);
	/* \b after a full line stays in the last column. */
	out("\r0123456789\bX");
	assert_string_equal(row_text(2), "012345678X");
}

static void test_scroll(void **state)
{
	(void)state;
	/* The pixels below the text grid must stay untouched. */
	fb_fill_rect(&fb, 0, ROWS * GH, WIDTH, MARGIN_Y, MARGIN_MARK);
	out("1\n2\n3\n4\n5");
	assert_string_equal(row_text(0), "2.........");
	assert_string_equal(row_text(1), "3.........");
	assert_string_equal(row_text(2), "4.........");
	assert_string_equal(row_text(3), "5.........");
	assert_cursor(1, 3);
	out("\n\n\n0123456789x");
	assert_string_equal(row_text(0), "..........");
	assert_string_equal(row_text(1), "..........");
	assert_string_equal(row_text(2), "0123456789");
	assert_string_equal(row_text(3), "x.........");
	assert_int_equal(rgb_at(WIDTH - 1, HEIGHT - 1), MARGIN_MARK);
	assert_int_equal(rgb_at(0, ROWS * GH), MARGIN_MARK);
}

static void test_colors(void **state)
{
	(void)state;
	out("\x1b[31;44mR\x1b[0mN\x1b[1;32mG\x1b[22mg\x1b[m");
	assert_string_equal(row_text(0), "RNGg......");
	assert_int_equal(cell_fg(0, 0), RED);
	assert_int_equal(cell_bg(0, 0), BLUE);
	assert_int_equal(cell_fg(1, 0), GREY);
	assert_int_equal(cell_bg(1, 0), BLACK);
	assert_int_equal(cell_fg(2, 0), BRIGHT_GREEN);
	assert_int_equal(cell_fg(3, 0), GREEN);
	out("\x1b[91;106ma\x1b[39mb\x1b[49mc\x1b[7;32md\x1b[27me");
	assert_int_equal(cell_fg(4, 0), BRIGHT_RED);
	assert_int_equal(cell_bg(4, 0), BRIGHT_CYAN);
	assert_int_equal(cell_fg(5, 0), GREY);
	assert_int_equal(cell_bg(5, 0), BRIGHT_CYAN);
	assert_int_equal(cell_bg(6, 0), BLACK);
	assert_int_equal(cell_fg(7, 0), BLACK);	/* reverse video */
	assert_int_equal(cell_bg(7, 0), GREEN);
	assert_int_equal(cell_fg(8, 0), GREEN);
	/* Unknown SGR values change nothing; 38;5;n is not 38, 5, bold. */
	out("\x1b[4;38;2;1;1;1;48;5;1mf");
	assert_int_equal(cell_fg(9, 0), GREEN);
	assert_int_equal(cell_bg(9, 0), RED);
	/* ESC c resets everything. */
	out("\x1b" "c");
	assert_string_equal(row_text(0), "..........");
	out("h");
	assert_int_equal(cell_fg(0, 0), GREY);
}

static void test_cursor_position_and_erase(void **state)
{
	(void)state;
	out("aaaaaaaaaa" "bbbbbbbbbb" "cccccccccc" "ddddddddd");
	out("\x1b[2;3HX\x1b[H" "Y");
	assert_string_equal(row_text(0), "Yaaaaaaaaa");
	assert_string_equal(row_text(1), "bbXbbbbbbb");
	out("\x1b[3;5H\x1b[K");
	assert_string_equal(row_text(2), "cccc......");
	out("\x1b[1K");
	assert_string_equal(row_text(2), "..........");
	out("\x1b[2;6H\x1b[2K");
	assert_string_equal(row_text(1), "..........");
	out("\x1b[1;4H\x1b[J");
	assert_string_equal(row_text(0), "Yaa.......");
	assert_string_equal(row_text(3), "..........");
	out("\x1b[1;2H\x1b[1J");
	assert_string_equal(row_text(0), "..a.......");
	out("\x1b[44m\x1b[2J");
	assert_string_equal(row_text(0), "..........");
	assert_int_equal(rgb_at(0, 0), BLUE);	/* erased in the current bg */
	assert_cursor(1, 0);			/* ED does not move it */
}

static void test_cursor_moves_and_bounds(void **state)
{
	(void)state;
	out("\x1b[3;4H");
	assert_cursor(3, 2);
	out("\x1b[A");
	assert_cursor(3, 1);
	out("\x1b[2B\x1b[3C");
	assert_cursor(6, 3);
	out("\x1b[4D\x1b[0A");
	assert_cursor(2, 2);
	out("\x1b[99A\x1b[99D");
	assert_cursor(0, 0);
	out("\x1b[999;999H");
	assert_cursor(COLS - 1, ROWS - 1);
	out("\x1b[99999999999999999999;0H");
	assert_cursor(0, ROWS - 1);
	out("\x1b[5G");
	assert_cursor(4, ROWS - 1);
	/* More parameters than kept, an unknown final byte, intermediates. */
	out("\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18m\x1b[5z\x1b[ q\x1b[;3H");
	assert_cursor(2, 0);
	/* ESC inside a CSI restarts; a control inside a CSI acts. */
	out("\x1b[12\x1b[2;1H");
	assert_cursor(0, 1);
	out("\x1b[3\r;5H");
	assert_cursor(4, 2);
	/* Nothing of a sequence is printed. */
	for (uint32_t r = 0; r < ROWS; r++)
		assert_string_equal(row_text(r), "..........");
}

static void test_cursor_visibility(void **state)
{
	(void)state;
	out("\x1b[?25l");
	assert_int_equal(rgb_at(0, GH - 1), BLACK);
	out("x");
	assert_int_equal(rgb_at(GW, GH - 1), BLACK);
	out("\x1b[?25h");
	assert_int_equal(rgb_at(GW, GH - 1), WHITE);
	/* Writing over the cursor cell leaves no trace of the cursor. */
	out("y");
	assert_int_equal(rgb_at(GW, GH - 1), BLACK);
	assert_string_equal(row_text(0), "xy........");
}

static void test_utf8(void **state)
{
	char expect[COLS + 1] = "..........";

	(void)state;
	/* The test font has no table: glyph n is code point n. */
	out("\xc3\xa9");		/* U+00E9 */
	out("\xe9" "a");		/* a cut sequence: U+FFFD, then 'a' */
	out("\x80");			/* a stray byte: Latin-1 */
	out("\xe2\x82\xac");		/* U+20AC: not in the font */
	expect[0] = (char)0xe9;
	expect[1] = '?';
	expect[2] = 'a';
	expect[3] = (char)0x80;
	expect[4] = '?';
	assert_string_equal(row_text(0), expect);
	/* A sequence split across two writes is still one character. */
	out("\xc3");
	out("\xbf");
	assert_int_equal((uint8_t)cell_char(5, 0), 0xff);
}

static void test_init_too_small(void **state)
{
	struct boot_framebuffer tiny = info;
	struct fb small;
	struct fbcon c;

	(void)state;
	tiny.width = GW - 1;
	assert_int_equal(fb_init(&small, &tiny, pixels), 0);
	assert_int_equal(fbcon_init(&c, "tty0", &small, &font), -EINVAL);
}

/* 16 bpp r5g6b5 and 24 bpp b8g8r8: the other depths GRUB may set. */
static void test_fb_depths(void **state)
{
	struct boot_framebuffer i16 = {
		.present = true, .width = 9, .height = 9, .bpp = 16,
		.pitch = 18, .red_pos = 11, .red_size = 5, .green_pos = 5,
		.green_size = 6, .blue_pos = 0, .blue_size = 5,
	};
	struct boot_framebuffer i24 = i16;
	struct fb f;
	uint8_t *buf;

	(void)state;
	buf = malloc(i16.pitch * i16.height);
	assert_int_equal(fb_init(&f, &i16, buf), 0);
	assert_int_equal(fb_color(&f, 0xff0000), 0xf800);
	assert_int_equal(fb_color(&f, 0x00ff00), 0x07e0);
	assert_int_equal(fb_color(&f, 0x0000ff), 0x001f);
	fb_fill_rect(&f, 0, 0, 100, 100, 0x1234);	/* clipped */
	assert_int_equal(fb_get_pixel(&f, 8, 8), 0x1234);
	fb_draw_glyph(&f, 4, 4, &font, 0xa5, 0xffff, 0);
	assert_int_equal(fb_get_pixel(&f, 4, 4), 0xffff);
	assert_int_equal(fb_get_pixel(&f, 5, 4), 0);
	assert_int_equal(fb_get_pixel(&f, 8, 4), 0);
	assert_int_equal(fb_get_pixel(&f, 8, 5), 0xffff);
	free(buf);

	i24.bpp = 24;
	i24.pitch = 28;
	i24.red_pos = 16;
	i24.red_size = 8;
	i24.green_pos = 8;
	i24.green_size = 8;
	i24.blue_pos = 0;
	i24.blue_size = 8;
	buf = malloc(i24.pitch * i24.height);
	assert_int_equal(fb_init(&f, &i24, buf), 0);
	fb_fill_rect(&f, 0, 0, 9, 9, 0);
	fb_put_pixel(&f, 8, 8, fb_color(&f, 0x102030));
	assert_int_equal(buf[8 * 28 + 8 * 3], 0x30);	/* blue first */
	assert_int_equal(buf[8 * 28 + 8 * 3 + 2], 0x10);
	fb_invert_rect(&f, 8, 8, 5, 5);
	assert_int_equal(fb_get_pixel(&f, 8, 8), 0xefdfcf);
	fb_scroll_up(&f, 0, 9, 8, 0x777777);
	assert_int_equal(fb_get_pixel(&f, 8, 0), 0xefdfcf);
	assert_int_equal(fb_get_pixel(&f, 8, 1), 0x777777);
	free(buf);
}

static void test_fb_rejects(void **state)
{
	struct boot_framebuffer bad;
	struct fb f;
	uint8_t buf[64];

	(void)state;
	bad = info;
	bad.bpp = 8;
	assert_int_equal(fb_init(&f, &bad, buf), -EINVAL);
	bad = info;
	bad.pitch = WIDTH * 4 - 1;
	assert_int_equal(fb_init(&f, &bad, buf), -EINVAL);
	bad = info;
	bad.red_pos = 30;
	assert_int_equal(fb_init(&f, &bad, buf), -EINVAL);
	bad = info;
	bad.green_size = 0;
	assert_int_equal(fb_init(&f, &bad, buf), -EINVAL);
	bad = info;
	bad.blue_size = 10;
	assert_int_equal(fb_init(&f, &bad, buf), -EINVAL);
	bad = info;
	bad.height = 0;
	assert_int_equal(fb_init(&f, &bad, buf), -EINVAL);
	assert_int_equal(fb_init(&f, &info, NULL), -EINVAL);
}

#define FBCON_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		FBCON_TEST(test_init),
		FBCON_TEST(test_text_and_console_hook),
		FBCON_TEST(test_controls),
		FBCON_TEST(test_wrap),
		FBCON_TEST(test_scroll),
		FBCON_TEST(test_colors),
		FBCON_TEST(test_cursor_position_and_erase),
		FBCON_TEST(test_cursor_moves_and_bounds),
		FBCON_TEST(test_cursor_visibility),
		FBCON_TEST(test_utf8),
		FBCON_TEST(test_init_too_small),
		FBCON_TEST(test_fb_depths),
		FBCON_TEST(test_fb_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
