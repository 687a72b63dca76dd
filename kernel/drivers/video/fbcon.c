/*
 * fbcon.c: a text console drawn with a PSF font on a framebuffer, or in
 * the cells of EGA text mode (ega.c): the state machine below is shared,
 * and all drawing goes through struct fbcon_ops.
 *
 * It understands what the kernel log and a simple program print: UTF-8
 * text, \n \r \b \t, and a few VT100/ECMA-48 escape sequences, parsed by
 * a three-state machine (normal, after ESC, inside a CSI sequence):
 *
 *	ESC [ row ; col H	ESC [ row ; col f	cursor position (CUP)
 *	ESC [ n A/B/C/D		cursor up/down/forward/back
 *	ESC [ n G		cursor to column n (CHA)
 *	ESC [ n J		erase in display: 0 to end, 1 to cursor, 2 all
 *	ESC [ n K		erase in line: 0 to end, 1 to cursor, 2 all
 *	ESC [ ... m		SGR: 0 1 7 22 27 30-39 40-49 90-97 100-107,
 *				38/48;5;n for n < 16 (other colours skipped)
 *	ESC [ ? 25 h / l	show / hide the cursor
 *	ESC c			reset (RIS)
 *
 * Like Linux's console it wraps lazily: writing the last column leaves
 * the cursor there and the next character wraps, so a line exactly as
 * wide as the screen followed by \n does not leave an empty line.
 * The kernel console is "onlcr": \n also returns to column 0.
 *
 * Locking: the caller serialises writes (klog calls with interrupts off).
 */
#include <drivers/video/video.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <uapi/errno.h>

#define ASCII_BS	0x08
#define ASCII_TAB	0x09
#define ASCII_LF	0x0a
#define ASCII_VT	0x0b
#define ASCII_FF	0x0c
#define ASCII_CR	0x0d
#define ASCII_ESC	0x1b
#define ASCII_SPACE	0x20
#define ASCII_DEL	0x7f

#define FBCON_TAB_WIDTH		8
#define FBCON_CURSOR_LINES	2	/* the pixel backend's underline */
#define FBCON_PARAM_MAX		9999	/* clamps huge CSI numbers */
#define FBCON_BRIGHT		8	/* palette offset of the bright colours */
#define UNICODE_REPLACEMENT	0xfffd

/* ECMA-48 section 8.3.117 (SGR) parameter values. */
#define SGR_RESET		0
#define SGR_BOLD		1
#define SGR_REVERSE		7
#define SGR_NORMAL_INTENSITY	22
#define SGR_NO_REVERSE		27
#define SGR_FG_FIRST		30
#define SGR_FG_LAST		37
#define SGR_FG_EXTENDED		38	/* 38;5;n or 38;2;r;g;b */
#define SGR_FG_DEFAULT		39
#define SGR_BG_FIRST		40
#define SGR_BG_LAST		47
#define SGR_BG_EXTENDED		48
#define SGR_BG_DEFAULT		49
#define SGR_EXT_INDEXED		5	/* one more parameter: the index */
#define SGR_EXT_RGB		2	/* three more: red, green, blue */
#define SGR_FG_BRIGHT_FIRST	90	/* aixterm's bright colours */
#define SGR_FG_BRIGHT_LAST	97
#define SGR_BG_BRIGHT_FIRST	100
#define SGR_BG_BRIGHT_LAST	107

#define DEC_PRIVATE_CURSOR	25	/* DECTCEM: ESC [ ? 25 h/l */

/* ED and EL parameter values (ECMA-48 8.3.39 and 8.3.41). */
#define ERASE_TO_END		0
#define ERASE_TO_CURSOR		1
#define ERASE_ALL		2
#define ERASE_SAVED_LINES	3	/* xterm: ED 3 also drops scrollback */

/*
 * The VGA text-mode palette in ANSI order (black, red, green, yellow,
 * blue, magenta, cyan, white, then the bright ones): Linux's default
 * console colours (drivers/tty/vt/vt.c default_red/grn/blu).
 */
static const uint32_t fbcon_vga_rgb[FBCON_COLORS] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500,
	0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,
	0x555555, 0xff5555, 0x55ff55, 0xffff55,
	0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

static uint32_t fbcon_fg_color(const struct fbcon *fc)
{
	unsigned fg = fc->reverse ? fc->bg : fc->fg;

	/* Bold shows as the bright variant, as on the VGA console. */
	if (!fc->reverse && fc->bold && fg < FBCON_BRIGHT)
		fg += FBCON_BRIGHT;
	return fc->palette[fg];
}

static uint32_t fbcon_bg_color(const struct fbcon *fc)
{
	return fc->palette[fc->reverse ? fc->fg : fc->bg];
}

/* Fills cells [col0, col1) of row with the current background. */
static void fbcon_clear_cells(struct fbcon *fc, uint32_t row, uint32_t col0,
			      uint32_t col1)
{
	if (col1 > col0)
		fc->ops->clear_cells(fc, row, col0, col1, fbcon_bg_color(fc));
}

static void fbcon_clear_rows(struct fbcon *fc, uint32_t row0, uint32_t row1)
{
	for (uint32_t row = row0; row < row1; row++)
		fbcon_clear_cells(fc, row, 0, fc->cols);
}

/* The backends invert: reversible without remembering what was there. */
static void fbcon_cursor_show(struct fbcon *fc, bool show)
{
	if (show == fc->cursor_drawn)
		return;
	fc->ops->invert_cursor(fc, fc->col, fc->row);
	fc->cursor_drawn = show;
}

static void fbcon_line_feed(struct fbcon *fc)
{
	if (fc->row + 1 < fc->rows)
		fc->row++;
	else
		fc->ops->scroll_up(fc, fbcon_bg_color(fc));
}

static void fbcon_put_glyph(struct fbcon *fc, uint32_t cp)
{
	if (fc->wrap_pending) {
		fc->col = 0;
		fbcon_line_feed(fc);
		fc->wrap_pending = false;
	}
	fc->ops->put_cell(fc, fc->col, fc->row, cp, fbcon_fg_color(fc),
			  fbcon_bg_color(fc));
	if (fc->col + 1 < fc->cols)
		fc->col++;
	else
		fc->wrap_pending = true;
}

static void fbcon_control(struct fbcon *fc, uint8_t c)
{
	switch (c) {
	case ASCII_LF:
	case ASCII_VT:
	case ASCII_FF:
		fc->col = 0;
		fbcon_line_feed(fc);
		break;
	case ASCII_CR:
		fc->col = 0;
		break;
	case ASCII_BS:
		/* Back from a pending wrap is the last column itself. */
		if (!fc->wrap_pending && fc->col > 0)
			fc->col--;
		break;
	case ASCII_TAB:
		fc->col = MIN((fc->col / FBCON_TAB_WIDTH + 1) * FBCON_TAB_WIDTH,
			      fc->cols - 1);
		break;
	default:
		return;		/* BEL and the rest: nothing to show */
	}
	fc->wrap_pending = false;
}

static void fbcon_reset_attrs(struct fbcon *fc)
{
	fc->fg = FBCON_DEFAULT_FG;
	fc->bg = FBCON_DEFAULT_BG;
	fc->bold = false;
	fc->reverse = false;
}

/*
 * 256-colour and direct colours (ITU T.416 via xterm): the palette has 16
 * entries, so indices 0-15 are honoured and the rest ignored. Returns how
 * many parameters after params[i] the sequence used, so that the "1" of
 * "38;5;1" is not taken for bold.
 */
static unsigned fbcon_sgr_extended(struct fbcon *fc, unsigned i,
				   unsigned nparams)
{
	uint8_t *target = fc->params[i] == SGR_FG_EXTENDED ? &fc->fg : &fc->bg;

	if (i + 1 >= nparams)
		return 0;
	if (fc->params[i + 1] == SGR_EXT_INDEXED) {
		if (i + 2 < nparams && fc->params[i + 2] < FBCON_COLORS)
			*target = (uint8_t)fc->params[i + 2];
		return 2;
	}
	if (fc->params[i + 1] == SGR_EXT_RGB)
		return 4;
	return 1;
}

static void fbcon_sgr(struct fbcon *fc, unsigned nparams)
{
	if (nparams == 0)
		nparams = 1;	/* ESC [ m is ESC [ 0 m */
	for (unsigned i = 0; i < nparams; i++) {
		uint32_t p = fc->params[i];

		if (p == SGR_RESET)
			fbcon_reset_attrs(fc);
		else if (p == SGR_BOLD)
			fc->bold = true;
		else if (p == SGR_NORMAL_INTENSITY)
			fc->bold = false;
		else if (p == SGR_REVERSE)
			fc->reverse = true;
		else if (p == SGR_NO_REVERSE)
			fc->reverse = false;
		else if (p >= SGR_FG_FIRST && p <= SGR_FG_LAST)
			fc->fg = (uint8_t)(p - SGR_FG_FIRST);
		else if (p == SGR_FG_DEFAULT)
			fc->fg = FBCON_DEFAULT_FG;
		else if (p >= SGR_BG_FIRST && p <= SGR_BG_LAST)
			fc->bg = (uint8_t)(p - SGR_BG_FIRST);
		else if (p == SGR_BG_DEFAULT)
			fc->bg = FBCON_DEFAULT_BG;
		else if (p >= SGR_FG_BRIGHT_FIRST && p <= SGR_FG_BRIGHT_LAST)
			fc->fg = (uint8_t)(p - SGR_FG_BRIGHT_FIRST + FBCON_BRIGHT);
		else if (p >= SGR_BG_BRIGHT_FIRST && p <= SGR_BG_BRIGHT_LAST)
			fc->bg = (uint8_t)(p - SGR_BG_BRIGHT_FIRST + FBCON_BRIGHT);
		else if (p == SGR_FG_EXTENDED || p == SGR_BG_EXTENDED)
			i += fbcon_sgr_extended(fc, i, nparams);
		/* Anything else (underline, blink...) is ignored. */
	}
}

static void fbcon_erase_display(struct fbcon *fc, uint32_t mode)
{
	switch (mode) {
	case ERASE_TO_END:
		fbcon_clear_cells(fc, fc->row, fc->col, fc->cols);
		fbcon_clear_rows(fc, fc->row + 1, fc->rows);
		break;
	case ERASE_TO_CURSOR:
		fbcon_clear_rows(fc, 0, fc->row);
		fbcon_clear_cells(fc, fc->row, 0, fc->col + 1);
		break;
	case ERASE_ALL:
	case ERASE_SAVED_LINES:
		fbcon_clear_rows(fc, 0, fc->rows);
		break;
	}
}

static void fbcon_erase_line(struct fbcon *fc, uint32_t mode)
{
	switch (mode) {
	case ERASE_TO_END:
		fbcon_clear_cells(fc, fc->row, fc->col, fc->cols);
		break;
	case ERASE_TO_CURSOR:
		fbcon_clear_cells(fc, fc->row, 0, fc->col + 1);
		break;
	case ERASE_ALL:
		fbcon_clear_cells(fc, fc->row, 0, fc->cols);
		break;
	}
}

/* A cursor movement count: missing or 0 means 1 (ECMA-48 5.4.2). */
static uint32_t fbcon_count(const struct fbcon *fc, unsigned i, unsigned n)
{
	return i < n && fc->params[i] ? fc->params[i] : 1;
}

static void fbcon_move_to(struct fbcon *fc, uint32_t row, uint32_t col)
{
	fc->row = MIN(row, fc->rows - 1);
	fc->col = MIN(col, fc->cols - 1);
	fc->wrap_pending = false;
}

static void fbcon_csi_dispatch(struct fbcon *fc, uint8_t final)
{
	unsigned n = MIN(fc->nparams, (unsigned)FBCON_CSI_PARAMS_MAX);
	uint32_t p0 = n > 0 ? fc->params[0] : 0;

	if (fc->csi_private) {
		if (p0 == DEC_PRIVATE_CURSOR && (final == 'h' || final == 'l'))
			fc->cursor_visible = final == 'h';
		return;
	}
	switch (final) {
	case 'H':
	case 'f':
		fbcon_move_to(fc, fbcon_count(fc, 0, n) - 1,
			      fbcon_count(fc, 1, n) - 1);
		break;
	case 'A':
		fbcon_move_to(fc, fc->row - MIN(fc->row, fbcon_count(fc, 0, n)),
			      fc->col);
		break;
	case 'B':
		fbcon_move_to(fc, fc->row + MIN(fbcon_count(fc, 0, n), fc->rows),
			      fc->col);
		break;
	case 'C':
		fbcon_move_to(fc, fc->row,
			      fc->col + MIN(fbcon_count(fc, 0, n), fc->cols));
		break;
	case 'D':
		fbcon_move_to(fc, fc->row,
			      fc->col - MIN(fc->col, fbcon_count(fc, 0, n)));
		break;
	case 'G':
		fbcon_move_to(fc, fc->row, fbcon_count(fc, 0, n) - 1);
		break;
	case 'J':
		fbcon_erase_display(fc, p0);
		break;
	case 'K':
		fbcon_erase_line(fc, p0);
		break;
	case 'm':
		fbcon_sgr(fc, n);
		break;
	default:
		break;		/* unknown sequences are swallowed whole */
	}
}

static void fbcon_csi_start(struct fbcon *fc)
{
	memset(fc->params, 0, sizeof(fc->params));
	fc->nparams = 0;
	fc->csi_private = false;
	fc->state = FBCON_STATE_CSI;
}

/* ECMA-48 5.4: parameter bytes 0x30-0x3f, final bytes 0x40-0x7e. */
#define CSI_FINAL_FIRST		0x40
#define CSI_FINAL_LAST		0x7e

static void fbcon_csi_byte(struct fbcon *fc, uint8_t c)
{
	if (c >= '0' && c <= '9') {
		uint32_t *p;

		if (fc->nparams == 0)
			fc->nparams = 1;
		if (fc->nparams > FBCON_CSI_PARAMS_MAX)
			return;		/* beyond what we keep: dropped */
		p = &fc->params[fc->nparams - 1];
		*p = MIN(*p * 10 + (uint32_t)(c - '0'), (uint32_t)FBCON_PARAM_MAX);
	} else if (c == ';') {
		if (fc->nparams == 0)
			fc->nparams = 1;	/* an empty first parameter */
		if (fc->nparams <= FBCON_CSI_PARAMS_MAX)
			fc->nparams++;
	} else if (c == '?' && fc->nparams == 0) {
		fc->csi_private = true;
	} else if (c >= CSI_FINAL_FIRST && c <= CSI_FINAL_LAST) {
		fc->state = FBCON_STATE_NORMAL;
		fbcon_csi_dispatch(fc, c);
	} else if (c == ASCII_ESC) {
		fc->state = FBCON_STATE_ESC;	/* abandon, start over */
	} else if (c < ASCII_SPACE) {
		fbcon_control(fc, c);	/* VT100 acts on controls inside CSI */
	}
	/* Intermediate bytes (0x20-0x2f) change nothing we implement. */
}

/*
 * RFC 3629 section 4: C0, C1 (overlong) and F5-FF (beyond U+10FFFF)
 * never occur in UTF-8; such bytes, like stray continuation bytes, are
 * taken as Latin-1.
 */
#define UTF8_LEAD_FIRST		0xc2
#define UTF8_LEAD_LAST		0xf4

static void fbcon_text_byte(struct fbcon *fc, uint8_t c)
{
	if (fc->utf8_left) {
		if ((c & UTF8_CONT_MASK) == UTF8_CONT) {
			fc->utf8_cp = fc->utf8_cp << UTF8_CONT_BITS |
				      (c & UTF8_CONT_PAYLOAD);
			if (--fc->utf8_left == 0)
				fbcon_put_glyph(fc, fc->utf8_cp);
			return;
		}
		/* A cut sequence shows as U+FFFD; c then stands alone. */
		fc->utf8_left = 0;
		fbcon_put_glyph(fc, UNICODE_REPLACEMENT);
	}
	if (c == ASCII_ESC) {
		fc->state = FBCON_STATE_ESC;
	} else if (c < ASCII_SPACE || c == ASCII_DEL) {
		fbcon_control(fc, c);
	} else if (c >= UTF8_LEAD_FIRST && c <= UTF8_LEAD_LAST) {
		fc->utf8_left = (unsigned)video_utf8_lead(c, &fc->utf8_cp);
	} else {
		/* ASCII, or a byte no UTF-8 text has: show it as Latin-1. */
		fbcon_put_glyph(fc, c);
	}
}

static void fbcon_reset(struct fbcon *fc)
{
	fbcon_reset_attrs(fc);
	fc->state = FBCON_STATE_NORMAL;
	fc->utf8_left = 0;
	fc->cursor_visible = true;
	fbcon_move_to(fc, 0, 0);
	fc->ops->clear_screen(fc, fbcon_bg_color(fc));
}

static void fbcon_byte(struct fbcon *fc, uint8_t c)
{
	switch (fc->state) {
	case FBCON_STATE_NORMAL:
		fbcon_text_byte(fc, c);
		break;
	case FBCON_STATE_ESC:
		fc->state = FBCON_STATE_NORMAL;
		if (c == '[')
			fbcon_csi_start(fc);
		else if (c == 'c')
			fbcon_reset(fc);
		/* Other ESC sequences are not implemented: dropped. */
		break;
	case FBCON_STATE_CSI:
		fbcon_csi_byte(fc, c);
		break;
	}
}

void fbcon_write(struct fbcon *fc, const char *s, size_t len)
{
	fbcon_cursor_show(fc, false);
	for (size_t i = 0; i < len; i++)
		fbcon_byte(fc, (uint8_t)s[i]);
	fbcon_cursor_show(fc, fc->cursor_visible);
}

static void fbcon_console_write(struct console *con, const char *s, size_t len)
{
	fbcon_write(container_of(con, struct fbcon, con), s, len);
}

int fbcon_init_ops(struct fbcon *fc, const char *name,
		   const struct fbcon_ops *ops, uint32_t cols, uint32_t rows)
{
	if (!cols || !rows)
		return -EINVAL;
	fc->cols = cols;
	fc->rows = rows;
	fc->ops = ops;
	fc->con.name = name;
	fc->con.write = fbcon_console_write;
	for (unsigned i = 0; i < FBCON_COLORS; i++)
		fc->palette[i] = ops->color(fc, i, fbcon_vga_rgb[i]);
	fbcon_reset(fc);
	fbcon_cursor_show(fc, fc->cursor_visible);
	return 0;
}

/* ---- The pixel backend: cells of font->width x font->height pixels ---- */

static void fbcon_fb_put_cell(struct fbcon *fc, uint32_t col, uint32_t row,
			      uint32_t cp, uint32_t fg, uint32_t bg)
{
	const struct psf_font *font = fc->font;

	fb_draw_glyph(fc->fb, col * font->width, row * font->height, font,
		      psf_glyph_index(font, cp), fg, bg);
}

static void fbcon_fb_clear_cells(struct fbcon *fc, uint32_t row, uint32_t col0,
				 uint32_t col1, uint32_t bg)
{
	uint32_t fw = fc->font->width, fh = fc->font->height;

	fb_fill_rect(fc->fb, col0 * fw, row * fh, (col1 - col0) * fw, fh, bg);
}

static void fbcon_fb_scroll_up(struct fbcon *fc, uint32_t bg)
{
	uint32_t fh = fc->font->height;

	fb_scroll_up(fc->fb, 0, fc->rows * fh, fh, bg);
}

/* An underline cursor, as Linux draws it. */
static void fbcon_fb_invert_cursor(struct fbcon *fc, uint32_t col, uint32_t row)
{
	uint32_t fw = fc->font->width, fh = fc->font->height;
	uint32_t lines = MIN((uint32_t)FBCON_CURSOR_LINES, fh);

	fb_invert_rect(fc->fb, col * fw, (row + 1) * fh - lines, fw, lines);
}

/* The whole screen, the margins right and below the grid included. */
static void fbcon_fb_clear_screen(struct fbcon *fc, uint32_t bg)
{
	fb_fill_rect(fc->fb, 0, 0, fc->fb->width, fc->fb->height, bg);
}

static uint32_t fbcon_fb_color(struct fbcon *fc, unsigned index, uint32_t rgb)
{
	(void)index;
	return fb_color(fc->fb, rgb);
}

static const struct fbcon_ops fbcon_fb_ops = {
	.put_cell = fbcon_fb_put_cell,
	.clear_cells = fbcon_fb_clear_cells,
	.scroll_up = fbcon_fb_scroll_up,
	.invert_cursor = fbcon_fb_invert_cursor,
	.clear_screen = fbcon_fb_clear_screen,
	.color = fbcon_fb_color,
};

int fbcon_init(struct fbcon *fc, const char *name, const struct fb *fb,
	       const struct psf_font *font)
{
	memset(fc, 0, sizeof(*fc));
	if (!font->width || !font->height)
		return -EINVAL;
	fc->fb = fb;
	fc->font = font;
	return fbcon_init_ops(fc, name, &fbcon_fb_ops, fb->width / font->width,
			      fb->height / font->height);
}
