/* funlockfile.c: funlockfile(3): releases the stream lock flockfile took (see flockfile.c). */
#include <stdio.h>
#include <sys/stdio.h>

void funlockfile(FILE *stream)
{
	_funlockfile(stream);
}
