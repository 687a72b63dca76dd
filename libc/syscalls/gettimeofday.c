/* gettimeofday.c: gettimeofday(2) over the Linux gettimeofday system call. */
#include <sys/time.h>

#include "linux_syscall.h"
#include "linux_time.h"

/* gettimeofday(2): the kernel's struct timeval is two longs, as newlib's is on x86_64. */
_Static_assert(sizeof(struct timeval) == LINUX_TIMEVAL_SIZE,
	       "newlib's struct timeval must match the kernel's");

int gettimeofday(struct timeval *tv, void *tz)
{
	return linux_syscall_result(linux_syscall2(SYS_gettimeofday, (long)tv,
						   (long)tz));
}
