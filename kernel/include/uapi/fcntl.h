/*
 * fcntl.h: open(2) flags, the *at(2) directory and flag arguments, fcntl(2)
 * commands and lseek(2) origins of the Linux x86_64 ABI (the values of
 * Linux's include/uapi/asm-generic/fcntl.h and linux/fcntl.h, as open(2),
 * fcntl(2), openat(2) and lseek(2) document them).
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

/* open(2): octal, as in asm-generic/fcntl.h. */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define O_ASYNC		00020000	/* FASYNC */
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_SYNC		04010000	/* __O_SYNC | O_DSYNC */
#define O_PATH		010000000
#define O_TMPFILE	020200000	/* __O_TMPFILE | O_DIRECTORY */

/* The *at(2) calls: "relative to the cwd" and their flags. */
#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200	/* faccessat */
#define AT_REMOVEDIR		0x200	/* unlinkat */
#define AT_SYMLINK_FOLLOW	0x400	/* linkat */
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000	/* statx: the sync mode field */

/* fcntl(2) commands. */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5	/* record locks: fcntl(2) "Advisory record locking" */
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8	/* fcntl(2) "Managing signals" */
#define F_GETOWN	9
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16
#define F_OFD_GETLK	36	/* open file description locks, fcntl(2) */
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_DUPFD_CLOEXEC	1030	/* F_LINUX_SPECIFIC_BASE + 6 */
#define F_SETPIPE_SZ	1031	/* fcntl(2) "Changing the capacity of a pipe" */
#define F_GETPIPE_SZ	1032
/* File seals (fcntl(2) "File sealing", memfd_create(2)): F_LINUX_SPECIFIC_BASE + 9, + 10. */
#define F_ADD_SEALS	1033
#define F_GET_SEALS	1034
#define F_SEAL_SEAL		0x0001	/* no more seals may be added */
#define F_SEAL_SHRINK		0x0002	/* the size may not shrink */
#define F_SEAL_GROW		0x0004	/* the size may not grow */
#define F_SEAL_WRITE		0x0008	/* the contents may not change */
#define F_SEAL_FUTURE_WRITE	0x0010	/* no new writers; existing mappings keep writing */
#define FD_CLOEXEC	1

/* struct flock's l_type (fcntl(2)). */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

/* struct flock of the x86_64 ABI: 32 bytes (l_start at 8, l_pid at 24). */
struct flock {
	short l_type;
	short l_whence;
	long long l_start;
	long long l_len;
	int l_pid;
};

/* F_SETOWN_EX / F_GETOWN_EX (fcntl(2)). */
struct f_owner_ex {
	int type;
	int pid;
};
#define F_OWNER_TID	0
#define F_OWNER_PID	1
#define F_OWNER_PGRP	2

/* flock(2) operations. */
#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8

/* lseek(2) origins. */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

/* access(2) modes. */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

/* renameat2(2) flags. */
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* utimensat(2): the special tv_nsec values. */
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

/* fallocate(2) modes (Linux's uapi/linux/falloc.h). */
#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02
#define FALLOC_FL_NO_HIDE_STALE	0x04
#define FALLOC_FL_COLLAPSE_RANGE	0x08
#define FALLOC_FL_ZERO_RANGE	0x10
#define FALLOC_FL_INSERT_RANGE	0x20
#define FALLOC_FL_UNSHARE_RANGE	0x40

/* posix_fadvise(2) advice (fadvise64 on x86_64). */
#define POSIX_FADV_NORMAL	0
#define POSIX_FADV_RANDOM	1
#define POSIX_FADV_SEQUENTIAL	2
#define POSIX_FADV_WILLNEED	3
#define POSIX_FADV_DONTNEED	4
#define POSIX_FADV_NOREUSE	5

#endif /* UAPI_FCNTL_H */
