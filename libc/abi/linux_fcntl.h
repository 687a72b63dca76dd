/* linux_fcntl.h: open(2) flags and fcntl(2) commands of the Linux x86_64 ABI. */
/*
 * Values from open(2), fcntl(2) and Linux's include/uapi/asm-generic/fcntl.h
 * (x86_64 uses the generic values; they are octal there, and here).
 * newlib's <fcntl.h> numbers the flags differently; open_flags.c translates.
 */
#ifndef BASALT_LIBC_LINUX_FCNTL_H
#define BASALT_LIBC_LINUX_FCNTL_H

#define LINUX_O_ACCMODE		00000003
#define LINUX_O_RDONLY		00000000
#define LINUX_O_WRONLY		00000001
#define LINUX_O_RDWR		00000002
#define LINUX_O_CREAT		00000100
#define LINUX_O_EXCL		00000200
#define LINUX_O_NOCTTY		00000400
#define LINUX_O_TRUNC		00001000
#define LINUX_O_APPEND		00002000
#define LINUX_O_NONBLOCK	00004000
#define LINUX_O_DSYNC		00010000
#define LINUX_O_ASYNC		00020000	/* FASYNC: SIGIO (fcntl(2) F_SETFL) */
#define LINUX_O_DIRECT		00040000
#define LINUX_O_LARGEFILE	00100000
#define LINUX_O_DIRECTORY	00200000
#define LINUX_O_NOFOLLOW	00400000
#define LINUX_O_NOATIME		01000000
#define LINUX_O_CLOEXEC		02000000
/* O_SYNC is __O_SYNC | O_DSYNC in the generic header. */
#define LINUX_O_SYNC		04010000
#define LINUX_O_PATH		010000000

#define LINUX_F_DUPFD		0
#define LINUX_F_GETFD		1
#define LINUX_F_SETFD		2
#define LINUX_F_GETFL		3
#define LINUX_F_SETFL		4
#define LINUX_F_GETLK		5
#define LINUX_F_SETLK		6
#define LINUX_F_SETLKW		7
#define LINUX_F_SETOWN		8
#define LINUX_F_GETOWN		9
#define LINUX_F_SETOWN_EX	15
#define LINUX_F_GETOWN_EX	16
#define LINUX_F_DUPFD_CLOEXEC	1030
#define LINUX_F_SETPIPE_SZ	1031	/* fcntl.h's F_SETPIPE_SZ: the same number */
#define LINUX_F_GETPIPE_SZ	1032
#define LINUX_F_ADD_SEALS	1033	/* fcntl.h's F_ADD_SEALS: the same number */
#define LINUX_F_GET_SEALS	1034
#define LINUX_F_OFD_GETLK	36
#define LINUX_F_OFD_SETLK	37
#define LINUX_F_OFD_SETLKW	38

/* F_GETOWN_EX's owner types and struct f_owner_ex (fcntl(2), "Managing signals"). */
#define LINUX_F_OWNER_TID	0
#define LINUX_F_OWNER_PID	1
#define LINUX_F_OWNER_PGRP	2
struct linux_f_owner_ex {
	int type;
	int pid;
};

/* struct flock's lock types (asm-generic/fcntl.h). */
#define LINUX_F_RDLCK		0
#define LINUX_F_WRLCK		1
#define LINUX_F_UNLCK		2

/* The kernel's struct flock on x86_64 (fcntl(2), "Advisory record locking"). */
struct linux_flock {
	short l_type;
	short l_whence;
	long l_start;
	long l_len;
	int l_pid;
};

/* The *at(2) calls (openat(2), fstatat(2)...; include/uapi/linux/fcntl.h). */
#define LINUX_AT_FDCWD		(-100)
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_REMOVEDIR	0x200
#define LINUX_AT_EACCESS	0x200
#define LINUX_AT_SYMLINK_FOLLOW	0x400
#define LINUX_AT_EMPTY_PATH	0x1000

#endif /* BASALT_LIBC_LINUX_FCNTL_H */
