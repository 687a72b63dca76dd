/* kill.c: pthread_kill(3) over tgkill(2): the signal goes to that thread of our process. */
#include <errno.h>
#include <unistd.h>

#include "linux_errno.h"
#include "pthread_impl.h"

int pthread_kill(pthread_t id, int sig)
{
	struct pthread *thread = (struct pthread *)id;
	int tid = __atomic_load_n(&thread->tid, __ATOMIC_ACQUIRE);
	long ret;

	/* A thread that has exited: ESRCH (pthread_kill(3), as glibc reports it). */
	if (tid == 0)
		return ESRCH;
	ret = linux_syscall3(SYS_tgkill, getpid(), tid, sig);
	return ret < 0 && ret >= -LINUX_MAX_ERRNO ? errno_from_linux((int)-ret) : 0;
}
