/* sys/sysmacros.h: major, minor and makedev for Linux's 64-bit dev_t encoding. */
/*
 * Linux keeps a 12-bit major and 20-bit minor in the kernel and exposes
 * dev_t to user space as: minor bits 0-7 in bits 0-7, major bits 0-11 in
 * bits 8-19, minor bits 8-19 in bits 20-31, and the high major bits above
 * (glibc's encoding, which stat(2) returns).
 */
#ifndef _SYS_SYSMACROS_H
#define _SYS_SYSMACROS_H

#include <sys/types.h>

#define major(dev)	((unsigned int)((((dev) >> 32) & 0xfffff000) | (((dev) >> 8) & 0x00000fff)))
#define minor(dev)	((unsigned int)((((dev) >> 12) & 0xffffff00) | ((dev) & 0x000000ff)))
#define makedev(maj, min)						\
	((dev_t)((((dev_t)(maj) & 0xfffff000) << 32) | (((dev_t)(maj) & 0x00000fff) << 8) | \
		 (((dev_t)(min) & 0xffffff00) << 12) | ((dev_t)(min) & 0x000000ff)))

#endif /* _SYS_SYSMACROS_H */
