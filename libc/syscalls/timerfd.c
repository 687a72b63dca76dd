/* timerfd.c: timerfd_create(2), timerfd_settime, timerfd_gettime; clock IDs translated. */
#include <errno.h>
#include <sys/timerfd.h>

#include "linux_syscall.h"

int timerfd_create(clockid_t clock_id, int flags)
{
	/* An unknown ID becomes -1, which the kernel refuses with EINVAL. */
	return linux_syscall_result(linux_syscall2(SYS_timerfd_create,
						   clock_id_to_linux(clock_id), flags));
}

/* newlib's struct itimerspec is two 64-bit struct timespec: the kernel's layout. */
int timerfd_settime(int fd, int flags, const struct itimerspec *new_value,
		    struct itimerspec *old_value)
{
	return linux_syscall_result(linux_syscall4(SYS_timerfd_settime, fd, flags,
						   (long)new_value, (long)old_value));
}

int timerfd_gettime(int fd, struct itimerspec *curr_value)
{
	return linux_syscall_result(linux_syscall2(SYS_timerfd_gettime, fd,
						   (long)curr_value));
}
