/* progname_test.c: program_invocation_name and program_invocation_short_name (glibc, <errno.h>) are argv[0] and its last component, in main and in a child exec'd by another path; getprogname (BSD, <stdlib.h>; glibc has none) is the short name; _setjmp/_longjmp (XSI) jump back with the value given, and 0 becomes 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PROGNAME_CHILD_ARG "--child"
#define PROGNAME_CHILD_ARGV0 "/no/such/dir/renamed-by-argv0"

static jmp_buf progname_jmp;

static void progname_jump(int value)
{
	_longjmp(progname_jmp, value);
}

/* The child reports through its exit status: 0 when both names match argv[0]. */
static int progname_child(char *argv0)
{
	if (strcmp(program_invocation_name, argv0) != 0)
		return 1;
	if (strcmp(program_invocation_short_name, "renamed-by-argv0") != 0)
		return 2;
	return 0;
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	const char *short_name = slash ? slash + 1 : argv[0];
	volatile int jumps = 0, zero_jumps = 0;
	int status = -1, value;
	pid_t child;

	if (argc > 1 && strcmp(argv[1], PROGNAME_CHILD_ARG) == 0)
		return progname_child(argv[0]);

	tap_plan(7);
	tap_ok(program_invocation_name == argv[0], "program_invocation_name is argv[0] itself");
	tap_ok(strcmp(program_invocation_short_name, short_name) == 0,
	       "program_invocation_short_name is its last component (%s)", program_invocation_short_name);
	tap_ok(strchr(program_invocation_short_name, '/') == NULL, "the short name has no '/'");
#ifdef __GLIBC__
	tap_ok(1, "getprogname # SKIP glibc has no getprogname");
#else
	tap_ok(getprogname() && strcmp(getprogname(), short_name) == 0, "getprogname is the short name");
#endif

	child = fork();
	if (child == 0) {
		char *const child_argv[] = { PROGNAME_CHILD_ARGV0, PROGNAME_CHILD_ARG, NULL };

		execv(argv[0], child_argv);
		_exit(127);
	}
	if (child > 0)
		waitpid(child, &status, 0);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "an exec'd program's names follow its argv[0], not its path (status %d)", status);

	value = _setjmp(progname_jmp);
	if (value == 0) {
		jumps++;
		progname_jump(42);
	}
	tap_ok(value == 42 && jumps == 1, "_longjmp returns 42 from _setjmp (got %d)", value);
	if (value == 42) {
		/* zero_jumps stops a _longjmp whose 0 comes back as 0 from looping. */
		value = _setjmp(progname_jmp);
		if (value == 0 && zero_jumps++ == 0)
			progname_jump(0);
	}
	tap_ok(value == 1, "_longjmp with 0 makes _setjmp return 1 (got %d)", value);
	return tap_done();
}
