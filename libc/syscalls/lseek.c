/* lseek.c: lseek(2) over the Linux lseek system call. */
#include <unistd.h>

#include "linux_syscall.h"

off_t lseek(int fd, off_t offset, int whence)
{
	/* SEEK_SET, SEEK_CUR and SEEK_END are 0, 1, 2 in newlib and Linux alike. */
	return linux_syscall_result(linux_syscall3(SYS_lseek, fd, offset,
						   whence));
}
