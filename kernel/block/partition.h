/*
 * partition.h: the partition table parsers (partition_mbr.c,
 * partition_gpt.c). They read the disk only through a part_read_fn and
 * trust nothing they read: the host unit tests (tests/unit/block/) feed
 * them images made by sfdisk and sgdisk, and corrupted copies.
 */
#ifndef BLOCK_PARTITION_H
#define BLOCK_PARTITION_H

#include <stdbool.h>
#include <stdint.h>

#define PART_MAX		15	/* sd's minors: partitions 1..15 */
#define PART_GUID_LEN		16
#define PART_MIN_BLOCK_SIZE	512
#define PART_MAX_BLOCK_SIZE	4096

/* Reads logical block lba (block_size bytes) into buf: 0 or a negative errno. */
typedef int (*part_read_fn)(void *ctx, uint64_t lba, void *buf);

/* Offset of the MBR's disk signature (a little-endian 32-bit word). */
#define PART_MBR_DISK_SIG_OFF	440

struct part_info {
	unsigned partno;		/* 1.. (MBR logical partitions: 5..) */
	uint64_t start, blocks;		/* in logical blocks */
	uint8_t mbr_type;		/* MBR system id, 0 for GPT */
	uint8_t type_guid[PART_GUID_LEN];	/* GPT only */
	uint8_t unique_guid[PART_GUID_LEN];	/* GPT only: the PARTUUID */
};

struct part_table {
	unsigned count;
	struct part_info parts[PART_MAX];
	bool gpt_backup_used;		/* the primary GPT was bad */
	uint32_t mbr_disk_signature;	/* MBR only: the PARTUUID's "SSSSSSSS" */
};

struct part_disk {
	part_read_fn read;
	void *ctx;
	uint32_t block_size;
	uint64_t capacity;		/* in logical blocks */
};

/*
 * MBR (with extended and logical partitions). 0 with the partitions,
 * -ENOENT when block 0 has no MBR signature, -EPROTO when the MBR is a
 * GPT's protective one (type 0xEE), -EINVAL for a corrupt table, or the
 * read's errno. Partitions out of the disk are left out (logged).
 */
int part_mbr_parse(const struct part_disk *d, struct part_table *out);

/*
 * GPT (UEFI 2.10 chapter 5.3): the primary header and entry array with
 * their CRC-32s checked, else the backup header in the last block. 0,
 * -EINVAL when neither is valid, or the read's errno.
 */
int part_gpt_parse(const struct part_disk *d, struct part_table *out);

#endif /* BLOCK_PARTITION_H */
