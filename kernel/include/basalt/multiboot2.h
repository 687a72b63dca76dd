/*
 * Multiboot2 constants and boot-information tags, from the Multiboot2
 * specification version 2.0 (sections 3.1 "OS image format" and 3.6
 * "Boot information format"). Shared by the assembly header and C code.
 */
#ifndef BASALT_MULTIBOOT2_H
#define BASALT_MULTIBOOT2_H

#define MB2_HEADER_MAGIC		0xE85250D6
#define MB2_BOOTLOADER_MAGIC		0x36D76289	/* in %eax at entry, 3.2 */
#define MB2_ARCH_I386			0
#define MB2_HEADER_ALIGN		8
#define MB2_TAG_ALIGN			8

#define MB2_HEADER_TAG_END		0
#define MB2_HEADER_TAG_FRAMEBUFFER	5
#define MB2_HEADER_TAG_MODULE_ALIGN	6
#define MB2_HEADER_TAG_OPTIONAL		1

/* Boot information tag types, section 3.6. */
#define MB2_TAG_END			0
#define MB2_TAG_CMDLINE			1
#define MB2_TAG_BOOTLOADER_NAME		2
#define MB2_TAG_MODULE			3
#define MB2_TAG_BASIC_MEMINFO		4
#define MB2_TAG_BOOTDEV			5
#define MB2_TAG_MMAP			6
#define MB2_TAG_VBE			7
#define MB2_TAG_FRAMEBUFFER		8
#define MB2_TAG_ELF_SECTIONS		9
#define MB2_TAG_APM			10
#define MB2_TAG_EFI32			11
#define MB2_TAG_EFI64			12
#define MB2_TAG_SMBIOS			13
#define MB2_TAG_ACPI_OLD		14
#define MB2_TAG_ACPI_NEW		15

/* Memory map entry types, section 3.6.8. */
#define MB2_MEMORY_AVAILABLE		1
#define MB2_MEMORY_RESERVED		2
#define MB2_MEMORY_ACPI_RECLAIMABLE	3
#define MB2_MEMORY_NVS			4
#define MB2_MEMORY_BADRAM		5

/* Framebuffer types, section 3.6.12. */
#define MB2_FRAMEBUFFER_TYPE_INDEXED	0
#define MB2_FRAMEBUFFER_TYPE_RGB	1
#define MB2_FRAMEBUFFER_TYPE_EGA_TEXT	2

#ifndef __ASSEMBLER__
#include <stdint.h>

struct mb2_info {
	uint32_t total_size;
	uint32_t reserved;
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_tag_string {		/* CMDLINE, BOOTLOADER_NAME */
	uint32_t type;
	uint32_t size;
	char string[];
};

struct mb2_tag_module {
	uint32_t type;
	uint32_t size;
	uint32_t mod_start;
	uint32_t mod_end;
	char cmdline[];
};

struct mb2_mmap_entry {
	uint64_t addr;
	uint64_t len;
	uint32_t type;
	uint32_t reserved;
};

struct mb2_tag_mmap {
	uint32_t type;
	uint32_t size;
	uint32_t entry_size;
	uint32_t entry_version;
	/* followed by entries of entry_size bytes each */
};

struct mb2_tag_framebuffer {
	uint32_t type;
	uint32_t size;
	uint64_t addr;
	uint32_t pitch;
	uint32_t width;
	uint32_t height;
	uint8_t bpp;
	uint8_t fb_type;
	uint16_t reserved;
	/* For MB2_FRAMEBUFFER_TYPE_RGB: */
	uint8_t red_field_position;
	uint8_t red_mask_size;
	uint8_t green_field_position;
	uint8_t green_mask_size;
	uint8_t blue_field_position;
	uint8_t blue_mask_size;
};

struct mb2_tag_acpi {		/* ACPI_OLD (RSDP v1) and ACPI_NEW (v2+) */
	uint32_t type;
	uint32_t size;
	uint8_t rsdp[];
};
#endif /* __ASSEMBLER__ */

#endif /* BASALT_MULTIBOOT2_H */
