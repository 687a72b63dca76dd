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
#define MS_SYNCHRONOUS	0x0010
#define MS_REMOUNT	0x0020
#define MS_MANDLOCK	0x0040
#define MS_DIRSYNC	0x0080
#define MS_NOATIME	0x0400
#define MS_NODIRATIME	0x0800
#define MS_BIND		0x1000
#define MS_MOVE		0x2000
#define MS_REC		0x4000
#define MS_SILENT	0x8000
#define MS_UNBINDABLE	(1u << 17)
#define MS_PRIVATE	(1u << 18)
#define MS_SLAVE	(1u << 19)
#define MS_SHARED	(1u << 20)
#define MS_RELATIME	(1u << 21)
#define MS_STRICTATIME	(1u << 24)
#define MS_LAZYTIME	(1u << 25)
#define MS_NOUSER	(1u << 31)
#define MS_MGC_VAL	0xC0ED0000u	/* the old magic in the top half, ignored */
#define MS_MGC_MSK	0xffff0000u

#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

#endif /* UAPI_MOUNT_H */
