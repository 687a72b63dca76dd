/*
 * mount.h: mount(2) and umount2(2) flags (Linux's include/uapi/linux/mount.h
 * and fs.h, as mount(2) and umount(2) document them).
 */
#ifndef UAPI_MOUNT_H
#define UAPI_MOUNT_H

#define MS_RDONLY	0x0001
#define MS_NOSUID	0x0002
#define MS_NODEV	0x0004
#define MS_NOEXEC	0x0008
#define MS_REMOUNT	0x0020
#define MS_BIND		0x1000
#define MS_MOVE		0x2000
#define MS_MGC_VAL	0xC0ED0000u	/* the old magic in the top half, ignored */
#define MS_MGC_MSK	0xffff0000u

#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

#endif /* UAPI_MOUNT_H */
