/* adjtimex.c: adjtimex(2) and clock_adjtime(2); struct timex is Linux's (sys/timex.h). */
#include <errno.h>
#include <sys/timex.h>

#include "linux_syscall.h"

_Static_assert(sizeof(struct timex) == 208, "struct timex must be Linux's");

int adjtimex(struct timex *buf)
{
	return linux_syscall_result(linux_syscall1(SYS_adjtimex, (long)buf));
}

int clock_adjtime(clockid_t clock_id, struct timex *buf)
{
	long linux_clock = clock_id_to_linux(clock_id);

	if (linux_clock == -1) {
		errno = EINVAL;
		return -1;
	}
	return linux_syscall_result(linux_syscall2(SYS_clock_adjtime, linux_clock, (long)buf));
}
