/* getpass.c: getpass(3): a prompt and a line read from the terminal with echo off (replaces newlib's BSD one, which needs sigblock). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define GETPASS_TTY	"/dev/tty"
/* getpass(3): PASS_MAX; longer input is truncated. */
#define GETPASS_MAX	128

char *getpass(const char *prompt)
{
	static char password[GETPASS_MAX + 1];
	struct termios saved, quiet;
	int fd, opened, echo_off;
	size_t length = 0;
	char c;

	/* The controlling terminal if there is one, else standard input and error. */
	fd = open(GETPASS_TTY, O_RDWR | O_NOCTTY | O_CLOEXEC);
	opened = fd >= 0;
	if (!opened)
		fd = STDIN_FILENO;
	echo_off = tcgetattr(fd, &saved) == 0;
	if (echo_off) {
		quiet = saved;
		quiet.c_lflag &= ~(ECHO | ISIG);
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	write(opened ? fd : STDERR_FILENO, prompt, strlen(prompt));
	while (read(fd, &c, 1) == 1 && c != '\n' && c != '\r') {
		if (length < GETPASS_MAX)
			password[length++] = c;
	}
	password[length] = '\0';
	if (echo_off) {
		tcsetattr(fd, TCSAFLUSH, &saved);
		write(opened ? fd : STDERR_FILENO, "\n", 1);
	}
	if (opened)
		close(fd);
	return password;
}
