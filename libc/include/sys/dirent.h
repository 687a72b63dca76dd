/* sys/dirent.h: struct dirent as Linux's getdents64 returns it, and the opaque DIR (included by newlib's <dirent.h>). */
/*
 * newlib's generic <sys/dirent.h> is an #error: each system brings its own.
 * Ours follows getdents64(2)'s struct linux_dirent64 (d_ino, d_off,
 * d_reclen, d_type, then the name), which is also glibc's struct dirent on
 * x86_64, so readdir() can hand out the kernel's records as they are.
 * DIR is defined in libc/dirent/dirent_impl.h.
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define __DIRENT_NAME_MAX	255

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[__DIRENT_NAME_MAX + 1];
};

#define _DIRENT_HAVE_D_OFF
#define _DIRENT_HAVE_D_RECLEN
#define _DIRENT_HAVE_D_TYPE

/* d_type values (getdents64(2), readdir(3)). */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12
#define DT_WHT		14

/* File type bits of st_mode to d_type and back. */
#define IFTODT(mode)	(((mode) & 0170000) >> 12)
#define DTTOIF(type)	((type) << 12)

typedef struct __dirstream DIR;

#ifdef __cplusplus
}
#endif

#endif /* _SYS_DIRENT_H */
