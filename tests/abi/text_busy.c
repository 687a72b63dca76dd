/*
 * text_busy.c: a program file refuses writers while it runs, and exec
 * refuses a file open for writing (ETXTBSY, execve(2), open(2),
 * truncate(2)), as on Linux 6.1, where each address space running the
 * file (its exe_file, forks included) holds the refusal until it goes.
 *
 * The test copies its own executable to /tmp and runs the copy in one of
 * its modes (argv[1]): "hold" forks a child that prints its pid and
 * waits, then exits, so the running copy is a forked address space whose
 * exec'd parent is gone; "exit0" just exits 0.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		8
#define COPY_MODE	0755
#define WAIT_STEP_NS	10000000L	/* 10 ms */
#define WAIT_STEPS	500		/* 5 s for a killed process to go */

static int copy_self(const char *to)
{
	char buf[65536];
	int in = open("/proc/self/exe", O_RDONLY), out;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_TRUNC);
	if (out < 0 || fchmod(out, COPY_MODE)) {
		if (out >= 0)
			close(out);
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	close(in);
	if (n < 0) {
		close(out);
		return -1;
	}
	return out;
}

/* Runs path in mode with stdout on fd out (or unchanged if -1); its pid. */
static pid_t run_copy(const char *path, const char *mode, int out)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *const argv[] = { (char *)path, (char *)mode, NULL };

		if (out >= 0)
			dup2(out, 1);
		execv(path, argv);
		_exit(errno == ETXTBSY ? 42 : 127);
	}
	return pid;
}

static int exit_status(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* open(path, flags): 0, or -errno (the descriptor is closed again). */
static int try_open(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int hold(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		printf("%d\n", (int)getpid());
		fflush(stdout);
		for (;;)
			pause();
	}
	return pid > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	char path[] = "/tmp/text_busy.XXXXXX";
	struct timespec step = { 0, WAIT_STEP_NS };
	int writer, pipefd[2], got, st, i;
	pid_t runner, holder = -1;
	FILE *from_runner;

	if (argc > 1 && !strcmp(argv[1], "hold"))
		return hold();
	if (argc > 1 && !strcmp(argv[1], "exit0"))
		return 0;
	tap_plan(PLAN);
	writer = mkstemp(path);
	if (writer >= 0)
		close(writer);
	writer = writer < 0 ? -1 : copy_self(path);
	if (writer < 0 || pipe(pipefd)) {
		check(0, "a copy of this program in /tmp (%s)", strerror(errno));
		return tap_done();
	}
	st = exit_status(run_copy(path, "exit0", -1));
	check(st == 42, "execve of a file open for writing: ETXTBSY (child status %d)", st);
	close(writer);

	runner = run_copy(path, "hold", pipefd[1]);
	close(pipefd[1]);
	from_runner = fdopen(pipefd[0], "r");
	if (!from_runner || fscanf(from_runner, "%d", &holder) != 1)
		holder = -1;
	st = exit_status(runner);
	check(st == 0 && holder > 0, "the copy ran and left a forked child (pid %d)", holder);

	got = try_open(path, O_WRONLY);
	check(got == -ETXTBSY, "open O_WRONLY while a fork of it runs: ETXTBSY (%d)", got);
	got = try_open(path, O_RDWR);
	check(got == -ETXTBSY, "open O_RDWR: ETXTBSY (%d)", got);
	got = truncate(path, 0) ? -errno : 0;
	check(got == -ETXTBSY, "truncate: ETXTBSY (%d)", got);
	got = try_open(path, O_RDONLY);
	check(got == 0, "open O_RDONLY works (%d)", got);

	if (holder > 0)
		kill(holder, SIGKILL);
	for (i = 0; i < WAIT_STEPS && (got = try_open(path, O_WRONLY)) == -ETXTBSY; i++)
		nanosleep(&step, NULL);
	check(got == 0, "once it is killed, open O_WRONLY works (%d)", got);
	st = exit_status(run_copy(path, "exit0", -1));
	check(st == 0, "and the copy runs again (status %d)", st);
	unlink(path);
	return tap_done();
}
