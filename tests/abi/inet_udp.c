/*
 * inet_udp.c: AF_INET SOCK_DGRAM over lo (udp(7), ip(7)): bind and its
 * errors (EADDRINUSE, SO_REUSEADDR, EINVAL, EADDRNOTAVAIL, EAFNOSUPPORT),
 * ephemeral ports, sendto/recvfrom with the sender's address,
 * sendmsg/recvmsg with iovecs, MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT,
 * FIONREAD, poll, connect and AF_UNSPEC, getsockname/getpeername,
 * ECONNREFUSED on a connected socket after ICMP port unreachable,
 * EMSGSIZE, EDESTADDRREQ, bad fds and bad pointers. Prints TAP; exits
 * with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sys/uio.h>
#include "abi_tap.h"
#include "inet_lo.h"

#define PLAN		49
#define LOOPBACK	INADDR_LOOPBACK
#define TEST_NET_1	0xc0000201u	/* 192.0.2.1 (RFC 5737): never ours */
#define UDP_MAX		65507		/* 65535 - IPv4 and UDP headers */
#define WAIT_MS		2000
#define BAD_PTR		((void *)1)

static short revents(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, ms) < 0 ? -1 : p.revents;
}

static int udp_socket(void)
{
	return socket(AF_INET, SOCK_DGRAM, 0);
}

static int bound_udp(uint32_t addr, uint16_t port, int reuse)
{
	struct sockaddr_in a = inet_sin(addr, port);
	int fd = udp_socket();

	if (fd < 0)
		return -1;
	if (reuse)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void test_bind(void)
{
	struct sockaddr_in a, got;
	socklen_t len = sizeof(got);
	int fd, fd2, v = 0;
	uint16_t port;

	fd = udp_socket();
	check(fd >= 0, "socket(AF_INET, SOCK_DGRAM)");
	len = sizeof(v);
	check(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &len) == 0 && v == IPPROTO_UDP,
	      "SO_PROTOCOL is IPPROTO_UDP (%d)", v);
	len = sizeof(got);
	check(getsockname(fd, (struct sockaddr *)&got, &len) == 0 && len == sizeof(got) &&
	      got.sin_family == AF_INET && got.sin_port == 0 && got.sin_addr.s_addr == 0,
	      "getsockname before bind: 0.0.0.0:0");
	a = inet_sin(LOOPBACK, 0);
	check(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "bind 127.0.0.1:0");
	port = inet_port_of(fd);
	len = sizeof(got);
	check(getsockname(fd, (struct sockaddr *)&got, &len) == 0 && port != 0 &&
	      got.sin_addr.s_addr == htonl(LOOPBACK), "an ephemeral port (%u) on 127.0.0.1", port);
	check(bind(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EINVAL,
	      "bind twice: EINVAL");
	fd2 = udp_socket();
	a = inet_sin(LOOPBACK, port);
	check(bind(fd2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE,
	      "the same port again: EADDRINUSE");
	a = inet_sin(INADDR_ANY, port);
	check(bind(fd2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE,
	      "INADDR_ANY on that port: EADDRINUSE");
	a = inet_sin(TEST_NET_1, 0);
	check(bind(fd2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRNOTAVAIL,
	      "an address not ours: EADDRNOTAVAIL");
	a = inet_sin(LOOPBACK, 0);
	check(bind(fd2, (struct sockaddr *)&a, sizeof(a) - 1) == -1 && errno == EINVAL,
	      "a short sockaddr_in: EINVAL");
	a.sin_family = AF_INET6;
	check(bind(fd2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EAFNOSUPPORT,
	      "another family: EAFNOSUPPORT");
	check(bind(fd2, BAD_PTR, sizeof(a)) == -1 && errno == EFAULT, "a bad address pointer: EFAULT");
	close(fd);
	close(fd2);

	/* SO_REUSEADDR on both lets two sockets share a port. */
	fd = bound_udp(LOOPBACK, 0, 1);
	port = fd >= 0 ? inet_port_of(fd) : 0;
	fd2 = bound_udp(LOOPBACK, port, 1);
	check(fd >= 0 && fd2 >= 0, "SO_REUSEADDR on both: the port is shared");
	close(fd);
	if (fd2 >= 0)
		close(fd2);
	check(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) == -1 && errno == EPROTONOSUPPORT,
	      "SOCK_DGRAM with IPPROTO_TCP: EPROTONOSUPPORT");
}

static void test_datagrams(void)
{
	struct sockaddr_in to, from;
	socklen_t flen = sizeof(from);
	struct msghdr mh;
	struct iovec iov[2];
	char buf[128], a[4], b[8];
	int srv, cli, v = -1;
	uint16_t sport;
	ssize_t n;

	srv = bound_udp(LOOPBACK, 0, 0);
	sport = inet_port_of(srv);
	to = inet_sin(LOOPBACK, sport);
	cli = udp_socket();
	check(revents(srv, POLLIN | POLLOUT, 0) == POLLOUT, "poll: an empty socket is writable only");
	check(recv(srv, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	      "MSG_DONTWAIT on an empty queue: EAGAIN");
	check(sendto(cli, "hello", 5, 0, (struct sockaddr *)&to, sizeof(to)) == 5,
	      "sendto from an unbound socket");
	check(inet_port_of(cli) != 0, "the sender got an ephemeral port (%u)", inet_port_of(cli));
	check(revents(srv, POLLIN, WAIT_MS) & POLLIN, "poll: POLLIN with a datagram queued");
	check(ioctl(srv, FIONREAD, &v) == 0 && v == 5, "FIONREAD: the datagram's size (%d)", v);
	check(recv(srv, buf, sizeof(buf), MSG_PEEK) == 5 && memcmp(buf, "hello", 5) == 0,
	      "MSG_PEEK sees it");
	memset(&from, 0, sizeof(from));
	n = recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
	check(n == 5 && memcmp(buf, "hello", 5) == 0, "recvfrom gets it once");
	check(flen == sizeof(from) && from.sin_family == AF_INET &&
	      from.sin_addr.s_addr == htonl(LOOPBACK) && ntohs(from.sin_port) == inet_port_of(cli),
	      "the sender's address: 127.0.0.1 and its port");
	check(sendto(cli, "0123456789", 10, 0, (struct sockaddr *)&to, sizeof(to)) == 10,
	      "a 10-byte datagram");
	memset(&mh, 0, sizeof(mh));
	iov[0].iov_base = buf;
	iov[0].iov_len = 4;
	mh.msg_iov = iov;
	mh.msg_iovlen = 1;
	n = recvmsg(srv, &mh, MSG_TRUNC);
	check(n == 10 && (mh.msg_flags & MSG_TRUNC) && memcmp(buf, "0123", 4) == 0,
	      "recvmsg into 4 bytes with MSG_TRUNC: the real length and MSG_TRUNC (%zd)", n);
	check(recv(srv, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	      "the rest of a truncated datagram is gone");
	check(sendto(cli, "", 0, 0, (struct sockaddr *)&to, sizeof(to)) == 0 &&
	      revents(srv, POLLIN, WAIT_MS) & POLLIN && recv(srv, buf, sizeof(buf), 0) == 0,
	      "a zero-length datagram");
	iov[0].iov_base = "abcd";
	iov[0].iov_len = 4;
	iov[1].iov_base = "efghijkl";
	iov[1].iov_len = 8;
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &to;
	mh.msg_namelen = sizeof(to);
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	check(sendmsg(cli, &mh, 0) == 12, "sendmsg gathers two iovecs");
	iov[0].iov_base = a;
	iov[0].iov_len = sizeof(a);
	iov[1].iov_base = b;
	iov[1].iov_len = sizeof(b);
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	check(recvmsg(srv, &mh, 0) == 12 && memcmp(a, "abcd", 4) == 0 && memcmp(b, "efghijkl", 8) == 0 &&
	      mh.msg_namelen == sizeof(from), "recvmsg scatters it, with the name");
	{
		static char big[UDP_MAX + 1];

		check(sendto(cli, big, UDP_MAX + 1, 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
		      errno == EMSGSIZE, "65508 bytes: EMSGSIZE");
		check(sendto(cli, big, UDP_MAX, 0, (struct sockaddr *)&to, sizeof(to)) == UDP_MAX &&
		      revents(srv, POLLIN, WAIT_MS) & POLLIN &&
		      recv(srv, big, sizeof(big), 0) == UDP_MAX, "65507 bytes go through");
	}
	to.sin_port = 0;
	check(sendto(cli, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)) == -1 && errno == EINVAL,
	      "sendto port 0: EINVAL");
	check(send(cli, "x", 1, 0) == -1 && errno == EDESTADDRREQ, "send unconnected: EDESTADDRREQ");
	to.sin_port = htons(sport);
	check(sendto(cli, BAD_PTR, 8, 0, (struct sockaddr *)&to, sizeof(to)) == -1 && errno == EFAULT,
	      "sendto from a bad buffer: EFAULT");
	check(sendto(-1, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)) == -1 && errno == EBADF,
	      "sendto on fd -1: EBADF");
	{
		int file = open("/", O_RDONLY);

		check(recv(file, buf, 1, 0) == -1 && errno == ENOTSOCK, "recv on a directory: ENOTSOCK");
		close(file);
	}
	close(srv);
	close(cli);
}

static void test_connected(void)
{
	struct sockaddr_in to, peer, un;
	socklen_t plen = sizeof(peer);
	char buf[16];
	int srv, cli, cli2, gone, v = -1;
	uint16_t sport, gport;
	socklen_t vlen = sizeof(v);

	srv = bound_udp(LOOPBACK, 0, 0);
	sport = inet_port_of(srv);
	cli = udp_socket();
	check(getpeername(cli, (struct sockaddr *)&peer, &plen) == -1 && errno == ENOTCONN,
	      "getpeername unconnected: ENOTCONN");
	check(shutdown(cli, SHUT_RD) == -1 && errno == ENOTCONN, "shutdown unconnected: ENOTCONN");
	to = inet_sin(LOOPBACK, sport);
	check(connect(cli, (struct sockaddr *)&to, sizeof(to)) == 0, "connect to the server");
	plen = sizeof(peer);
	check(getpeername(cli, (struct sockaddr *)&peer, &plen) == 0 && peer.sin_port == htons(sport) &&
	      peer.sin_addr.s_addr == htonl(LOOPBACK), "getpeername: the server");
	check(inet_port_of(cli) != 0, "connect bound an ephemeral port");
	check(send(cli, "ping", 4, 0) == 4 && revents(srv, POLLIN, WAIT_MS) & POLLIN &&
	      recv(srv, buf, sizeof(buf), 0) == 4, "send on the connected socket");
	memset(&un, 0, sizeof(un));
	un.sin_family = AF_UNSPEC;
	check(connect(cli, (struct sockaddr *)&un, sizeof(un)) == 0 &&
	      send(cli, "x", 1, 0) == -1 && errno == EDESTADDRREQ,
	      "connect AF_UNSPEC dissolves it: EDESTADDRREQ");

	close(cli);
	/* A port nobody has: ICMP port unreachable, ECONNREFUSED for a connected sender. */
	cli = bound_udp(INADDR_ANY, 0, 0);
	cli2 = bound_udp(INADDR_ANY, 0, 0);
	gone = bound_udp(LOOPBACK, 0, 0);
	gport = inet_port_of(gone);
	close(gone);
	to = inet_sin(LOOPBACK, gport);
	{
		ssize_t sent = sendto(cli2, "x", 1, 0, (struct sockaddr *)&to, sizeof(to));
		short r = revents(cli2, POLLIN, 200);

		check(sent == 1 && r == 0, "unconnected: a closed port reports nothing (%#x)", r);
	}
	close(cli2);
	check(connect(cli, (struct sockaddr *)&to, sizeof(to)) == 0 && send(cli, "x", 1, 0) == 1,
	      "connected to a closed port: the send succeeds");
	check(revents(cli, POLLIN, WAIT_MS) & POLLERR, "poll: then POLLERR");
	check(recv(cli, buf, sizeof(buf), 0) == -1 && errno == ECONNREFUSED,
	      "recv: ECONNREFUSED");
	check(getsockopt(cli, SOL_SOCKET, SO_ERROR, &v, &vlen) == 0 && v == 0,
	      "the error was reported once (SO_ERROR 0)");
	check(send(cli, "x", 1, 0) == 1 && revents(cli, POLLIN, WAIT_MS) & POLLERR &&
	      getsockopt(cli, SOL_SOCKET, SO_ERROR, &v, &vlen) == 0 && v == ECONNREFUSED,
	      "SO_ERROR: ECONNREFUSED (%d)", v);
	close(cli);
	close(srv);
}

int main(void)
{
	tap_plan(PLAN);
	if (inet_lo_up() != 0)
		diag("lo is not up: %s", strerror(errno));
	test_bind();
	test_datagrams();
	test_connected();
	return tap_failures;
}
