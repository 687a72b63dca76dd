/* link.c: link(2) over the Linux link system call. */
#include <unistd.h>

#include "linux_syscall.h"

int link(const char *oldpath, const char *newpath)
{
	return linux_syscall_result(linux_syscall2(SYS_link, (long)oldpath,
						   (long)newpath));
}
