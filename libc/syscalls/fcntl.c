/* fcntl.c: fcntl(2) over the Linux fcntl system call: descriptor, status-flag, lock and owner commands. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>

#include "linux_fcntl.h"
#include "linux_syscall.h"

int fcntl(int fd, int cmd, ...)
{
	long arg, ret;
	va_list ap;

	/*
	 * Every command here takes at most one integer argument; reading it
	 * when none was passed only picks up an unused register (as musl does).
	 */
	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);

	switch (cmd) {
	case F_DUPFD:
		return linux_syscall_result(linux_syscall3(SYS_fcntl, fd,
							   LINUX_F_DUPFD, arg));
	case F_DUPFD_CLOEXEC:
		return linux_syscall_result(linux_syscall3(SYS_fcntl, fd,
							   LINUX_F_DUPFD_CLOEXEC, arg));
	case F_GETFD:
		/* FD_CLOEXEC is 1 in newlib and Linux alike. */
		return linux_syscall_result(linux_syscall2(SYS_fcntl, fd,
							   LINUX_F_GETFD));
	case F_SETFD:
		return linux_syscall_result(linux_syscall3(SYS_fcntl, fd,
							   LINUX_F_SETFD, arg));
	case F_GETFL:
		ret = linux_syscall_result(linux_syscall2(SYS_fcntl, fd,
							  LINUX_F_GETFL));
		return ret < 0 ? -1 : open_flags_from_linux(ret);
	case F_SETFL:
		return linux_syscall_result(linux_syscall3(SYS_fcntl, fd,
							   LINUX_F_SETFL,
							   open_flags_to_linux(arg)));
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return fcntl_lock(fd, cmd, (struct flock *)arg);
	case F_GETOWN:
		return linux_syscall_result(linux_syscall2(SYS_fcntl, fd, LINUX_F_GETOWN));
	case F_SETOWN:
		return linux_syscall_result(linux_syscall3(SYS_fcntl, fd, LINUX_F_SETOWN, arg));
	default:
		errno = EINVAL;	/* fcntl(2): "cmd is not recognized by this kernel" */
		return -1;
	}
}
