/*
 * xattr.c: the extended attribute calls (xattr(7)) on a tmpfs file that
 * has none, as Linux's tmpfs answers: an empty list; ENODATA for a name
 * in a namespace tmpfs knows (trusted., security., system.); EOPNOTSUPP
 * for a name without a namespace; and the argument errors (ERANGE for an
 * empty or a 256-byte name, EINVAL for unknown set flags, ENOENT, EBADF,
 * EFAULT). Setting an attribute is left out: Linux stores trusted.* for
 * root, Basalt's tmpfs stores none (EOPNOTSUPP). Raw system calls, so
 * both libcs run the same calls. Prints TAP; host, Basalt and Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "abi_tap.h"

#define TMPFS_MAGIC	0x01021994	/* statfs(2) */
#define NAME_TOO_LONG	256		/* XATTR_NAME_MAX + 1 */
#define XATTR_BAD_FLAG	0x4		/* neither XATTR_CREATE nor XATTR_REPLACE */
#define BAD_PTR		((const char *)16)

/* A tmpfs directory: /tmp on Basalt and in the initramfs, /dev/shm on most hosts. */
static const char *tmpfs_dir(void)
{
	static const char *const dirs[] = { "/dev/shm", "/tmp", "/run" };
	struct statfs sf;

	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (!statfs(dirs[i], &sf) && sf.f_type == TMPFS_MAGIC && !access(dirs[i], W_OK))
			return dirs[i];
	return NULL;
}

int main(void)
{
	const char *dir = tmpfs_dir();
	char file[256], link[256], buf[64], long_name[NAME_TOO_LONG + 1];
	int fd;

	tap_plan(13);
	if (!dir) {
		for (int i = 0; i < 13; i++)
			skip("no writable tmpfs");
		return tap_done();
	}
	snprintf(file, sizeof(file), "%s/xattr-test.%d", dir, (int)getpid());
	snprintf(link, sizeof(link), "%s/xattr-link.%d", dir, (int)getpid());
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || symlink("/no/such/target", link)) {
		diag("cannot create %s", file);
		return tap_done();
	}
	memset(long_name, 'a', NAME_TOO_LONG);
	memcpy(long_name, "trusted.", 8);
	long_name[NAME_TOO_LONG] = '\0';

	check(raw(SYS_listxattr, file, buf, sizeof(buf)) == 0, "listxattr: no names");
	check(raw(SYS_flistxattr, fd, buf, sizeof(buf)) == 0, "flistxattr: no names");
	check(raw6(SYS_getxattr, (long)file, (long)"trusted.basalt", (long)buf, sizeof(buf), 0, 0) ==
	      -ENODATA, "getxattr trusted.*: ENODATA");
	check(raw6(SYS_getxattr, (long)file, (long)"system.posix_acl_access", (long)buf,
		   sizeof(buf), 0, 0) == -ENODATA, "getxattr system.posix_acl_access: ENODATA");
	check(raw6(SYS_fgetxattr, fd, (long)"nonamespace", (long)buf, sizeof(buf), 0, 0) ==
	      -EOPNOTSUPP, "fgetxattr of a name without a namespace: EOPNOTSUPP");
	check(raw6(SYS_getxattr, (long)file, (long)"", (long)buf, sizeof(buf), 0, 0) == -ERANGE,
	      "an empty name: ERANGE");
	check(raw6(SYS_getxattr, (long)file, (long)long_name, (long)buf, sizeof(buf), 0, 0) ==
	      -ERANGE, "a 256-byte name: ERANGE");
	check(raw6(SYS_getxattr, (long)file, (long)BAD_PTR, (long)buf, sizeof(buf), 0, 0) == -EFAULT,
	      "a bad name pointer: EFAULT");
	check(raw6(SYS_getxattr, (long)"/no/such/file", (long)"trusted.basalt", (long)buf,
		   sizeof(buf), 0, 0) == -ENOENT, "a missing file: ENOENT");
	check(raw6(SYS_fgetxattr, -1, (long)"trusted.basalt", (long)buf, sizeof(buf), 0, 0) ==
	      -EBADF, "a bad descriptor: EBADF");
	check(raw6(SYS_setxattr, (long)file, (long)"trusted.basalt", (long)"v", 1, XATTR_BAD_FLAG,
		   0) == -EINVAL, "setxattr with an unknown flag: EINVAL");
	check(raw(SYS_removexattr, file, "trusted.basalt", 0) == -ENODATA,
	      "removexattr of a missing attribute: ENODATA");
	/* The l form looks at the link itself; the plain one follows it nowhere. */
	check(raw6(SYS_getxattr, (long)link, (long)"trusted.basalt", (long)buf, sizeof(buf), 0, 0) ==
	      -ENOENT, "getxattr through a dangling symlink: ENOENT");
	close(fd);
	unlink(file);
	unlink(link);
	return tap_done();
}
