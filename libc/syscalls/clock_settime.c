/* clock_settime.c: clock_settime(2) (date -s, hwclock). */
#include <errno.h>
#include <time.h>

#include "linux_syscall.h"

int clock_settime(clockid_t clock_id, const struct timespec *tp)
{
	long linux_clock = clock_id_to_linux(clock_id);

	if (linux_clock < 0) {
		errno = EINVAL;
		return -1;
	}
	return linux_syscall_result(linux_syscall2(SYS_clock_settime,
						   linux_clock, (long)tp));
}
