/* fcntl.c: fcntl(2) over the Linux fcntl system call: descriptor, status-flag, lock and owner commands. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>

#include "linux_fcntl.h"
#include "linux_syscall.h"

/*
 * F_GETOWN reports a process group as a negative id, which the raw call
 * cannot tell from an error when the id is below 4096 (fcntl(2), BUGS).
 * Ask with F_GETOWN_EX instead, as glibc does, and fall back to the raw
 * call only on a kernel without it.
 */
static int fcntl_getown(int fd)
{
	struct linux_f_owner_ex owner;
	long ret;

	ret = linux_syscall3(SYS_fcntl, fd, LINUX_F_GETOWN_EX, (long)&owner);
	if (ret == -EINVAL)
		return linux_syscall_result(linux_syscall2(SYS_fcntl, fd, LINUX_F_GETOWN));
	if (ret < 0)
		return linux_syscall_result(ret);
	return owner.type == LINUX_F_OWNER_PGRP ? -owner.pid : owner.pid;
}

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
	case LINUX_F_OFD_GETLK:
	case LINUX_F_OFD_SETLK:
	case LINUX_F_OFD_SETLKW:
		return fcntl_lock(fd, cmd, (struct flock *)arg);
	case F_GETOWN:
		return fcntl_getown(fd);
	case F_SETOWN:
		return linux_syscall_result(linux_syscall3(SYS_fcntl, fd, LINUX_F_SETOWN, arg));
	case LINUX_F_SETPIPE_SZ:
	case LINUX_F_GETPIPE_SZ:
	case LINUX_F_ADD_SEALS:
	case LINUX_F_GET_SEALS:
		/* fcntl.h's F_*PIPE_SZ and F_*_SEALS are Linux's numbers: passed as they are. */
		return linux_syscall_result(linux_syscall3(SYS_fcntl, fd, cmd, arg));
	default:
		errno = EINVAL;	/* fcntl(2): "cmd is not recognized by this kernel" */
		return -1;
	}
}
