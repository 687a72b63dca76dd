/* mknod.c: mknod(2) and mkfifo(3) over the Linux mknod system call (S_IF* are Linux's values in newlib). */
#include <sys/stat.h>

#include "linux_syscall.h"

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return linux_syscall_result(linux_syscall3(SYS_mknod, (long)path, mode, dev));
}

int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, (mode & ~S_IFMT) | S_IFIFO, 0);
}
