/* daemon_test.c: daemon(3): the calling process's parent sees it exit with status 0, and the daemon goes on in a new session, in "/", with /dev/null as descriptors 0 to 2 unless nochdir or noclose. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define DAEMON_FAILED 2

/* What the daemon sees, sent back through a pipe. */
struct daemon_report {
	pid_t pid;
	pid_t sid;
	char cwd[PATH_MAX];
	struct stat std[3];
};

/*
 * Forks a child whose standard output is the pipe, which calls
 * daemon(nochdir, noclose) and reports from the daemon. Returns the
 * child's wait status; *report is filled when the daemon wrote it.
 */
static int daemon_run(int nochdir, int noclose, struct daemon_report *report, int *reported)
{
	int fds[2], status = -1, i;
	pid_t child;

	*reported = 0;
	if (pipe(fds) != 0)
		return -1;
	child = fork();
	if (child == 0) {
		struct daemon_report mine;

		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		if (daemon(nochdir, noclose) != 0)
			_exit(DAEMON_FAILED);
		memset(&mine, 0, sizeof(mine));
		mine.pid = getpid();
		mine.sid = getsid(0);
		if (!getcwd(mine.cwd, sizeof(mine.cwd)))
			mine.cwd[0] = '\0';
		for (i = 0; i < 3; i++)
			fstat(i, &mine.std[i]);
		if (write(fds[1], &mine, sizeof(mine)) != (ssize_t)sizeof(mine))
			_exit(DAEMON_FAILED);
		_exit(0);
	}
	close(fds[1]);
	if (child > 0)
		waitpid(child, &status, 0);
	/* The pipe's last writer is the daemon: this returns once it reported or exited. */
	if (read(fds[0], report, sizeof(*report)) == (ssize_t)sizeof(*report))
		*reported = 1;
	close(fds[0]);
	return status;
}

static int daemon_is_devnull(const struct stat *st, const struct stat *devnull)
{
	return S_ISCHR(st->st_mode) && st->st_rdev == devnull->st_rdev;
}

int main(void)
{
	char dir[PATH_MAX], start[PATH_MAX];
	struct daemon_report report;
	struct stat devnull;
	int status, reported;

	tap_plan(12);
	if (stat("/dev/null", &devnull) != 0 || !getcwd(start, sizeof(start)))
		return 1;
	snprintf(dir, sizeof(dir), "/tmp/basalt-daemon-test.%d", (int)getpid());
	if (mkdir(dir, 0755) != 0 || chdir(dir) != 0)
		return 1;

	status = daemon_run(0, 0, &report, &reported);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "daemon(0, 0): its caller exits with status 0");
	tap_ok(reported, "the daemon goes on and reports");
	tap_ok(reported && report.sid == report.pid, "it leads a new session");
	tap_ok(reported && strcmp(report.cwd, "/") == 0, "its working directory is /");
	tap_ok(reported && daemon_is_devnull(&report.std[0], &devnull) &&
	       daemon_is_devnull(&report.std[2], &devnull), "standard input and error are /dev/null");
	tap_ok(reported && daemon_is_devnull(&report.std[1], &devnull),
	       "standard output (a pipe before) is /dev/null");

	status = daemon_run(1, 1, &report, &reported);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "daemon(1, 1): its caller exits with status 0");
	tap_ok(reported, "the daemon goes on and reports");
	tap_ok(reported && report.sid == report.pid, "it leads a new session");
	tap_ok(reported && strcmp(report.cwd, dir) == 0, "nochdir: the working directory stays");
	tap_ok(reported && S_ISFIFO(report.std[1].st_mode), "noclose: standard output is still the pipe");

	tap_ok(chdir(start) == 0 && rmdir(dir) == 0, "cleanup");
	return tap_done();
}
