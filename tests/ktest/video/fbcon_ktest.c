/*
 * fbcon_ktest.c: the framebuffer console on the real boot framebuffer.
 * The pixels are read back through the direct map at the physical
 * address the boot loader gave (not through fb.c), so these tests also
 * check the mapping and the pixel layout taken from the multiboot2 tag.
 * Without a framebuffer (EGA text, serial-only loaders) they pass after
 * saying so: there is nothing to draw on.
 */
#include <basalt/bootinfo.h>
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <drivers/video/video.h>
#include <uapi/errno.h>

#define KT_RED		0xaa0000	/* SGR 31 in the VGA palette */
#define KT_BLACK	0x000000
#define KT_GREY		0xaaaaaa	/* the default foreground */
#define KT_WHITE	0xffffff	/* every colour bit */
#define KT_BITS_PER_BYTE 8
#define KT_CURSOR_LINES	2		/* fbcon's underline cursor */

static struct fbcon kt_fc;

/* The pixel at (x, y), read straight from the physical framebuffer. */
static uint32_t kt_raw_pixel(uint32_t x, uint32_t y)
{
	const struct boot_framebuffer *info = &boot_info.fb;
	const uint8_t *p = (const uint8_t *)phys_to_virt(info->phys) +
			   (uint64_t)y * info->pitch +
			   (uint64_t)x * (info->bpp / KT_BITS_PER_BYTE);
	uint32_t v = 0;

	for (unsigned i = 0; i < info->bpp / KT_BITS_PER_BYTE; i++)
		v |= (uint32_t)p[i] << (KT_BITS_PER_BYTE * i);
	return v;
}

/* Counts the pixels of cell (col, row) that differ from glyph of cp. */
static unsigned kt_cell_mismatches(const struct fb *fb,
				   const struct psf_font *font, uint32_t col,
				   uint32_t row, uint32_t cp, uint32_t fg_rgb,
				   uint32_t bg_rgb, unsigned *lit)
{
	const uint8_t *bits = psf_glyph(font, psf_glyph_index(font, cp));
	uint32_t mask = fb_color(fb, KT_WHITE);
	uint32_t fg = fb_color(fb, fg_rgb), bg = fb_color(fb, bg_rgb);
	unsigned bad = 0;

	*lit = 0;
	/* The last lines are the cursor's when it sits here: skip them. */
	for (uint32_t y = 0; y + KT_CURSOR_LINES < font->height; y++) {
		for (uint32_t x = 0; x < font->width; x++) {
			bool on = psf_pixel(font, bits, x, y);
			uint32_t px = kt_raw_pixel(col * font->width + x,
						   row * font->height + y) & mask;

			*lit += on;
			bad += px != (on ? fg : bg);
		}
	}
	return bad;
}

static void kt_out(const char *s)
{
	fbcon_write(&kt_fc, s, strlen(s));
}

static bool kt_video_ready(struct ktest_ctx *t)
{
	int err = video_init();

	if (err == -ENODEV) {
		pr_info("    # %s: no linear framebuffer: nothing to check\n",
			t->name);
		return false;
	}
	KT_EXPECT_EQ(t, err, 0);
	return err == 0;
}

KTEST(fbcon_char_reaches_framebuffer)
{
	const struct fb *fb;
	const struct psf_font *font;
	unsigned lit, bad;

	if (!kt_video_ready(t))
		return;
	fb = video_fb();
	font = video_font();
	KT_ASSERT(t, fbcon_init(&kt_fc, "ktest", fb, font) == 0);
	kt_out("\x1b[2;3H\x1b[31mA\x1b[0m");
	bad = kt_cell_mismatches(fb, font, 2, 1, 'A', KT_RED, KT_BLACK, &lit);
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT(t, lit > 0);
	/* Its neighbours stay blank. */
	bad = kt_cell_mismatches(fb, font, 1, 1, ' ', KT_BLACK, KT_BLACK, &lit);
	KT_EXPECT_EQ(t, bad, 0);
}

KTEST(fbcon_scroll_moves_framebuffer_rows)
{
	const struct fb *fb;
	const struct psf_font *font;
	unsigned lit, bad;

	if (!kt_video_ready(t))
		return;
	fb = video_fb();
	font = video_font();
	KT_ASSERT(t, fbcon_init(&kt_fc, "ktest", fb, font) == 0);
	kt_out("\x1b[2;1HZ");
	/* From the last row, one line feed scrolls Z from row 1 to row 0. */
	kt_out("\x1b[999;1H\n");
	bad = kt_cell_mismatches(fb, font, 0, 0, 'Z', KT_GREY, KT_BLACK, &lit);
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT(t, lit > 0);
	bad = kt_cell_mismatches(fb, font, 0, 1, ' ', KT_BLACK, KT_BLACK, &lit);
	KT_EXPECT_EQ(t, bad, 0);
}
