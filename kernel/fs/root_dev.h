/*
 * root_dev.h: the kernel command line's root= device, as Linux's
 * early_lookup_bdev (block/early-lookup.c) reads it: "/dev/NAME",
 * "PARTUUID=GUID" or "PARTUUID=SSSSSSSS-PP" with an optional
 * "/PARTNROFF=N", "MAJOR:MINOR", or a hexadecimal device number.
 * Pure (host tested: tests/unit/fs/root_dev_test.c); do_mounts.c finds
 * and mounts the device.
 */
#ifndef FS_ROOT_DEV_H
#define FS_ROOT_DEV_H

#include <stdint.h>

#define ROOT_DEV_NAME_MAX	32	/* block.h's BLK_NAME_MAX */
#define ROOT_DEV_UUID_MAX	37	/* block.h's BLK_PARTUUID_LEN */

enum root_dev_kind {
	ROOT_DEV_NAME,			/* /dev/NAME */
	ROOT_DEV_PARTUUID,		/* PARTUUID=... */
	ROOT_DEV_NUMBER,		/* MAJOR:MINOR or hex */
};

struct root_dev {
	enum root_dev_kind kind;
	char name[ROOT_DEV_NAME_MAX];	/* ROOT_DEV_NAME: "sda1" */
	char uuid[ROOT_DEV_UUID_MAX];	/* ROOT_DEV_PARTUUID */
	int partnroff;			/* ROOT_DEV_PARTUUID: /PARTNROFF=N */
	unsigned major, minor;		/* ROOT_DEV_NUMBER */
};

/* Parses root='s value: 0, or -EINVAL for a form Linux does not take either. */
int root_dev_parse(const char *s, struct root_dev *out);

#endif /* FS_ROOT_DEV_H */
