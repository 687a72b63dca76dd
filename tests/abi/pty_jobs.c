/*
 * pty_jobs.c: job control through a pseudo-terminal, driven as a person
 * at a terminal would: BusyBox's interactive sh runs on the slave side
 * of a /dev/ptmx pair in a session of its own, and this program types on
 * the master side: "sleep 100 &", jobs, fg, ^Z, bg, fg, ^C, then edits a
 * file with vi (full-screen, raw mode) and reads it back. Each step
 * waits (poll, bounded) for the shell's answer. Needs /bin/busybox
 * (Debian's busybox-static on the host; the same binary on Basalt).
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "abi_tap.h"

#define PLAN		9
#define BUSYBOX		"/bin/busybox"
#define OUT_MAX		16384
#define HANGUP_READS	64	/* reads of leftover output before EOF must come */
#define STEP_MS		10000	/* the longest a step may take */
#define POLL_MS		100

static char out[OUT_MAX];
static size_t out_len;

/* Reads what the shell printed until needle appears after from, or timeout. */
static int expect(int master, size_t from, const char *needle)
{
	for (int waited = 0; waited < STEP_MS; waited += POLL_MS) {
		struct pollfd pfd = { .fd = master, .events = POLLIN };

		out[out_len] = '\0';
		if (strstr(out + from, needle))
			return 1;
		if (poll(&pfd, 1, POLL_MS) > 0) {
			ssize_t n = read(master, out + out_len, OUT_MAX - 1 - out_len);

			if (n <= 0)
				return 0;
			out_len += (size_t)n;
		}
	}
	out[out_len] = '\0';
	return strstr(out + from, needle) != NULL;
}

/* Reads what is there within one poll interval (EOF and EIO included). */
static void drain(int master)
{
	struct pollfd pfd = { .fd = master, .events = POLLIN };

	if (poll(&pfd, 1, POLL_MS) > 0 && out_len < OUT_MAX - 1) {
		ssize_t n = read(master, out + out_len, OUT_MAX - 1 - out_len);

		if (n > 0)
			out_len += (size_t)n;
		else
			usleep(POLL_MS * 1000);	/* EOF/EIO: poll would not wait */
	}
}

/*
 * After the slave side closed: output the shell wrote last may still sit
 * in the master (under load the shell can exit before drain saw it), so
 * read that first; then a read must end in EOF or EIO. Bounded by polls.
 */
static int master_sees_hangup(int master)
{
	char rest[256];

	for (int tries = 0; tries < HANGUP_READS; tries++) {
		struct pollfd pfd = { .fd = master, .events = POLLIN };

		if (poll(&pfd, 1, STEP_MS) <= 0)
			return 0;	/* neither data nor a hangup */
		if (read(master, rest, sizeof(rest)) <= 0)
			return 1;
	}
	return 0;
}

/* Types s on the terminal; returns where the answer will start. */
static size_t type(int master, const char *s)
{
	size_t at = out_len;

	/* A short write shows up as a missing answer in the next expect. */
	(void)!write(master, s, strlen(s));
	return at;
}

int main(void)
{
	int master, status = -1;
	size_t at;
	pid_t pid;

	tap_plan(PLAN);
	if (access(BUSYBOX, X_OK)) {
		for (int i = 0; i < PLAN; i++)
			skip("no %s", BUSYBOX);
		return tap_done();
	}
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		check(0, "a pty pair from /dev/ptmx");
		return tap_done();
	}
	pid = fork();
	if (pid == 0) {
		int slave;

		/* A session of its own: the slave becomes its controlling terminal. */
		setsid();
		slave = open(ptsname(master), O_RDWR);
		if (slave < 0)
			_exit(126);
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		close(master);
		execl(BUSYBOX, "sh", "-i", (char *)NULL);
		_exit(127);
	}
	check(expect(master, 0, "$ ") || expect(master, 0, "# "), "the shell prompts on the pty");

	at = type(master, "sleep 100 &\njobs\n");
	check(expect(master, at, "Running"), "a background job: jobs says Running");

	at = type(master, "fg\n");
	usleep(500000);
	type(master, "\032");		/* ^Z */
	check(expect(master, at, "Stopped"), "fg then ^Z: the job is Stopped");

	at = type(master, "bg\njobs\n");
	check(expect(master, at, "Running"), "bg: Running again");

	at = type(master, "fg\n");
	usleep(500000);
	type(master, "\003");		/* ^C */
	usleep(200000);
	at = type(master, "echo status-$?\n");
	check(expect(master, at, "status-130"), "fg then ^C: the job dies of SIGINT (status 130)");

	/* vi in raw mode on the pty: insert a line, write and quit. */
	{
		char cmd[160], file[64];

		snprintf(file, sizeof(file), "/tmp/pty-vi-%d.txt", (int)getpid());
		snprintf(cmd, sizeof(cmd), "vi %s\n", file);
		at = type(master, cmd);
		check(expect(master, at, "~"), "vi draws its screen on the pty");
		usleep(300000);
		type(master, "ihello from vi\033");	/* insert, then Esc */
		usleep(300000);
		type(master, ":wq\r");
		usleep(500000);
		snprintf(cmd, sizeof(cmd), "cat %s; rm -f %s\n", file, file);
		at = type(master, cmd);
		check(expect(master, at, "\nhello from vi"), "the file vi wrote holds the typed line");
	}

	type(master, "exit\n");
	for (int waited = 0; waited < STEP_MS; waited += POLL_MS) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		drain(master);	/* the shell may block writing its last output */
	}
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit ends the shell (status %#x)",
	      status);
	if (!WIFEXITED(status)) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	check(master_sees_hangup(master), "the master reads EOF or EIO after the slave side closed");
	close(master);
	return tap_done();
}
