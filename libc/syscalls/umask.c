/* umask.c: umask(2) over the Linux umask system call. */
#include <sys/stat.h>

#include "linux_syscall.h"

mode_t umask(mode_t mask)
{
	/* umask(2) always succeeds and returns the previous mask. */
	return linux_syscall1(SYS_umask, mask);
}
