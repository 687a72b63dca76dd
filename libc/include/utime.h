/* utime.h: newlib's struct utimbuf, and the utime(2) declaration its
 * generic header leaves to a system directory newlib's x86_64-elf build
 * does not have (syscalls/utimensat.c defines it; e2fsprogs' debugfs
 * calls it). */
#ifndef _BASALT_UTIME_H
#define _BASALT_UTIME_H

#include <sys/types.h>
#include_next <utime.h>

#ifdef __cplusplus
extern "C" {
#endif

int utime(const char *path, const struct utimbuf *times);

#ifdef __cplusplus
}
#endif

#endif
