/* progname_test.c: program_invocation_name and program_invocation_short_name (glibc's, in <errno.h>) are argv[0] and its last component, before main, whatever path the program was run by. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

/* The child mode: prints both names, one a line, for the parent to read. */
#define PROGNAME_CHILD_ARG	"--progname-child"

/*
 * Runs this program again (by /proc/self/exe) with argv[0] set to argv0,
 * and reads what it prints into out. Returns 0 when the child exited 0.
 */
static int progname_run(const char *argv0, char *out, size_t size)
{
	int fds[2], status = -1;
	ssize_t n, got = 0;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		char *const argv[] = { (char *)argv0, PROGNAME_CHILD_ARG, NULL };

		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + got, size - 1 - (size_t)got)) > 0)
		got += n;
	out[got] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	char out[512];

	if (argc == 2 && strcmp(argv[1], PROGNAME_CHILD_ARG) == 0) {
		printf("%s\n%s\n", program_invocation_name, program_invocation_short_name);
		return 0;
	}
	tap_plan(5);
	tap_ok(program_invocation_name == argv[0],
		"program_invocation_name is argv[0] itself (not a copy)");
	tap_ok(strcmp(program_invocation_short_name, strrchr(argv[0], '/') ?
			strrchr(argv[0], '/') + 1 : argv[0]) == 0,
		"program_invocation_short_name is argv[0] after its last '/'");
	tap_ok(progname_run("/some/dir/tool", out, sizeof(out)) == 0 &&
			strcmp(out, "/some/dir/tool\ntool\n") == 0,
		"argv[0] /some/dir/tool: the short name is tool");
	tap_ok(progname_run("plain", out, sizeof(out)) == 0 && strcmp(out, "plain\nplain\n") == 0,
		"argv[0] without a '/': both names are argv[0]");
	tap_ok(progname_run("dir/", out, sizeof(out)) == 0 && strcmp(out, "dir/\n\n") == 0,
		"argv[0] ending in '/': the short name is empty");
	return tap_done();
}
