/* memfd.c: memfd_create(2); MFD_* already have Linux's values. */
#include <sys/mman.h>

#include "linux_syscall.h"

int memfd_create(const char *name, unsigned int flags)
{
	return linux_syscall_result(linux_syscall2(SYS_memfd_create, (long)name, flags));
}
