/* program_invocation_name.c: program_invocation_name(3) and program_invocation_short_name, glibc's names of the running program. */
#include <errno.h>
#include <string.h>

/*
 * Both point into argv[0] (glibc's do too, so a program that changes
 * argv[0] in place changes them); an empty string until __libc_start sets
 * them, and when the program was started with no argv[0] at all.
 */
char *program_invocation_name = "";
char *program_invocation_short_name = "";

/* Called by __libc_start (crt/libc_start.c) before constructors and main. */
void __libc_set_program_invocation_name(char *argv0)
{
	char *slash;

	if (!argv0)
		return;
	program_invocation_name = argv0;
	slash = strrchr(argv0, '/');
	program_invocation_short_name = slash ? slash + 1 : argv0;
}
