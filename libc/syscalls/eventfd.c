/* eventfd.c: eventfd(3) over eventfd2(2), and glibc's eventfd_read/eventfd_write. */
#include <sys/eventfd.h>
#include <unistd.h>

#include "linux_syscall.h"

int eventfd(unsigned int initval, int flags)
{
	/* EFD_* already have Linux's values: nothing to translate. */
	return linux_syscall_result(linux_syscall2(SYS_eventfd2, initval, flags));
}

int eventfd_read(int fd, eventfd_t *value)
{
	return read(fd, value, sizeof(*value)) == sizeof(*value) ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
	return write(fd, &value, sizeof(value)) == sizeof(value) ? 0 : -1;
}
