/* sched_affinity.c: sched_getaffinity(2), sched_setaffinity(2), CPU_COUNT(3). */
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#include <sys/types.h>

#include "linux_syscall.h"

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *mask)
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

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *mask)
{
	return (int)linux_syscall_result(linux_syscall3(SYS_sched_setaffinity,
							pid, (long)size,
							(long)mask));
}

/* CPU_COUNT: the bits set in the first size bytes of the mask. */
int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	size_t words = size / sizeof(set->__bits[0]);
	int count = 0;

	for (size_t i = 0; i < words; i++)
		count += __builtin_popcountl(set->__bits[i]);
	return count;
}
