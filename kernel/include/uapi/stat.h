/*
 * stat.h: file types and permission bits (inode(7)), struct stat of the
 * x86_64 ABI (stat(2); Linux's arch/x86/include/uapi/asm/stat.h) and
 * struct statx (statx(2); include/uapi/linux/stat.h).
 */
#ifndef UAPI_STAT_H
#define UAPI_STAT_H

#include <stdint.h>

#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_IRWXU		00700
#define S_IRWXG		00070
#define S_IRWXO		00007
#define S_IALLUGO	07777	/* every permission and mode bit chmod sets */

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

/* x86_64's struct stat: 144 bytes. */
struct stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	int32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;	/* 512-byte units */
	uint64_t st_atime_sec;
	uint64_t st_atime_nsec;
	uint64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	uint64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	int64_t __reserved[3];
};

struct statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

/* statx(2): 256 bytes. */
struct statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t __spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct statx_timestamp stx_atime;
	struct statx_timestamp stx_btime;
	struct statx_timestamp stx_ctime;
	struct statx_timestamp stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align;
	uint32_t stx_dio_offset_align;
	uint64_t __spare3[12];
};

/* statx(2) mask bits. */
#define STATX_TYPE		0x0001
#define STATX_MODE		0x0002
#define STATX_NLINK		0x0004
#define STATX_UID		0x0008
#define STATX_GID		0x0010
#define STATX_ATIME		0x0020
#define STATX_MTIME		0x0040
#define STATX_CTIME		0x0080
#define STATX_INO		0x0100
#define STATX_SIZE		0x0200
#define STATX_BLOCKS		0x0400
#define STATX_BASIC_STATS	0x07ff
#define STATX_MNT_ID		0x1000
#define STATX__RESERVED		0x80000000u

#endif /* UAPI_STAT_H */
