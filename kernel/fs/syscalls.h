/*
 * syscalls.h: the file system calls (kernel/fs/sys_*.c), Linux x86_64
 * semantics and errors (see each man page), and the helpers they share
 * (user_path.c). Each handler is defined with SYSCALL_DEFINEn
 * (basalt/syscalls.h); the table is generated from
 * arch/x86_64/syscall/syscall_64.tbl.
 *
 *   sys_open.c   open, openat, creat, close
 *   sys_rw.c     read, write, readv, writev, pread64, pwrite64, preadv, pwritev,
 *                lseek, sendfile
 *   sys_fd.c     dup, dup2, dup3, fcntl, ioctl
 *   sys_stat.c   stat, lstat, fstat, newfstatat, statx, statfs, fstatfs
 *   sys_dir.c    getdents64, mkdir(at), getcwd, chdir, fchdir, chroot, umask
 *   sys_link.c   unlink(at), rmdir, rename(at/at2), link(at), symlink(at),
 *                readlink(at), mknod(at)
 *   sys_attr.c   chmod, chown, utimensat, access, truncate, fallocate, fsync,
 *                fdatasync, sync, syncfs
 *   sys_fadvise.c fadvise64, readahead
 *   sys_mount.c  mount, umount2
 */
#ifndef FS_SYSCALLS_H
#define FS_SYSCALLS_H

#include <stddef.h>
#include <user/user.h>

struct file;

/* ---- user_path.c --------------------------------------------------------- */

/*
 * Copies a path from user space into a new PATH_MAX buffer (free it with
 * user_path_put). -EFAULT, or -ENAMETOOLONG if it has no NUL within
 * PATH_MAX bytes.
 */
int user_path_get(const char __user *upath, char **out);
void user_path_put(char *path);
/* Reads and writes bigger than this are cut short, as Linux's MAX_RW_COUNT. */
#define FS_MAX_RW_COUNT		0x7ffff000UL

#endif /* FS_SYSCALLS_H */
