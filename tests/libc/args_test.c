/*
 * args_test.c: argc, argv, envp and environ as the process entry code hands
 * them to main, and getenv/setenv. The test re-executes itself with a known
 * argument list and environment, and checks them in the new image.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

#define CHILD_MARK "--args-child"
#define TEST_VAR "BASALT_ARGS_TEST"
#define TEST_VALUE "lava=flow"

extern char **environ;

static int run_as_child(int argc, char **argv, char **envp)
{
	tap_plan(7);
	tap_ok(argc == 4, "argc is 4 (got %d)", argc);
	tap_ok(strcmp(argv[1], CHILD_MARK) == 0 && strcmp(argv[2], "alpha") == 0 &&
	       strcmp(argv[3], "beta gamma") == 0, "argv holds the arguments");
	tap_ok(argv[argc] == NULL, "argv[argc] is NULL");
	tap_ok(envp == environ, "envp is environ");
	tap_ok(envp[0] && strcmp(envp[0], TEST_VAR "=" TEST_VALUE) == 0 &&
	       envp[1] && strcmp(envp[1], "EMPTY=") == 0 && envp[2] == NULL,
	       "envp holds exactly the environment given to execve");
	tap_ok(getenv(TEST_VAR) && strcmp(getenv(TEST_VAR), TEST_VALUE) == 0 &&
	       getenv("EMPTY") && getenv("EMPTY")[0] == '\0' &&
	       getenv("MISSING") == NULL, "getenv");
	tap_ok(setenv("ADDED", "yes", 1) == 0 && strcmp(getenv("ADDED"), "yes") == 0,
	       "setenv then getenv");
	return tap_done();
}

int main(int argc, char **argv, char **envp)
{
	char *child_argv[] = { argv[0], CHILD_MARK, "alpha", "beta gamma", NULL };
	char *child_envp[] = { TEST_VAR "=" TEST_VALUE, "EMPTY=", NULL };

	if (argc > 1 && strcmp(argv[1], CHILD_MARK) == 0)
		return run_as_child(argc, argv, envp);
	execve(argv[0], child_argv, child_envp);
	tap_plan(1);
	tap_ok(0, "execve of %s", argv[0]);
	return tap_done();
}
