/* settimeofday.c: settimeofday(2), root's way to set the realtime clock (date -s, hwclock -s). */
#include <sys/time.h>

#include "linux_syscall.h"

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	return linux_syscall_result(linux_syscall2(SYS_settimeofday, (long)tv, (long)tz));
}
