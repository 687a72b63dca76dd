/* poll.c: poll(2), ppoll, select(2), pselect over the Linux system calls of the same names (pselect6). */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/select.h>

#include "linux_syscall.h"

int poll(struct pollfd *fds, nfds_t count, int timeout_ms)
{
	return linux_syscall_result(linux_syscall3(SYS_poll, (long)fds, count, timeout_ms));
}

/*
 * ppoll and pselect6 write the time left back into the timeout (Linux
 * behaviour the C interfaces hide: their timeout is const), so the kernel
 * gets a copy.
 */
int ppoll(struct pollfd *fds, nfds_t count, const struct timespec *timeout,
	  const sigset_t *mask)
{
	struct timespec left;

	if (timeout)
		left = *timeout;
	return linux_syscall_result(linux_syscall5(SYS_ppoll, (long)fds, count,
						   timeout ? (long)&left : 0, (long)mask,
						   sizeof(sigset_t)));
}

/* select(2): Linux updates the timeval with the time left, as documented. */
int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout)
{
	return linux_syscall_result(linux_syscall5(SYS_select, nfds, (long)readfds,
						   (long)writefds, (long)exceptfds,
						   (long)timeout));
}

int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	    const struct timespec *timeout, const sigset_t *mask)
{
	struct timespec left;
	/* pselect6's sixth argument: the mask and its size (pselect(2), "C library/kernel differences"). */
	struct {
		const sigset_t *mask;
		unsigned long size;
	} mask_arg = { mask, sizeof(sigset_t) };

	if (timeout)
		left = *timeout;
	return linux_syscall_result(linux_syscall6(SYS_pselect6, nfds, (long)readfds,
						   (long)writefds, (long)exceptfds,
						   timeout ? (long)&left : 0,
						   (long)&mask_arg));
}
