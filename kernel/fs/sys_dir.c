/*
 * sys_dir.c: getdents64(2), mkdir(2), mkdirat(2), getcwd(2), chdir(2),
 * fchdir(2), chroot(2), umask(2).
 */
#include <arch/x86_64/syscall/syscall.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

long sys_getdents64(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	struct uio u;
	long r;

	if (!file)
		return -EBADF;
	uio_init_user(&u, (void *)SYSCALL_ARG1(f), MIN(SYSCALL_ARG2(f), FS_MAX_RW_COUNT));
	r = (file->flags & O_PATH) ? -EBADF : vfs_readdir(file, &u);
	file_put(file);
	return r;
}

static long dir_mkdir(int dirfd, uint64_t upath, unsigned mode)
{
	char *path;
	int err = user_path_get((const char __user *)upath, &path);

	if (err)
		return err;
	err = vfs_mkdirat(dirfd, path, mode);
	user_path_put(path);
	return err;
}

long sys_mkdir(struct trap_frame *f)
{
	return dir_mkdir(AT_FDCWD, SYSCALL_ARG0(f), (unsigned)SYSCALL_ARG1(f));
}

long sys_mkdirat(struct trap_frame *f)
{
	return dir_mkdir((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (unsigned)SYSCALL_ARG2(f));
}

/*
 * getcwd(2): the length with the NUL; ENAMETOOLONG for a path past
 * PATH_MAX (Linux: a page), which glibc's getcwd then finds by walking
 * "..", and ERANGE if it does not fit in size.
 */
long sys_getcwd(struct trap_frame *f)
{
	uint64_t size = SYSCALL_ARG1(f);
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
		if (copy_to_user((void __user *)SYSCALL_ARG0(f), buf, (size_t)r))
			r = -EFAULT;
	}
	kfree(buf);
	return r;
}

static long dir_path_op(uint64_t upath, int (*op)(const char *path))
{
	char *path;
	int err = user_path_get((const char __user *)upath, &path);

	if (err)
		return err;
	err = op(path);
	user_path_put(path);
	return err;
}

long sys_chdir(struct trap_frame *f)
{
	return dir_path_op(SYSCALL_ARG0(f), vfs_chdir);
}

long sys_chroot(struct trap_frame *f)
{
	return dir_path_op(SYSCALL_ARG0(f), vfs_chroot);
}

long sys_fchdir(struct trap_frame *f)
{
	struct file *file = fd_get((int)SYSCALL_ARG0(f));
	int err;

	if (!file)
		return -EBADF;
	err = vfs_fchdir(file);
	file_put(file);
	return err;
}

long sys_umask(struct trap_frame *f)
{
	return vfs_umask((unsigned)SYSCALL_ARG0(f));
}
