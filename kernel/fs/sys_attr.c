/*
 * sys_attr.c: chmod(2), fchmod(2), fchmodat(2), chown(2), lchown(2),
 * fchown(2), fchownat(2), utimensat(2), access(2), faccessat(2),
 * faccessat2(2), truncate(2), ftruncate(2), fallocate(2), fsync(2),
 * fdatasync(2), sync(2). Every file system lives in memory, so the
 * syncs have nothing to write back and succeed on any valid descriptor.
 */
#include <arch/x86_64/syscall/syscall.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static long attr_with_path(uint64_t upath, char **path)
{
	return user_path_get((const char __user *)upath, path);
}

static long attr_chmod(int dirfd, uint64_t upath, unsigned mode, int flags)
{
	char *path;
	long err = attr_with_path(upath, &path);

	if (err)
		return err;
	err = vfs_chmodat(dirfd, path, mode, flags);
	user_path_put(path);
	return err;
}

long sys_chmod(struct trap_frame *f)
{
	return attr_chmod(AT_FDCWD, SYSCALL_ARG0(f), (unsigned)SYSCALL_ARG1(f), 0);
}

/* fchmodat(2)'s system call has no flags argument (fchmodat2 does). */
long sys_fchmodat(struct trap_frame *f)
{
	return attr_chmod((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (unsigned)SYSCALL_ARG2(f), 0);
}

long sys_fchmod(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fchmod(file, (unsigned)SYSCALL_ARG1(f));
	file_put(file);
	return err;
}

static long attr_chown(int dirfd, uint64_t upath, uint64_t uid, uint64_t gid, int flags)
{
	char *path;
	long err = attr_with_path(upath, &path);

	if (err)
		return err;
	err = vfs_chownat(dirfd, path, (uint32_t)uid, (uint32_t)gid, flags);
	user_path_put(path);
	return err;
}

long sys_chown(struct trap_frame *f)
{
	return attr_chown(AT_FDCWD, SYSCALL_ARG0(f), SYSCALL_ARG1(f), SYSCALL_ARG2(f), 0);
}

long sys_lchown(struct trap_frame *f)
{
	return attr_chown(AT_FDCWD, SYSCALL_ARG0(f), SYSCALL_ARG1(f), SYSCALL_ARG2(f),
			  AT_SYMLINK_NOFOLLOW);
}

long sys_fchownat(struct trap_frame *f)
{
	return attr_chown((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), SYSCALL_ARG2(f),
			  SYSCALL_ARG3(f), (int)SYSCALL_ARG4(f));
}

long sys_fchown(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fchown(file, (uint32_t)SYSCALL_ARG1(f), (uint32_t)SYSCALL_ARG2(f));
	file_put(file);
	return err;
}

/* struct timespec of the x86_64 ABI. */
struct attr_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* utimensat(dirfd, path, times[2], flags); path NULL means dirfd itself. */
long sys_utimensat(struct trap_frame *f)
{
	int dirfd = (int)SYSCALL_ARG0(f), flags = (int)SYSCALL_ARG3(f);
	uint64_t upath = SYSCALL_ARG1(f), utimes = SYSCALL_ARG2(f);
	struct vfs_utime times[2], *tp = NULL;
	char *path = NULL;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes) {
		struct attr_timespec ts[2];

		if (copy_from_user(ts, (const void __user *)utimes, sizeof(ts)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (ts[i].tv_nsec == UTIME_NOW) {
				times[i].how = VFS_UTIME_NOW;
			} else if (ts[i].tv_nsec == UTIME_OMIT) {
				times[i].how = VFS_UTIME_OMIT;
			} else if (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= (int64_t)NSEC_PER_SEC) {
				return -EINVAL;
			} else {
				times[i].how = VFS_UTIME_SET;
				times[i].t.sec = ts[i].tv_sec;
				times[i].t.nsec = (uint32_t)ts[i].tv_nsec;
			}
		}
		tp = times;
	}
	if (!upath) {
		struct file *file;

		if (dirfd == AT_FDCWD)
			return -EFAULT;
		file = fd_get(dirfd);
		if (!file)
			return -EBADF;
		err = vfs_futimens(file, tp);
		file_put(file);
		return err;
	}
	err = attr_with_path(upath, &path);
	if (err)
		return err;
	err = vfs_utimensat(dirfd, path, tp, flags);
	user_path_put(path);
	return err;
}

static long attr_access(int dirfd, uint64_t upath, int mode, int flags)
{
	char *path;
	long err;

	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = attr_with_path(upath, &path);
	if (err)
		return err;
	err = vfs_accessat(dirfd, path, mode, flags);
	user_path_put(path);
	return err;
}

long sys_access(struct trap_frame *f)
{
	return attr_access(AT_FDCWD, SYSCALL_ARG0(f), (int)SYSCALL_ARG1(f), 0);
}

long sys_faccessat(struct trap_frame *f)
{
	return attr_access((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (int)SYSCALL_ARG2(f), 0);
}

long sys_faccessat2(struct trap_frame *f)
{
	return attr_access((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (int)SYSCALL_ARG2(f),
			   (int)SYSCALL_ARG3(f));
}

long sys_truncate(struct trap_frame *f)
{
	char *path;
	long err = attr_with_path(SYSCALL_ARG0(f), &path);

	if (err)
		return err;
	err = vfs_truncate_path(path, (int64_t)SYSCALL_ARG1(f));
	user_path_put(path);
	return err;
}

long sys_ftruncate(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	long err;

	if (!file)
		return -EBADF;
	err = vfs_ftruncate(file, (int64_t)SYSCALL_ARG1(f));
	file_put(file);
	return err;
}

long sys_fallocate(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fallocate(file, (int)SYSCALL_ARG1(f), (int64_t)SYSCALL_ARG2(f),
			    (int64_t)SYSCALL_ARG3(f));
	file_put(file);
	return err;
}

static long attr_sync_fd(int fd)
{
	struct file *file = fd_get(fd);

	if (!file)
		return -EBADF;
	file_put(file);
	return 0;
}

long sys_fsync(struct trap_frame *f)
{
	return attr_sync_fd((int)SYSCALL_ARG0(f));
}

long sys_fdatasync(struct trap_frame *f)
{
	return attr_sync_fd((int)SYSCALL_ARG0(f));
}

long sys_sync(struct trap_frame *f __unused)
{
	return 0;
}
