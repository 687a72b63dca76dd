/* sigsetops.c: sigemptyset(3), sigfillset, sigaddset, sigdelset, sigismember and the GNU set operations. */
#include <errno.h>
#include <signal.h>

#include "signal_impl.h"

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

/* All 64 signals; the kernel itself never blocks SIGKILL and SIGSTOP. */
int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)0;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	sigset_t bit = signal_set_bit(sig);

	if (!bit) {
		errno = EINVAL;
		return -1;
	}
	*set |= bit;
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	sigset_t bit = signal_set_bit(sig);

	if (!bit) {
		errno = EINVAL;
		return -1;
	}
	*set &= ~bit;
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	sigset_t bit = signal_set_bit(sig);

	if (!bit) {
		errno = EINVAL;
		return -1;
	}
	return (*set & bit) != 0;
}

int sigisemptyset(const sigset_t *set)
{
	return *set == 0;
}

int sigorset(sigset_t *dest, const sigset_t *left, const sigset_t *right)
{
	*dest = *left | *right;
	return 0;
}

int sigandset(sigset_t *dest, const sigset_t *left, const sigset_t *right)
{
	*dest = *left & *right;
	return 0;
}
