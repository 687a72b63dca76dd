/*
 * video.c: the console "tty0" on the framebuffer the boot loader set up
 * (multiboot2 framebuffer tag, spec 3.6.12: VBE under BIOS, GOP under
 * UEFI), drawn with the font font.S embeds.
 */
#include <drivers/video/video.h>
#include <basalt/bootinfo.h>
#include <basalt/log.h>
#include <basalt/vmlayout.h>
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
/* video_init()'s result: 0, a negative errno, or VIDEO_NOT_PROBED. */
#define VIDEO_NOT_PROBED	1
static int video_status = VIDEO_NOT_PROBED;

static int video_map_fb(const struct boot_framebuffer *info)
{
	uint64_t size = (uint64_t)info->pitch * info->height;

	if (!info->present)
		return -ENODEV;
	if (info->phys >= VIDEO_DIRECT_MAP_LIMIT ||
	    size > VIDEO_DIRECT_MAP_LIMIT - info->phys) {
		pr_warn("fbcon: framebuffer at %#llx is outside the direct map\n",
			(unsigned long long)info->phys);
		return -EINVAL;
	}
	return fb_init(&video_fb_dev, info, phys_to_virt(info->phys));
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

struct console *video_console(void)
{
	const struct boot_framebuffer *info = &boot_info.fb;
	int err = video_init();

	if (err == -ENODEV) {
		pr_info("fbcon: no RGB framebuffer from the boot loader (EGA text or none): no tty0\n");
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
