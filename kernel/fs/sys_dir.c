/*
 * sys_dir.c: getdents64(2), mkdir(2), mkdirat(2), getcwd(2), chdir(2),
 * fchdir(2), chroot(2), umask(2).
 */
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/*
 * count is taken whole (Linux declares it unsigned int, the low 32 bits)
 * and cut to FS_MAX_RW_COUNT.
 */
SYSCALL_DEFINE3(getdents64, unsigned int, fd, void __user *, dirent, size_t, count)
{
	struct file *file = fd_get((int)fd);
	struct uio u;
	long r;

	if (!file)
		return -EBADF;
	uio_init_user(&u, dirent, MIN(count, FS_MAX_RW_COUNT));
	r = (file->flags & O_PATH) ? -EBADF : vfs_readdir(file, &u);
	file_put(file);
	return r;
}

static long dir_mkdir(int dirfd, const char __user *upath, unsigned mode)
{
	char *path;
	int err = user_path_get(upath, &path);

	if (err)
		return err;
	err = vfs_mkdirat(dirfd, path, mode);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, unsigned int, mode)
{
	return dir_mkdir(AT_FDCWD, pathname, mode);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, unsigned int, mode)
{
	return dir_mkdir(dfd, pathname, mode);
}

/*
 * getcwd(2): the length with the NUL; ENAMETOOLONG for a path past
 * PATH_MAX (Linux: a page), which glibc's getcwd then finds by walking
 * "..", and ERANGE if it does not fit in size.
 */
SYSCALL_DEFINE2(getcwd, char __user *, ubuf, unsigned long, size)
{
	char *buf;
	long r;

	buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	r = vfs_getcwd(buf, PATH_MAX);
	if (r == -ERANGE)
		r = -ENAMETOOLONG;
	else if (r >= 0 && (uint64_t)r + 1 > size)
		r = -ERANGE;
	if (r >= 0) {
		r++;
		if (copy_to_user(ubuf, buf, (size_t)r))
			r = -EFAULT;
	}
	kfree(buf);
	return r;
}

static long dir_path_op(const char __user *upath, int (*op)(const char *path))
{
	char *path;
	int err = user_path_get(upath, &path);

	if (err)
		return err;
	err = op(path);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	return dir_path_op(filename, vfs_chdir);
}

SYSCALL_DEFINE1(chroot, const char __user *, filename)
{
	return dir_path_op(filename, vfs_chroot);
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *file = fd_get((int)fd);
	int err;

	if (!file)
		return -EBADF;
	err = vfs_fchdir(file);
	file_put(file);
	return err;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	return vfs_umask((unsigned)mask);
}
