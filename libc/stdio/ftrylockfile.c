/*
 * ftrylockfile.c: ftrylockfile(3): flockfile without waiting; 0 when the
 * calling thread now holds the stream's lock (it may already have held
 * it: the lock is recursive), non-zero when another thread holds it. The
 * streams of sprintf and sscanf (__SSTR) have no lock and always succeed,
 * as with _flockfile.
 */
#include <stdio.h>
#include <sys/stdio.h>

int ftrylockfile(FILE *stream)
{
	if (stream->_flags & __SSTR)
		return 0;
	return __lock_try_acquire_recursive(stream->_lock);
}
