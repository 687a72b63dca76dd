/*
 * video.c: the console "tty0" on the framebuffer the boot loader set up
 * (multiboot2 framebuffer tag, spec 3.6.12: VBE under BIOS, GOP under
 * UEFI), drawn with the font font.S embeds; or, when the loader left the
 * screen in EGA text mode, in its character cells.
 */
#include <drivers/video/video.h>
#include <basalt/bootinfo.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/multiboot2.h>
#include <basalt/vmlayout.h>
#include <asm/io.h>
#include <uapi/errno.h>

/* The PSF file font.S includes, between these two symbols. */
extern const uint8_t video_font_blob[], video_font_blob_end[];

/*
 * Both the boot page tables and the kernel's own map physical 0..4 GiB at
 * DIRECT_MAP_BASE: a framebuffer above that is not reachable yet.
 */
#define VIDEO_DIRECT_MAP_LIMIT	(1ULL << 32)

static struct psf_font video_psf;
static struct fb video_fb_dev;
static struct fbcon video_fbcon;
static struct ega_text video_ega;

/*
 * The CRT controller's cursor start register, bit 5 switches the
 * hardware cursor off (IBM VGA Technical Reference, CRTC index 0Ah). The
 * ports are the colour ones: EGA text at 0xb8000 is colour mode.
 */
#define VGA_CRTC_INDEX		0x3d4
#define VGA_CRTC_DATA		0x3d5
#define VGA_CRTC_CURSOR_START	0x0a
#define VGA_CURSOR_DISABLE	0x20
/* video_init()'s result: 0, a negative errno, or VIDEO_NOT_PROBED. */
#define VIDEO_NOT_PROBED	1
static int video_status = VIDEO_NOT_PROBED;

static bool video_reachable(uint64_t phys, uint32_t pitch, uint32_t height)
{
	uint64_t size = (uint64_t)pitch * height;

	if (phys < VIDEO_DIRECT_MAP_LIMIT && size <= VIDEO_DIRECT_MAP_LIMIT - phys)
		return true;
	pr_warn("fbcon: screen memory at %#llx is outside the direct map\n",
		(unsigned long long)phys);
	return false;
}

static int video_map_fb(const struct boot_framebuffer *info)
{
	if (!info->present)
		return -ENODEV;
	if (!video_reachable(info->phys, info->pitch, info->height))
		return -EINVAL;
	return fb_init(&video_fb_dev, info, phys_to_virt(info->phys));
}

/*
 * boot_info keeps only RGB framebuffers, so the EGA text tag is looked up
 * here. Every tag size is checked again against the structure's size
 * rather than trusting that bootinfo_parse() succeeded.
 */
static const struct mb2_tag_framebuffer *video_find_ega_tag(void)
{
	const uint8_t *p, *end;

	if (boot_info.info_size < sizeof(struct mb2_info))
		return NULL;
	p = (const uint8_t *)phys_to_virt(boot_info.info_phys);
	end = p + boot_info.info_size;
	p += sizeof(struct mb2_info);
	while ((size_t)(end - p) >= sizeof(struct mb2_tag)) {
		const struct mb2_tag *tag = (const void *)p;
		const struct mb2_tag_framebuffer *f = (const void *)p;

		if (tag->type == MB2_TAG_END || tag->size < sizeof(*tag) ||
		    tag->size > (size_t)(end - p))
			return NULL;
		if (tag->type == MB2_TAG_FRAMEBUFFER) {
			if (tag->size < offsetof(struct mb2_tag_framebuffer,
						 red_field_position))
				return NULL;
			return f->fb_type == MB2_FRAMEBUFFER_TYPE_EGA_TEXT ? f : NULL;
		}
		p += ALIGN_UP(tag->size, (uint32_t)MB2_TAG_ALIGN);
	}
	return NULL;
}

/* tty0 in EGA text mode; its own block cursor replaces the hardware one. */
static struct console *video_ega_console(const struct mb2_tag_framebuffer *f)
{
	int err = -EINVAL;

	if (video_reachable(f->addr, f->pitch, f->height))
		err = ega_init(&video_ega, phys_to_virt(f->addr), f->width,
			       f->height, f->pitch);
	if (!err)
		err = ega_console_init(&video_fbcon, "tty0", &video_ega);
	if (err) {
		pr_warn("fbcon: cannot use the %ux%u EGA text screen (error %d)\n",
			f->width, f->height, err);
		return NULL;
	}
	outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_START);
	outb(VGA_CRTC_DATA, inb(VGA_CRTC_DATA) | VGA_CURSOR_DISABLE);
	pr_info("fbcon: tty0: EGA text, %ux%u cells at %#llx\n", f->width,
		f->height, (unsigned long long)f->addr);
	return &video_fbcon.con;
}

int video_init(void)
{
	int err;

	if (video_status != VIDEO_NOT_PROBED)
		return video_status;
	err = psf_parse(&video_psf, video_font_blob,
			(size_t)(video_font_blob_end - video_font_blob));
	if (err)
		pr_err("fbcon: built-in font is corrupt (error %d)\n", err);
	else
		err = video_map_fb(&boot_info.fb);
	video_status = err;
	return err;
}

struct fbcon *video_fbcon_active(void)
{
	/* fbcon_init and ega_console_init give a set-up console a grid. */
	return video_fbcon.cols ? &video_fbcon : NULL;
}

struct console *video_console(void)
{
	const struct boot_framebuffer *info = &boot_info.fb;
	int err = video_init();

	if (err == -ENODEV) {
		const struct mb2_tag_framebuffer *ega = video_find_ega_tag();

		if (ega)
			return video_ega_console(ega);
		pr_info("fbcon: no framebuffer from the boot loader: no tty0\n");
		return NULL;
	}
	if (!err)
		err = fbcon_init(&video_fbcon, "tty0", &video_fb_dev, &video_psf);
	if (err) {
		pr_warn("fbcon: cannot use the %ux%ux%u framebuffer (error %d)\n",
			info->width, info->height, info->bpp, err);
		return NULL;
	}
	pr_info("fbcon: tty0: %ux%u, %u bpp at %#llx, %ux%u cells of %ux%u\n",
		info->width, info->height, info->bpp,
		(unsigned long long)info->phys, video_fbcon.cols,
		video_fbcon.rows, video_psf.width, video_psf.height);
	return &video_fbcon.con;
}

const struct fb *video_fb(void)
{
	return video_status == 0 ? &video_fb_dev : NULL;
}

const struct psf_font *video_font(void)
{
	return video_status == 0 ? &video_psf : NULL;
}
