/*
 * sys/fcntl.h: newlib's (<sys/_default_fcntl.h>, which <fcntl.h> includes
 * through it), with AT_FDCWD and the AT_* flags of the *at(2) calls given
 * Linux's values (include/uapi/linux/fcntl.h) in place of newlib's -2 and
 * 1, 2, 4, 8, 16. Our libc's own wrappers could translate newlib's values,
 * but a program that makes the system call itself (gnulib's renameat2
 * calls syscall(SYS_renameat2, AT_FDCWD, ...) in GNU patch) hands them to
 * the kernel as they are: -2 is then a bad descriptor (EBADF). Nothing in
 * newlib's own sources uses them, so only the header changes.
 * AT_EACCESS and AT_REMOVEDIR share 0x200 on Linux: they belong to
 * different calls (faccessat, unlinkat).
 */
#ifndef BASALT_SYS_FCNTL_H
#define BASALT_SYS_FCNTL_H

#include_next <sys/fcntl.h>

#if __BSD_VISIBLE || __POSIX_VISIBLE >= 200809
#undef AT_FDCWD
#undef AT_EACCESS
#undef AT_SYMLINK_NOFOLLOW
#undef AT_SYMLINK_FOLLOW
#undef AT_REMOVEDIR
#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#if __GNU_VISIBLE
#undef AT_EMPTY_PATH
#define AT_EMPTY_PATH		0x1000
#endif
#endif

#endif /* BASALT_SYS_FCNTL_H */
