/* isatty.c: isatty(3) as the TCGETS ioctl, which only a terminal answers. */
#include <unistd.h>

#include "linux_syscall.h"
#include "linux_termios.h"

int isatty(int fd)
{
	struct linux_termios term;

	/* On failure errno says why (ENOTTY, EBADF), as isatty(3) requires. */
	if (linux_syscall_result(linux_syscall3(SYS_ioctl, fd, LINUX_TCGETS,
						(long)&term)) < 0)
		return 0;
	return 1;
}
