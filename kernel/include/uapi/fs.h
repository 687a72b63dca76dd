/*
 * uapi/fs.h: the block device ioctls of Linux's <linux/fs.h> (ioctl
 * group 0x12), with Linux's numbers.
 */
#ifndef UAPI_FS_H
#define UAPI_FS_H

#include <stdint.h>
#include <uapi/ioctl.h>

#define BLKROGET	_IO(0x12, 94)		/* read-only? (int) */
#define BLKRRPART	_IO(0x12, 95)		/* re-read the partition table */
#define BLKGETSIZE	_IO(0x12, 96)		/* size in 512-byte sectors (unsigned long) */
#define BLKFLSBUF	_IO(0x12, 97)		/* flush the buffer cache */
#define BLKSSZGET	_IO(0x12, 104)		/* logical block size (int) */
#define BLKGETSIZE64	_IOR(0x12, 114, uint64_t)	/* size in bytes (u64) */
#define BLKDISCARD	_IO(0x12, 119)		/* discard a range (u64 start, length) */
#define BLKPBSZGET	_IO(0x12, 123)		/* physical block size (unsigned int) */

#endif /* UAPI_FS_H */
