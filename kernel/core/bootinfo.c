/*
 * bootinfo.c: walk the multiboot2 boot information (Multiboot2 spec 3.6)
 * and copy what the kernel needs into struct boot_info. Every size is
 * checked against the structure's total_size: a broken loader gives
 * -EINVAL, not a wild read.
 */
#include <basalt/bootinfo.h>
#include <basalt/multiboot2.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <uapi/errno.h>

struct boot_info boot_info;

#define MB2_INFO_HEADER_SIZE	8
#define MB2_INFO_SIZE_MAX	(1u << 20)	/* far beyond any real loader */
#define ACPI_RSDP_V1_LEN	20		/* ACPI 6.4 table 5.3 */

static const char *bootinfo_tag_string(const struct mb2_tag *tag)
{
	const struct mb2_tag_string *s = (const void *)tag;
	size_t max = tag->size - sizeof(*s);

	/* The string must be NUL-terminated inside the tag. */
	if (tag->size <= sizeof(*s) || strnlen(s->string, max) == max)
		return NULL;
	return s->string;
}

static enum boot_mem_type bootinfo_mem_type(uint32_t mb2_type)
{
	switch (mb2_type) {
	case MB2_MEMORY_AVAILABLE:
		return BOOT_MEM_AVAILABLE;
	case MB2_MEMORY_ACPI_RECLAIMABLE:
		return BOOT_MEM_ACPI_RECLAIMABLE;
	case MB2_MEMORY_NVS:
		return BOOT_MEM_ACPI_NVS;
	case MB2_MEMORY_BADRAM:
		return BOOT_MEM_BAD;
	default:
		return BOOT_MEM_RESERVED;
	}
}

static int bootinfo_parse_mmap(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_mmap *m = (const void *)tag;
	const uint8_t *p, *end;

	if (tag->size < sizeof(*m) || m->entry_size < sizeof(struct mb2_mmap_entry))
		return -EINVAL;
	p = (const uint8_t *)(m + 1);
	end = (const uint8_t *)tag + tag->size;
	for (; p + m->entry_size <= end; p += m->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;
		struct boot_mem_range *r;

		if (out->mmap_count >= BOOTINFO_MMAP_MAX)
			break;
		if (e->len == 0 || e->addr + e->len < e->addr)
			continue;	/* empty or wrapping: ignore */
		r = &out->mmap[out->mmap_count++];
		r->base = e->addr;
		r->length = e->len;
		r->type = bootinfo_mem_type(e->type);
	}
	return 0;
}

static int bootinfo_parse_framebuffer(const struct mb2_tag *tag,
				      struct boot_info *out)
{
	const struct mb2_tag_framebuffer *f = (const void *)tag;

	/* The RGB tag ends with blue_mask_size: 38 bytes, not sizeof(*f). */
	if (tag->size < offsetof(struct mb2_tag_framebuffer, red_field_position))
		return -EINVAL;
	if (f->fb_type != MB2_FRAMEBUFFER_TYPE_RGB)
		return 0;	/* EGA text or indexed: no console on it */
	if (tag->size < offsetof(struct mb2_tag_framebuffer, blue_mask_size) + 1)
		return -EINVAL;
	out->fb.present = true;
	out->fb.phys = f->addr;
	out->fb.pitch = f->pitch;
	out->fb.width = f->width;
	out->fb.height = f->height;
	out->fb.bpp = f->bpp;
	out->fb.red_pos = f->red_field_position;
	out->fb.red_size = f->red_mask_size;
	out->fb.green_pos = f->green_field_position;
	out->fb.green_size = f->green_mask_size;
	out->fb.blue_pos = f->blue_field_position;
	out->fb.blue_size = f->blue_mask_size;
	return 0;
}

int bootinfo_parse(const void *info, uint64_t info_phys, struct boot_info *out)
{
	const struct mb2_info *hdr = info;
	const uint8_t *p, *end;

	memset(out, 0, sizeof(*out));
	if (!info || hdr->total_size < MB2_INFO_HEADER_SIZE + sizeof(struct mb2_tag) ||
	    hdr->total_size > MB2_INFO_SIZE_MAX)
		return -EINVAL;
	out->info_phys = info_phys;
	out->info_size = hdr->total_size;
	p = (const uint8_t *)info + MB2_INFO_HEADER_SIZE;
	end = (const uint8_t *)info + hdr->total_size;

	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *tag = (const void *)p;
		int err = 0;

		if (tag->type == MB2_TAG_END)
			return 0;
		if (tag->size < sizeof(*tag) || tag->size > (size_t)(end - p))
			return -EINVAL;

		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			out->cmdline = bootinfo_tag_string(tag);
			break;
		case MB2_TAG_BOOTLOADER_NAME:
			out->loader_name = bootinfo_tag_string(tag);
			break;
		case MB2_TAG_MODULE: {
			const struct mb2_tag_module *m = (const void *)tag;
			struct boot_module *bm;

			if (tag->size < sizeof(*m) || m->mod_end < m->mod_start)
				return -EINVAL;
			if (out->module_count >= BOOTINFO_MODULES_MAX)
				break;
			bm = &out->modules[out->module_count++];
			bm->start = m->mod_start;
			bm->end = m->mod_end;
			bm->cmdline = tag->size > sizeof(*m) &&
				strnlen(m->cmdline, tag->size - sizeof(*m)) <
				tag->size - sizeof(*m) ? m->cmdline : "";
			break;
		}
		case MB2_TAG_MMAP:
			err = bootinfo_parse_mmap(tag, out);
			break;
		case MB2_TAG_FRAMEBUFFER:
			err = bootinfo_parse_framebuffer(tag, out);
			break;
		case MB2_TAG_EFI64:
			out->efi = true;
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW: {
			uint32_t len = tag->size - sizeof(struct mb2_tag_acpi);

			if (tag->size < sizeof(struct mb2_tag_acpi) + ACPI_RSDP_V1_LEN)
				return -EINVAL;
			/* Prefer the v2 RSDP (it carries the XSDT address). */
			if (out->rsdp_len && tag->type == MB2_TAG_ACPI_OLD)
				break;
			len = MIN(len, (uint32_t)BOOTINFO_RSDP_MAX);
			memcpy(out->rsdp, ((const struct mb2_tag_acpi *)tag)->rsdp, len);
			out->rsdp_len = len;
			break;
		}
		default:
			break;
		}
		if (err)
			return err;
		p += ALIGN_UP(tag->size, (uint32_t)MB2_TAG_ALIGN);
	}
	return -EINVAL;	/* ran off the end without an END tag */
}
