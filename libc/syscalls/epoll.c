/* epoll.c: epoll_create(2), epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2. */
#include <sys/epoll.h>

#include "linux_syscall.h"

int epoll_create(int size)
{
	return linux_syscall_result(linux_syscall1(SYS_epoll_create, size));
}

int epoll_create1(int flags)
{
	return linux_syscall_result(linux_syscall1(SYS_epoll_create1, flags));
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	return linux_syscall_result(linux_syscall4(SYS_epoll_ctl, epfd, op, fd,
						   (long)event));
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)
{
	return linux_syscall_result(linux_syscall4(SYS_epoll_wait, epfd, (long)events,
						   maxevents, timeout));
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout,
		const sigset_t *sigmask)
{
	return linux_syscall_result(linux_syscall6(SYS_epoll_pwait, epfd, (long)events,
						   maxevents, timeout, (long)sigmask,
						   sizeof(sigset_t)));
}

int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
		 const struct timespec *timeout, const sigset_t *sigmask)
{
	return linux_syscall_result(linux_syscall6(SYS_epoll_pwait2, epfd, (long)events,
						   maxevents, (long)timeout, (long)sigmask,
						   sizeof(sigset_t)));
}
