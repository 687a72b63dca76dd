/* raise.c: raise(3) as kill(2) to ourselves (one thread per process). */
#include <errno.h>
#include <reent.h>
#include <signal.h>
#include <unistd.h>

int raise(int sig)
{
	/*
	 * A signal sent to the calling process is delivered before kill()
	 * returns when it is not blocked (kill(2), POSIX "kill": "at least
	 * one signal ... shall be delivered before kill() returns"), as
	 * raise(3) requires.
	 */
	return kill(getpid(), sig);
}

int _raise_r(struct _reent *reent, int sig)
{
	int ret = raise(sig);

	if (ret < 0)
		reent->_errno = errno;
	return ret;
}
