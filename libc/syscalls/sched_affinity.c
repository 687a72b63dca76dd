/* sched_affinity.c: sched_getaffinity(2), sched_setaffinity(2). */
/*
 * The mask is a bit array of size bytes (glibc's cpu_set_t is one of
 * them). sched.h is to declare these with cpu_set_t; until it does they
 * are declared here with the mask as void *, which has the same ABI.
 */
#include <string.h>
#include <sys/types.h>

#include "linux_syscall.h"

int sched_getaffinity(pid_t pid, size_t size, void *mask);
int sched_setaffinity(pid_t pid, size_t size, const void *mask);

int sched_getaffinity(pid_t pid, size_t size, void *mask)
{
	long copied = linux_syscall3(SYS_sched_getaffinity, pid, (long)size,
				     (long)mask);

	if (copied < 0)
		return (int)linux_syscall_result(copied);
	/* The kernel returns how many bytes it wrote; as glibc's wrapper
	 * does, clear the rest of the caller's mask and return 0. */
	if ((size_t)copied < size)
		memset((char *)mask + copied, 0, size - (size_t)copied);
	return 0;
}

int sched_setaffinity(pid_t pid, size_t size, const void *mask)
{
	return (int)linux_syscall_result(linux_syscall3(SYS_sched_setaffinity,
							pid, (long)size,
							(long)mask));
}
