/* resource.c: getrlimit(2), setrlimit, prlimit, getrusage, getpriority, setpriority (Linux's structures in our <sys/resource.h>). */
#include <sys/resource.h>

#include "linux_syscall.h"

/* getpriority(2): the raw system call returns 20 - nice, so that it is never negative. */
#define PRIORITY_NICE_BASE	20

int prlimit(pid_t pid, int resource, const struct rlimit *limit, struct rlimit *old)
{
	return linux_syscall_result(linux_syscall4(SYS_prlimit64, pid, resource,
						   (long)limit, (long)old));
}

int getrlimit(int resource, struct rlimit *limit)
{
	return linux_syscall_result(linux_syscall2(SYS_getrlimit, resource, (long)limit));
}

int setrlimit(int resource, const struct rlimit *limit)
{
	return linux_syscall_result(linux_syscall2(SYS_setrlimit, resource, (long)limit));
}

int getrusage(int who, struct rusage *usage)
{
	return linux_syscall_result(linux_syscall2(SYS_getrusage, who, (long)usage));
}

int getpriority(int which, id_t who)
{
	long ret = linux_syscall_result(linux_syscall2(SYS_getpriority, which, who));

	if (ret < 0)
		return -1;	/* callers tell a real -1 apart by clearing errno first */
	return PRIORITY_NICE_BASE - (int)ret;
}

int setpriority(int which, id_t who, int value)
{
	return linux_syscall_result(linux_syscall3(SYS_setpriority, which, who, value));
}
