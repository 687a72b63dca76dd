/*
 * ega.c: the fbcon backend for EGA/VGA text mode, which a boot loader
 * may leave instead of a linear framebuffer (multiboot2 framebuffer type
 * 2, spec 3.6.12: address, size in characters, pitch in bytes).
 *
 * The screen is a grid of 16-bit cells: the character in the low byte,
 * in the ROM font's code page 437, and the attribute in the high byte:
 * foreground in bits 0-3, background in bits 4-6 and bit 7 blink (IBM
 * VGA Technical Reference, "Attribute byte"). Cells are written through
 * a volatile pointer: they are video memory.
 */
#include <drivers/video/video.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <uapi/errno.h>

#define EGA_ATTR_SHIFT		8	/* the attribute is the high byte */
#define EGA_BG_SHIFT		4
#define EGA_BG_MASK		0x07	/* bit 3 would make the cell blink */
#define EGA_ATTR_COLOR_BITS	0x77	/* fg and bg colour, not bright/blink */
#define EGA_CELL_BYTES		2
#define EGA_BLANK		' '
#define EGA_UNKNOWN		'?'	/* CP437 has no U+FFFD */
#define EGA_DIM_MAX		256	/* far beyond any text mode */
#define ASCII_PRINTABLE_FIRST	0x20
#define ASCII_PRINTABLE_LAST	0x7e
#define CP437_HIGH_FIRST	0x80

/*
 * The VGA's colour numbers for the ANSI palette order fbcon uses: VGA
 * puts blue in bit 0 and red in bit 2, ANSI the other way round.
 */
static const uint8_t ega_ansi_to_vga[FBCON_COLORS] = {
	0, 4, 2, 6, 1, 5, 3, 7, 8, 12, 10, 14, 9, 13, 11, 15,
};

/* The code points of CP437 bytes 0x80-0xff (Unicode's CP437.TXT). */
static const uint16_t ega_cp437_high[] = {
	0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7,	/* 80 */
	0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5,	/* 88 */
	0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9,	/* 90 */
	0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192,	/* 98 */
	0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba,	/* A0 */
	0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb,	/* A8 */
	0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,	/* B0 */
	0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x2510,	/* B8 */
	0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f,	/* C0 */
	0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567,	/* C8 */
	0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256b,	/* D0 */
	0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580,	/* D8 */
	0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4,	/* E0 */
	0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5, 0x2229,	/* E8 */
	0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248,	/* F0 */
	0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0,	/* F8 */
};

uint8_t ega_char(uint32_t cp)
{
	if (cp >= ASCII_PRINTABLE_FIRST && cp <= ASCII_PRINTABLE_LAST)
		return (uint8_t)cp;
	for (unsigned i = 0; i < ARRAY_SIZE(ega_cp437_high); i++)
		if (ega_cp437_high[i] == cp)
			return (uint8_t)(CP437_HIGH_FIRST + i);
	return EGA_UNKNOWN;
}

int ega_init(struct ega_text *ega, void *base, uint32_t cols, uint32_t rows,
	     uint32_t pitch)
{
	memset(ega, 0, sizeof(*ega));
	if (!base || !cols || !rows || cols > EGA_DIM_MAX || rows > EGA_DIM_MAX)
		return -EINVAL;
	if (pitch % EGA_CELL_BYTES || pitch / EGA_CELL_BYTES < cols)
		return -EINVAL;
	ega->cells = base;
	ega->cols = cols;
	ega->rows = rows;
	ega->stride = pitch / EGA_CELL_BYTES;
	return 0;
}

static volatile uint16_t *ega_cell(const struct ega_text *ega, uint32_t col,
				   uint32_t row)
{
	return ega->cells + (size_t)row * ega->stride + col;
}

static uint16_t ega_value(uint8_t ch, uint32_t fg, uint32_t bg)
{
	uint8_t attr = (uint8_t)((bg & EGA_BG_MASK) << EGA_BG_SHIFT | fg);

	return (uint16_t)(attr << EGA_ATTR_SHIFT | ch);
}

static void ega_put_cell(struct fbcon *fc, uint32_t col, uint32_t row,
			 uint32_t cp, uint32_t fg, uint32_t bg)
{
	*ega_cell(fc->ega, col, row) = ega_value(ega_char(cp), fg, bg);
}

static void ega_clear_cells(struct fbcon *fc, uint32_t row, uint32_t col0,
			    uint32_t col1, uint32_t bg)
{
	volatile uint16_t *cell = ega_cell(fc->ega, col0, row);
	uint16_t blank = ega_value(EGA_BLANK, bg, bg);

	for (uint32_t col = col0; col < col1; col++)
		*cell++ = blank;
}

static void ega_scroll_up(struct fbcon *fc, uint32_t bg)
{
	const struct ega_text *ega = fc->ega;

	for (uint32_t row = 0; row + 1 < ega->rows; row++) {
		volatile uint16_t *dst = ega_cell(ega, 0, row);
		volatile uint16_t *src = ega_cell(ega, 0, row + 1);

		for (uint32_t col = 0; col < ega->cols; col++)
			dst[col] = src[col];
	}
	ega_clear_cells(fc, ega->rows - 1, 0, ega->cols, bg);
}

/* A block cursor: the cell's colours inverted, its brightness kept. */
static void ega_invert_cursor(struct fbcon *fc, uint32_t col, uint32_t row)
{
	*ega_cell(fc->ega, col, row) ^= EGA_ATTR_COLOR_BITS << EGA_ATTR_SHIFT;
}

static void ega_clear_screen(struct fbcon *fc, uint32_t bg)
{
	for (uint32_t row = 0; row < fc->ega->rows; row++)
		ega_clear_cells(fc, row, 0, fc->ega->cols, bg);
}

static uint32_t ega_color(struct fbcon *fc, unsigned index, uint32_t rgb)
{
	(void)fc;
	(void)rgb;
	return ega_ansi_to_vga[index];
}

static const struct fbcon_ops ega_fbcon_ops = {
	.put_cell = ega_put_cell,
	.clear_cells = ega_clear_cells,
	.scroll_up = ega_scroll_up,
	.invert_cursor = ega_invert_cursor,
	.clear_screen = ega_clear_screen,
	.color = ega_color,
};

int ega_console_init(struct fbcon *fc, const char *name, struct ega_text *ega)
{
	memset(fc, 0, sizeof(*fc));
	fc->ega = ega;
	return fbcon_init_ops(fc, name, &ega_fbcon_ops, ega->cols, ega->rows);
}
