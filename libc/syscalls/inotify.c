/* inotify.c: inotify(7)'s calls; IN_* already have Linux's values. */
#include <sys/inotify.h>

#include "linux_syscall.h"

int inotify_init(void)
{
	return linux_syscall_result(linux_syscall0(SYS_inotify_init));
}

int inotify_init1(int flags)
{
	return linux_syscall_result(linux_syscall1(SYS_inotify_init1, flags));
}

int inotify_add_watch(int fd, const char *pathname, uint32_t mask)
{
	return linux_syscall_result(linux_syscall3(SYS_inotify_add_watch, fd, (long)pathname, mask));
}

int inotify_rm_watch(int fd, int wd)
{
	return linux_syscall_result(linux_syscall2(SYS_inotify_rm_watch, fd, wd));
}
