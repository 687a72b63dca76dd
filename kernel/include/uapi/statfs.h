/*
 * statfs.h: struct statfs of the x86_64 ABI (statfs(2); Linux's
 * include/uapi/asm-generic/statfs.h with 64-bit words) and the magic
 * numbers of Basalt's file systems (statfs(2) lists them).
 */
#ifndef UAPI_STATFS_H
#define UAPI_STATFS_H

#include <stdint.h>

#define TMPFS_MAGIC	0x01021994	/* tmpfs and devtmpfs */

struct statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;	/* ST_* mount flags */
	int64_t f_spare[4];
};

#endif /* UAPI_STATFS_H */
