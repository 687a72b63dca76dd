/* ftruncate.c: ftruncate(2) over the Linux ftruncate system call. */
#include <unistd.h>

#include "linux_syscall.h"

int ftruncate(int fd, off_t length)
{
	return linux_syscall_result(linux_syscall2(SYS_ftruncate, fd, length));
}
