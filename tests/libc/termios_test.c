/* termios_test.c: terminal attributes, speeds, raw mode, flushing, process groups and names, on a pseudo-terminal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

#define BUF_SIZE 64
#define CHILD_TESTS 4

/* Runs in a new session whose controlling terminal is the slave; exit status = failures. */
static int child_session(const char *slave_name)
{
	int fd, failures = 0;

	if (setsid() < 0)
		return CHILD_TESTS;
	fd = open(slave_name, O_RDWR);	/* no O_NOCTTY: it becomes our terminal */
	if (fd < 0)
		return CHILD_TESTS;
	failures += tcgetpgrp(fd) != getpgrp();
	failures += tcgetsid(fd) != getsid(0);
	failures += tcsetpgrp(fd, getpgrp()) != 0;
	errno = 0;
	failures += !(tcsetpgrp(fd, 999999) == -1 && (errno == EPERM || errno == ESRCH));
	return failures;
}

int main(void)
{
	struct termios term, raw, back;
	struct winsize size = { 24, 80, 0, 0 }, size_back;
	char buf[BUF_SIZE], name[BUF_SIZE];
	int master, slave, fds[2], status;
	const char *slave_name;
	pid_t pid;

	tap_plan(27);
	tap_ok(NCCS >= 19 && VMIN == 6 && VTIME == 5 && ICANON == 2 && ECHO == 010 &&
	       B38400 == 017 && B115200 == 010002, "Linux's c_cc indexes and flag values");

	master = posix_openpt(O_RDWR | O_NOCTTY);
	tap_ok(master >= 0, "posix_openpt");
	tap_ok(grantpt(master) == 0 && unlockpt(master) == 0, "grantpt, unlockpt");
	slave_name = ptsname(master);
	tap_ok(slave_name && strncmp(slave_name, "/dev/pts/", 9) == 0, "ptsname: %s",
	       slave_name ? slave_name : "(null)");
	snprintf(name, sizeof(name), "%s", slave_name);
	slave = open(name, O_RDWR | O_NOCTTY);
	tap_ok(slave >= 0 && isatty(slave) == 1, "the slave is a terminal");
	tap_ok(ttyname(slave) && strcmp(ttyname(slave), name) == 0, "ttyname is its path");
	tap_ok(ttyname_r(slave, buf, 4) == ERANGE, "ttyname_r into a small buffer: ERANGE");

	tap_ok(tcgetattr(slave, &term) == 0 && (term.c_lflag & ICANON) && (term.c_cflag & CREAD),
	       "tcgetattr: canonical mode by default");
	tap_ok(term.c_cc[VINTR] == 3 && term.c_cc[VEOF] == 4 && term.c_cc[VERASE] == 0177,
	       "default control characters (^C, ^D, DEL)");

	raw = term;
	cfmakeraw(&raw);
	tap_ok(!(raw.c_lflag & (ICANON | ECHO | ISIG)) && !(raw.c_oflag & OPOST) &&
	       (raw.c_cflag & CSIZE) == CS8 && raw.c_cc[VMIN] == 1 && raw.c_cc[VTIME] == 0,
	       "cfmakeraw");
	tap_ok(tcsetattr(slave, TCSANOW, &raw) == 0 && tcgetattr(slave, &back) == 0 &&
	       !(back.c_lflag & (ICANON | ECHO)) && back.c_cc[VMIN] == 1,
	       "tcsetattr TCSANOW, read back");
	tap_ok(write(master, "x", 1) == 1 && read(slave, buf, 1) == 1 && buf[0] == 'x',
	       "raw mode: a byte without a newline reaches the reader");
	tap_ok(write(slave, "\n", 1) == 1 && read(master, buf, sizeof(buf)) == 1 && buf[0] == '\n',
	       "raw mode: no output processing (no CR added)");

	tap_ok(tcsetattr(slave, TCSAFLUSH, &term) == 0 && tcgetattr(slave, &back) == 0 &&
	       (back.c_lflag & ICANON), "tcsetattr TCSAFLUSH restores canonical mode");
	errno = 0;
	tap_ok(tcsetattr(slave, 42, &term) == -1 && errno == EINVAL, "tcsetattr bad action: EINVAL");

	back = term;
	tap_ok(cfsetospeed(&back, B9600) == 0 && cfgetospeed(&back) == B9600, "cfsetospeed");
	tap_ok(cfsetispeed(&back, B4800) == 0 && cfgetispeed(&back) == B4800, "cfsetispeed");
	tap_ok(cfsetspeed(&back, B115200) == 0 && cfgetospeed(&back) == B115200 &&
	       cfgetispeed(&back) == B115200, "cfsetspeed");
	errno = 0;
	tap_ok(cfsetospeed(&back, 12345) == -1 && errno == EINVAL, "a bad speed: EINVAL");

	tap_ok(write(master, "line", 4) == 4 && tcflush(slave, TCIFLUSH) == 0, "tcflush");
	tap_ok(tcdrain(slave) == 0 && tcflow(slave, TCOON) == 0, "tcdrain, tcflow");
	tap_ok(ioctl(slave, TIOCSWINSZ, &size) == 0 && ioctl(slave, TIOCGWINSZ, &size_back) == 0 &&
	       size_back.ws_row == 24 && size_back.ws_col == 80, "TIOCSWINSZ/TIOCGWINSZ");

	errno = 0;
	tap_ok(tcgetpgrp(slave) == -1 && errno == ENOTTY,
	       "tcgetpgrp on a terminal that is not ours: ENOTTY");

	pipe(fds);
	errno = 0;
	tap_ok(isatty(fds[0]) == 0 && errno == ENOTTY, "isatty on a pipe: 0, ENOTTY");
	errno = 0;
	tap_ok(tcgetattr(fds[0], &back) == -1 && errno == ENOTTY, "tcgetattr on a pipe: ENOTTY");
	errno = 0;
	tap_ok(ttyname(fds[0]) == NULL && errno == ENOTTY, "ttyname on a pipe: ENOTTY");
	close(fds[0]);
	close(fds[1]);

	pid = fork();
	if (pid == 0)
		_exit(child_session(name));
	waitpid(pid, &status, 0);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "in a new session: tcgetpgrp, tcgetsid, tcsetpgrp (%d failed)",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);

	close(slave);
	close(master);
	return tap_done();
}
