/*
 * sys_stat.c: stat(2), lstat(2), fstat(2), newfstatat(2), statx(2),
 * statfs(2), fstatfs(2).
 */
#include <arch/x86_64/syscall/syscall.h>
#include <basalt/string.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/statfs.h>

/* statx(2): AT_STATX_SYNC_TYPE may hold one of these, not both. */
#define STATX_SYNC_BOTH		0x6000

static long stat_path(int dirfd, uint64_t upath, uint64_t ubuf, int flags)
{
	struct stat st;
	char *path;
	int err;

	err = user_path_get((const char __user *)upath, &path);
	if (err)
		return err;
	err = vfs_statat(dirfd, path, flags, &st, NULL);
	user_path_put(path);
	if (err)
		return err;
	return copy_to_user((void __user *)ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_stat(struct trap_frame *f)
{
	return stat_path(AT_FDCWD, SYSCALL_ARG0(f), SYSCALL_ARG1(f), 0);
}

long sys_lstat(struct trap_frame *f)
{
	return stat_path(AT_FDCWD, SYSCALL_ARG0(f), SYSCALL_ARG1(f), AT_SYMLINK_NOFOLLOW);
}

long sys_newfstatat(struct trap_frame *f)
{
	return stat_path((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), SYSCALL_ARG2(f),
			 (int)SYSCALL_ARG3(f));
}

long sys_fstat(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	struct stat st;
	int err;

	if (!file)
		return -EBADF;
	err = vfs_fstat(file, &st);
	file_put(file);
	if (err)
		return err;
	return copy_to_user((void __user *)SYSCALL_ARG1(f), &st, sizeof(st)) ? -EFAULT : 0;
}

static struct statx_timestamp stat_ts(uint64_t sec, uint64_t nsec)
{
	struct statx_timestamp t = { .tv_sec = (int64_t)sec, .tv_nsec = (uint32_t)nsec };

	return t;
}

long sys_statx(struct trap_frame *f)
{
	int dirfd = (int)SYSCALL_ARG0(f), flags = (int)SYSCALL_ARG2(f);
	uint64_t upath = SYSCALL_ARG1(f);
	unsigned mask = (unsigned)SYSCALL_ARG3(f);
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
		err = user_path_get((const char __user *)upath, &path);
		if (err)
			return err;
	}
	err = vfs_statat(dirfd, path ? path : "", flags, &st, &mnt_id);
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
	return copy_to_user((void __user *)SYSCALL_ARG4(f), &sx, sizeof(sx)) ? -EFAULT : 0;
}

long sys_statfs(struct trap_frame *f)
{
	struct statfs st;
	char *path;
	int err;

	err = user_path_get((const char __user *)SYSCALL_ARG0(f), &path);
	if (err)
		return err;
	err = vfs_statfs_path(path, &st);
	user_path_put(path);
	if (err)
		return err;
	return copy_to_user((void __user *)SYSCALL_ARG1(f), &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstatfs(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	struct statfs st;
	int err;

	if (!file)
		return -EBADF;
	err = vfs_fstatfs(file, &st);
	file_put(file);
	if (err)
		return err;
	return copy_to_user((void __user *)SYSCALL_ARG1(f), &st, sizeof(st)) ? -EFAULT : 0;
}
