/* getrandom.c: getrandom(2). */
#include <sys/random.h>

#include "linux_syscall.h"

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return linux_syscall_result(linux_syscall3(SYS_getrandom, (long)buf, (long)len, flags));
}
