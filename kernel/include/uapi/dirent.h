/*
 * dirent.h: the records getdents64(2) returns and their d_type values
 * (getdents(2), readdir(3)).
 */
#ifndef UAPI_DIRENT_H
#define UAPI_DIRENT_H

#include <stdint.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;		/* where the next record starts (opaque) */
	uint16_t d_reclen;	/* this record, 8-byte aligned */
	uint8_t d_type;
	char d_name[];		/* NUL-terminated */
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#endif /* UAPI_DIRENT_H */
