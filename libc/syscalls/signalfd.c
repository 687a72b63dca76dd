/* signalfd.c: signalfd(2) over signalfd4, with the kernel's 8-byte sigset_t. */
#include <sys/signalfd.h>

#include "linux_syscall.h"

int signalfd(int fd, const sigset_t *mask, int flags)
{
	return linux_syscall_result(linux_syscall4(SYS_signalfd4, fd, (long)mask,
						   sizeof(sigset_t), flags));
}
