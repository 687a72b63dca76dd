/*
 * getprogname.c: getprogname(3) of the BSDs (and Cygwin, Android's
 * bionic): the program's name, the last component of argv[0], as
 * program_invocation_short_name (misc/program_invocation_name.c) holds it.
 * gnulib's getprogname module takes the C library's when configure finds
 * it, and refuses to build on a system it does not know otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

const char *getprogname(void)
{
	return program_invocation_short_name;
}
