/*
 * fcntl.h: newlib's, plus O_ASYNC, O_NOATIME, Linux's pipe-capacity
 * commands (fcntl(2) F_GETPIPE_SZ, F_SETPIPE_SZ), open file description
 * locks (F_OFD_*), posix_fadvise(3) and readahead(2).
 */
#ifndef BASALT_FCNTL_H
#define BASALT_FCNTL_H

#include_next <fcntl.h>

#if __BSD_VISIBLE || __GNU_VISIBLE
/* Signal-driven I/O (fcntl(2) F_SETFL): newlib's FASYNC bit, which open_flags.c maps to Linux's. */
#ifndef O_ASYNC
#define O_ASYNC		_FASYNC
#endif
#endif

#if __GNU_VISIBLE
/*
 * open(2) O_NOATIME: newlib's _FNOATIME bit, which its header defines for
 * Cygwin only; free in every other flag, and open_flags.c maps it.
 */
#ifndef O_NOATIME
#define O_NOATIME	0x1000000
#endif
/* Linux's values, which syscalls/fcntl.c passes through (fcntl(2), "Changing the capacity of a pipe"). */
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
/* Open file description locks (fcntl(2)): Linux's values, free in newlib's; syscalls/fcntl_lock.c. */
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
/* File seals (fcntl(2) "File sealing", memfd_create(2)): Linux's values, passed through. */
#define F_ADD_SEALS		1033
#define F_GET_SEALS		1034
#define F_SEAL_SEAL		0x0001
#define F_SEAL_SHRINK		0x0002
#define F_SEAL_GROW		0x0004
#define F_SEAL_WRITE		0x0008
#define F_SEAL_FUTURE_WRITE	0x0010
#endif

/* posix_fadvise(3) advice: Linux's values (fadvise64 on x86_64). */
#define POSIX_FADV_NORMAL	0
#define POSIX_FADV_RANDOM	1
#define POSIX_FADV_SEQUENTIAL	2
#define POSIX_FADV_WILLNEED	3
#define POSIX_FADV_DONTNEED	4
#define POSIX_FADV_NOREUSE	5

int posix_fadvise(int fd, off_t offset, off_t len, int advice);
#if __GNU_VISIBLE
ssize_t readahead(int fd, off_t offset, size_t count);
#endif

#endif /* BASALT_FCNTL_H */
