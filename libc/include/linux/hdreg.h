/* linux/hdreg.h: HDIO_GETGEO and struct hd_geometry, a disk's
 * cylinders/heads/sectors as the kernel reports them (mkfs.vfat,
 * fdisk); layout and number from Linux's uapi linux/hdreg.h. */
#ifndef _LINUX_HDREG_H
#define _LINUX_HDREG_H

struct hd_geometry {
	unsigned char heads;
	unsigned char sectors;
	unsigned short cylinders;
	unsigned long start;
};

#define HDIO_GETGEO	0x0301

#endif
