/*
 * The framebuffer console (kernel/drivers/video/): PSF console fonts
 * (psf.c), drawing on a linear framebuffer (fb.c), a VT100-ish text
 * console on top of both (fbcon.c) or on EGA text cells (ega.c), and the
 * boot glue that puts "tty0" on the screen the boot loader set up
 * (video.c). font.S embeds the font that video.mk unpacks at build time.
 */
#ifndef DRIVERS_VIDEO_H
#define DRIVERS_VIDEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/bootinfo.h>
#include <basalt/log.h>

/* ---- UTF-8 (RFC 3629 section 3), decoded by psf.c and fbcon.c ---- */

#define UTF8_CONT_MASK		0xc0	/* continuation bytes are 10xxxxxx */
#define UTF8_CONT		0x80
#define UTF8_CONT_BITS		6
#define UTF8_CONT_PAYLOAD	0x3f
#define UTF8_MAX_CONT		3	/* four bytes at most */

/*
 * The number of continuation bytes a lead byte announces (0 for ASCII),
 * with the lead's payload bits in *cp; -1 for a byte that cannot start a
 * character (a continuation byte, or 0xf8 and above).
 */
static inline int video_utf8_lead(uint8_t lead, uint32_t *cp)
{
	/* RFC 3629's table: 0xxxxxxx, 110xxxxx, 1110xxxx, 11110xxx. */
	static const uint8_t form_mask[UTF8_MAX_CONT + 1] = { 0x80, 0xe0, 0xf0, 0xf8 };
	static const uint8_t form_bits[UTF8_MAX_CONT + 1] = { 0x00, 0xc0, 0xe0, 0xf0 };

	for (int n = 0; n <= UTF8_MAX_CONT; n++) {
		if ((lead & form_mask[n]) == form_bits[n]) {
			*cp = lead & (uint8_t)~form_mask[n];
			return n;
		}
	}
	return -1;
}

/* ---- psf.c: PC Screen Font, versions 1 and 2 ---- */

#define PSF_LATIN1_SIZE		256	/* code points U+0000..U+00FF */

/*
 * A parsed font. Every pointer points into the blob given to psf_parse(),
 * which must outlive the font; every size was checked against the blob.
 */
struct psf_font {
	const uint8_t *glyphs;		/* glyph_count glyphs of glyph_size */
	uint32_t glyph_count;
	uint32_t glyph_size;		/* bytes per glyph */
	uint32_t width, height;		/* pixels */
	uint32_t row_bytes;		/* bytes per glyph row: (width + 7) / 8 */
	const uint8_t *unicode;		/* the unicode table, NULL if none */
	size_t unicode_size;
	int version;			/* 1 or 2 */
	uint32_t fallback;		/* glyph for code points it lacks */
	/* Glyph of each code point below 256, so Latin-1 needs no search. */
	uint16_t latin1[PSF_LATIN1_SIZE];
};

/*
 * Parses a PSF1 or PSF2 font of size bytes at blob. Returns 0, or -EINVAL
 * if anything in it (magic, header, glyph sizes, unicode table) does not
 * fit the format or the blob.
 */
int psf_parse(struct psf_font *font, const void *blob, size_t size);

/* The glyph index showing code point cp (the fallback glyph if none). */
uint32_t psf_glyph_index(const struct psf_font *font, uint32_t cp);

/* The bitmap of glyph index (height rows of row_bytes, MSB leftmost). */
const uint8_t *psf_glyph(const struct psf_font *font, uint32_t index);

#define PSF_PIXELS_PER_BYTE	8
#define PSF_LEFT_PIXEL		0x80	/* rows are stored MSB first */

/* Whether pixel (x, y) of a glyph bitmap from psf_glyph() is set. */
static inline bool psf_pixel(const struct psf_font *font, const uint8_t *glyph,
			     uint32_t x, uint32_t y)
{
	return glyph[y * font->row_bytes + x / PSF_PIXELS_PER_BYTE] &
	       (PSF_LEFT_PIXEL >> (x % PSF_PIXELS_PER_BYTE));
}

/* ---- fb.c: a linear RGB framebuffer ---- */

struct fb {
	uint8_t *base;			/* mapped first pixel */
	uint32_t width, height;		/* pixels */
	uint32_t pitch;			/* bytes per scan line */
	uint32_t bytes_pp;		/* 2, 3 or 4 */
	uint8_t red_pos, red_size;
	uint8_t green_pos, green_size;
	uint8_t blue_pos, blue_size;
};

/*
 * Describes the framebuffer info (as the multiboot2 tag gives it) mapped
 * at base. Returns 0, or -EINVAL for a depth, pitch or colour layout it
 * cannot draw on.
 */
int fb_init(struct fb *fb, const struct boot_framebuffer *info, void *base);

/* The pixel value of colour 0xRRGGBB in this framebuffer's layout. */
uint32_t fb_color(const struct fb *fb, uint32_t rgb);

void fb_put_pixel(const struct fb *fb, uint32_t x, uint32_t y, uint32_t pixel);
uint32_t fb_get_pixel(const struct fb *fb, uint32_t x, uint32_t y);

/* Fills the rectangle, clipped to the screen. */
void fb_fill_rect(const struct fb *fb, uint32_t x, uint32_t y, uint32_t w,
		  uint32_t h, uint32_t pixel);

/* Draws glyph index of font with its top left corner at (x, y), clipped. */
void fb_draw_glyph(const struct fb *fb, uint32_t x, uint32_t y,
		   const struct psf_font *font, uint32_t index,
		   uint32_t fg, uint32_t bg);

/* Inverts the colour bits of every pixel in the rectangle, clipped. */
void fb_invert_rect(const struct fb *fb, uint32_t x, uint32_t y, uint32_t w,
		    uint32_t h);

/*
 * Moves scan lines [lines, height_px) of the band starting at y_top up by
 * lines, and fills the freed lines at its bottom with pixel.
 */
void fb_scroll_up(const struct fb *fb, uint32_t y_top, uint32_t height_px,
		  uint32_t lines, uint32_t pixel);

/* ---- fbcon.c: a text console on a framebuffer ---- */

#define FBCON_COLORS		16	/* the VGA/ANSI palette */
#define FBCON_CSI_PARAMS_MAX	16	/* as Linux vt.c NPAR */

enum fbcon_state {
	FBCON_STATE_NORMAL,
	FBCON_STATE_ESC,		/* after ESC */
	FBCON_STATE_CSI,		/* after ESC [ */
};

struct fbcon;

/*
 * How a console draws: in pixels with a font (fbcon.c) or in EGA text
 * cells (ega.c). Colours are the values ->color() gave for the palette.
 */
struct fbcon_ops {
	/* Shows code point cp in cell (col, row). */
	void (*put_cell)(struct fbcon *fc, uint32_t col, uint32_t row,
			 uint32_t cp, uint32_t fg, uint32_t bg);
	/* Blanks cells [col0, col1) of row. */
	void (*clear_cells)(struct fbcon *fc, uint32_t row, uint32_t col0,
			    uint32_t col1, uint32_t bg);
	/* Moves every row up by one and blanks the last. */
	void (*scroll_up)(struct fbcon *fc, uint32_t bg);
	/* Shows or hides the cursor of cell (col, row): twice restores it. */
	void (*invert_cursor)(struct fbcon *fc, uint32_t col, uint32_t row);
	/* Blanks the whole screen. */
	void (*clear_screen)(struct fbcon *fc, uint32_t bg);
	/* The device colour of palette entry index, 0xRRGGBB rgb. */
	uint32_t (*color)(struct fbcon *fc, unsigned index, uint32_t rgb);
};

struct ega_text;

struct fbcon {
	struct console con;
	const struct fbcon_ops *ops;
	const struct fb *fb;		/* the pixel backend's screen and font */
	const struct psf_font *font;
	struct ega_text *ega;		/* the EGA backend's screen */
	uint32_t cols, rows;		/* the text grid */
	uint32_t col, row;		/* the cursor cell */
	bool wrap_pending;		/* last column written: wrap on next char */
	bool cursor_visible;		/* ESC[?25h / ESC[?25l */
	bool cursor_drawn;		/* the cursor cell is inverted now */

	uint8_t fg, bg;			/* palette indices */
	bool bold, reverse;
	uint32_t palette[FBCON_COLORS];	/* device colours from ops->color() */

	enum fbcon_state state;
	uint32_t params[FBCON_CSI_PARAMS_MAX];
	unsigned nparams;
	bool csi_private;		/* ESC [ ? ... */

	uint32_t utf8_cp;		/* code point being decoded */
	unsigned utf8_left;		/* continuation bytes still expected */
};

#define FBCON_DEFAULT_FG	7	/* light grey on black, like VGA */
#define FBCON_DEFAULT_BG	0

/*
 * Sets up a console named name drawing with font on fb and clears the
 * screen. Returns 0, or -EINVAL if not even one character cell fits.
 */
int fbcon_init(struct fbcon *fc, const char *name, const struct fb *fb,
	       const struct psf_font *font);

/*
 * Sets up fc (zeroed, with the backend's fields filled in) as a console of
 * cols x rows cells drawn by ops, and clears the screen. Returns 0, or
 * -EINVAL for an empty grid.
 */
int fbcon_init_ops(struct fbcon *fc, const char *name,
		   const struct fbcon_ops *ops, uint32_t cols, uint32_t rows);

/* Interprets bytes as UTF-8 text with the escape sequences of fbcon.c. */
void fbcon_write(struct fbcon *fc, const char *s, size_t len);

/* ---- ega.c: fbcon in EGA text mode ---- */

struct ega_text {
	volatile uint16_t *cells;	/* mapped first cell */
	uint32_t cols, rows;		/* characters */
	uint32_t stride;		/* cells from one row to the next */
};

/*
 * Describes a cols x rows text screen at base whose rows are pitch bytes
 * apart. Returns 0, or -EINVAL for sizes that cannot be a text mode.
 */
int ega_init(struct ega_text *ega, void *base, uint32_t cols, uint32_t rows,
	     uint32_t pitch);

/* The code page 437 byte showing code point cp ('?' if none does). */
uint8_t ega_char(uint32_t cp);

/* Sets up fc as a console named name on ega, and clears the screen. */
int ega_console_init(struct fbcon *fc, const char *name, struct ega_text *ega);

/* ---- video.c: the boot framebuffer console ---- */

/*
 * Parses the built-in font and maps the boot loader's framebuffer (once;
 * later calls return the first result). Returns 0, -ENODEV if the loader
 * gave no linear RGB framebuffer, or -EINVAL if it or the font is unusable.
 */
int video_init(void);

/*
 * Sets up "tty0" on the boot framebuffer, or on the EGA text screen when
 * the loader left one. Returns the console to register, or NULL (after
 * logging why) if there is no screen it can use.
 */
struct console *video_console(void);

/*
 * The console video_console() set up, or NULL if it has not (yet): the
 * terminal layer (tty/tty_vt.c) draws on it too. Its cols and rows give
 * the terminal size.
 */
struct fbcon *video_fbcon_active(void);

/* The boot framebuffer and the built-in font, once video_init() succeeded. */
const struct fb *video_fb(void);
const struct psf_font *video_font(void);

#endif /* DRIVERS_VIDEO_H */
