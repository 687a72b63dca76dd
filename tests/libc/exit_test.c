/*
 * exit_test.c: how a process ends, seen by its parent through fork and
 * wait: exit, _exit, return from main, atexit handlers and death by signal.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define RETURN_MARK "--return-from-main"
#define RETURN_STATUS 3
#define EXIT_STATUS 42
#define UNDERSCORE_EXIT_STATUS 7
#define PATH_SIZE 64

static char marker_path[PATH_SIZE];
static char *self_path;

static void create_marker(void)
{
	FILE *file = fopen(marker_path, "w");

	if (file)
		fclose(file);
}

/* Runs child() in a new process; returns its pid, or -1. */
static pid_t start_child(void (*child)(void))
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		child();
		_exit(EXIT_FAILURE);
	}
	return pid;
}

/* Runs child() in a new process and returns its wait status, or -1. */
static int run_child(void (*child)(void))
{
	pid_t pid = start_child(child);
	int status;

	if (pid < 0 || wait(&status) != pid)
		return -1;
	return status;
}

/* The same, with waitpid: first polling with WNOHANG, then blocking. */
static int run_child_waitpid(void (*child)(void), int *polled)
{
	pid_t pid = start_child(child);
	int status;

	if (pid < 0)
		return -1;
	*polled = waitpid(pid, &status, WNOHANG);
	if (*polled != 0 && *polled != pid)
		return -1;
	if (*polled == 0 && waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void child_exit(void)
{
	atexit(create_marker);
	exit(EXIT_STATUS);
}

static void child_underscore_exit(void)
{
	_exit(UNDERSCORE_EXIT_STATUS);
}

static void child_sigterm(void)
{
	kill(getpid(), SIGTERM);
}

static void child_sigusr1(void)
{
	kill(getpid(), SIGUSR1);
}

static void child_return_from_main(void)
{
	char *argv[] = { self_path, RETURN_MARK, NULL };
	char *envp[] = { NULL };

	execve(self_path, argv, envp);
}

int main(int argc, char **argv)
{
	int status, polled = -1;

	if (argc > 1 && strcmp(argv[1], RETURN_MARK) == 0)
		return RETURN_STATUS;

	tap_plan(7);
	snprintf(marker_path, sizeof(marker_path), "/tmp/basalt-exit-test.%d",
		 (int)getpid());

	status = run_child(child_exit);
	tap_ok(status >= 0 && WIFEXITED(status) &&
	       WEXITSTATUS(status) == EXIT_STATUS, "exit(%d) is seen by wait",
	       EXIT_STATUS);
	tap_ok(access(marker_path, F_OK) == 0, "exit runs atexit handlers");
	unlink(marker_path);

	status = run_child(child_underscore_exit);
	tap_ok(status >= 0 && WIFEXITED(status) &&
	       WEXITSTATUS(status) == UNDERSCORE_EXIT_STATUS, "_exit(%d)",
	       UNDERSCORE_EXIT_STATUS);

	status = run_child_waitpid(child_underscore_exit, &polled);
	tap_ok(status >= 0 && WIFEXITED(status) &&
	       WEXITSTATUS(status) == UNDERSCORE_EXIT_STATUS,
	       "waitpid with WNOHANG (returned %d), then blocking", polled);

	self_path = argv[0];
	status = run_child(child_return_from_main);
	tap_ok(status >= 0 && WIFEXITED(status) &&
	       WEXITSTATUS(status) == RETURN_STATUS,
	       "returning %d from main is the exit status", RETURN_STATUS);

	status = run_child(child_sigterm);
	tap_ok(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	       "death by SIGTERM");
	status = run_child(child_sigusr1);
	tap_ok(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1,
	       "death by SIGUSR1 (numbered differently in newlib and Linux)");

	return tap_done();
}
