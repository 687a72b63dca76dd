/*
 * The framebuffer console (kernel/drivers/video/): PSF console fonts
 * (psf.c), drawing on a linear framebuffer (fb.c), a VT100-ish text
 * console on top of both (fbcon.c), and the boot glue that puts "tty0" on
 * the framebuffer the boot loader set up (video.c).
 */
#ifndef DRIVERS_VIDEO_H
#define DRIVERS_VIDEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/bootinfo.h>
#include <basalt/log.h>

/* ---- psf.c: PC Screen Font, versions 1 and 2 ---- */

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
	uint16_t latin1[256];
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

#endif /* DRIVERS_VIDEO_H */
