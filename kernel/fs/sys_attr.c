/*
 * sys_attr.c: chmod(2), fchmod(2), fchmodat(2), chown(2), lchown(2),
 * fchown(2), fchownat(2), utimensat(2), utime(2), utimes(2),
 * futimesat(2), access(2), faccessat(2),
 * faccessat2(2), truncate(2), ftruncate(2), fallocate(2), fsync(2),
 * fdatasync(2), sync(2), syncfs(2), sync_file_range(2). The syncs go to the file's fsync and
 * its file system's write_inode and sync_fs (vfs.h); a file with no
 * fsync (a pipe, a terminal, /proc) gives EINVAL, as on Linux.
 */
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/page_cache.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static long attr_with_path(const char __user *upath, char **path)
{
	return user_path_get(upath, path);
}

static long attr_chmod(int dirfd, const char __user *upath, unsigned mode, int flags)
{
	char *path;
	long err = attr_with_path(upath, &path);

	if (err)
		return err;
	err = vfs_chmodat(dirfd, path, mode, flags);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, unsigned int, mode)
{
	return attr_chmod(AT_FDCWD, filename, mode, 0);
}

/* fchmodat(2)'s system call has no flags argument (fchmodat2 does). */
SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, unsigned int, mode)
{
	return attr_chmod(dfd, filename, mode, 0);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, unsigned int, mode)
{
	struct file *file = fd_get((int)fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fchmod(file, mode);
	file_put(file);
	return err;
}

static long attr_chown(int dirfd, const char __user *upath, uint32_t uid, uint32_t gid,
		       int flags)
{
	char *path;
	long err = attr_with_path(upath, &path);

	if (err)
		return err;
	err = vfs_chownat(dirfd, path, uid, gid, flags);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE3(chown, const char __user *, filename, uint32_t, user, uint32_t, group)
{
	return attr_chown(AT_FDCWD, filename, user, group, 0);
}

SYSCALL_DEFINE3(lchown, const char __user *, filename, uint32_t, user, uint32_t, group)
{
	return attr_chown(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename, uint32_t, user,
		uint32_t, group, int, flag)
{
	return attr_chown(dfd, filename, user, group, flag);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uint32_t, user, uint32_t, group)
{
	struct file *file = fd_get((int)fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fchown(file, user, group);
	file_put(file);
	return err;
}

/* struct timespec of the x86_64 ABI. */
struct attr_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* Sets the times of dirfd/path (path NULL: dirfd's file itself); tp NULL: now. */
static long attr_utimes(int dirfd, const char __user *upath, const struct vfs_utime *tp,
			int flags)
{
	char *path = NULL;
	long err;

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

/* utimensat(dirfd, path, times[2], flags); path NULL means dirfd itself. */
SYSCALL_DEFINE4(utimensat, int, dirfd, const char __user *, upath,
		const void __user *, utimes, int, flags)
{
	struct vfs_utime times[2], *tp = NULL;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes) {
		struct attr_timespec ts[2];

		if (copy_from_user(ts, utimes, sizeof(ts)))
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
	return attr_utimes(dirfd, upath, tp, flags);
}

/* struct utimbuf (utime(2)) and struct timeval of the x86_64 ABI. */
struct attr_utimbuf {
	int64_t actime;
	int64_t modtime;
};

struct attr_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

#define ATTR_USEC_PER_SEC	1000000
#define ATTR_NSEC_PER_USEC	1000

/* utime(2): whole seconds, or now for NULL; no range checks (Linux's). */
SYSCALL_DEFINE2(utime, const char __user *, filename, const void __user *, utimbuf)
{
	struct vfs_utime times[2];
	struct attr_utimbuf b;

	if (!utimbuf)
		return attr_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(&b, utimbuf, sizeof(b)))
		return -EFAULT;
	times[0] = (struct vfs_utime){ VFS_UTIME_SET, { .sec = b.actime, .nsec = 0 } };
	times[1] = (struct vfs_utime){ VFS_UTIME_SET, { .sec = b.modtime, .nsec = 0 } };
	/* do_utimes with a NULL name is the descriptor's: utime's has none. */
	if (!filename)
		return -EFAULT;
	return attr_utimes(AT_FDCWD, filename, times, 0);
}

/*
 * futimesat(2) and utimes(2): microseconds, checked before they are
 * multiplied (Linux's do_futimesat: EINVAL outside [0, 10^6), which also
 * refuses UTIME_NOW and UTIME_OMIT).
 */
static long attr_futimesat(int dirfd, const char __user *filename, const void __user *utimes)
{
	struct vfs_utime times[2];
	struct attr_timeval tv[2];

	if (!utimes)
		return attr_utimes(dirfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= ATTR_USEC_PER_SEC)
			return -EINVAL;
		times[i].how = VFS_UTIME_SET;
		times[i].t.sec = tv[i].tv_sec;
		times[i].t.nsec = (uint32_t)(tv[i].tv_usec * ATTR_NSEC_PER_USEC);
	}
	return attr_utimes(dirfd, filename, times, 0);
}

SYSCALL_DEFINE3(futimesat, int, dfd, const char __user *, filename,
		const void __user *, utimes)
{
	return attr_futimesat(dfd, filename, utimes);
}

SYSCALL_DEFINE2(utimes, const char __user *, filename, const void __user *, utimes)
{
	return attr_futimesat(AT_FDCWD, filename, utimes);
}

static long attr_access(int dirfd, const char __user *upath, int mode, int flags)
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

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return attr_access(AT_FDCWD, filename, mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return attr_access(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return attr_access(dfd, filename, mode, flags);
}

SYSCALL_DEFINE2(truncate, const char __user *, pathname, int64_t, length)
{
	char *path;
	long err = attr_with_path(pathname, &path);

	if (err)
		return err;
	err = vfs_truncate_path(path, length);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, int64_t, length)
{
	struct file *file = fd_get((int)fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_ftruncate(file, length);
	file_put(file);
	return err;
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, int64_t, offset, int64_t, len)
{
	struct file *file = fd_get(fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fallocate(file, mode, offset, len);
	file_put(file);
	return err;
}

static long attr_sync_fd(int fd, bool datasync)
{
	struct file *file = fd_get(fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fsync(file, datasync);
	file_put(file);
	return err;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return attr_sync_fd((int)fd, false);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return attr_sync_fd((int)fd, true);
}

/* sync_file_range(2)'s flags */
#define SYNC_FILE_RANGE_WAIT_BEFORE	1
#define SYNC_FILE_RANGE_WRITE		2
#define SYNC_FILE_RANGE_WAIT_AFTER	4
#define SYNC_FILE_RANGE_FLAGS		(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | \
					 SYNC_FILE_RANGE_WAIT_AFTER)

/*
 * sync_file_range(2): writes the dirty pages of [offset, offset + nbytes)
 * (nbytes 0: to the end of the file) when SYNC_FILE_RANGE_WRITE asks.
 * Writeback here is synchronous, so the WAIT flags have nothing left to
 * wait for. Linux's checks: EINVAL for unknown flags, a negative offset
 * or length, a range past the largest offset; ESPIPE for what is not a
 * file, a directory, a link or a block device. A block device writes its
 * whole cache (its fsync).
 */
SYSCALL_DEFINE4(sync_file_range, int, fd, int64_t, offset, int64_t, nbytes, unsigned int,
		flags)
{
	struct file *file;
	unsigned mode;
	long err = 0;

	if (flags & ~SYNC_FILE_RANGE_FLAGS)
		return -EINVAL;
	if (offset < 0 || nbytes < 0 || (nbytes && offset > INT64_MAX - nbytes))
		return -EINVAL;
	file = fd_get(fd);
	if (!file)
		return -EBADF;
	mode = file->inode ? file->inode->mode : 0;
	if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode) && !S_ISBLK(mode)) {
		err = -ESPIPE;
	} else if (flags & SYNC_FILE_RANGE_WRITE) {
		if (S_ISBLK(mode))
			err = vfs_fsync(file, true);
		else
			err = page_cache_writeback(&file->inode->i_data, (uint64_t)offset / PAGE_SIZE,
						   nbytes ? (uint64_t)(offset + nbytes - 1) / PAGE_SIZE
							  : PAGE_CACHE_MAX_PAGES - 1);
	}
	file_put(file);
	return err;
}

/* sync(2) never fails (it returns void in POSIX); errors stay with the files. */
SYSCALL_DEFINE0(sync)
{
	vfs_sync_all();
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *file = fd_get(fd);
	long err;

	if (!file)
		return -EBADF;
	err = file->inode ? vfs_sync_sb(file->inode->sb) : 0;
	file_put(file);
	return err;
}
