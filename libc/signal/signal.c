/* signal.c: signal(2) as sigaction with BSD semantics (glibc's): SA_RESTART, handler stays installed. */
#include <errno.h>
#include <reent.h>
#include <signal.h>

_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
	struct sigaction action, old;

	/*
	 * signal(2), "Portability": glibc's signal() keeps the handler
	 * installed, blocks the signal while it runs and restarts
	 * interrupted calls; programs written for Linux expect that.
	 */
	action.sa_handler = handler;
	sigemptyset(&action.sa_mask);
	sigaddset(&action.sa_mask, sig);
	action.sa_flags = SA_RESTART;
	action.sa_restorer = 0;
	if (sigaction(sig, &action, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

/* newlib's reentrant name, declared in <signal.h>. */
_sig_func_ptr _signal_r(struct _reent *reent, int sig, _sig_func_ptr handler)
{
	_sig_func_ptr old = signal(sig, handler);

	if (old == SIG_ERR)
		reent->_errno = errno;
	return old;
}
