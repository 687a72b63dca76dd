/*
 * syscalls.h: the file system calls (kernel/fs/sys_*.c), Linux x86_64
 * semantics and errors (see each man page), and the helpers they share
 * (user_path.c). The table is in arch/x86_64/syscall/syscall.c.
 *
 *   sys_open.c   open, openat, creat, close
 *   sys_rw.c     read, write, readv, writev, pread64, pwrite64, preadv, pwritev,
 *                lseek, sendfile
 *   sys_fd.c     dup, dup2, dup3, fcntl, ioctl
 *   sys_stat.c   stat, lstat, fstat, newfstatat, statx, statfs, fstatfs
 *   sys_dir.c    getdents64, mkdir(at), getcwd, chdir, fchdir, chroot, umask
 *   sys_link.c   unlink(at), rmdir, rename(at/at2), link(at), symlink(at),
 *                readlink(at), mknod(at)
 *   sys_attr.c   chmod, chown, utimensat, access, truncate, fallocate, fsync...
 *   sys_mount.c  mount, umount2
 */
#ifndef FS_SYSCALLS_H
#define FS_SYSCALLS_H

#include <stddef.h>
#include <user/user.h>

struct trap_frame;
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

/* ---- the system calls ---------------------------------------------------- */

long sys_read(struct trap_frame *f);
long sys_write(struct trap_frame *f);
long sys_readv(struct trap_frame *f);
long sys_writev(struct trap_frame *f);
long sys_pread64(struct trap_frame *f);
long sys_pwrite64(struct trap_frame *f);
long sys_preadv(struct trap_frame *f);
long sys_pwritev(struct trap_frame *f);
long sys_lseek(struct trap_frame *f);
long sys_sendfile(struct trap_frame *f);

long sys_open(struct trap_frame *f);
long sys_openat(struct trap_frame *f);
long sys_creat(struct trap_frame *f);
long sys_close(struct trap_frame *f);

long sys_dup(struct trap_frame *f);
long sys_dup2(struct trap_frame *f);
long sys_dup3(struct trap_frame *f);
long sys_fcntl(struct trap_frame *f);
long sys_ioctl(struct trap_frame *f);

long sys_stat(struct trap_frame *f);
long sys_lstat(struct trap_frame *f);
long sys_fstat(struct trap_frame *f);
long sys_newfstatat(struct trap_frame *f);
long sys_statx(struct trap_frame *f);
long sys_statfs(struct trap_frame *f);
long sys_fstatfs(struct trap_frame *f);

long sys_getdents64(struct trap_frame *f);
long sys_mkdir(struct trap_frame *f);
long sys_mkdirat(struct trap_frame *f);
long sys_getcwd(struct trap_frame *f);
long sys_chdir(struct trap_frame *f);
long sys_fchdir(struct trap_frame *f);
long sys_chroot(struct trap_frame *f);
long sys_umask(struct trap_frame *f);

long sys_unlink(struct trap_frame *f);
long sys_unlinkat(struct trap_frame *f);
long sys_rmdir(struct trap_frame *f);
long sys_rename(struct trap_frame *f);
long sys_renameat(struct trap_frame *f);
long sys_renameat2(struct trap_frame *f);
long sys_link(struct trap_frame *f);
long sys_linkat(struct trap_frame *f);
long sys_symlink(struct trap_frame *f);
long sys_symlinkat(struct trap_frame *f);
long sys_readlink(struct trap_frame *f);
long sys_readlinkat(struct trap_frame *f);
long sys_mknod(struct trap_frame *f);
long sys_mknodat(struct trap_frame *f);

long sys_chmod(struct trap_frame *f);
long sys_fchmod(struct trap_frame *f);
long sys_fchmodat(struct trap_frame *f);
long sys_chown(struct trap_frame *f);
long sys_lchown(struct trap_frame *f);
long sys_fchown(struct trap_frame *f);
long sys_fchownat(struct trap_frame *f);
long sys_utimensat(struct trap_frame *f);
long sys_access(struct trap_frame *f);
long sys_faccessat(struct trap_frame *f);
long sys_faccessat2(struct trap_frame *f);
long sys_truncate(struct trap_frame *f);
long sys_ftruncate(struct trap_frame *f);
long sys_fallocate(struct trap_frame *f);
long sys_fsync(struct trap_frame *f);
long sys_fdatasync(struct trap_frame *f);
long sys_sync(struct trap_frame *f);

long sys_mount(struct trap_frame *f);
long sys_umount2(struct trap_frame *f);

#endif /* FS_SYSCALLS_H */
