/*
 * inet_tcp.c: AF_INET SOCK_STREAM over lo (tcp(7), ip(7)): listen and
 * accept4 with the peer's address, bind errors (EADDRINUSE with and
 * without SO_REUSEADDR, TIME-WAIT), data both ways with MSG_PEEK,
 * MSG_DONTWAIT, FIONREAD and poll, shutdown and end of file, flow
 * control (a sender stops when the receiver does not read), blocking and
 * non-blocking connect (EINPROGRESS, then SO_ERROR), ECONNREFUSED from a
 * RST, ECONNRESET when unread data is discarded, EPIPE with and without
 * SIGPIPE, the listen backlog, the options, bad fds and bad pointers.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include "abi_tap.h"
#include "inet_lo.h"

#define PLAN		59
#define LOOPBACK	INADDR_LOOPBACK
#define WAIT_MS		3000
#define SETTLE_US	100000	/* lets lo deliver what is in flight */
#define BAD_PTR		((void *)1)
#define FLOOD_CHUNK	4096

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static short revents(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, ms) < 0 ? -1 : p.revents;
}

static int tcp_socket(int flags)
{
	return socket(AF_INET, SOCK_STREAM | flags, 0);
}

/* A listener on 127.0.0.1 at an ephemeral port. */
static int listener(int backlog, uint16_t *port)
{
	struct sockaddr_in a = inet_sin(LOOPBACK, 0);
	int fd = tcp_socket(0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, backlog) != 0)
		return -1;
	*port = inet_port_of(fd);
	return fd;
}

static int connect_to(uint16_t port, int flags)
{
	struct sockaddr_in a = inet_sin(LOOPBACK, port);
	int fd = tcp_socket(flags);

	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0 && errno != EINPROGRESS) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* A closed port: one that was bound and then closed. */
static uint16_t closed_port(void)
{
	uint16_t port;
	int fd = listener(1, &port);

	close(fd);
	return port;
}

static void test_basics(void)
{
	struct sockaddr_in a, peer;
	socklen_t len;
	char buf[64];
	int l, c, s, s2, v;
	uint16_t port;

	l = listener(4, &port);
	check(l >= 0 && port != 0, "listen on 127.0.0.1, an ephemeral port (%u)", port);
	v = -1;
	len = sizeof(v);
	check(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v == 1, "SO_ACCEPTCONN");
	s2 = tcp_socket(0);
	a = inet_sin(LOOPBACK, port);
	check(bind(s2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE,
	      "bind to the listener's port: EADDRINUSE");
	v = 1;
	setsockopt(s2, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
	check(bind(s2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE,
	      "with SO_REUSEADDR, still EADDRINUSE while it listens");
	close(s2);
	c = connect_to(port, 0);
	check(c >= 0, "blocking connect");
	len = sizeof(v);
	check(getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len) == 0 && v == 0, "SO_ERROR 0");
	len = sizeof(peer);
	memset(&peer, 0, sizeof(peer));
	s = accept4(l, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
	check(s >= 0 && len == sizeof(peer) && peer.sin_addr.s_addr == htonl(LOOPBACK) &&
	      ntohs(peer.sin_port) == inet_port_of(c), "accept4: the client's address");
	check((fcntl(s, F_GETFD) & FD_CLOEXEC) && (fcntl(s, F_GETFL) & O_NONBLOCK),
	      "accept4 flags: FD_CLOEXEC and O_NONBLOCK");
	len = sizeof(peer);
	check(getpeername(c, (struct sockaddr *)&peer, &len) == 0 && ntohs(peer.sin_port) == port,
	      "getpeername: the listener's port");
	check(inet_port_of(s) == port, "the accepted socket has the listener's port");
	check(connect(c, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EISCONN,
	      "connect again: EISCONN");
	check(listen(c, 1) == -1 && errno == EINVAL, "listen on a connected socket: EINVAL");
	check(accept(c, NULL, NULL) == -1 && errno == EINVAL, "accept on it: EINVAL");
	check(recv(s, buf, sizeof(buf), 0) == -1 && errno == EAGAIN, "nothing to read: EAGAIN");
	check(revents(s, POLLIN | POLLOUT, 0) == POLLOUT, "poll: writable, not readable");
	check(send(c, "hello world", 11, 0) == 11, "send 11 bytes");
	check(revents(s, POLLIN, WAIT_MS) & POLLIN, "poll: POLLIN");
	v = -1;
	check(ioctl(s, FIONREAD, &v) == 0 && v == 11, "FIONREAD 11 (%d)", v);
	check(recv(s, buf, 5, MSG_PEEK) == 5 && memcmp(buf, "hello", 5) == 0, "MSG_PEEK");
	check(recv(s, buf, 5, 0) == 5 && memcmp(buf, "hello", 5) == 0 &&
	      recv(s, buf, sizeof(buf), 0) == 6 && memcmp(buf, " world", 6) == 0,
	      "a stream: read in two parts");
	check(write(s, "back", 4) == 4 && revents(c, POLLIN, WAIT_MS) & POLLIN &&
	      read(c, buf, sizeof(buf)) == 4 && memcmp(buf, "back", 4) == 0, "and the other way");
	check(shutdown(c, SHUT_WR) == 0, "shutdown(SHUT_WR)");
	check((revents(s, POLLIN | POLLRDHUP, WAIT_MS) & (POLLIN | POLLRDHUP)) == (POLLIN | POLLRDHUP) &&
	      recv(s, buf, sizeof(buf), 0) == 0, "the peer reads end of file, POLLRDHUP");
	check(send(s, "still", 5, 0) == 5 && revents(c, POLLIN, WAIT_MS) & POLLIN &&
	      recv(c, buf, sizeof(buf), 0) == 5, "the half-closed side still receives");
	check(send(c, "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE, "send after SHUT_WR: EPIPE");
	close(s);
	check(revents(c, POLLIN, WAIT_MS) & POLLIN && recv(c, buf, sizeof(buf), 0) == 0,
	      "end of file after the peer's close");
	close(c);
	close(l);
}

static void test_errors(void)
{
	struct sockaddr_in a = inet_sin(LOOPBACK, closed_port());
	char buf[8];
	int fd, v = -1;
	socklen_t len = sizeof(v);

	fd = tcp_socket(0);
	check(connect(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == ECONNREFUSED,
	      "connect to a closed port: ECONNREFUSED");
	close(fd);
	fd = tcp_socket(SOCK_NONBLOCK);
	check(connect(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EINPROGRESS,
	      "non-blocking: EINPROGRESS");
	check((revents(fd, POLLOUT, WAIT_MS) & (POLLOUT | POLLERR | POLLHUP)) ==
	      (POLLOUT | POLLERR | POLLHUP), "then POLLOUT, POLLERR and POLLHUP");
	check(getsockopt(fd, SOL_SOCKET, SO_ERROR, &v, &len) == 0 && v == ECONNREFUSED,
	      "SO_ERROR: ECONNREFUSED (%d)", v);
	close(fd);
	fd = tcp_socket(0);
	check(send(fd, "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE, "send unconnected: EPIPE");
	check(recv(fd, buf, 1, 0) == -1 && errno == ENOTCONN, "recv unconnected: ENOTCONN");
	check(shutdown(fd, SHUT_RDWR) == -1 && errno == ENOTCONN, "shutdown unconnected: ENOTCONN");
	check(connect(fd, (struct sockaddr *)&a, sizeof(a) - 1) == -1 && errno == EINVAL,
	      "connect with a short address: EINVAL");
	a.sin_family = AF_UNIX;
	check(connect(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EAFNOSUPPORT,
	      "connect with AF_UNIX: EAFNOSUPPORT");
	check(connect(fd, BAD_PTR, sizeof(a)) == -1 && errno == EFAULT, "a bad address pointer: EFAULT");
	check(accept(-1, NULL, NULL) == -1 && errno == EBADF, "accept on fd -1: EBADF");
	check(connect(-1, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EBADF,
	      "connect on fd -1: EBADF");
	check(accept(fd, NULL, NULL) == -1 && errno == EINVAL, "accept without listen: EINVAL");
	check(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) == -1 && errno == EPROTONOSUPPORT,
	      "SOCK_STREAM with IPPROTO_UDP: EPROTONOSUPPORT");
	close(fd);
}

/* Sets an int option and reads it back (-1 on an error). */
static int opt_roundtrip(int fd, int level, int name, int set)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (setsockopt(fd, level, name, &set, sizeof(set)) != 0 ||
	    getsockopt(fd, level, name, &v, &len) != 0)
		return -1;
	return v;
}

static void test_options(void)
{
	int fd = tcp_socket(0), v;

	check(opt_roundtrip(fd, IPPROTO_TCP, TCP_NODELAY, 1) == 1, "TCP_NODELAY set and read back");
	check(opt_roundtrip(fd, SOL_SOCKET, SO_KEEPALIVE, 1) == 1, "SO_KEEPALIVE accepted");
	v = opt_roundtrip(fd, SOL_SOCKET, SO_RCVBUF, 65536);
	check(v == 131072, "SO_RCVBUF 65536 reads 131072 (%d)", v);
	check(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, BAD_PTR, sizeof(v)) == -1 && errno == EFAULT,
	      "TCP_NODELAY from a bad pointer: EFAULT");
	close(fd);
}

/* Unread data discarded by close: the peer sees a reset; a later send EPIPE and SIGPIPE. */
static void test_reset_and_epipe(void)
{
	char buf[8];
	uint16_t port;
	int l = listener(1, &port), c = connect_to(port, 0), s = accept(l, NULL, NULL);

	check(send(c, "lost", 4, 0) == 4 && revents(s, POLLIN, WAIT_MS) & POLLIN,
	      "data waits unread");
	close(s);
	check(revents(c, POLLIN, WAIT_MS) & POLLERR && recv(c, buf, sizeof(buf), 0) == -1 &&
	      errno == ECONNRESET, "close with unread data: the peer gets ECONNRESET");
	check(send(c, "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE, "then send: EPIPE");
	signal(SIGPIPE, on_sigpipe);
	sigpipes = 0;
	check(send(c, "x", 1, 0) == -1 && errno == EPIPE && sigpipes == 1,
	      "without MSG_NOSIGNAL: SIGPIPE too (%d)", (int)sigpipes);
	signal(SIGPIPE, SIG_DFL);
	close(c);
	close(l);
}

/* A sender stops when the receiver's window is full, and goes on when it reads. */
static void test_flow_control(void)
{
	static char chunk[FLOOD_CHUNK];
	uint16_t port;
	int l = listener(1, &port), c = connect_to(port, SOCK_NONBLOCK), s;
	long total = 0, got = 0;
	ssize_t n;

	revents(c, POLLOUT, WAIT_MS);
	s = accept(l, NULL, NULL);
	while ((n = send(c, chunk, sizeof(chunk), 0)) > 0)
		total += n;
	check(n == -1 && errno == EAGAIN && total > 0, "a non-reading peer: EAGAIN after %ld bytes", total);
	check(!(revents(c, POLLOUT, 0) & POLLOUT), "poll: not writable then");
	while (got < total && revents(s, POLLIN, WAIT_MS) & POLLIN &&
	       (n = recv(s, chunk, sizeof(chunk), 0)) > 0)
		got += n;
	check(got == total, "the peer reads all %ld bytes", got);
	check(revents(c, POLLOUT, WAIT_MS) & POLLOUT && send(c, chunk, 1, 0) == 1,
	      "writable again once read");
	close(s);
	close(c);
	close(l);
}

/* listen(fd, 1): two connections complete, a third waits for accept. */
static void test_backlog(void)
{
	uint16_t port;
	int l = listener(1, &port), c[3], i, s;

	for (i = 0; i < 3; i++)
		c[i] = connect_to(port, SOCK_NONBLOCK);
	usleep(SETTLE_US);
	check((revents(c[0], POLLOUT, WAIT_MS) & POLLOUT) && (revents(c[1], POLLOUT, WAIT_MS) & POLLOUT),
	      "backlog 1: two connections complete");
	check(!(revents(c[2], POLLOUT, 0) & POLLOUT), "the third waits");
	s = accept(l, NULL, NULL);
	close(s);
	check(revents(c[2], POLLOUT, 5000) & POLLOUT, "accept makes room for it");
	for (i = 0; i < 2; i++) {
		if (revents(l, POLLIN, 5000) & POLLIN) {
			s = accept(l, NULL, NULL);
			close(s);
		}
	}
	fcntl(l, F_SETFL, O_NONBLOCK);
	check(accept(l, NULL, NULL) == -1 && errno == EAGAIN, "all accepted, then EAGAIN (non-blocking)");
	for (i = 0; i < 3; i++)
		close(c[i]);
	close(l);
}

/* The side that closes first keeps its port in TIME-WAIT. */
static void test_time_wait(void)
{
	struct sockaddr_in a;
	uint16_t port, cport;
	int l = listener(1, &port), c, s, fd, v = 1;
	char buf[4];

	c = tcp_socket(0);
	setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
	a = inet_sin(LOOPBACK, port);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	cport = inet_port_of(c);
	s = accept(l, NULL, NULL);
	close(c);
	check(revents(s, POLLIN, WAIT_MS) & POLLIN && recv(s, buf, sizeof(buf), 0) == 0,
	      "the server reads end of file");
	close(s);
	close(l);
	usleep(SETTLE_US);
	a = inet_sin(LOOPBACK, cport);
	fd = tcp_socket(0);
	check(bind(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE,
	      "the client's port is in TIME-WAIT: EADDRINUSE");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
	check(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "with SO_REUSEADDR on both: bound");
	close(fd);
}

int main(void)
{
	tap_plan(PLAN);
	if (inet_lo_up() != 0)
		diag("lo is not up: %s", strerror(errno));
	test_basics();
	test_errors();
	test_options();
	test_reset_and_epipe();
	test_flow_control();
	test_backlog();
	test_time_wait();
	return tap_failures;
}
