/*
 * program_invocation_name.c: glibc's program_invocation_name and
 * program_invocation_short_name (program_invocation_name(3), declared in
 * <errno.h> with _GNU_SOURCE): argv[0] as the program was run, and its
 * part after the last '/'. gnulib's getprogname, error and
 * progname modules read them. __libc_start sets both before main.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

/* "" until set: argv[0] may be missing (an execve with an empty argv). */
char *program_invocation_name = "";
char *program_invocation_short_name = "";

void __libc_init_progname(char *argv0);

void __libc_init_progname(char *argv0)
{
	char *slash;

	if (!argv0)
		return;
	program_invocation_name = argv0;
	slash = strrchr(argv0, '/');
	program_invocation_short_name = slash ? slash + 1 : argv0;
}
