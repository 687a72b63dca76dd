/*
 * sched_test.c: <sched.h>'s CPU affinity API (sched_getaffinity(2),
 * sched_setaffinity(2), CPU_SET(3)) as glibc provides it: the calls, the
 * cpu_set_t macros, and Linux's errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

/* A pid that no process has (above Linux's PID_MAX_LIMIT, 4194304). */
#define SCHED_TEST_NO_PID	0x7ffffff0

int main(void)
{
	cpu_set_t set, empty, copy;
	int cpu = sched_getcpu();

	tap_plan(11);

	CPU_ZERO(&empty);
	tap_ok(CPU_COUNT(&empty) == 0, "CPU_ZERO: no CPU in the set");
	copy = empty;
	CPU_SET(3, &copy);
	CPU_SET(70, &copy);
	tap_ok(CPU_ISSET(3, &copy) && CPU_ISSET(70, &copy) && !CPU_ISSET(4, &copy) &&
		       CPU_COUNT(&copy) == 2,
	       "CPU_SET/CPU_ISSET/CPU_COUNT: CPUs 3 and 70, not 4");
	CPU_CLR(3, &copy);
	tap_ok(!CPU_ISSET(3, &copy) && CPU_COUNT(&copy) == 1, "CPU_CLR removes one");
	tap_ok(sizeof(cpu_set_t) * 8 == CPU_SETSIZE, "cpu_set_t holds CPU_SETSIZE bits");

	memset(&set, 0xa5, sizeof(set));
	tap_ok(sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) >= 1,
	       "sched_getaffinity: at least one CPU");
	tap_ok(cpu >= 0 && CPU_ISSET(cpu, &set), "the CPU we run on (%d) is in the mask", cpu);
	tap_ok(sched_setaffinity(0, sizeof(set), &set) == 0,
	       "sched_setaffinity with the mask just read");
	errno = 0;
	tap_ok(sched_setaffinity(0, sizeof(empty), &empty) == -1 && errno == EINVAL,
	       "sched_setaffinity with no CPU: EINVAL");
	errno = 0;
	tap_ok(sched_getaffinity(0, sizeof(long) / 2, &set) == -1 && errno == EINVAL,
	       "sched_getaffinity with a size not a multiple of a long: EINVAL");
	errno = 0;
	tap_ok(sched_getaffinity(SCHED_TEST_NO_PID, sizeof(set), &set) == -1 && errno == ESRCH,
	       "sched_getaffinity of a pid that does not exist: ESRCH");
	tap_ok(sched_getaffinity(getpid(), sizeof(set), &set) == 0,
	       "sched_getaffinity of our own pid");
	return tap_done();
}
