/*
 * flockfile.c: flockfile(3) (POSIX.1-2008, "Thread-safe stdio"): takes
 * the stream's own recursive lock, the one newlib's stdio functions take
 * around each call (sys/stdio.h's _flockfile, over our retargetable locks,
 * pthread/newlib_lock.c), so a thread can make several calls, or use
 * getc_unlocked, as one. newlib declares it but defines it for Cygwin only.
 */
#include <stdio.h>
#include <sys/stdio.h>

void flockfile(FILE *stream)
{
	_flockfile(stream);
}
