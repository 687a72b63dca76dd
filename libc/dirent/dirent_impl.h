/* dirent_impl.h: the DIR stream behind <dirent.h>, internal to libc/dirent. */
#ifndef BASALT_LIBC_DIRENT_IMPL_H
#define BASALT_LIBC_DIRENT_IMPL_H

#include <dirent.h>
#include <sys/types.h>

/* Room for many getdents64 records per system call (glibc reads 32 KiB). */
#define DIRENT_BUFFER_SIZE	32768

/*
 * One open directory: the descriptor, and the records of the last
 * getdents64(2) call in buffer[position..length). tell is the d_off of the
 * last record returned, the cookie telldir() hands out and seekdir() takes
 * back (lseek(2) on a directory accepts it). No locking: one thread.
 */
struct __dirstream {
	int fd;
	size_t position;
	size_t length;
	off_t tell;
	_Alignas(8) char buffer[DIRENT_BUFFER_SIZE];
};

#endif /* BASALT_LIBC_DIRENT_IMPL_H */
