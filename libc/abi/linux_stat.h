/* linux_stat.h: the struct stat that Linux x86_64's stat(2) and fstat(2) fill in. */
/*
 * Layout of Linux's arch/x86/include/uapi/asm/stat.h for x86_64 (the
 * "struct stat" of the stat, fstat, lstat and newfstatat system calls),
 * field meanings as in stat(3type). stat_from_linux.c converts it to
 * newlib's struct stat. The st_mode type bits (S_IFMT...) have the same
 * values in both (inode(7)).
 */
#ifndef BASALT_LIBC_LINUX_STAT_H
#define BASALT_LIBC_LINUX_STAT_H

struct linux_stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;
	unsigned long st_atime_sec;
	unsigned long st_atime_nsec;
	unsigned long st_mtime_sec;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime_sec;
	unsigned long st_ctime_nsec;
	long unused[3];
};

/* 144 bytes on x86_64: what the kernel writes, so it must match exactly. */
#define LINUX_STAT_SIZE	144
_Static_assert(sizeof(struct linux_stat) == LINUX_STAT_SIZE,
	       "struct linux_stat must match the kernel's struct stat");

#endif /* BASALT_LIBC_LINUX_STAT_H */
