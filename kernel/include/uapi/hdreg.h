/*
 * uapi/hdreg.h: HDIO_GETGEO and struct hd_geometry of Linux's
 * <linux/hdreg.h>: a disk's made-up cylinders, heads and sectors per
 * track, and where a partition starts (fdisk, mkfs.vfat).
 */
#ifndef UAPI_HDREG_H
#define UAPI_HDREG_H

#include <stdint.h>

#define HDIO_GETGEO	0x0301

struct hd_geometry {
	uint8_t heads;
	uint8_t sectors;
	uint16_t cylinders;
	unsigned long start;	/* in 512-byte sectors */
};

#endif /* UAPI_HDREG_H */
