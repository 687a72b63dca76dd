/*
 * inet6_tcp.c: AF_INET6 SOCK_STREAM over lo (tcp(7), ipv6(7)): listen
 * on ::1 and accept with a 28-byte peer address, data both ways and end
 * of file, getsockname/getpeername, the errors (EINVAL for a short
 * sockaddr_in6, EAFNOSUPPORT, EADDRINUSE, ECONNREFUSED from a RST,
 * EINPROGRESS then SO_ERROR), TCP_NODELAY and the SOL_SOCKET options,
 * and IPv4-mapped addresses: an AF_INET client of a dual-stack listener,
 * an AF_INET6 client of an AF_INET listener through ::ffff:127.0.0.1,
 * and a v6-only listener that IPv4 cannot reach. Prints TAP; exits with
 * the failure count.
 */
#define _GNU_SOURCE
#include <netinet/tcp.h>
#include <poll.h>
#include "abi_tap.h"
#include "inet_lo.h"

#define PLAN		36
#define WAIT_MS		3000
#define SIN6_SHORT	20	/* below RFC 2133's 24 bytes */

/* Whether fd is readable within WAIT_MS. */
static int readable(int fd)
{
	return inet_readable_ms(fd, WAIT_MS);
}

static int tcp6(void)
{
	return socket(AF_INET6, SOCK_STREAM, 0);
}

/* A listener on addr (NULL: ::1), port 0; v6only as IPV6_V6ONLY. */
static int listener6(const struct in6_addr *addr, int v6only)
{
	struct sockaddr_in6 a = inet_sin6(addr, 0);
	int fd = tcp6();

	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 4) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void test_basics(void)
{
	struct sockaddr_in6 a, peer, name;
	socklen_t len = sizeof(peer);
	int l = listener6(NULL, 0), c = tcp6(), s, v = -1;
	char buf[8] = "";
	uint16_t port = inet6_port_of(l);

	check(l >= 0 && port != 0, "listen on [::1]:%u", port);
	a = inet_sin6(NULL, port);
	check(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0, "connect to [::1]:%u", port);
	s = accept(l, (struct sockaddr *)&peer, &len);
	check(s >= 0 && inet_sin6_is(&peer, len, &in6addr_loopback, inet6_port_of(c)),
	      "accept: the client's [::1]:%u, 28 bytes (%u)", inet6_port_of(c), len);
	len = sizeof(name);
	check(getpeername(c, (struct sockaddr *)&name, &len) == 0 &&
	      inet_sin6_is(&name, len, &in6addr_loopback, port),
	      "the client's getpeername: [::1]:%u", port);
	len = sizeof(name);
	check(getsockname(s, (struct sockaddr *)&name, &len) == 0 &&
	      inet_sin6_is(&name, len, &in6addr_loopback, port), "the accepted socket's getsockname");
	check(write(c, "ping", 4) == 4 && readable(s) &&
	      read(s, buf, sizeof(buf)) == 4 &&
	      memcmp(buf, "ping", 4) == 0, "client to server");
	check(write(s, "pong!", 5) == 5 && readable(c) &&
	      read(c, buf, sizeof(buf)) == 5 &&
	      memcmp(buf, "pong!", 5) == 0, "server to client");
	len = sizeof(v);
	check(getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &len) == 0 && v == AF_INET6,
	      "the accepted socket is AF_INET6");
	check(getsockopt(c, SOL_SOCKET, SO_PROTOCOL, &v, &len) == 0 && v == IPPROTO_TCP,
	      "SO_PROTOCOL is IPPROTO_TCP");
	v = 1;
	check(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)) == 0 &&
	      getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v == 1, "TCP_NODELAY");
	check(getsockopt(c, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len) == 0 && v == 0,
	      "IPV6_V6ONLY on a TCP socket: 0");
	v = 1;
	check(setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)) == 0 &&
	      getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &len) == 0 && v == 1, "SO_KEEPALIVE");
	close(c);
	check(readable(s) && read(s, buf, sizeof(buf)) == 0, "the client closes: end of file");
	close(s);
	close(l);
}

static void test_errors(void)
{
	struct sockaddr_in6 a = inet_sin6(NULL, 0);
	struct sockaddr_in sin = inet_sin(INADDR_LOOPBACK, 0);
	int l = listener6(NULL, 0), fd = tcp6(), v = 0;
	socklen_t len = sizeof(v);
	uint16_t port = inet6_port_of(l), closed;
	struct pollfd p;

	a.sin6_port = htons(port);
	check(bind(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE,
	      "bind the listener's port: EADDRINUSE");
	check(connect(fd, (struct sockaddr *)&a, SIN6_SHORT) == -1 && errno == EINVAL,
	      "connect with 20 bytes: EINVAL");
	sin.sin_port = htons(port);
	check(connect(fd, (struct sockaddr *)&sin, sizeof(a)) == -1 && errno == EAFNOSUPPORT,
	      "connect with a sockaddr_in: EAFNOSUPPORT");
	close(l);
	closed = port;
	check(connect(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == ECONNREFUSED,
	      "connect to a closed port (%u): ECONNREFUSED", closed);
	close(fd);
	l = listener6(NULL, 0);
	a.sin6_port = htons(inet6_port_of(l));
	fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
	check(connect(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EINPROGRESS,
	      "non-blocking connect: EINPROGRESS");
	p.fd = fd;
	p.events = POLLOUT;
	check(poll(&p, 1, WAIT_MS) == 1 && (p.revents & POLLOUT), "then writable");
	check(getsockopt(fd, SOL_SOCKET, SO_ERROR, &v, &len) == 0 && v == 0, "and SO_ERROR 0");
	close(fd);
	close(l);
}

static void test_v4mapped(void)
{
	struct in6_addr mapped = inet_v4mapped(INADDR_LOOPBACK);
	struct sockaddr_in6 peer, m;
	struct sockaddr_in sin, peer4;
	socklen_t len = sizeof(peer);
	int l = listener6(&in6addr_any, 0), c = socket(AF_INET, SOCK_STREAM, 0), s, l4, c6;
	char buf[4];

	check(l >= 0, "a dual-stack listener on [::]:%u", inet6_port_of(l));
	sin = inet_sin(INADDR_LOOPBACK, inet6_port_of(l));
	check(connect(c, (struct sockaddr *)&sin, sizeof(sin)) == 0,
	      "an AF_INET client connects to 127.0.0.1:%u", inet6_port_of(l));
	s = accept(l, (struct sockaddr *)&peer, &len);
	check(s >= 0 && inet_sin6_is(&peer, len, &mapped, inet_port_of(c)),
	      "accept: the client as ::ffff:127.0.0.1, in a sockaddr_in6");
	len = sizeof(m);
	check(getsockname(s, (struct sockaddr *)&m, &len) == 0 &&
	      inet_sin6_is(&m, len, &mapped, inet6_port_of(l)),
	      "the accepted socket's own ::ffff:127.0.0.1");
	check(write(c, "v4", 2) == 2 && readable(s) && read(s, buf, sizeof(buf)) == 2, "data over IPv4");
	close(s);
	close(c);
	close(l);

	l4 = socket(AF_INET, SOCK_STREAM, 0);
	sin = inet_sin(INADDR_LOOPBACK, 0);
	bind(l4, (struct sockaddr *)&sin, sizeof(sin));
	listen(l4, 1);
	c6 = tcp6();
	m = inet_sin6(&mapped, inet_port_of(l4));
	check(connect(c6, (struct sockaddr *)&m, sizeof(m)) == 0,
	      "an AF_INET6 client connects to ::ffff:127.0.0.1:%u", inet_port_of(l4));
	len = sizeof(peer4);
	s = accept(l4, (struct sockaddr *)&peer4, &len);
	check(s >= 0 && len == sizeof(peer4) && peer4.sin_family == AF_INET &&
	      peer4.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
	      ntohs(peer4.sin_port) == inet6_port_of(c6), "the AF_INET listener sees 127.0.0.1");
	len = sizeof(m);
	check(getsockname(c6, (struct sockaddr *)&m, &len) == 0 && inet_sin6_is(&m, len, &mapped, 0),
	      "the client's own address: ::ffff:127.0.0.1");
	close(s);
	close(c6);
	close(l4);

	l = listener6(&in6addr_any, 1);
	c = socket(AF_INET, SOCK_STREAM, 0);
	sin = inet_sin(INADDR_LOOPBACK, inet6_port_of(l));
	check(l >= 0 && connect(c, (struct sockaddr *)&sin, sizeof(sin)) == -1 && errno == ECONNREFUSED,
	      "a v6-only listener: IPv4 gets ECONNREFUSED");
	close(c);
	c = tcp6();
	m = inet_sin6(&mapped, inet6_port_of(l));
	check(connect(c, (struct sockaddr *)&m, sizeof(m)) == -1 && errno == ECONNREFUSED,
	      "nor through ::ffff:127.0.0.1: ECONNREFUSED");
	close(c);
	c = tcp6();
	m = inet_sin6(NULL, inet6_port_of(l));
	check(connect(c, (struct sockaddr *)&m, sizeof(m)) == 0, "while ::1 connects");
	close(c);
	c = tcp6();
	len = 1;
	setsockopt(c, IPPROTO_IPV6, IPV6_V6ONLY, &len, sizeof(int));
	m = inet_sin6(&mapped, inet6_port_of(l));
	check(connect(c, (struct sockaddr *)&m, sizeof(m)) == -1 && errno == ENETUNREACH,
	      "a v6-only client to ::ffff:127.0.0.1: ENETUNREACH");
	close(c);
	close(l);
}

/* Linux's rule: the any of each family's sockets meets the other's unless v6-only. */
static void test_bind_families(void)
{
	struct sockaddr_in6 a6 = inet_sin6(&in6addr_any, 0);
	struct sockaddr_in a4;
	int d = tcp6(), o = tcp6(), f4 = socket(AF_INET, SOCK_STREAM, 0), v = 1;

	bind(d, (struct sockaddr *)&a6, sizeof(a6));
	a4 = inet_sin(INADDR_ANY, inet6_port_of(d));
	check(bind(f4, (struct sockaddr *)&a4, sizeof(a4)) == -1 && errno == EADDRINUSE,
	      "0.0.0.0 on a dual-stack [::]'s port: EADDRINUSE");
	a4 = inet_sin(INADDR_LOOPBACK, inet6_port_of(d));
	check(bind(f4, (struct sockaddr *)&a4, sizeof(a4)) == -1 && errno == EADDRINUSE,
	      "127.0.0.1 there: EADDRINUSE");
	setsockopt(o, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
	bind(o, (struct sockaddr *)&a6, sizeof(a6));
	a4 = inet_sin(INADDR_ANY, inet6_port_of(o));
	check(bind(f4, (struct sockaddr *)&a4, sizeof(a4)) == 0,
	      "0.0.0.0 on a v6-only [::]'s port: bound");
	close(d);
	close(o);
	close(f4);
	o = tcp6();
	f4 = socket(AF_INET, SOCK_STREAM, 0);
	a4 = inet_sin(INADDR_LOOPBACK, 0);
	bind(f4, (struct sockaddr *)&a4, sizeof(a4));
	a6 = inet_sin6(NULL, inet_port_of(f4));
	check(bind(o, (struct sockaddr *)&a6, sizeof(a6)) == 0, "::1 on 127.0.0.1's port: bound");
	close(o);
	close(f4);
}

int main(void)
{
	tap_plan(PLAN);
	if (inet_lo_up() != 0)
		diag("lo is not up: %s", strerror(errno));
	test_basics();
	test_errors();
	test_v4mapped();
	test_bind_families();
	return tap_failures;
}
