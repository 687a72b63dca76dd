/*
 * poll.c: poll(2), ppoll(2), select(2) and pselect(2) on pipes: readiness
 * of each end, timeouts of 0 and a short one (never early), POLLHUP and
 * POLLERR after a close, POLLNVAL, a wake-up by a writer in another
 * process, EBADF and EINVAL. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/select.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		17
#define SHORT_MS	30
#define WRITER_DELAY_MS	50
#define LONG_MS		5000

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(void)
{
	int p[2], n, status;
	struct pollfd fds[2];
	long t0, elapsed;
	fd_set rd, wr;
	struct timeval tv;
	struct timespec ts;
	pid_t pid;
	char c;

	tap_plan(PLAN);
	if (pipe(p))
		return 99;
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	n = poll(fds, 2, 0);
	check(n == 1 && fds[0].revents == 0 && fds[1].revents == POLLOUT,
	      "empty pipe: write end POLLOUT, read end nothing (n=%d)", n);

	t0 = now_ms();
	n = poll(fds, 1, SHORT_MS);
	elapsed = now_ms() - t0;
	check(n == 0 && elapsed >= SHORT_MS - 1, "poll timeout of %d ms: 0 after %ld ms",
	      SHORT_MS, elapsed);

	if (write(p[1], "x", 1) != 1)
		return 99;
	n = poll(fds, 2, 0);
	check(n == 2 && fds[0].revents == POLLIN && fds[1].revents == POLLOUT,
	      "after a write: POLLIN on the read end");

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	tv = (struct timeval){ 0, 0 };
	n = select(p[1] + 1, &rd, &wr, NULL, &tv);
	check(n == 2 && FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "select sees both ends ready");
	if (read(p[0], &c, 1) != 1)
		return 99;

	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 0, SHORT_MS * 1000 };
	t0 = now_ms();
	n = select(p[0] + 1, &rd, NULL, NULL, &tv);
	elapsed = now_ms() - t0;
	check(n == 0 && !FD_ISSET(p[0], &rd) && elapsed >= SHORT_MS - 1,
	      "select timeout: 0 and the set cleared after %ld ms", elapsed);
	/* Linux writes back the time left: 0 after a full timeout. */
	check(tv.tv_sec == 0 && tv.tv_usec == 0, "select updates the timeval to 0");

	ts = (struct timespec){ 0, SHORT_MS * 1000000L };
	t0 = now_ms();
	n = ppoll(fds, 1, &ts, NULL);
	elapsed = now_ms() - t0;
	check(n == 0 && elapsed >= SHORT_MS - 1, "ppoll timeout after %ld ms", elapsed);
	{
		sigset_t mask;

		sigemptyset(&mask);
		sigaddset(&mask, SIGUSR1);
		ts = (struct timespec){ 0, 0 };
		FD_ZERO(&wr);
		FD_SET(p[1], &wr);
		n = pselect(p[1] + 1, NULL, &wr, NULL, &ts, &mask);
		check(n == 1 && FD_ISSET(p[1], &wr), "pselect with a signal mask: write end ready");
	}

	/* A writer in another process wakes a poll with a long timeout. */
	pid = fork();
	if (pid == 0) {
		struct timespec d = { 0, WRITER_DELAY_MS * 1000000L };

		nanosleep(&d, NULL);
		_exit(write(p[1], "y", 1) == 1 ? 0 : 1);
	}
	t0 = now_ms();
	fds[0].revents = 0;
	n = poll(fds, 1, LONG_MS);
	elapsed = now_ms() - t0;
	check(n == 1 && (fds[0].revents & POLLIN) && elapsed < LONG_MS,
	      "poll woken by a writer after %ld ms", elapsed);
	waitpid(pid, &status, 0);
	if (read(p[0], &c, 1) != 1)
		return 99;

	close(p[1]);
	fds[0].revents = 0;
	n = poll(fds, 1, 0);
	check(n == 1 && (fds[0].revents & POLLHUP), "writer gone: POLLHUP on the read end (%#x)",
	      fds[0].revents);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 0, 0 };
	check(select(p[0] + 1, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &rd),
	      "select: a read end at EOF is readable");
	close(p[0]);

	if (pipe(p))
		return 99;
	close(p[0]);
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	n = poll(&fds[1], 1, 0);
	check(n == 1 && (fds[1].revents & POLLERR), "reader gone: POLLERR on the write end (%#x)",
	      fds[1].revents);
	close(p[1]);

	fds[0] = (struct pollfd){ .fd = p[1], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = POLLIN };
	n = poll(fds, 2, 0);
	check(n == 1 && fds[0].revents == POLLNVAL && fds[1].revents == 0,
	      "closed fd: POLLNVAL; negative fd: ignored, revents 0");

	FD_ZERO(&rd);
	FD_SET(p[1], &rd);
	tv = (struct timeval){ 0, 0 };
	errno = 0;
	check(select(p[1] + 1, &rd, NULL, NULL, &tv) == -1 && errno == EBADF,
	      "select on a closed fd: EBADF");
	tv = (struct timeval){ 0, -1 };
	errno = 0;
	check(select(0, NULL, NULL, NULL, &tv) == -1 && errno == EINVAL,
	      "select with a negative timeout: EINVAL");
	{
		struct rlimit rl;

		getrlimit(RLIMIT_NOFILE, &rl);
		errno = 0;
		check(poll(NULL, rl.rlim_cur + 1, 0) == -1 && errno == EINVAL,
		      "poll with more fds than RLIMIT_NOFILE: EINVAL");
	}
	check(poll(NULL, 0, 0) == 0, "poll of nothing with timeout 0 returns 0");
	return tap_done();
}
