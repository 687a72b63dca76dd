/*
 * sigio.c: signal-driven I/O (fcntl(2) O_ASYNC, F_SETOWN; ioctl FIOASYNC):
 * SIGIO to the owner when a pipe's read end gets data, its write end gets
 * room, the other end goes away, a pty master gets the slave's output and
 * a terminal gets input; nothing without O_ASYNC or without an owner; a
 * process group as owner. SIGIO stays blocked and is taken with
 * sigtimedwait: at once for pipes, which signal in the write or read
 * itself, within a bound for terminals. Prints TAP; exits with the
 * failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		11
#define PIPE_FILL	4096
#define PTY_CHECKS	3
#define SIGIO_WAIT_S	5	/* an upper bound, not a timing: a pass returns at once */

static sigset_t sigio_set;

/* 1 if a SIGIO is pending (and takes it). */
static int took_sigio(void)
{
	struct timespec now = { 0, 0 };

	return sigtimedwait(&sigio_set, NULL, &now) == SIGIO;
}

/*
 * 1 if a SIGIO comes within SIGIO_WAIT_S (and takes it). Linux hands
 * terminal input to the line discipline from a work queue, so the
 * signal may follow the write that caused it.
 */
static int got_sigio(void)
{
	struct timespec limit = { SIGIO_WAIT_S, 0 };

	return sigtimedwait(&sigio_set, NULL, &limit) == SIGIO;
}

static int set_async(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	return fcntl(fd, F_SETFL, on ? fl | O_ASYNC : fl & ~O_ASYNC);
}

static void test_pipe(void)
{
	char buf[PIPE_FILL];
	int p[2], on = 1;

	if (pipe(p)) {
		check(0, "pipe");
		return;
	}
	check(fcntl(p[0], F_SETOWN, getpid()) == 0 && set_async(p[0], 1) == 0 &&
	      (fcntl(p[0], F_GETFL) & O_ASYNC) && !took_sigio() &&
	      write(p[1], "x", 1) == 1 && took_sigio(),
	      "O_ASYNC read end: data brings SIGIO to the owner");
	read(p[0], buf, sizeof(buf));
	check(set_async(p[0], 0) == 0 && write(p[1], "x", 1) == 1 && !took_sigio(),
	      "O_ASYNC cleared: no SIGIO");
	read(p[0], buf, sizeof(buf));
	check(fcntl(p[0], F_SETOWN, 0) == 0 && set_async(p[0], 1) == 0 &&
	      write(p[1], "x", 1) == 1 && !took_sigio(),
	      "O_ASYNC without an owner: no SIGIO");
	read(p[0], buf, sizeof(buf));
	set_async(p[0], 0);
	check(ioctl(p[0], FIOASYNC, &on) == 0 && (fcntl(p[0], F_GETFL) & O_ASYNC) &&
	      fcntl(p[0], F_SETOWN, getpid()) == 0 && write(p[1], "x", 1) == 1 && took_sigio(),
	      "ioctl FIOASYNC sets O_ASYNC");
	read(p[0], buf, sizeof(buf));
	set_async(p[0], 0);

	/* The write end: room appearing after the pipe filled up. */
	memset(buf, 'y', sizeof(buf));
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	check(fcntl(p[1], F_SETOWN, getpid()) == 0 && set_async(p[1], 1) == 0 &&
	      !took_sigio() && read(p[0], buf, sizeof(buf)) > 0 && took_sigio(),
	      "O_ASYNC write end: room brings SIGIO");
	check(close(p[0]) == 0 && took_sigio(),
	      "the last reader closing brings SIGIO to the write end");
	close(p[1]);
}

/* A process group as owner: the group's members get it (here a child of its own group). */
static int child_group_owner(void)
{
	int p[2];

	if (setpgid(0, 0) || pipe(p) || fcntl(p[0], F_SETOWN, -getpgrp()) ||
	    set_async(p[0], 1) || write(p[1], "x", 1) != 1)
		return 1;
	return took_sigio() ? 0 : 1;
}

static void test_group(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(child_group_owner());
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "F_SETOWN to a process group: its member gets SIGIO");
}

static void test_pty(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave = -1;
	char buf[64];

	if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0)
		slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0) {
		for (int i = 0; i < PTY_CHECKS; i++)
			check(0, "a pty pair");
		return;
	}
	/* A terminal given O_ASYNC takes the caller as its owner (no foreground group here). */
	check(fcntl(master, F_SETOWN, 0) == 0 && set_async(master, 1) == 0 &&
	      fcntl(master, F_GETOWN) == getpid() && fcntl(slave, F_SETOWN, 0) == 0 &&
	      set_async(slave, 1) == 0 && fcntl(slave, F_GETOWN) == getpid() &&
	      set_async(slave, 0) == 0,
	      "O_ASYNC on a terminal makes the caller its owner");
	check(!took_sigio() && write(slave, "out\n", 4) == 4 && got_sigio(),
	      "O_ASYNC pty master: the slave's output brings SIGIO");
	read(master, buf, sizeof(buf));
	set_async(master, 0);
	check(fcntl(slave, F_SETOWN, getpid()) == 0 && set_async(slave, 1) == 0 &&
	      !took_sigio() && write(master, "in\n", 3) == 3 && got_sigio(),
	      "O_ASYNC terminal: input brings SIGIO");
	close(slave);
	close(master);
}

int main(void)
{
	sigemptyset(&sigio_set);
	sigaddset(&sigio_set, SIGIO);
	sigprocmask(SIG_BLOCK, &sigio_set, NULL);
	tap_plan(PLAN);
	test_pipe();
	test_group();
	test_pty();
	check(!took_sigio(), "no SIGIO left over");
	return tap_done();
}
