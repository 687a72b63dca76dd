/* spawn_test.c: posix_spawn, posix_spawnp, file actions, attributes, and their errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PATH_SIZE 128
#define BUF_SIZE 64
#define EXIT_CODE 3

extern char **environ;

static int wait_status(pid_t pid)
{
	int status = -1;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

int main(void)
{
	char *exit_argv[] = { "sh", "-c", "exit 3", NULL };
	char *echo_argv[] = { "sh", "-c", "echo spawned; echo oops >&2", NULL };
	char *true_argv[] = { "true", NULL };
	char *read_argv[] = { "sh", "-c", "read line", NULL };
	char *missing_argv[] = { "no-such-program-basalt", NULL };
	char path[PATH_SIZE], buf[BUF_SIZE];
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	int status, fd, p[2];
	ssize_t length;
	short flags;
	pid_t pid;

	tap_plan(12);
	tap_ok(posix_spawn(&pid, "/bin/sh", NULL, NULL, exit_argv, environ) == 0 &&
	       (status = wait_status(pid), WIFEXITED(status) && WEXITSTATUS(status) == EXIT_CODE),
	       "posix_spawn runs a program");
	tap_ok(posix_spawnp(&pid, "true", NULL, NULL, true_argv, environ) == 0 &&
	       WEXITSTATUS(wait_status(pid)) == 0, "posix_spawnp searches PATH");
	tap_ok(posix_spawn(&pid, "/nonexistent/basalt", NULL, NULL, missing_argv, environ) == ENOENT,
	       "posix_spawn of a missing file: ENOENT");
	tap_ok(posix_spawnp(&pid, "no-such-program-basalt", NULL, NULL, missing_argv,
			    environ) == ENOENT, "posix_spawnp of a missing program: ENOENT");

	snprintf(path, sizeof(path), "/tmp/basalt-spawn.%d", (int)getpid());
	tap_ok(posix_spawn_file_actions_init(&actions) == 0 &&
	       posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC,
						0600) == 0 &&
	       posix_spawn_file_actions_adddup2(&actions, 1, 2) == 0, "file actions");
	tap_ok(posix_spawn(&pid, "/bin/sh", &actions, NULL, echo_argv, environ) == 0 &&
	       WEXITSTATUS(wait_status(pid)) == 0, "spawn with the actions");
	fd = open(path, O_RDONLY);
	length = read(fd, buf, sizeof(buf) - 1);
	buf[length > 0 ? length : 0] = '\0';
	close(fd);
	unlink(path);
	tap_ok(strcmp(buf, "spawned\noops\n") == 0, "stdout opened on a file, stderr dup2'd to it");
	posix_spawn_file_actions_destroy(&actions);

	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/nonexistent/basalt", O_RDONLY, 0);
	tap_ok(posix_spawn(&pid, "/bin/sh", &actions, NULL, exit_argv, environ) == ENOENT,
	       "a failing file action: its error");
	posix_spawn_file_actions_destroy(&actions);

	tap_ok(posix_spawnattr_init(&attr) == 0 &&
	       posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP) == 0 &&
	       posix_spawnattr_setpgroup(&attr, 0) == 0 &&
	       posix_spawnattr_getflags(&attr, &flags) == 0 && flags == POSIX_SPAWN_SETPGROUP,
	       "attributes");
	pipe(p);
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, p[0], 0);
	posix_spawn_file_actions_addclose(&actions, p[1]);
	tap_ok(posix_spawn(&pid, "/bin/sh", &actions, &attr, read_argv, environ) == 0 &&
	       getpgid(pid) == pid, "POSIX_SPAWN_SETPGROUP: a process group of its own");
	close(p[0]);
	write(p[1], "x\n", 2);
	close(p[1]);
	tap_ok(WEXITSTATUS(wait_status(pid)) == 0, "and it ran");
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	tap_ok(posix_spawnattr_init(&attr) == 0 && posix_spawnattr_setflags(&attr, 0x4000) == EINVAL,
	       "an unknown flag: EINVAL");
	posix_spawnattr_destroy(&attr);
	return tap_done();
}
