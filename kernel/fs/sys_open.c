/*
 * sys_open.c: open(2), openat(2), creat(2), close(2).
 */
#include <arch/x86_64/syscall/syscall.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static long open_common(int dirfd, uint64_t upath, int flags, unsigned mode)
{
	struct file *file;
	char *path;
	int err, fd;

	err = user_path_get((const char __user *)upath, &path);
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

long sys_open(struct trap_frame *f)
{
	return open_common(AT_FDCWD, SYSCALL_ARG0(f), (int)SYSCALL_ARG1(f),
			   (unsigned)SYSCALL_ARG2(f));
}

long sys_openat(struct trap_frame *f)
{
	return open_common((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (int)SYSCALL_ARG2(f),
			   (unsigned)SYSCALL_ARG3(f));
}

/* creat(2) is open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
long sys_creat(struct trap_frame *f)
{
	return open_common(AT_FDCWD, SYSCALL_ARG0(f), O_CREAT | O_WRONLY | O_TRUNC,
			   (unsigned)SYSCALL_ARG1(f));
}

long sys_close(struct trap_frame *f)
{
	return fd_close((int)SYSCALL_ARG0(f));
}
