/*
 * bash_procsub: Debian's unmodified bash-static runs process
 * substitution (<(...), which hands the command /dev/fd/63, that is
 * /proc/self/fd/63, a pipe end), mapfile < <(...), coproc, here-strings
 * read through /dev/fd/0 and cat /dev/stdin on a pipe, and prints the
 * same text as on Linux. Needs the magic links of /proc/PID/fd and the
 * /dev/fd, /dev/std* links.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "abi_tap.h"

#define BASH		"/bin/bash-static"
#define PLAN		4
#define OUTPUT_MAX	4096

/* BusyBox's cat: in the test initramfs /bin holds busybox, not coreutils. */
static const char script[] =
	"C=/bin/busybox\n"
	"$C cat <(echo one; echo two)\n"
	"mapfile -t lines < <(printf 'a\\nb\\nc\\n')\n"
	"echo \"${#lines[@]} ${lines[1]} ${lines[2]}\"\n"
	"while read -r w; do echo \"w=$w\"; done < <(echo x; echo y)\n"
	/*
	 * bash closes a coproc's descriptors and unsets UPPER once it reaps
	 * it, which can come before the read: keep copies (5, 6) made while
	 * the coproc still waits for its line.
	 */
	"coproc UPPER { read -r line; echo \"got:$line\"; }\n"
	"exec 5<&\"${UPPER[0]}\" 6>&\"${UPPER[1]}\"\n"
	"echo hello >&6\n"
	"read -r reply <&5\n"
	"echo \"$reply\"\n"
	"exec 5<&- 6>&-\n"
	"wait\n"
	"echo piped | $C cat /dev/stdin\n"
	"$C cat /dev/fd/0 <<< \"here string\"\n"
	"echo to-stdout > /dev/stdout\n"
	"{ echo to-stderr > /dev/stderr; } 2>&1\n"
	"$C cat < <(echo one-liner) /dev/stdin\n"
	"echo \"$($C cat <(echo nested) - <<< tail)\"\n";

/* What Linux's bash prints for script. */
static const char expected[] =
	"one\ntwo\n3 b c\nw=x\nw=y\ngot:hello\npiped\nhere string\nto-stdout\n"
	"to-stderr\none-liner\nnested\ntail\n";

/*
 * Runs bash -c text with stdin from in (or /dev/null when -1), stdout and
 * stderr into a pipe; the output into out, the wait status into *status.
 */
static long run_bash(const char *text, int in, char *out, size_t size, int *status)
{
	int p[2];
	size_t len = 0;
	long n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)BASH, (char *)"-c", (char *)text, NULL };
		char *envp[] = { (char *)"PATH=/bin:/usr/bin", (char *)"LC_ALL=C", NULL };

		if (in < 0)
			in = open("/dev/null", O_RDONLY);
		dup2(in, 0);
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		execve(BASH, argv, envp);
		_exit(127);
	}
	close(p[1]);
	while (len + 1 < size && (n = read(p[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(p[0]);
	if (pid < 0 || waitpid(pid, status, 0) != pid)
		return -1;
	return (long)len;
}

int main(void)
{
	static char out[OUTPUT_MAX];
	int status = -1, in[2];

	tap_plan(PLAN);
	if (access(BASH, X_OK)) {
		for (int i = 0; i < PLAN; i++)
			skip("%s: %s", BASH, strerror(errno));
		return tap_done();
	}
	run_bash(script, -1, out, sizeof(out), &status);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "bash ran the script (status %#x)",
	      status);
	check(!strcmp(out, expected), "its output is Linux's");
	if (strcmp(out, expected))
		diag("got:\n%s", out);

	/* cat /dev/stdin when stdin is a pipe from this program. */
	if (pipe(in))
		return tap_done();
	if (write(in[1], "through a pipe\n", 15) != 15)
		diag("write: %s", strerror(errno));
	close(in[1]);
	run_bash("/bin/busybox cat /dev/stdin; echo \"rc=$?\"", in[0], out, sizeof(out), &status);
	close(in[0]);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "bash ran cat /dev/stdin");
	check(!strcmp(out, "through a pipe\nrc=0\n"), "cat /dev/stdin read the pipe: \"%s\"", out);
	return tap_done();
}
