/*
 * klog_read.c: syslog(2)'s consuming read, SYSLOG_ACTION_READ (what klogd
 * uses), and SIZE_UNREAD: READ takes only what no READ took before and
 * waits for the next record when there is none; a signal interrupts the
 * wait (EINTR without SA_RESTART); READ_ALL still shows everything; bad
 * arguments and non-root callers are refused. /dev/kmsg's readers wait
 * the same way: a blocking read and poll wake for a new record. Only the
 * refusals run on
 * Linux: a READ there would take the host's messages from its own logger
 * (and as a non-root user it is EPERM). Prints TAP; exits with the
 * failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN			12
#define BASALT_CHECKS		10
/* syslog(2) actions. */
#define ACTION_READ		2
#define ACTION_READ_ALL		3
#define ACTION_SIZE_UNREAD	9
#define KERNEL_ADDRESS		0xffff800000000000UL
#define LOG_SIZE		(1 << 16)
#define SETTLE_NS		200000000L	/* time for a child to block */
#define POLL_LIMIT_MS		5000	/* a poll never woken fails, not hangs */
#define MARK			"abi-klog-read: a record to wake the reader"

static char buf[LOG_SIZE];

static void settle(void)
{
	struct timespec ts = { 0, SETTLE_NS };

	nanosleep(&ts, NULL);
}

static void on_signal(int sig)
{
	(void)sig;
}

/* READ and SIZE_UNREAD need root (CAP_SYSLOG); READ_ALL does not here. */
static int unprivileged_reads_refused(void)
{
	errno = 0;
	if (klogctl(ACTION_READ, buf, sizeof(buf)) != -1 || errno != EPERM)
		return 1;
	return !(klogctl(ACTION_SIZE_UNREAD, NULL, 0) == -1 && errno == EPERM);
}

/* Takes every unread byte; returns how many READ gave. */
static long drain(void)
{
	long total = 0, n;

	while (klogctl(ACTION_SIZE_UNREAD, NULL, 0) > 0) {
		n = klogctl(ACTION_READ, buf, sizeof(buf));
		if (n <= 0)
			return -1;
		total += n;
	}
	return total;
}

/* Writes MARK as a kernel log record, as a program's own message would be. */
static int log_mark(void)
{
	int fd = open("/dev/kmsg", O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, "<6>" MARK "\n", strlen("<6>" MARK "\n"));
	close(fd);
	return n > 0 ? 0 : -1;
}

/* A /dev/kmsg reader that has read every record: 1 if MARK then comes. */
static int kmsg_wait_for_mark(int use_poll)
{
	struct pollfd p;
	ssize_t n;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		return 0;
	while (read(fd, buf, sizeof(buf) - 1) > 0)
		;
	p.fd = fd;
	p.events = POLLIN;
	if (use_poll ? poll(&p, 1, POLL_LIMIT_MS) != 1 || !(p.revents & POLLIN)
		     : fcntl(fd, F_SETFL, 0) != 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 && strstr(buf, MARK) != NULL;
}

static void check_kmsg_waits(int use_poll)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(kmsg_wait_for_mark(use_poll) ? 0 : 1);
	settle();
	check(waitpid(pid, &status, WNOHANG) == 0 && log_mark() == 0 &&
	      waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "/dev/kmsg: %s waits for the next record and gets it",
	      use_poll ? "poll" : "a blocking read");
}

static void check_reads(void)
{
	struct sigaction sa;
	long unread = klogctl(ACTION_SIZE_UNREAD, NULL, 0), got;
	int status, marked;
	pid_t pid;

	errno = 0;
	check(klogctl(ACTION_READ, NULL, 1) == -1 && errno == EINVAL &&
	      klogctl(ACTION_READ, buf, -1) == -1 && errno == EINVAL,
	      "READ with no buffer or a negative length: EINVAL");
	check(raw(SYS_syslog, ACTION_READ, KERNEL_ADDRESS, 16) == -EFAULT &&
	      klogctl(ACTION_SIZE_UNREAD, NULL, 0) == unread,
	      "READ into a kernel address: EFAULT, nothing taken");
	check(klogctl(ACTION_READ, buf, 0) == 0, "READ of 0 bytes: 0, without waiting");
	got = klogctl(ACTION_READ, buf, 4);
	check(got == 4 && buf[0] == '<' && klogctl(ACTION_SIZE_UNREAD, NULL, 0) == unread - 4,
	      "READ takes what it returns: %ld of %ld unread bytes", got, unread);
	got = drain();
	check(got >= unread - 4 && klogctl(ACTION_SIZE_UNREAD, NULL, 0) == 0 &&
	      klogctl(ACTION_READ_ALL, buf, sizeof(buf)) >= unread,
	      "READ until nothing is unread (%ld bytes); READ_ALL still shows the log", got);

	/* A reader with nothing to read waits for the next record. */
	pid = fork();
	if (pid == 0) {
		got = klogctl(ACTION_READ, buf, sizeof(buf) - 1);
		buf[got > 0 ? got : 0] = '\0';
		_exit(got > 0 && strstr(buf, MARK) ? 0 : 1);
	}
	settle();
	check(waitpid(pid, &status, WNOHANG) == 0, "READ waits while nothing is unread");
	marked = log_mark();
	waitpid(pid, &status, 0);
	check(marked == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a new record (written to /dev/kmsg) wakes it with that record");

	/* A signal ends the wait: EINTR, the handler having no SA_RESTART. */
	pid = fork();
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigaction(SIGUSR1, &sa, NULL);
		errno = 0;
		_exit(klogctl(ACTION_READ, buf, sizeof(buf)) == -1 && errno == EINTR ? 0 : 1);
	}
	settle();
	kill(pid, SIGUSR1);
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a signal interrupts the wait: EINTR");
}

int main(void)
{
	struct utsname u;
	int i;

	tap_plan(PLAN);
	errno = 0;
	check(klogctl(99, buf, 1) == -1 && (errno == EINVAL || errno == EPERM),
	      "an unknown action: EINVAL (EPERM unprivileged)");
	check_as_nobody(unprivileged_reads_refused, "READ and SIZE_UNREAD as a non-root user: EPERM");
	if (uname(&u) != 0 || !strstr(u.release, "-basalt") || geteuid() != 0) {
		for (i = 0; i < BASALT_CHECKS; i++)
			skip("READ consumes the log: run only as root inside Basalt");
		return tap_done();
	}
	check_reads();
	check_kmsg_waits(0);
	check_kmsg_waits(1);
	return tap_done();
}
