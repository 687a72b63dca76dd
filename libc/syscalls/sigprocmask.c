/* sigprocmask.c: sigprocmask(2), not supported yet: fails with ENOSYS. */
#include <errno.h>
#include <signal.h>

/*
 * Real signal masks need rt_sigprocmask with newlib's sigset_t translated
 * to Linux's signal numbering; that comes with the signal work of issue 5.
 */
int sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
	(void)how;
	(void)set;
	(void)oldset;
	errno = ENOSYS;
	return -1;
}
