/* abort.c: abort(3): SIGABRT, which a handler cannot stop from ending the process (replaces newlib's). */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

/* The exit status if even the default SIGABRT did not end us. */
#define ABORT_LAST_RESORT_STATUS	127

void abort(void)
{
	sigset_t abrt;
	struct sigaction dfl;

	/*
	 * abort(3): SIGABRT is unblocked and raised; if a handler returns,
	 * the default action is restored and the signal raised again.
	 */
	sigemptyset(&abrt);
	sigaddset(&abrt, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &abrt, NULL);
	raise(SIGABRT);

	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	dfl.sa_flags = 0;
	sigaction(SIGABRT, &dfl, NULL);
	raise(SIGABRT);
	_exit(ABORT_LAST_RESORT_STATUS);
}
