/*
 * sys_xattr.c: the extended attribute calls (xattr(7)): setxattr(2),
 * getxattr(2), listxattr(2), removexattr(2) and their l (no symlink
 * following) and f (by descriptor) forms.
 *
 * Basalt's file systems (tmpfs, devtmpfs, procfs) store no extended
 * attributes, and these calls say so the way Linux's tmpfs does for a
 * file that has none: the list is empty; getting or removing a name in a
 * namespace tmpfs knows (security., system., trusted.) finds no such
 * attribute (ENODATA); a name in any other namespace (user., or none) is
 * not supported (EOPNOTSUPP, as tmpfs before Linux 6.6). Setting one is
 * EOPNOTSUPP: there is nowhere to keep it. Arguments are checked first,
 * in Linux's order: the name (EFAULT, ERANGE), the flags (EINVAL), then
 * the file (ENOENT, EBADF...).
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* xattr(7) and Linux's include/uapi/linux/limits.h and xattr.h. */
#define XATTR_NAME_MAX		255		/* bytes of a name, NUL excluded */
#define XATTR_SIZE_MAX		65536		/* bytes of a value */
#define XATTR_CREATE		0x1		/* set: fail if it exists */
#define XATTR_REPLACE		0x2		/* set: fail if it does not */

/* The namespaces Linux's tmpfs handles (shmem_xattr_handlers, 6.1). */
static const char *const xattr_known_prefixes[] = { "security.", "system.", "trusted." };

/* Copies the name in: 0, -EFAULT, or -ERANGE if empty or too long. */
static int xattr_name_get(const char __user *uname, char name[XATTR_NAME_MAX + 1])
{
	long n = strncpy_from_user(name, uname, XATTR_NAME_MAX + 1);

	if (n < 0)
		return (int)n;
	if (n == 0 || n > XATTR_NAME_MAX)
		return -ERANGE;
	return 0;
}

/* What looking a name up finds on a file that has no attributes. */
static int xattr_absent(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(xattr_known_prefixes); i++) {
		size_t len = strlen(xattr_known_prefixes[i]);

		if (!strncmp(name, xattr_known_prefixes[i], len) && name[len])
			return -ENODATA;
	}
	return -EOPNOTSUPP;
}

/* The file the call names exists: 0, or the lookup's error. */
static int xattr_path_check(const char __user *upath, bool follow)
{
	struct stat st;
	char *path;
	int err = user_path_get(upath, &path);

	if (err)
		return err;
	err = vfs_statat(AT_FDCWD, path, follow ? 0 : AT_SYMLINK_NOFOLLOW, &st, NULL);
	user_path_put(path);
	return err;
}

static int xattr_fd_check(int fd)
{
	struct file *file = fd_get(fd);

	if (!file)
		return -EBADF;
	file_put(file);
	return 0;
}

/* The file a call names: a descriptor, or a path (followed or not). */
struct xattr_target {
	bool by_fd;
	int fd;
	const char __user *path;
	bool follow;
};

#define XATTR_PATH(p)	((struct xattr_target){ .path = (p), .follow = true })
#define XATTR_LPATH(p)	((struct xattr_target){ .path = (p), .follow = false })
#define XATTR_FD(f)	((struct xattr_target){ .by_fd = true, .fd = (f) })

static int xattr_target_check(struct xattr_target t)
{
	return t.by_fd ? xattr_fd_check(t.fd) : xattr_path_check(t.path, t.follow);
}

static long xattr_get(struct xattr_target t, const char __user *uname)
{
	char name[XATTR_NAME_MAX + 1];
	int err = xattr_name_get(uname, name);

	if (!err)
		err = xattr_target_check(t);
	return err ? err : xattr_absent(name);
}

static long xattr_set(struct xattr_target t, const char __user *uname, size_t size, int flags)
{
	char name[XATTR_NAME_MAX + 1];
	int err = xattr_name_get(uname, name);

	if (!err && (flags & ~(XATTR_CREATE | XATTR_REPLACE)))
		err = -EINVAL;
	if (!err && size > XATTR_SIZE_MAX)
		err = -E2BIG;
	if (!err)
		err = xattr_target_check(t);
	return err ? err : -EOPNOTSUPP;
}

SYSCALL_DEFINE4(getxattr, const char __user *, path, const char __user *, name,
		void __user *, value, size_t, size)
{
	(void)value;
	(void)size;
	return xattr_get(XATTR_PATH(path), name);
}

SYSCALL_DEFINE4(lgetxattr, const char __user *, path, const char __user *, name,
		void __user *, value, size_t, size)
{
	(void)value;
	(void)size;
	return xattr_get(XATTR_LPATH(path), name);
}

SYSCALL_DEFINE4(fgetxattr, int, fd, const char __user *, name, void __user *, value,
		size_t, size)
{
	(void)value;
	(void)size;
	return xattr_get(XATTR_FD(fd), name);
}

SYSCALL_DEFINE5(setxattr, const char __user *, path, const char __user *, name,
		const void __user *, value, size_t, size, int, flags)
{
	(void)value;
	return xattr_set(XATTR_PATH(path), name, size, flags);
}

SYSCALL_DEFINE5(lsetxattr, const char __user *, path, const char __user *, name,
		const void __user *, value, size_t, size, int, flags)
{
	(void)value;
	return xattr_set(XATTR_LPATH(path), name, size, flags);
}

SYSCALL_DEFINE5(fsetxattr, int, fd, const char __user *, name, const void __user *, value,
		size_t, size, int, flags)
{
	(void)value;
	return xattr_set(XATTR_FD(fd), name, size, flags);
}

SYSCALL_DEFINE3(listxattr, const char __user *, path, char __user *, list, size_t, size)
{
	(void)list;
	(void)size;
	return xattr_target_check(XATTR_PATH(path));	/* no names: 0 bytes */
}

SYSCALL_DEFINE3(llistxattr, const char __user *, path, char __user *, list, size_t, size)
{
	(void)list;
	(void)size;
	return xattr_target_check(XATTR_LPATH(path));
}

SYSCALL_DEFINE3(flistxattr, int, fd, char __user *, list, size_t, size)
{
	(void)list;
	(void)size;
	return xattr_target_check(XATTR_FD(fd));
}

SYSCALL_DEFINE2(removexattr, const char __user *, path, const char __user *, name)
{
	return xattr_get(XATTR_PATH(path), name);
}

SYSCALL_DEFINE2(lremovexattr, const char __user *, path, const char __user *, name)
{
	return xattr_get(XATTR_LPATH(path), name);
}

SYSCALL_DEFINE2(fremovexattr, int, fd, const char __user *, name)
{
	return xattr_get(XATTR_FD(fd), name);
}
