/*
 * ptyrun: runs a program on a new pseudo-terminal and types keys into it,
 * for the port tests of full-screen programs (less; tests/ports/less.sh).
 *
 *   ptyrun COLS ROWS KEYS PROGRAM [ARG...]
 *
 * PROGRAM runs in a new session whose controlling terminal is the slave
 * of a pty (posix_openpt(3), pts(4)) of COLS x ROWS (TIOCSWINSZ, tty_ioctl(4)),
 * as its standard input, output and error. KEYS is a string of keys, one
 * byte each, with "\e" for ESC, "\n" for Enter and "\\" for a backslash;
 * each is written to the master once the program has been quiet (no
 * output) for QUIET_MS, so a key never arrives while a screen is being
 * drawn and the output does not depend on the machine's speed. Everything
 * the program writes to the terminal is copied to standard output. The
 * exit status is the program's (128 + N for signal N), or 125 for an error
 * of ptyrun's own. Built for the host (by the test script, with cc) and
 * for Basalt (tests/ports/ports-test.mk), from this one source.
 */
#define _XOPEN_SOURCE 600
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* How long the program must be silent before the next key is typed. */
#define PTYRUN_QUIET_MS 400
/* How long to wait for the program to end after the last key. */
#define PTYRUN_END_MS 20000
/* Exit status for ptyrun's own failures (as timeout(1)'s 125). */
#define PTYRUN_ERROR 125
/* The shell's status for a program killed by a signal: 128 + N. */
#define PTYRUN_SIGNAL_BASE 128
#define PTYRUN_ESC 0x1b
/* How much of the program's output one read takes. */
#define PTYRUN_BUF_SIZE 4096

static void ptyrun_die(const char *what)
{
	fprintf(stderr, "ptyrun: %s: %s\n", what, strerror(errno));
	exit(PTYRUN_ERROR);
}

/* ptyrun_keys: KEYS with its escapes decoded into out; the length. */
static size_t ptyrun_keys(const char *keys, char *out)
{
	size_t n = 0;

	for (; *keys != '\0'; keys++) {
		if (*keys == '\\' && keys[1] != '\0') {
			keys++;
			out[n++] = *keys == 'e' ? PTYRUN_ESC : *keys == 'n' ? '\n' : *keys;
		} else {
			out[n++] = *keys;
		}
	}
	return n;
}

/*
 * ptyrun_drain: copies the master's output to stdout until the program has
 * been quiet for quiet_ms; returns 0, or -1 once the slave side is closed
 * (read gives EIO on Linux when no process holds the slave, or 0).
 */
static int ptyrun_drain(int master, int quiet_ms)
{
	char buf[PTYRUN_BUF_SIZE];

	for (;;) {
		struct pollfd p = { .fd = master, .events = POLLIN };
		int r = poll(&p, 1, quiet_ms);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			ptyrun_die("poll");
		if (r == 0)
			return 0;
		ssize_t got = read(master, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		if (fwrite(buf, 1, (size_t)got, stdout) != (size_t)got)
			ptyrun_die("write");
	}
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: ptyrun COLS ROWS KEYS PROGRAM [ARG...]\n");
		return PTYRUN_ERROR;
	}
	struct winsize ws = { .ws_col = (unsigned short)atoi(argv[1]),
			      .ws_row = (unsigned short)atoi(argv[2]) };
	char *keys = malloc(strlen(argv[3]) + 1);
	if (keys == NULL)
		ptyrun_die("malloc");
	size_t nkeys = ptyrun_keys(argv[3], keys);

	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0)
		ptyrun_die("posix_openpt");
	if (grantpt(master) < 0 || unlockpt(master) < 0)
		ptyrun_die("grantpt/unlockpt");
	char *slave_name = ptsname(master);
	if (slave_name == NULL)
		ptyrun_die("ptsname");
	if (ioctl(master, TIOCSWINSZ, &ws) < 0)
		ptyrun_die("TIOCSWINSZ");

	pid_t pid = fork();
	if (pid < 0)
		ptyrun_die("fork");
	if (pid == 0) {
		if (setsid() < 0)
			ptyrun_die("setsid");
		int slave = open(slave_name, O_RDWR);
		if (slave < 0)
			ptyrun_die(slave_name);
		/* open(2) of a tty by a session leader without one makes it
		 * the controlling terminal on Linux; TIOCSCTTY says so anyway. */
		(void)ioctl(slave, TIOCSCTTY, 0);
		if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
			ptyrun_die("dup2");
		if (slave > 2)
			close(slave);
		close(master);
		execvp(argv[4], argv + 4);
		ptyrun_die(argv[4]);
	}

	int open_slave = 1;
	for (size_t i = 0; i < nkeys && open_slave; i++) {
		if (ptyrun_drain(master, PTYRUN_QUIET_MS) < 0) {
			open_slave = 0;
			break;
		}
		if (write(master, &keys[i], 1) != 1)
			ptyrun_die("write to the master");
	}
	/* A program still running after PTYRUN_END_MS of silence hangs. */
	if (open_slave && ptyrun_drain(master, PTYRUN_END_MS) == 0)
		(void)kill(pid, SIGKILL);
	fflush(stdout);

	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			ptyrun_die("waitpid");
	}
	if (WIFSIGNALED(status))
		return PTYRUN_SIGNAL_BASE + WTERMSIG(status);
	return WEXITSTATUS(status);
}
