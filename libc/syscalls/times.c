/* times.c: times(2) over the Linux times system call. */
#include <sys/times.h>

#include "linux_syscall.h"
#include "linux_time.h"

/* times(2): the kernel's struct tms is four clock_t (longs), as newlib's is on x86_64. */
_Static_assert(sizeof(struct tms) == LINUX_TMS_SIZE,
	       "newlib's struct tms must match the kernel's");

clock_t times(struct tms *buf)
{
	return linux_syscall_result(linux_syscall1(SYS_times, (long)buf));
}
