/*
 * arg_max.c: execve's limits on arguments are Linux's (fs/exec.c): any
 * number of strings, each at most MAX_ARG_STRLEN (128 KiB with its NUL),
 * all of them and their pointers within a quarter of RLIMIT_STACK (2 MiB
 * for the 8 MiB this test sets), and sysconf(_SC_ARG_MAX) says so. The
 * test runs itself with the arguments; the child checks what it got.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "abi_tap.h"

#define PLAN		7
#define STACK_LIMIT	(8UL << 20)		/* Linux's default RLIMIT_STACK */
#define ARG_LIMIT	(STACK_LIMIT / 4)	/* what execve allows then */
#define ARG_STRLEN_MAX	(128 * 1024)		/* MAX_ARG_STRLEN, NUL included */
#define MANY		50000
#define BIG_LEN		131000			/* strings of the size tests */
#define UNDER		15	/* 15 big strings: 64 KiB under the limit */
#define OVER		17	/* 17: over it */

static char self[4096];

/* The child: argv[1] says what it should have got. */
static int child(int argc, char **argv)
{
	size_t bytes = 0;

	for (int i = 2; i < argc; i++)
		bytes += strlen(argv[i]) + 1;
	if (!strcmp(argv[1], "many"))
		return argc == MANY + 2 && !strcmp(argv[argc - 1], "x") ? 0 : 1;
	if (!strcmp(argv[1], "big"))
		return argc > 2 && bytes == (size_t)(argc - 2) * (strlen(argv[2]) + 1) ? 0 : 1;
	return 1;
}

/* Runs self with mode and n copies of arg; the child's status or -errno of execve. */
static int run(const char *mode, size_t n, const char *arg)
{
	char **argv = calloc(n + 3, sizeof(char *));
	char *const envp[] = { NULL };
	int status, pipefd[2], err = 0;
	pid_t pid;

	if (!argv || pipe(pipefd))
		return -ENOMEM;
	argv[0] = self;
	argv[1] = (char *)mode;
	for (size_t i = 0; i < n; i++)
		argv[i + 2] = (char *)arg;
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		execve(self, argv, envp);
		err = errno;
		if (write(pipefd[1], &err, sizeof(err)) != sizeof(err))
			_exit(126);
		_exit(127);
	}
	close(pipefd[1]);
	free(argv);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -ECHILD;
	if (read(pipefd[0], &err, sizeof(err)) == sizeof(err)) {
		close(pipefd[0]);
		return -err;
	}
	close(pipefd[0]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	struct rlimit stack = { STACK_LIMIT, STACK_LIMIT };
	char *big = malloc(ARG_STRLEN_MAX + 1);
	long arg_max;
	ssize_t n;
	int got;

	if (argc > 1)
		return child(argc, argv);
	tap_plan(PLAN);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0 || !big) {
		check(0, "readlink /proc/self/exe");
		return tap_done();
	}
	self[n] = '\0';
	if (getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_max >= STACK_LIMIT)
		stack.rlim_cur = STACK_LIMIT;
	setrlimit(RLIMIT_STACK, &stack);
	getrlimit(RLIMIT_STACK, &stack);
	if (stack.rlim_cur != STACK_LIMIT) {
		for (int i = 0; i < PLAN; i++)
			skip("RLIMIT_STACK cannot be %lu here", STACK_LIMIT);
		return tap_done();
	}
	arg_max = sysconf(_SC_ARG_MAX);
	check(arg_max == (long)ARG_LIMIT, "sysconf(_SC_ARG_MAX) is a quarter of the stack (%ld)",
	      arg_max);

	got = run("many", MANY, "x");
	check(got == 0, "%d short arguments (status %d)", MANY, got);

	memset(big, 'b', ARG_STRLEN_MAX - 1);
	big[ARG_STRLEN_MAX - 1] = '\0';
	got = run("big", 1, big);
	check(got == 0, "one string of MAX_ARG_STRLEN with its NUL (status %d)", got);
	memset(big, 'b', ARG_STRLEN_MAX);
	big[ARG_STRLEN_MAX] = '\0';
	got = run("big", 1, big);
	check(got == -E2BIG, "one byte more: E2BIG (%d)", got);

	big[BIG_LEN] = '\0';
	got = run("big", UNDER, big);
	check(got == 0, "%d strings of %d bytes, under the limit (status %d)", UNDER, BIG_LEN, got);
	got = run("big", OVER, big);
	check(got == -E2BIG, "%d of them, over it: E2BIG (%d)", OVER, got);
	got = run("many", ARG_LIMIT / sizeof(char *), "x");
	check(got == -E2BIG, "%lu pointers alone pass the limit: E2BIG (%d)",
	      (unsigned long)(ARG_LIMIT / sizeof(char *)), got);
	free(big);
	return tap_done();
}
