/* statfs.c: statfs(2), fstatfs, statvfs(3), fstatvfs. */
#include <sys/statfs.h>
#include <sys/statvfs.h>

#include "linux_syscall.h"

/* statfs(2) f_flags: set when the kernel filled them in (Linux 2.6.36 and later). */
#define ST_VALID	0x0020

int statfs(const char *path, struct statfs *buf)
{
	return linux_syscall_result(linux_syscall2(SYS_statfs, (long)path, (long)buf));
}

int fstatfs(int fd, struct statfs *buf)
{
	return linux_syscall_result(linux_syscall2(SYS_fstatfs, fd, (long)buf));
}

static void statvfs_from_statfs(struct statvfs *out, const struct statfs *in)
{
	out->f_bsize = in->f_bsize;
	out->f_frsize = in->f_frsize ? in->f_frsize : in->f_bsize;
	out->f_blocks = in->f_blocks;
	out->f_bfree = in->f_bfree;
	out->f_bavail = in->f_bavail;
	out->f_files = in->f_files;
	out->f_ffree = in->f_ffree;
	out->f_favail = in->f_ffree;
	out->f_fsid = (unsigned int)in->f_fsid.__val[0] |
		      ((unsigned long)(unsigned int)in->f_fsid.__val[1] << 32);
	out->f_flag = in->f_flags & ~ST_VALID;
	out->f_namemax = in->f_namelen;
}

int statvfs(const char *__restrict path, struct statvfs *__restrict buf)
{
	struct statfs fs;

	if (statfs(path, &fs) < 0)
		return -1;
	statvfs_from_statfs(buf, &fs);
	return 0;
}

int fstatvfs(int fd, struct statvfs *buf)
{
	struct statfs fs;

	if (fstatfs(fd, &fs) < 0)
		return -1;
	statvfs_from_statfs(buf, &fs);
	return 0;
}
