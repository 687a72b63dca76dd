/*
 * sys_link.c: unlink(2), unlinkat(2), rmdir(2), rename(2), renameat(2),
 * renameat2(2), link(2), linkat(2), symlink(2), symlinkat(2),
 * readlink(2), readlinkat(2), mknod(2), mknodat(2).
 */
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Two user paths for the two-name calls; both freed by link_put2. */
static int link_get2(const char __user *a, const char __user *b, char **pa, char **pb)
{
	int err = user_path_get(a, pa);

	if (err)
		return err;
	err = user_path_get(b, pb);
	if (err)
		user_path_put(*pa);
	return err;
}

static void link_put2(char *a, char *b)
{
	user_path_put(a);
	user_path_put(b);
}

static long link_unlink(int dirfd, const char __user *upath, int flags)
{
	char *path;
	int err = user_path_get(upath, &path);

	if (err)
		return err;
	err = vfs_unlinkat(dirfd, path, flags);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return link_unlink(AT_FDCWD, pathname, 0);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	return link_unlink(dfd, pathname, flag);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return link_unlink(AT_FDCWD, pathname, AT_REMOVEDIR);
}

static long link_rename(int odfd, const char __user *uold, int ndfd, const char __user *unew,
			unsigned flags)
{
	char *oldp, *newp;
	int err = link_get2(uold, unew, &oldp, &newp);

	if (err)
		return err;
	err = vfs_renameat2(odfd, oldp, ndfd, newp, flags);
	link_put2(oldp, newp);
	return err;
}

SYSCALL_DEFINE2(rename, const char __user *, oldname, const char __user *, newname)
{
	return link_rename(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return link_rename(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, unsigned int, flags)
{
	return link_rename(olddfd, oldname, newdfd, newname, flags);
}

static long link_link(int odfd, const char __user *uold, int ndfd, const char __user *unew,
		      int flags)
{
	char *oldp, *newp;
	int err = link_get2(uold, unew, &oldp, &newp);

	if (err)
		return err;
	err = vfs_linkat(odfd, oldp, ndfd, newp, flags);
	link_put2(oldp, newp);
	return err;
}

SYSCALL_DEFINE2(link, const char __user *, oldname, const char __user *, newname)
{
	return link_link(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, int, flags)
{
	return link_link(olddfd, oldname, newdfd, newname, flags);
}

static long link_symlink(const char __user *utarget, int dirfd, const char __user *upath)
{
	char *target, *path;
	int err = link_get2(utarget, upath, &target, &path);

	if (err)
		return err;
	err = vfs_symlinkat(target, dirfd, path);
	link_put2(target, path);
	return err;
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return link_symlink(oldname, AT_FDCWD, newname);
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return link_symlink(oldname, newdfd, newname);
}

static long link_readlink(int dirfd, const char __user *upath, char __user *ubuf, int64_t size)
{
	char *path, *buf;
	long r;

	if (size <= 0)
		return -EINVAL;
	r = user_path_get(upath, &path);
	if (r)
		return r;
	buf = kmalloc(PATH_MAX);
	if (!buf) {
		user_path_put(path);
		return -ENOMEM;
	}
	r = vfs_readlinkat(dirfd, path, buf, (size_t)MIN(size, (int64_t)PATH_MAX));
	if (r > 0 && copy_to_user(ubuf, buf, (size_t)r))
		r = -EFAULT;
	kfree(buf);
	user_path_put(path);
	return r;
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, bufsiz)
{
	return link_readlink(AT_FDCWD, path, buf, bufsiz);
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, path, char __user *, buf,
		int, bufsiz)
{
	return link_readlink(dfd, path, buf, bufsiz);
}

static long link_mknod(int dirfd, const char __user *upath, unsigned mode, dev_t dev)
{
	char *path;
	int err = user_path_get(upath, &path);

	if (err)
		return err;
	err = vfs_mknodat(dirfd, path, mode, dev);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, unsigned int, mode, unsigned int, dev)
{
	return link_mknod(AT_FDCWD, filename, mode, dev);
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, unsigned int, mode,
		unsigned int, dev)
{
	return link_mknod(dfd, filename, mode, dev);
}
