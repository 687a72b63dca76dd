/* poll_test.c: poll, ppoll, select, pselect on pipes. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

#include "tap.h"

#define SHORT_TIMEOUT_MS 10

static volatile sig_atomic_t got_signal;

static void handler(int sig)
{
	(void)sig;
	got_signal = 1;
}

int main(void)
{
	struct pollfd fds[2];
	struct timespec ts = { 0, SHORT_TIMEOUT_MS * 1000000L };
	struct timeval tv;
	struct sigaction action;
	sigset_t block, empty;
	fd_set readable, writable;
	int p[2];

	tap_plan(14);
	tap_ok(POLLIN == 1 && POLLOUT == 4 && POLLHUP == 0x10 && POLLNVAL == 0x20,
	       "Linux's poll bits");
	tap_ok(FD_SETSIZE == 1024, "FD_SETSIZE is 1024");
	pipe(p);
	fds[0].fd = p[0];
	fds[0].events = POLLIN;
	fds[1].fd = p[1];
	fds[1].events = POLLOUT;
	tap_ok(poll(fds, 2, 0) == 1 && fds[0].revents == 0 && fds[1].revents == POLLOUT,
	       "poll: an empty pipe is writable, not readable");
	write(p[1], "x", 1);
	tap_ok(poll(fds, 2, 0) == 2 && fds[0].revents == POLLIN, "poll: readable after a write");
	tap_ok(poll(fds, 1, SHORT_TIMEOUT_MS) == 1, "poll with a timeout");
	tap_ok(ppoll(fds, 1, &ts, NULL) == 1 && ts.tv_nsec == SHORT_TIMEOUT_MS * 1000000L,
	       "ppoll; its timeout is left alone");

	fds[0].fd = 1000;	/* not open */
	tap_ok(poll(fds, 1, 0) == 1 && fds[0].revents == POLLNVAL, "poll: POLLNVAL on a closed fd");
	fds[0].fd = p[0];

	FD_ZERO(&readable);
	FD_ZERO(&writable);
	FD_SET(p[0], &readable);
	FD_SET(p[1], &writable);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	tap_ok(select(p[1] + 1, &readable, &writable, NULL, &tv) == 2 &&
	       FD_ISSET(p[0], &readable) && FD_ISSET(p[1], &writable), "select");
	read(p[0], &tv, 1);
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	tv.tv_sec = 0;
	tv.tv_usec = SHORT_TIMEOUT_MS * 1000;
	tap_ok(select(p[0] + 1, &readable, NULL, NULL, &tv) == 0 && !FD_ISSET(p[0], &readable),
	       "select times out on an empty pipe");
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	tap_ok(pselect(p[0] + 1, &readable, NULL, NULL, &ts, NULL) == 0, "pselect times out");
	errno = 0;
	tap_ok(select(-1, NULL, NULL, NULL, NULL) == -1 && errno == EINVAL, "select(-1): EINVAL");

	/* pselect's mask: a blocked signal interrupts it only while it waits. */
	memset(&action, 0, sizeof(action));
	action.sa_handler = handler;
	sigaction(SIGUSR1, &action, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	tap_ok(got_signal == 0, "SIGUSR1 blocked and pending");
	sigemptyset(&empty);
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	errno = 0;
	tap_ok(pselect(p[0] + 1, &readable, NULL, NULL, NULL, &empty) == -1 && errno == EINTR &&
	       got_signal == 1, "pselect with an empty mask: EINTR after the handler");
	got_signal = 0;
	raise(SIGUSR1);
	fds[0].events = POLLIN;
	errno = 0;
	tap_ok(ppoll(fds, 1, NULL, &empty) == -1 && errno == EINTR && got_signal == 1,
	       "ppoll with an empty mask: EINTR after the handler");
	close(p[0]);
	close(p[1]);
	return tap_done();
}
