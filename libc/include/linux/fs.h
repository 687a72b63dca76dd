/* linux/fs.h: the block device ioctls programs use to size a disk
 * (BLKGETSIZE64...) and re-read its partitions; numbers from Linux's
 * uapi linux/fs.h as ioctl(2) encodes them. */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <stddef.h>
#include <sys/ioctl.h>

#define BLKROSET	_IO(0x12, 93)
#define BLKROGET	_IO(0x12, 94)
#define BLKRRPART	_IO(0x12, 95)
#define BLKGETSIZE	_IO(0x12, 96)
#define BLKFLSBUF	_IO(0x12, 97)
#define BLKSSZGET	_IO(0x12, 104)
#define BLKBSZGET	_IOR(0x12, 112, size_t)
#define BLKBSZSET	_IOW(0x12, 113, size_t)
#define BLKGETSIZE64	_IOR(0x12, 114, size_t)

#endif
