/* clock_gettime.c: clock_gettime(2) and clock_getres(2) over the Linux system calls. */
#include <errno.h>
#include <time.h>

#include "linux_syscall.h"
#include "linux_time.h"

/* clock_gettime(2): the kernel's struct timespec is two longs, as newlib's is on x86_64. */
_Static_assert(sizeof(struct timespec) == LINUX_TIMESPEC_SIZE,
	       "newlib's struct timespec must match the kernel's");

int clock_gettime(clockid_t clock_id, struct timespec *tp)
{
	long linux_clock = clock_id_to_linux(clock_id);

	if (linux_clock == -1) {	/* no such clock (clock_ids.c) */
		errno = EINVAL;
		return -1;
	}
	return linux_syscall_result(linux_syscall2(SYS_clock_gettime,
						   linux_clock, (long)tp));
}

int clock_getres(clockid_t clock_id, struct timespec *res)
{
	long linux_clock = clock_id_to_linux(clock_id);

	if (linux_clock == -1) {	/* no such clock (clock_ids.c) */
		errno = EINVAL;
		return -1;
	}
	return linux_syscall_result(linux_syscall2(SYS_clock_getres,
						   linux_clock, (long)res));
}
