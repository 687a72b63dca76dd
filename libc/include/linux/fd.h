/* linux/fd.h: FDGETPRM and struct floppy_struct, a floppy's geometry
 * (mkfs.vfat asks it to recognise a floppy); from Linux's uapi
 * linux/fd.h. */
#ifndef _LINUX_FD_H
#define _LINUX_FD_H

#include <sys/ioctl.h>

struct floppy_struct {
	unsigned int size;
	unsigned int sect;
	unsigned int head;
	unsigned int track;
	unsigned int stretch;
	unsigned char gap;
	unsigned char rate;
	unsigned char spec1;
	unsigned char fmt_gap;
	const char *name;
};

#define FDGETPRM	_IOR(2, 0x04, struct floppy_struct)

#endif
