/*
 * epoll_watches.c: /proc/sys/fs/epoll/max_user_watches (epoll(7), "/proc
 * interfaces"): every watch on any epoll a user created counts against
 * it, EPOLL_CTL_ADD past it is ENOSPC, and EPOLL_CTL_DEL or closing the
 * epoll gives watches back. The limit is global: the test lowers it
 * only inside the abi guests (/abi/list exists), as root, and puts the
 * old value back; the counting runs as nobody.
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/epoll.h>
#include "abi_tap.h"

#define WATCHES_PATH	"/proc/sys/fs/epoll/max_user_watches"
#define GUEST_MARK	"/abi/list"
#define LOW_LIMIT	3
#define LOW_TEXT	"3\n"

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

static int add(int ep, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

/* As nobody with the limit at LOW_LIMIT: 0 when every step is as Linux. */
static int count_watches(void)
{
	int p[2], ep, ep2, r[LOW_LIMIT + 1], fds[LOW_LIMIT + 1];

	if (pipe(p) || (ep = epoll_create1(0)) < 0)
		return 1;
	/* The same file under different descriptors: each is a watch. */
	for (int i = 0; i <= LOW_LIMIT; i++) {
		fds[i] = dup(p[0]);
		r[i] = fds[i] < 0 ? -errno : add(ep, fds[i]);
	}
	for (int i = 0; i < LOW_LIMIT; i++)
		if (r[i])
			return 2;
	if (r[LOW_LIMIT] != -ENOSPC)
		return 3;
	/* A second epoll of the same user: still over. */
	ep2 = epoll_create1(0);
	if (ep2 < 0 || add(ep2, p[1]) != -ENOSPC)
		return 4;
	/* EPOLL_CTL_DEL gives one back. */
	if (epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL))
		return 5;
	if (add(ep2, p[1]))
		return 6;
	/* Closing an epoll gives all of its back. */
	close(ep);
	for (int i = 0; i < LOW_LIMIT - 1; i++)
		if (add(ep2, dup(p[1])))
			return 7;
	return 0;
}

int main(void)
{
	long max = tap_proc_number(WATCHES_PATH);
	int guest = access(GUEST_MARK, F_OK) == 0;
	char buf[32];

	tap_plan(2);
	check(max > 0, "%s is there (%ld)", WATCHES_PATH, max);
	if (!guest || getuid() != 0 || write_text(WATCHES_PATH, LOW_TEXT)) {
		skip("max_user_watches left alone outside the abi guests");
		return tap_failures;
	}
	check_as_nobody(count_watches, "max_user_watches 3: a 4th watch is ENOSPC, across the "
			"user's epolls; EPOLL_CTL_DEL and close give watches back");
	snprintf(buf, sizeof(buf), "%ld\n", max);
	write_text(WATCHES_PATH, buf);
	return tap_failures;
}
