/*
 * sys_stat.c: stat(2), lstat(2), fstat(2), newfstatat(2), statx(2),
 * statfs(2), fstatfs(2).
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/statfs.h>

/* statx(2): AT_STATX_SYNC_TYPE may hold one of these, not both. */
#define STATX_SYNC_BOTH		0x6000

static long stat_path(int dirfd, const char __user *upath, struct stat __user *ubuf, int flags)
{
	struct stat st;
	char *path;
	int err;

	err = user_path_get(upath, &path);
	if (err)
		return err;
	err = vfs_statat(dirfd, path, flags, &st, NULL);
	user_path_put(path);
	if (err)
		return err;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(stat, const char __user *, filename, struct stat __user *, statbuf)
{
	return stat_path(AT_FDCWD, filename, statbuf, 0);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename, struct stat __user *, statbuf)
{
	return stat_path(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct stat __user *, statbuf, int, flag)
{
	return stat_path(dfd, filename, statbuf, flag);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct file *file = fd_get((int)fd);
	struct stat st;
	int err;

	if (!file)
		return -EBADF;
	err = vfs_fstat(file, &st);
	file_put(file);
	if (err)
		return err;
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static struct statx_timestamp stat_ts(uint64_t sec, uint64_t nsec)
{
	struct statx_timestamp t = { .tv_sec = (int64_t)sec, .tv_nsec = (uint32_t)nsec };

	return t;
}

SYSCALL_DEFINE5(statx, int, dirfd, const char __user *, upath, unsigned int, flags,
		unsigned int, mask, struct statx __user *, buffer)
{
	struct statx sx;
	struct stat st;
	uint64_t mnt_id = 0;
	char *path = NULL;
	int err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == STATX_SYNC_BOTH)
		return -EINVAL;
	/* Linux 6.11: a NULL path with AT_EMPTY_PATH means the descriptor. */
	if (upath || !(flags & AT_EMPTY_PATH)) {
		err = user_path_get(upath, &path);
		if (err)
			return err;
	}
	err = vfs_statat(dirfd, path ? path : "", (int)flags, &st, &mnt_id);
	user_path_put(path);
	if (err)
		return err;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	sx.stx_blksize = (uint32_t)st.st_blksize;
	sx.stx_nlink = (uint32_t)st.st_nlink;
	sx.stx_uid = st.st_uid;
	sx.stx_gid = st.st_gid;
	sx.stx_mode = (uint16_t)st.st_mode;
	sx.stx_ino = st.st_ino;
	sx.stx_size = (uint64_t)st.st_size;
	sx.stx_blocks = (uint64_t)st.st_blocks;
	sx.stx_atime = stat_ts(st.st_atime_sec, st.st_atime_nsec);
	sx.stx_mtime = stat_ts(st.st_mtime_sec, st.st_mtime_nsec);
	sx.stx_ctime = stat_ts(st.st_ctime_sec, st.st_ctime_nsec);
	sx.stx_rdev_major = DEV_MAJOR((dev_t)st.st_rdev);
	sx.stx_rdev_minor = DEV_MINOR((dev_t)st.st_rdev);
	sx.stx_dev_major = DEV_MAJOR((dev_t)st.st_dev);
	sx.stx_dev_minor = DEV_MINOR((dev_t)st.st_dev);
	sx.stx_mnt_id = mnt_id;
	return copy_to_user(buffer, &sx, sizeof(sx)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	struct statfs st;
	char *path;
	int err;

	err = user_path_get(pathname, &path);
	if (err)
		return err;
	err = vfs_statfs_path(path, &st);
	user_path_put(path);
	if (err)
		return err;
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *file = fd_get((int)fd);
	struct statfs st;
	int err;

	if (!file)
		return -EBADF;
	err = vfs_fstatfs(file, &st);
	file_put(file);
	if (err)
		return err;
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}
