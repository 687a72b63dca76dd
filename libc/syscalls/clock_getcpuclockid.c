/* clock_getcpuclockid.c: clock_getcpuclockid(3): the CPU-time clock of a process. */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "linux_syscall.h"
#include "linux_time.h"

/* The encoding of another process's CPU clock: linux_time.h. */

int clock_getcpuclockid(pid_t pid, clockid_t *clock_id)
{
	long linux_id;

	if (pid == 0 || pid == getpid()) {
		*clock_id = CLOCK_PROCESS_CPUTIME_ID;
		return 0;
	}
	linux_id = (long)((unsigned long)~(long)pid << LINUX_CPUCLOCK_SHIFT) | LINUX_CPUCLOCK_SCHED;
	/* clock_getcpuclockid(3): ESRCH when no such process exists. */
	if (linux_syscall2(SYS_clock_getres, linux_id, 0) != 0)
		return ESRCH;
	*clock_id = (clockid_t)linux_id;
	return 0;
}
