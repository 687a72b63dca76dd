/*
 * sys_link.c: unlink(2), unlinkat(2), rmdir(2), rename(2), renameat(2),
 * renameat2(2), link(2), linkat(2), symlink(2), symlinkat(2),
 * readlink(2), readlinkat(2), mknod(2), mknodat(2).
 */
#include <arch/x86_64/syscall/syscall.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Two user paths for the two-name calls; both freed by link_put2. */
static int link_get2(uint64_t a, uint64_t b, char **pa, char **pb)
{
	int err = user_path_get((const char __user *)a, pa);

	if (err)
		return err;
	err = user_path_get((const char __user *)b, pb);
	if (err)
		user_path_put(*pa);
	return err;
}

static void link_put2(char *a, char *b)
{
	user_path_put(a);
	user_path_put(b);
}

static long link_unlink(int dirfd, uint64_t upath, int flags)
{
	char *path;
	int err = user_path_get((const char __user *)upath, &path);

	if (err)
		return err;
	err = vfs_unlinkat(dirfd, path, flags);
	user_path_put(path);
	return err;
}

long sys_unlink(struct trap_frame *f)
{
	return link_unlink(AT_FDCWD, SYSCALL_ARG0(f), 0);
}

long sys_unlinkat(struct trap_frame *f)
{
	return link_unlink((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (int)SYSCALL_ARG2(f));
}

long sys_rmdir(struct trap_frame *f)
{
	return link_unlink(AT_FDCWD, SYSCALL_ARG0(f), AT_REMOVEDIR);
}

static long link_rename(int odfd, uint64_t uold, int ndfd, uint64_t unew, unsigned flags)
{
	char *oldp, *newp;
	int err = link_get2(uold, unew, &oldp, &newp);

	if (err)
		return err;
	err = vfs_renameat2(odfd, oldp, ndfd, newp, flags);
	link_put2(oldp, newp);
	return err;
}

long sys_rename(struct trap_frame *f)
{
	return link_rename(AT_FDCWD, SYSCALL_ARG0(f), AT_FDCWD, SYSCALL_ARG1(f), 0);
}

long sys_renameat(struct trap_frame *f)
{
	return link_rename((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (int)SYSCALL_ARG2(f),
			   SYSCALL_ARG3(f), 0);
}

long sys_renameat2(struct trap_frame *f)
{
	return link_rename((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (int)SYSCALL_ARG2(f),
			   SYSCALL_ARG3(f), (unsigned)SYSCALL_ARG4(f));
}

static long link_link(int odfd, uint64_t uold, int ndfd, uint64_t unew, int flags)
{
	char *oldp, *newp;
	int err = link_get2(uold, unew, &oldp, &newp);

	if (err)
		return err;
	err = vfs_linkat(odfd, oldp, ndfd, newp, flags);
	link_put2(oldp, newp);
	return err;
}

long sys_link(struct trap_frame *f)
{
	return link_link(AT_FDCWD, SYSCALL_ARG0(f), AT_FDCWD, SYSCALL_ARG1(f), 0);
}

long sys_linkat(struct trap_frame *f)
{
	return link_link((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (int)SYSCALL_ARG2(f),
			 SYSCALL_ARG3(f), (int)SYSCALL_ARG4(f));
}

static long link_symlink(uint64_t utarget, int dirfd, uint64_t upath)
{
	char *target, *path;
	int err = link_get2(utarget, upath, &target, &path);

	if (err)
		return err;
	err = vfs_symlinkat(target, dirfd, path);
	link_put2(target, path);
	return err;
}

long sys_symlink(struct trap_frame *f)
{
	return link_symlink(SYSCALL_ARG0(f), AT_FDCWD, SYSCALL_ARG1(f));
}

long sys_symlinkat(struct trap_frame *f)
{
	return link_symlink(SYSCALL_ARG0(f), (int)SYSCALL_ARG1(f), SYSCALL_ARG2(f));
}

static long link_readlink(int dirfd, uint64_t upath, uint64_t ubuf, int64_t size)
{
	char *path, *buf;
	long r;

	if (size <= 0)
		return -EINVAL;
	r = user_path_get((const char __user *)upath, &path);
	if (r)
		return r;
	buf = kmalloc(PATH_MAX);
	if (!buf) {
		user_path_put(path);
		return -ENOMEM;
	}
	r = vfs_readlinkat(dirfd, path, buf, (size_t)MIN(size, (int64_t)PATH_MAX));
	if (r > 0 && copy_to_user((void __user *)ubuf, buf, (size_t)r))
		r = -EFAULT;
	kfree(buf);
	user_path_put(path);
	return r;
}

long sys_readlink(struct trap_frame *f)
{
	return link_readlink(AT_FDCWD, SYSCALL_ARG0(f), SYSCALL_ARG1(f),
			     (int)SYSCALL_ARG2(f));
}

long sys_readlinkat(struct trap_frame *f)
{
	return link_readlink((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), SYSCALL_ARG2(f),
			     (int)SYSCALL_ARG3(f));
}

static long link_mknod(int dirfd, uint64_t upath, unsigned mode, dev_t dev)
{
	char *path;
	int err = user_path_get((const char __user *)upath, &path);

	if (err)
		return err;
	err = vfs_mknodat(dirfd, path, mode, dev);
	user_path_put(path);
	return err;
}

long sys_mknod(struct trap_frame *f)
{
	return link_mknod(AT_FDCWD, SYSCALL_ARG0(f), (unsigned)SYSCALL_ARG1(f),
			  (dev_t)SYSCALL_ARG2(f));
}

long sys_mknodat(struct trap_frame *f)
{
	return link_mknod((int)SYSCALL_ARG0(f), SYSCALL_ARG1(f), (unsigned)SYSCALL_ARG2(f),
			  (dev_t)SYSCALL_ARG3(f));
}
