/*
 * unix_stream.c: AF_UNIX SOCK_STREAM (unix(7)): socketpair, bind to a
 * path (an S_IFSOCK node, EADDRINUSE) and to the abstract namespace,
 * listen/connect/accept4 with their flags and names, ECONNREFUSED,
 * a full backlog (EAGAIN non-blocking), shutdown and its effect on
 * poll/read/write, EPIPE with and without SIGPIPE, MSG_PEEK, MSG_WAITALL,
 * MSG_DONTWAIT, FIONREAD, socket options, getsockname/getpeername
 * lengths, close (EOF, ECONNRESET), fstat and /proc/self/fd names, the
 * bad-argument errors, the buffer sysctls (/proc/sys/net/core) that
 * SO_SNDBUF/SO_RCVBUF obey, SO_RCVTIMEO/SO_SNDTIMEO, and the options
 * kept without effect (SO_KEEPALIVE, SO_LINGER, SO_RCVLOWAT). Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		107
#define DELAY_US	20000	/* the other process acts after this */
#define BIG		(1 << 20)	/* more than a socket buffer holds */
#define TIMEO_US	200000	/* SO_RCVTIMEO: a multiple of any HZ's tick */

#ifndef SO_DOMAIN
#define SO_DOMAIN	39
#endif
#ifndef SO_SNDBUFFORCE
#define SO_SNDBUFFORCE	32
#endif
#ifndef SO_PROTOCOL
#define SO_PROTOCOL	38
#endif

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static short revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static socklen_t path_addr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
}

static int errno_of(long r)
{
	return r < 0 ? errno : 0;
}

static void test_pair(void)
{
	int sv[2], v;
	char buf[64];
	socklen_t len;
	struct stat st;
	char link[64], want[64];

	check(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) == 0,
	      "socketpair(SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK)");
	check((fcntl(sv[0], F_GETFD) & FD_CLOEXEC) && (fcntl(sv[1], F_GETFL) & O_NONBLOCK),
	      "the pair has FD_CLOEXEC and O_NONBLOCK");
	check(fstat(sv[0], &st) == 0 && S_ISSOCK(st.st_mode), "fstat: S_IFSOCK");
	snprintf(link, sizeof(link), "/proc/self/fd/%d", sv[0]);
	snprintf(want, sizeof(want), "socket:[%lu]", (unsigned long)st.st_ino);
	memset(buf, 0, sizeof(buf));
	check(readlink(link, buf, sizeof(buf) - 1) > 0 && strcmp(buf, want) == 0,
	      "/proc/self/fd names it socket:[ino] (%s)", buf);
	check(lseek(sv[0], 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek: ESPIPE");
	check(read(sv[0], buf, sizeof(buf)) == -1 && errno == EAGAIN, "empty read: EAGAIN");
	check(revents(sv[0], POLLIN | POLLOUT) == POLLOUT, "poll: writable, not readable");
	check(write(sv[1], "hello", 5) == 5 && write(sv[1], " world", 6) == 6,
	      "two writes");
	check(revents(sv[0], POLLIN | POLLOUT) == (POLLIN | POLLOUT), "poll: readable");
	check(ioctl(sv[0], FIONREAD, &v) == 0 && v == 11, "FIONREAD counts both writes (%d)", v);
	check(recv(sv[0], buf, 3, MSG_PEEK) == 3 && memcmp(buf, "hel", 3) == 0,
	      "MSG_PEEK sees the start");
	check(recv(sv[0], buf, sizeof(buf), 0) == 11 && memcmp(buf, "hello world", 11) == 0,
	      "a stream read takes both writes at once");
	check(recv(sv[0], buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	      "MSG_DONTWAIT on an empty socket: EAGAIN");
	len = sizeof(v);
	check(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_STREAM &&
	      len == sizeof(int), "SO_TYPE");
	check(getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &v, &len) == 0 && v == AF_UNIX,
	      "SO_DOMAIN");
	check(getsockopt(sv[0], SOL_SOCKET, SO_PROTOCOL, &v, &len) == 0 && v == 0,
	      "SO_PROTOCOL");
	check(getsockopt(sv[0], SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v == 0,
	      "SO_ACCEPTCONN of a pair: 0");
	v = 8192;
	check(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)) == 0 &&
	      getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 && v == 16384,
	      "SO_SNDBUF is doubled (%d)", v);
	v = 1;
	check(setsockopt(sv[0], SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)) == 0 &&
	      getsockopt(sv[0], SOL_SOCKET, SO_REUSEADDR, &v, &len) == 0 && v == 1,
	      "SO_REUSEADDR set and read");
	check(setsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, sizeof(v)) == -1 && errno == ENOPROTOOPT,
	      "SO_TYPE cannot be set: ENOPROTOOPT");
	check(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, 1) == -1 && errno == EINVAL,
	      "setsockopt with a short length: EINVAL");
	{
		struct ucred c;

		len = sizeof(c);
		check(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &c, &len) == 0 &&
		      len == sizeof(c) && c.pid == getpid() && c.uid == geteuid() &&
		      c.gid == getegid(), "SO_PEERCRED of a pair: the creator");
	}
	/* Fill the pair: a non-blocking write stops short, then EAGAIN. */
	{
		char *big = calloc(1, BIG);
		long n = write(sv[1], big, BIG);

		check(n > 0 && n < BIG, "a big non-blocking write is short (%ld)", n);
		check(write(sv[1], big, BIG) == -1 && errno == EAGAIN, "then EAGAIN");
		check(!(revents(sv[1], POLLOUT) & POLLOUT), "poll: not writable when full");
		free(big);
	}
	close(sv[0]);
	close(sv[1]);

	/* shutdown(2) */
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "another pair");
	check(shutdown(sv[0], SHUT_WR) == 0, "shutdown(SHUT_WR)");
	check(read(sv[1], buf, sizeof(buf)) == 0, "the peer reads end of file");
	check((revents(sv[1], POLLIN | POLLRDHUP) & (POLLIN | POLLRDHUP)) == (POLLIN | POLLRDHUP),
	      "the peer polls POLLIN | POLLRDHUP");
	signal(SIGPIPE, on_sigpipe);
	sigpipes = 0;
	check(write(sv[0], "x", 1) == -1 && errno == EPIPE && sigpipes == 1,
	      "write after SHUT_WR: EPIPE and SIGPIPE");
	check(send(sv[0], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE && sigpipes == 1,
	      "MSG_NOSIGNAL: EPIPE without SIGPIPE");
	check(write(sv[1], "y", 1) == 1 && read(sv[0], buf, 1) == 1 && buf[0] == 'y',
	      "the other direction still works");
	check(shutdown(sv[0], SHUT_RD) == 0 && (revents(sv[0], POLLIN) & POLLHUP),
	      "both halves shut: POLLHUP");
	check(shutdown(sv[0], 7) == -1 && errno == EINVAL, "shutdown(7): EINVAL");
	close(sv[0]);
	close(sv[1]);

	/* close: EOF, or ECONNRESET when data was left unread. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "left", 4);
	close(sv[0]);
	check(read(sv[1], buf, sizeof(buf)) == -1 && errno == ECONNRESET,
	      "peer closed with unread data: ECONNRESET");
	check(read(sv[1], buf, sizeof(buf)) == 0, "then end of file");
	sigpipes = 0;
	check(write(sv[1], "x", 1) == -1 && errno == EPIPE && sigpipes == 1,
	      "write to a closed peer: EPIPE, SIGPIPE");
	check((revents(sv[1], POLLIN | POLLOUT) & (POLLHUP | POLLIN)) == (POLLHUP | POLLIN),
	      "poll after the peer closed: POLLIN | POLLHUP");
	close(sv[1]);
	signal(SIGPIPE, SIG_DFL);
}

static void test_waitall(void)
{
	int sv[2], status;
	char buf[8];
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		usleep(DELAY_US);
		write(sv[1], "abc", 3);
		usleep(DELAY_US);
		write(sv[1], "defgh", 5);
		_exit(0);
	}
	check(recv(sv[0], buf, 8, MSG_WAITALL) == 8 && memcmp(buf, "abcdefgh", 8) == 0,
	      "MSG_WAITALL waits for all 8 bytes of two writes");
	waitpid(pid, &status, 0);
	close(sv[0]);
	close(sv[1]);
}

static void test_listen(void)
{
	struct sockaddr_un a, got;
	char path[64], buf[16];
	socklen_t alen, glen;
	struct stat st;
	int srv, cli, cli2, cli3, conn, v;
	socklen_t len = sizeof(v);

	snprintf(path, sizeof(path), "/tmp/abi-unix-stream.%d", (int)getpid());
	unlink(path);
	alen = path_addr(&a, path);
	srv = socket(AF_UNIX, SOCK_STREAM, 0);
	check(srv >= 0, "socket(AF_UNIX, SOCK_STREAM)");
	check(listen(srv, 1) == -1 && errno == EINVAL, "listen before bind: EINVAL");
	check(bind(srv, (struct sockaddr *)&a, alen) == 0, "bind to %s", path);
	check(stat(path, &st) == 0 && S_ISSOCK(st.st_mode), "bind made an S_IFSOCK node");
	{
		struct sockaddr_un b;
		char other[80];
		socklen_t blen;

		snprintf(other, sizeof(other), "%s.b", path);
		blen = path_addr(&b, other);
		check(bind(srv, (struct sockaddr *)&b, blen) == -1 && errno == EINVAL &&
		      access(other, F_OK) == -1, "binding a bound socket: EINVAL, no node left");
	}
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	check(bind(cli, (struct sockaddr *)&a, alen) == -1 && errno == EADDRINUSE,
	      "binding an existing path: EADDRINUSE");
	check(connect(cli, (struct sockaddr *)&a, alen) == -1 && errno == ECONNREFUSED,
	      "connect to a bound socket that does not listen: ECONNREFUSED");
	check(listen(srv, 0) == 0, "listen(0)");
	check(getsockopt(srv, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v == 1,
	      "SO_ACCEPTCONN: 1");
	glen = sizeof(got);
	check(getsockname(srv, (struct sockaddr *)&got, &glen) == 0 && glen == alen &&
	      strcmp(got.sun_path, path) == 0, "getsockname: the path, length %u", glen);
	check(connect(cli, (struct sockaddr *)&a, alen) == 0, "connect");
	glen = sizeof(got);
	check(getpeername(cli, (struct sockaddr *)&got, &glen) == 0 && glen == alen &&
	      strcmp(got.sun_path, path) == 0, "getpeername of the client: the server's path");
	glen = sizeof(got);
	check(getsockname(cli, (struct sockaddr *)&got, &glen) == 0 &&
	      glen == sizeof(sa_family_t) && got.sun_family == AF_UNIX,
	      "getsockname of an unbound socket: the family alone");
	/* The backlog of 0 holds one: the next non-blocking connect is EAGAIN. */
	cli2 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	v = connect(cli2, (struct sockaddr *)&a, alen);
	cli3 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	check(v == -1 && errno == EAGAIN && connect(cli3, (struct sockaddr *)&a, alen) == -1 &&
	      errno == EAGAIN, "a full backlog: non-blocking connect gets EAGAIN");
	check(write(cli, "ping", 4) == 4, "the client writes before accept");
	check(revents(srv, POLLIN) == POLLIN, "the listener polls readable");
	glen = sizeof(got);
	conn = accept4(srv, (struct sockaddr *)&got, &glen, SOCK_CLOEXEC | SOCK_NONBLOCK);
	check(conn >= 0 && glen == sizeof(sa_family_t) &&
	      (fcntl(conn, F_GETFD) & FD_CLOEXEC) && (fcntl(conn, F_GETFL) & O_NONBLOCK),
	      "accept4 with flags; the unbound peer's name is the family alone");
	check(read(conn, buf, sizeof(buf)) == 4 && memcmp(buf, "ping", 4) == 0,
	      "the server reads what was sent before accept");
	glen = sizeof(got);
	check(getsockname(conn, (struct sockaddr *)&got, &glen) == 0 && glen == alen,
	      "the accepted socket is named by the listener's path");
	check(connect(cli, (struct sockaddr *)&a, alen) == -1 && errno == EISCONN,
	      "connect again: EISCONN");
	check(accept4(srv, NULL, NULL, 0x1234) == -1 && errno == EINVAL, "accept4 bad flags: EINVAL");
	fcntl(srv, F_SETFL, O_NONBLOCK);
	check(accept(srv, NULL, NULL) == -1 && errno == EAGAIN,
	      "accept on an empty non-blocking listener: EAGAIN");
	check(accept(cli, NULL, NULL) == -1 && errno == EINVAL, "accept on a non-listener: EINVAL");
	close(conn);
	close(cli);
	close(cli2);
	close(cli3);
	/* A blocking connect waits for room; accept in another process makes it. */
	{
		pid_t pid;
		int status;

		cli = socket(AF_UNIX, SOCK_STREAM, 0);
		connect(cli, (struct sockaddr *)&a, alen);	/* fills the backlog */
		pid = fork();
		if (pid == 0) {
			int c = socket(AF_UNIX, SOCK_STREAM, 0);

			_exit(connect(c, (struct sockaddr *)&a, alen) == 0 ? 0 : 1);
		}
		usleep(DELAY_US);
		conn = accept(srv, NULL, NULL);
		waitpid(pid, &status, 0);
		check(conn >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "a blocking connect to a full backlog completes after accept");
		close(conn);
		close(cli);
	}
	close(srv);
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	check(connect(cli, (struct sockaddr *)&a, alen) == -1 && errno == ECONNREFUSED,
	      "connect after the listener closed: ECONNREFUSED");
	unlink(path);
	check(connect(cli, (struct sockaddr *)&a, alen) == -1 && errno == ENOENT,
	      "connect to a missing path: ENOENT");
	close(cli);
}

static void test_abstract_and_errors(void)
{
	struct sockaddr_un a, got;
	socklen_t alen, glen;
	int srv, cli, conn = -1, sv[2];
	char buf[4];

	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "abi-abstract.%d", (int)getpid());
	alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1));
	srv = socket(AF_UNIX, SOCK_STREAM, 0);
	check(bind(srv, (struct sockaddr *)&a, alen) == 0 && listen(srv, 4) == 0,
	      "bind to an abstract name and listen");
	glen = sizeof(got);
	check(getsockname(srv, (struct sockaddr *)&got, &glen) == 0 && glen == alen &&
	      got.sun_path[0] == 0 && memcmp(&got, &a, alen) == 0,
	      "getsockname: the abstract name and its exact length");
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	check(bind(cli, (struct sockaddr *)&a, alen) == -1 && errno == EADDRINUSE,
	      "the same abstract name again: EADDRINUSE");
	check(connect(cli, (struct sockaddr *)&a, alen) == 0 &&
	      (conn = accept(srv, NULL, NULL)) >= 0 && write(cli, "ab", 2) == 2 &&
	      read(conn, buf, 2) == 2, "connect and accept through the abstract name");
	close(conn);
	close(cli);
	close(srv);

	errno = 0;
	check(socket(AF_INET + 1000, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT,
	      "a bad family: EAFNOSUPPORT");
	check(socket(AF_UNIX, 9, 0) == -1 && errno == ESOCKTNOSUPPORT,
	      "AF_UNIX with a bad type: ESOCKTNOSUPPORT");
	check(socket(AF_UNIX, SOCK_STREAM, 7) == -1 && errno == EPROTONOSUPPORT,
	      "AF_UNIX with a bad protocol: EPROTONOSUPPORT");
	check(socket(AF_UNIX, SOCK_STREAM | 0x100000, 0) == -1 && errno == EINVAL,
	      "a bad type flag: EINVAL");
	check(errno_of(bind(0x7fff, (struct sockaddr *)&a, alen)) == EBADF, "bind on a bad fd: EBADF");
	check(errno_of(bind(0, (struct sockaddr *)&a, alen)) == ENOTSOCK ||
	      errno_of(bind(1, (struct sockaddr *)&a, alen)) == ENOTSOCK,
	      "bind on a file that is not a socket: ENOTSOCK");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	check(raw(SYS_bind, sv[0], 1, alen) == -EFAULT, "bind from a bad pointer: EFAULT");
	a.sun_family = AF_INET;
	check(errno_of(bind(sv[0], (struct sockaddr *)&a, alen)) == EINVAL, "bind with AF_INET: EINVAL");
	check(errno_of(bind(sv[0], (struct sockaddr *)&a, 200)) == EINVAL, "bind with too long an address: EINVAL");
	check(errno_of(send(sv[0], "x", 1, 0)) == 0 && raw6(SYS_recvfrom, sv[1], 1, 1, 0, 0, 0) == -EFAULT,
	      "recv into a bad pointer: EFAULT");
	glen = sizeof(got);
	check(raw(SYS_getsockname, sv[0], &got, 1) == -EFAULT,
	      "getsockname with a bad length pointer: EFAULT");
	check(raw6(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, 1, 0, 0) == -EFAULT,
	      "socketpair into a bad pointer: EFAULT");
	{
		int srv2 = socket(AF_UNIX, SOCK_STREAM, 0);

		check(errno_of(getpeername(srv2, (struct sockaddr *)&got, &glen)) == ENOTCONN,
		      "getpeername of an unconnected socket: ENOTCONN");
		check(errno_of(send(srv2, "x", 1, MSG_NOSIGNAL)) == ENOTCONN,
		      "send on an unconnected stream socket: ENOTCONN");
		check(errno_of(recv(srv2, buf, 1, MSG_DONTWAIT)) == EINVAL,
		      "recv on an unconnected stream socket: EINVAL");
		check(revents(srv2, POLLIN | POLLOUT) == (POLLOUT | POLLHUP),
		      "poll of an unconnected stream socket: POLLOUT | POLLHUP");
		close(srv2);
	}
	close(sv[0]);
	close(sv[1]);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* SO_RCVTIMEO/SO_SNDTIMEO and the options Linux keeps without acting on them. */
static void test_options(void)
{
	struct timeval tv = { 0, TIMEO_US }, got;
	struct linger l = { 1, 5 }, lg;
	struct sigaction sa;
	struct itimerval it;
	struct timespec t0;
	socklen_t len;
	int sv[2], v;
	char buf[8];
	long n;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	check(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "SO_RCVTIMEO 200 ms");
	len = sizeof(got);
	check(getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0 && len == sizeof(got) &&
	      got.tv_sec == 0 && got.tv_usec == TIMEO_US, "SO_RCVTIMEO reads back");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = recv(sv[0], buf, sizeof(buf), 0);
	check(n == -1 && errno == EAGAIN && elapsed_ms(&t0) >= TIMEO_US / 2000,
	      "a receive times out with EAGAIN (%ld ms)", elapsed_ms(&t0));
	/* A signal ends a timed wait with EINTR even under SA_RESTART (sock_intr_errno). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	tv.tv_sec = 5;
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = TIMEO_US / 4;
	setitimer(ITIMER_REAL, &it, NULL);
	check(recv(sv[0], buf, sizeof(buf), 0) == -1 && errno == EINTR,
	      "a signal interrupts a timed receive: EINTR despite SA_RESTART");
	signal(SIGALRM, SIG_DFL);
	tv.tv_sec = 0;
	tv.tv_usec = 1000000;
	check(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1 && errno == EDOM,
	      "SO_RCVTIMEO with tv_usec of a second: EDOM");
	check(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, 8) == -1 && errno == EINVAL,
	      "SO_RCVTIMEO with a short length: EINVAL");
	tv.tv_sec = -1;
	tv.tv_usec = 0;
	check(setsockopt(sv[1], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == 0 &&
	      getsockopt(sv[1], SOL_SOCKET, SO_SNDTIMEO, &got, &len) == 0 && got.tv_sec == 0 &&
	      got.tv_usec == 0, "a negative SO_SNDTIMEO is accepted and reads as zero");
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	{
		char *big = calloc(1, BIG);

		while (write(sv[1], big, BIG) > 0)
			;
		free(big);
	}
	fcntl(sv[1], F_SETFL, 0);
	check(write(sv[1], "x", 1) == -1 && errno == EAGAIN,
	      "then a blocking write to a full socket does not wait: EAGAIN");
	len = sizeof(v);
	check(getsockopt(sv[0], SOL_SOCKET, SO_RCVLOWAT, &v, &len) == 0 && v == 1,
	      "SO_RCVLOWAT defaults to 1");
	v = 1;
	check(setsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)) == 0 &&
	      getsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &v, &len) == 0 && v == 1,
	      "SO_KEEPALIVE is kept");
	len = sizeof(lg);
	check(setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &l, sizeof(l)) == 0 &&
	      getsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, &len) == 0 && len == sizeof(lg) &&
	      lg.l_onoff == 1 && lg.l_linger == 5, "SO_LINGER on, 5 s");
	l.l_onoff = 0;
	l.l_linger = 9;
	check(setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &l, sizeof(l)) == 0 &&
	      getsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, &len) == 0 &&
	      lg.l_onoff == 0 && lg.l_linger == 5, "SO_LINGER off keeps the time");
	check(setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &l, 4) == -1 && errno == EINVAL,
	      "SO_LINGER with a short length: EINVAL");
	close(sv[0]);
	close(sv[1]);
}

static int nobody_sndbufforce(void)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0), v = 1 << 20;

	return setsockopt(s, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)) == -1 && errno == EPERM ?
	       0 : 1;
}

/* socket(7)'s /proc/sys/net/core buffer sysctls and how SO_SNDBUF/SO_RCVBUF obey them. */
static void test_limits(void)
{
	long wdef = tap_proc_number("/proc/sys/net/core/wmem_default");
	long rdef = tap_proc_number("/proc/sys/net/core/rmem_default");
	long wmax = tap_proc_number("/proc/sys/net/core/wmem_max");
	int s = socket(AF_UNIX, SOCK_STREAM, 0), v, fd;
	socklen_t len = sizeof(v);

	check(wdef > 0 && rdef > 0 && wmax > 0, "/proc/sys/net/core/{w,r}mem_default, wmem_max");
	check(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 && v == wdef,
	      "a new socket's SO_SNDBUF is wmem_default (%d)", v);
	check(getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len) == 0 && v == rdef,
	      "a new socket's SO_RCVBUF is rmem_default (%d)", v);
	v = 0x7fffffff;
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	check(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 && v == 2 * wmax,
	      "SO_SNDBUF is capped at twice wmem_max (%d)", v);
	v = -1;
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	check(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 && v == 2 * wmax,
	      "a negative SO_SNDBUF counts as huge: the cap (%d)", v);
	v = 1;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	check(getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len) == 0 && v == 2304,
	      "a tiny SO_RCVBUF is raised to the floor, 2304 (%d)", v);
	if (geteuid() == 0) {
		v = 1 << 22;
		check(setsockopt(s, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)) == 0 &&
		      getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 && v == 1 << 23,
		      "root's SO_SNDBUFFORCE passes the cap");
	} else {
		skip("SO_SNDBUFFORCE needs root");
	}
	check_as_nobody(nobody_sndbufforce, "SO_SNDBUFFORCE as nobody: EPERM");
	/* A value under the floor is refused, and nothing changes. */
	fd = open("/proc/sys/net/core/wmem_max", O_WRONLY);
	if (fd >= 0 && geteuid() == 0)
		check(write(fd, "1\n", 2) == -1 && errno == EINVAL &&
		      tap_proc_number("/proc/sys/net/core/wmem_max") == wmax,
		      "writing wmem_max below the floor: EINVAL");
	else
		skip("/proc/sys/net/core/wmem_max is not writable here");
	if (fd >= 0)
		close(fd);
	close(s);
}

int main(void)
{
	tap_plan(PLAN);
	test_pair();
	test_waitall();
	test_listen();
	test_abstract_and_errors();
	test_limits();
	test_options();
	return tap_done();
}
