/*
 * fork_wait.c: fork(2), wait4(2)/waitpid(2), waitid(2) and getppid(2):
 * exit codes, WNOHANG, a child killed by a signal, rusage, orphans
 * being reparented, WNOWAIT, ECHILD and EINVAL. Prints TAP; exits with
 * the failure count.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		17
#define ORPHAN_WAIT_MS	1000
#define BAD_WAIT_OPTION	0x100	/* not a wait4 option */

static pid_t child_exiting(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int main(void)
{
	int status = -1, fds[2];
	pid_t pid, got, me = getpid();
	struct rusage ru;
	siginfo_t si;
	char c;

	tap_plan(PLAN);

	pid = child_exiting(7);
	check(pid > 0, "fork returns the child's pid in the parent");
	got = waitpid(pid, &status, 0);
	check(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "waitpid reports exit code 7 (status %#x)", status);

	pid = fork();
	if (pid == 0)
		_exit(getppid() == me ? 0 : 1);
	got = waitpid(pid, &status, 0);
	check(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "getppid in the child is the parent's pid");

	/* A child that waits for the pipe to close: WNOHANG sees it running. */
	if (pipe(fds))
		return 99;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 5 : 6);
	}
	close(fds[0]);
	check(waitpid(pid, &status, WNOHANG) == 0, "WNOHANG on a running child returns 0");
	memset(&si, 0, sizeof(si));
	check(waitid(P_ALL, 0, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0,
	      "waitid WNOHANG with nothing to report: 0 and si_pid 0");
	close(fds[1]);
	got = wait4(pid, &status, 0, &ru);
	check(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "wait4 with rusage after the child saw EOF (status %#x)", status);

	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	got = waitpid(pid, &status, 0);
	check(got == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "a child killed by SIGTERM: WIFSIGNALED, WTERMSIG (status %#x)", status);

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	got = waitpid(pid, &status, 0);
	check(got == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "a paused child killed by the parent with SIGKILL");

	/* exit(2) keeps the low 8 bits. */
	pid = child_exiting(256 + 3);
	got = waitpid(pid, &status, 0);
	check(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "exit(259) is reported as 3");

	/* WNOWAIT leaves the zombie for a later wait. */
	pid = child_exiting(3);
	memset(&si, 0, sizeof(si));
	check(waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 && si.si_pid == pid &&
	      si.si_code == CLD_EXITED && si.si_status == 3 && si.si_signo == SIGCHLD,
	      "waitid WEXITED|WNOWAIT: si_pid, CLD_EXITED, si_status 3");
	got = waitpid(pid, &status, 0);
	check(got == pid && WEXITSTATUS(status) == 3, "the zombie is still there after WNOWAIT");

	/* Three children, reaped in any order by waitpid(-1). */
	{
		int sum = 0, n = 0;

		for (int i = 1; i <= 3; i++)
			child_exiting(i);
		while ((got = waitpid(-1, &status, 0)) > 0) {
			sum += WEXITSTATUS(status);
			n++;
		}
		check(n == 3 && sum == 6 && errno == ECHILD,
		      "waitpid(-1) reaps three children, then ECHILD");
	}

	/* The orphan: the middle child exits, the grandchild reports its new parent. */
	if (pipe(fds))
		return 99;
	pid = fork();
	if (pid == 0) {
		pid_t mid = getpid();

		if (fork() == 0) {
			pid_t pp = getppid();

			for (int i = 0; i < ORPHAN_WAIT_MS / 10 && pp == mid; i++) {
				sleep_ms(10);
				pp = getppid();
			}
			if (write(fds[1], &pp, sizeof(pp)) != sizeof(pp))
				_exit(1);
			_exit(0);
		}
		_exit(0);
	}
	close(fds[1]);
	waitpid(pid, &status, 0);
	{
		pid_t newparent = 0;
		ssize_t n = read(fds[0], &newparent, sizeof(newparent));

		/* PID 1, or a subreaper on hosts with one (systemd, containers). */
		check(n == sizeof(newparent) && newparent != pid && newparent > 0,
		      "an orphan is reparented (from %d to %d)", (int)pid, (int)newparent);
	}
	close(fds[0]);

	errno = 0;
	check(waitpid(-1, &status, 0) == -1 && errno == ECHILD, "no children: ECHILD");
	errno = 0;
	check(waitpid(getppid(), &status, WNOHANG) == -1 && errno == ECHILD,
	      "waiting for a process that is not a child: ECHILD");
	errno = 0;
	check(waitpid(-1, &status, BAD_WAIT_OPTION) == -1 && errno == EINVAL,
	      "an unknown wait4 option: EINVAL");
	errno = 0;
	check(waitid(P_ALL, 0, &si, 0) == -1 && errno == EINVAL,
	      "waitid without WEXITED/WSTOPPED/WCONTINUED: EINVAL");
	return tap_done();
}
