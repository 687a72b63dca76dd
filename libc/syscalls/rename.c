/* rename.c: rename(2) as the one atomic Linux system call (replaces newlib's link-then-unlink). */
#include <errno.h>
#include <reent.h>
#include <stdio.h>

#include "linux_syscall.h"

int rename(const char *oldpath, const char *newpath)
{
	return linux_syscall_result(linux_syscall2(SYS_rename, (long)oldpath, (long)newpath));
}

int _rename_r(struct _reent *reent, const char *oldpath, const char *newpath)
{
	int ret = rename(oldpath, newpath);

	if (ret < 0)
		reent->_errno = errno;
	return ret;
}
