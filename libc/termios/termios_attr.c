/* termios_attr.c: tcgetattr(3) and tcsetattr(3), translating to the kernel's struct termios (19 control characters). */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "linux_syscall.h"
#include "linux_termios.h"

int tcgetattr(int fd, struct termios *term)
{
	struct linux_termios kterm;

	if (linux_syscall_result(linux_syscall3(SYS_ioctl, fd, TCGETS, (long)&kterm)) < 0)
		return -1;
	memset(term, 0, sizeof(*term));
	term->c_iflag = kterm.c_iflag;
	term->c_oflag = kterm.c_oflag;
	term->c_cflag = kterm.c_cflag;
	term->c_lflag = kterm.c_lflag;
	term->c_line = kterm.c_line;
	memcpy(term->c_cc, kterm.c_cc, LINUX_NCCS);
	term->c_ispeed = cfgetispeed(term);
	term->c_ospeed = cfgetospeed(term);
	return 0;
}

int tcsetattr(int fd, int action, const struct termios *term)
{
	struct linux_termios kterm;
	unsigned long request;

	/* tcsetattr(3): now, after output drains, or after it drains and input is discarded. */
	switch (action) {
	case TCSANOW:
		request = TCSETS;
		break;
	case TCSADRAIN:
		request = TCSETSW;
		break;
	case TCSAFLUSH:
		request = TCSETSF;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	kterm.c_iflag = term->c_iflag;
	kterm.c_oflag = term->c_oflag;
	kterm.c_cflag = term->c_cflag;
	kterm.c_lflag = term->c_lflag;
	kterm.c_line = term->c_line;
	memcpy(kterm.c_cc, term->c_cc, LINUX_NCCS);
	return linux_syscall_result(linux_syscall3(SYS_ioctl, fd, request, (long)&kterm));
}

/* cfmakeraw(3): the flags its man page lists, one byte at a time. */
void cfmakeraw(struct termios *term)
{
	term->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	term->c_oflag &= ~OPOST;
	term->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	term->c_cflag &= ~(CSIZE | PARENB);
	term->c_cflag |= CS8;
	term->c_cc[VMIN] = 1;
	term->c_cc[VTIME] = 0;
}
