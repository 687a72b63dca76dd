/* termios_control.c: tcdrain(3), tcflow, tcflush, tcsendbreak, tcgetpgrp, tcsetpgrp, tcgetsid over terminal ioctls. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "linux_syscall.h"

/* TCSBRK's argument: 0 sends a break, non-zero only waits for output to drain. */
#define TCSBRK_DRAIN	1
/* TCSBRKP counts in tenths of a second; tcsendbreak's duration is in milliseconds. */
#define MSEC_PER_TCSBRKP_UNIT	100

static int termios_ioctl(int fd, unsigned long request, long arg)
{
	return linux_syscall_result(linux_syscall3(SYS_ioctl, fd, request, arg));
}

int tcdrain(int fd)
{
	return termios_ioctl(fd, TCSBRK, TCSBRK_DRAIN);
}

int tcflow(int fd, int action)
{
	return termios_ioctl(fd, TCXONC, action);
}

int tcflush(int fd, int queue)
{
	return termios_ioctl(fd, TCFLSH, queue);
}

int tcsendbreak(int fd, int duration)
{
	/* tcsendbreak(3): 0 sends 0.25 to 0.5 seconds; Linux's TCSBRK does that. */
	if (duration <= 0)
		return termios_ioctl(fd, TCSBRK, 0);
	return termios_ioctl(fd, TCSBRKP,
			     (duration + MSEC_PER_TCSBRKP_UNIT - 1) / MSEC_PER_TCSBRKP_UNIT);
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	if (termios_ioctl(fd, TIOCGPGRP, (long)&pgrp) < 0)
		return -1;
	return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return termios_ioctl(fd, TIOCSPGRP, (long)&pgrp);
}

pid_t tcgetsid(int fd)
{
	pid_t sid;

	if (termios_ioctl(fd, TIOCGSID, (long)&sid) < 0)
		return -1;
	return sid;
}
