/*
 * What the boot loader told us (kernel/core/bootinfo.c), gathered from the
 * multiboot2 information structure into one validated, fixed-size record.
 */
#ifndef BASALT_BOOTINFO_H
#define BASALT_BOOTINFO_H

#include <stdbool.h>
#include <stdint.h>

#define BOOTINFO_MMAP_MAX	128
#define BOOTINFO_MODULES_MAX	16
#define BOOTINFO_RSDP_MAX	36	/* ACPI 6.4 table 5.3: RSDP v2 length */

enum boot_mem_type {
	BOOT_MEM_AVAILABLE = 1,
	BOOT_MEM_RESERVED,
	BOOT_MEM_ACPI_RECLAIMABLE,
	BOOT_MEM_ACPI_NVS,
	BOOT_MEM_BAD,
};

struct boot_mem_range {
	uint64_t base;
	uint64_t length;
	enum boot_mem_type type;
};

struct boot_module {
	uint64_t start;		/* physical, inclusive */
	uint64_t end;		/* physical, exclusive */
	const char *cmdline;
};

struct boot_framebuffer {
	bool present;
	uint64_t phys;
	uint32_t pitch, width, height;
	uint8_t bpp;
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct boot_info {
	uint64_t info_phys;	/* the multiboot2 structure itself */
	uint32_t info_size;
	const char *cmdline;
	const char *loader_name;
	struct boot_mem_range mmap[BOOTINFO_MMAP_MAX];
	unsigned mmap_count;
	struct boot_module modules[BOOTINFO_MODULES_MAX];
	unsigned module_count;
	struct boot_framebuffer fb;
	uint8_t rsdp[BOOTINFO_RSDP_MAX];
	uint32_t rsdp_len;	/* 0 when the loader gave none */
	bool efi;		/* booted through UEFI (EFI64 tag seen) */
};

/*
 * Parses the multiboot2 structure at info (a mapped pointer). Returns 0,
 * or -EINVAL if the structure is malformed; unknown tags are skipped.
 */
int bootinfo_parse(const void *info, uint64_t info_phys, struct boot_info *out);

extern struct boot_info boot_info;

#endif /* BASALT_BOOTINFO_H */
