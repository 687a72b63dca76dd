/*
 * sys_open.c: open(2), openat(2), creat(2), close(2).
 */
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static long open_common(int dirfd, const char __user *upath, int flags, unsigned mode)
{
	struct file *file;
	char *path;
	int err, fd;

	err = user_path_get(upath, &path);
	if (err)
		return err;
	err = vfs_openat(dirfd, path, flags, mode, &file);
	user_path_put(path);
	if (err)
		return err;
	fd = fd_install(file, (flags & O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(file);
	return fd;
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, unsigned int, mode)
{
	return open_common(AT_FDCWD, filename, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags,
		unsigned int, mode)
{
	return open_common(dfd, filename, flags, mode);
}

/* creat(2) is open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
SYSCALL_DEFINE2(creat, const char __user *, pathname, unsigned int, mode)
{
	return open_common(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return fd_close((int)fd);
}
