/*
 * fb.c: drawing on a linear RGB framebuffer, as the boot loader describes
 * it in the multiboot2 framebuffer tag (Multiboot2 spec 3.6.12): address,
 * pitch, size, depth and the position and width of each colour field.
 *
 * Everything is clipped to the screen, so a caller's off-by-one draws
 * less rather than writing past the framebuffer.
 */
#include <drivers/video/video.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <uapi/errno.h>

/* The depths this driver draws in (bits per pixel, 3.6.12 framebuffer_bpp). */
#define FB_BPP_16		16
#define FB_BPP_24		24
#define FB_BPP_32		32
#define FB_BITS_PER_BYTE	8
/* Colours come in as 0xRRGGBB: 8 bits a channel, so fields up to 8 bits. */
#define FB_CHANNEL_BITS		8
#define FB_CHANNEL_MAX		0xff
#define FB_RGB_RED_SHIFT	16
#define FB_RGB_GREEN_SHIFT	8
#define FB_RGB_BLUE_SHIFT	0
#define FB_RGB_WHITE		0xffffff
#define FB_WORD			sizeof(uint64_t)

static bool fb_field_ok(uint8_t pos, uint8_t size, uint8_t bpp)
{
	return size >= 1 && size <= FB_CHANNEL_BITS && pos + size <= bpp;
}

int fb_init(struct fb *fb, const struct boot_framebuffer *info, void *base)
{
	memset(fb, 0, sizeof(*fb));
	if (!base || !info->width || !info->height)
		return -EINVAL;
	if (info->bpp != FB_BPP_16 && info->bpp != FB_BPP_24 &&
	    info->bpp != FB_BPP_32)
		return -EINVAL;
	if (!fb_field_ok(info->red_pos, info->red_size, info->bpp) ||
	    !fb_field_ok(info->green_pos, info->green_size, info->bpp) ||
	    !fb_field_ok(info->blue_pos, info->blue_size, info->bpp))
		return -EINVAL;
	fb->bytes_pp = info->bpp / FB_BITS_PER_BYTE;
	if ((uint64_t)info->width * fb->bytes_pp > info->pitch)
		return -EINVAL;
	fb->base = base;
	fb->width = info->width;
	fb->height = info->height;
	fb->pitch = info->pitch;
	fb->red_pos = info->red_pos;
	fb->red_size = info->red_size;
	fb->green_pos = info->green_pos;
	fb->green_size = info->green_size;
	fb->blue_pos = info->blue_pos;
	fb->blue_size = info->blue_size;
	return 0;
}

/* Keeps the top size bits of an 8-bit channel and moves them to pos. */
static uint32_t fb_channel(uint32_t value8, uint8_t pos, uint8_t size)
{
	return (value8 & FB_CHANNEL_MAX) >> (FB_CHANNEL_BITS - size) << pos;
}

uint32_t fb_color(const struct fb *fb, uint32_t rgb)
{
	return fb_channel(rgb >> FB_RGB_RED_SHIFT, fb->red_pos, fb->red_size) |
	       fb_channel(rgb >> FB_RGB_GREEN_SHIFT, fb->green_pos, fb->green_size) |
	       fb_channel(rgb >> FB_RGB_BLUE_SHIFT, fb->blue_pos, fb->blue_size);
}

static uint8_t *fb_addr(const struct fb *fb, uint32_t x, uint32_t y)
{
	return fb->base + (size_t)y * fb->pitch + (size_t)x * fb->bytes_pp;
}

/* Pixels are little-endian: the lowest field position is the first byte. */
static void fb_store(const struct fb *fb, uint8_t *p, uint32_t pixel)
{
	switch (fb->bytes_pp) {
	case 4:
		*(uint32_t *)p = pixel;
		break;
	case 3:
		p[0] = (uint8_t)pixel;
		p[1] = (uint8_t)(pixel >> 8);
		p[2] = (uint8_t)(pixel >> 16);
		break;
	default:
		*(uint16_t *)p = (uint16_t)pixel;
		break;
	}
}

static uint32_t fb_load(const struct fb *fb, const uint8_t *p)
{
	switch (fb->bytes_pp) {
	case 4:
		return *(const uint32_t *)p;
	case 3:
		return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
	default:
		return *(const uint16_t *)p;
	}
}

void fb_put_pixel(const struct fb *fb, uint32_t x, uint32_t y, uint32_t pixel)
{
	if (x < fb->width && y < fb->height)
		fb_store(fb, fb_addr(fb, x, y), pixel);
}

uint32_t fb_get_pixel(const struct fb *fb, uint32_t x, uint32_t y)
{
	if (x >= fb->width || y >= fb->height)
		return 0;
	return fb_load(fb, fb_addr(fb, x, y));
}

/* Clips a w x h rectangle at (x, y); false if nothing of it is visible. */
static bool fb_clip(const struct fb *fb, uint32_t x, uint32_t y,
		    uint32_t *w, uint32_t *h)
{
	if (x >= fb->width || y >= fb->height)
		return false;
	*w = MIN(*w, fb->width - x);
	*h = MIN(*h, fb->height - y);
	return *w && *h;
}

void fb_fill_rect(const struct fb *fb, uint32_t x, uint32_t y, uint32_t w,
		  uint32_t h, uint32_t pixel)
{
	if (!fb_clip(fb, x, y, &w, &h))
		return;
	for (uint32_t row = 0; row < h; row++) {
		uint8_t *p = fb_addr(fb, x, y + row);

		if (fb->bytes_pp == 4) {
			uint32_t *q = (uint32_t *)p;

			for (uint32_t i = 0; i < w; i++)
				q[i] = pixel;
			continue;
		}
		for (uint32_t i = 0; i < w; i++, p += fb->bytes_pp)
			fb_store(fb, p, pixel);
	}
}

void fb_invert_rect(const struct fb *fb, uint32_t x, uint32_t y, uint32_t w,
		    uint32_t h)
{
	/* Only the colour fields flip: padding bits stay as they were. */
	uint32_t mask = fb_color(fb, FB_RGB_WHITE);

	if (!fb_clip(fb, x, y, &w, &h))
		return;
	for (uint32_t row = 0; row < h; row++) {
		uint8_t *p = fb_addr(fb, x, y + row);

		for (uint32_t i = 0; i < w; i++, p += fb->bytes_pp)
			fb_store(fb, p, fb_load(fb, p) ^ mask);
	}
}

void fb_draw_glyph(const struct fb *fb, uint32_t x, uint32_t y,
		   const struct psf_font *font, uint32_t index,
		   uint32_t fg, uint32_t bg)
{
	const uint8_t *bits = psf_glyph(font, index);
	uint32_t w = font->width, h = font->height;

	if (!fb_clip(fb, x, y, &w, &h))
		return;
	for (uint32_t row = 0; row < h; row++) {
		uint8_t *p = fb_addr(fb, x, y + row);

		for (uint32_t col = 0; col < w; col++, p += fb->bytes_pp)
			fb_store(fb, p, psf_pixel(font, bits, col, row) ? fg : bg);
	}
}

/*
 * Copies scan lines towards lower addresses. When everything is 8-byte
 * aligned it moves whole words through a volatile pointer: that keeps
 * GCC from turning the loop back into a call to the byte-wise memmove of
 * kernel/lib/string.c, which would make each scroll several times slower.
 */
static void fb_copy_down(uint8_t *dst, const uint8_t *src, size_t n)
{
	volatile uint64_t *d = (volatile uint64_t *)dst;
	const volatile uint64_t *s = (const volatile uint64_t *)src;

	if ((uintptr_t)dst % FB_WORD || (uintptr_t)src % FB_WORD ||
	    n % FB_WORD) {
		memmove(dst, src, n);
		return;
	}
	for (size_t i = 0; i < n / FB_WORD; i++)
		d[i] = s[i];
}

void fb_scroll_up(const struct fb *fb, uint32_t y_top, uint32_t height_px,
		  uint32_t lines, uint32_t pixel)
{
	uint32_t w = fb->width;

	if (!fb_clip(fb, 0, y_top, &w, &height_px))
		return;
	if (lines >= height_px) {
		fb_fill_rect(fb, 0, y_top, fb->width, height_px, pixel);
		return;
	}
	/* One block: the rows are contiguous, padding included. */
	fb_copy_down(fb_addr(fb, 0, y_top), fb_addr(fb, 0, y_top + lines),
		     (size_t)(height_px - lines) * fb->pitch);
	fb_fill_rect(fb, 0, y_top + height_px - lines, fb->width, lines, pixel);
}
