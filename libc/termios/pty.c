/* pty.c: posix_openpt(3), getpt, grantpt, unlockpt, ptsname, ptsname_r over Linux's /dev/ptmx and devpts. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "linux_syscall.h"

#define PTMX_PATH		"/dev/ptmx"
#define PTS_NAME_MAX		32

int posix_openpt(int flags)
{
	return open(PTMX_PATH, flags);
}

int getpt(void)
{
	return posix_openpt(O_RDWR | O_NOCTTY);
}

/* grantpt(3): devpts creates the slave with the right owner and mode already. */
int grantpt(int fd)
{
	int number;

	/* It must still fail on a descriptor that is not a master. */
	if (linux_syscall_result(linux_syscall3(SYS_ioctl, fd, TIOCGPTN, (long)&number)) < 0) {
		if (errno == ENOTTY)
			errno = EINVAL;
		return -1;
	}
	return 0;
}

int unlockpt(int fd)
{
	int unlock = 0;

	return linux_syscall_result(linux_syscall3(SYS_ioctl, fd, TIOCSPTLCK, (long)&unlock));
}

int ptsname_r(int fd, char *buf, size_t size)
{
	unsigned int number;
	int length;

	if (linux_syscall_result(linux_syscall3(SYS_ioctl, fd, TIOCGPTN, (long)&number)) < 0)
		return errno;
	length = snprintf(buf, size, "/dev/pts/%u", number);
	if (length < 0 || (size_t)length >= size) {
		errno = ERANGE;
		return ERANGE;
	}
	return 0;
}

char *ptsname(int fd)
{
	static char name[PTS_NAME_MAX];
	int error = ptsname_r(fd, name, sizeof(name));

	if (error) {
		errno = error;
		return NULL;
	}
	return name;
}
