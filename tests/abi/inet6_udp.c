/*
 * inet6_udp.c: AF_INET6 SOCK_DGRAM over lo (udp(7), ipv6(7)): the
 * socket and its options (SO_DOMAIN, IPV6_V6ONLY, IPV6_UNICAST_HOPS),
 * bind to ::1 and :: and its errors (EINVAL for a short sockaddr_in6,
 * EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL), sendto/recvfrom with a
 * 28-byte sender address, connect, getsockname/getpeername,
 * ECONNREFUSED on a connected socket after ICMPv6 port unreachable,
 * IPv4-mapped peers of a dual-stack socket and what IPV6_V6ONLY changes,
 * and the libc side (inet_pton, inet_ntop, getaddrinfo, IN6_IS_ADDR_*).
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <netdb.h>
#include <poll.h>
#include "abi_tap.h"
#include "inet_lo.h"

#define PLAN		56
#define WAIT_MS		2000
#define HOPS_DEFAULT	64	/* net.ipv6.conf.all.hop_limit */
#define HOPS_SET	32
#define HOPS_TOO_MANY	256
#define SIN6_SHORT	23	/* below RFC 2133's 24 bytes */
#define UDP6_MAX	65527	/* 65535 (the payload length field) less UDP's header */

/* Whether fd is readable within WAIT_MS. */
static int readable(int fd)
{
	return inet_readable_ms(fd, WAIT_MS);
}

static int udp6(void)
{
	return socket(AF_INET6, SOCK_DGRAM, 0);
}

static void test_socket(void)
{
	struct sockaddr_in6 got;
	socklen_t len = sizeof(got);
	int fd = udp6(), v = -1;

	check(fd >= 0, "socket(AF_INET6, SOCK_DGRAM)");
	len = sizeof(v);
	check(getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len) == 0 && v == AF_INET6,
	      "SO_DOMAIN is AF_INET6 (%d)", v);
	len = sizeof(got);
	check(getsockname(fd, (struct sockaddr *)&got, &len) == 0 &&
	      inet_sin6_is(&got, len, &in6addr_any, 0) && got.sin6_port == 0,
	      "getsockname before bind: [::]:0, 28 bytes (%u)", len);
	len = sizeof(v);
	check(getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len) == 0 && v == 0 && len == sizeof(v),
	      "IPV6_V6ONLY is 0 by default");
	check(getsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, &len) == 0 && v == HOPS_DEFAULT,
	      "IPV6_UNICAST_HOPS reads 64 by default (%d)", v);
	v = HOPS_TOO_MANY;
	check(setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, sizeof(v)) == -1 && errno == EINVAL,
	      "IPV6_UNICAST_HOPS 256: EINVAL");
	v = HOPS_SET;
	setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, sizeof(v));
	v = 0;
	check(getsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, &len) == 0 && v == HOPS_SET,
	      "IPV6_UNICAST_HOPS 32 is kept (%d)", v);
	v = -1;
	setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, sizeof(v));
	check(getsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, &len) == 0 && v == HOPS_DEFAULT,
	      "IPV6_UNICAST_HOPS -1 is the default again (%d)", v);
	v = 1;
	check(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, 1) == -1 && errno == EINVAL,
	      "IPV6_V6ONLY with a 1-byte value: EINVAL");
	close(fd);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	check(getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len) == -1 && errno == EOPNOTSUPP,
	      "IPV6_V6ONLY on an AF_INET socket: EOPNOTSUPP");
	close(fd);
}

static void test_bind(void)
{
	struct sockaddr_in6 a = inet_sin6(NULL, 0), got;
	struct sockaddr_in sin = inet_sin(INADDR_LOOPBACK, 0);
	struct in6_addr two = in6addr_loopback;
	socklen_t len;
	int fd = udp6(), fd2 = udp6(), v = 1;
	uint16_t port;

	check(bind(fd, (struct sockaddr *)&a, SIN6_SHORT) == -1 && errno == EINVAL,
	      "bind with 23 bytes: EINVAL");
	check(bind(fd, (struct sockaddr *)&sin, sizeof(a)) == -1 && errno == EAFNOSUPPORT,
	      "bind a sockaddr_in: EAFNOSUPPORT");
	check(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "bind [::1]:0");
	port = inet6_port_of(fd);
	len = sizeof(got);
	check(getsockname(fd, (struct sockaddr *)&got, &len) == 0 && port != 0 &&
	      inet_sin6_is(&got, len, &in6addr_loopback, port), "an ephemeral port (%u) on ::1", port);
	check(bind(fd, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EINVAL, "bind twice: EINVAL");
	check(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v)) == -1 && errno == EINVAL,
	      "IPV6_V6ONLY once bound: EINVAL");
	a.sin6_port = htons(port);
	check(bind(fd2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRINUSE,
	      "the same port again: EADDRINUSE");
	two.s6_addr[15] = 2;
	a = inet_sin6(&two, 0);
	check(bind(fd2, (struct sockaddr *)&a, sizeof(a)) == -1 && errno == EADDRNOTAVAIL,
	      "bind ::2 (not ours): EADDRNOTAVAIL");
	close(fd);
	close(fd2);
}

static void test_datagrams(void)
{
	static char big[UDP6_MAX + 1];
	struct sockaddr_in6 a = inet_sin6(NULL, 0), from;
	socklen_t len = sizeof(from);
	int rx = udp6(), tx = udp6(), c = udp6();
	char buf[16] = "";
	uint16_t port, closed;

	bind(rx, (struct sockaddr *)&a, sizeof(a));
	port = inet6_port_of(rx);
	a.sin6_port = htons(port);
	check(sendto(tx, "hello", 5, 0, (struct sockaddr *)&a, sizeof(a)) == 5, "sendto [::1]:%u", port);
	check(readable(rx) && recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len) == 5 &&
	      memcmp(buf, "hello", 5) == 0, "recvfrom: the datagram");
	check(inet_sin6_is(&from, len, &in6addr_loopback, inet6_port_of(tx)),
	      "the sender: [::1]:%u, 28 bytes (%u)", inet6_port_of(tx), len);
	check(sendto(tx, "x", 1, 0, (struct sockaddr *)&a, SIN6_SHORT) == -1 && errno == EINVAL,
	      "sendto with 23 bytes: EINVAL");
	check(sendto(tx, big, UDP6_MAX, 0, (struct sockaddr *)&a, sizeof(a)) == UDP6_MAX &&
	      readable(rx) && recv(rx, big, UDP6_MAX + 1, 0) == UDP6_MAX,
	      "a 65527-byte datagram (more than lo's MTU) arrives whole");
	check(sendto(tx, big, UDP6_MAX + 1, 0, (struct sockaddr *)&a, sizeof(a)) == -1 &&
	      errno == EMSGSIZE, "65528 bytes: EMSGSIZE");
	len = sizeof(from);
	check(getpeername(c, (struct sockaddr *)&from, &len) == -1 && errno == ENOTCONN,
	      "getpeername unconnected: ENOTCONN");
	check(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0, "connect to [::1]:%u", port);
	len = sizeof(from);
	check(getpeername(c, (struct sockaddr *)&from, &len) == 0 &&
	      inet_sin6_is(&from, len, &in6addr_loopback, port), "getpeername: [::1]:%u", port);
	len = sizeof(from);
	check(getsockname(c, (struct sockaddr *)&from, &len) == 0 &&
	      inet_sin6_is(&from, len, &in6addr_loopback, 0) && from.sin6_port != 0,
	      "getsockname after connect: ::1 and a port");
	check(send(c, "abc", 3, 0) == 3 && readable(rx) && recv(rx, buf, sizeof(buf), 0) == 3,
	      "send on the connected socket arrives");
	/* A port nobody has: bound, then closed. */
	close(rx);
	closed = port;
	check(send(c, "abc", 3, 0) == 3, "send to a closed port: sent");
	check(readable(c) && recv(c, buf, sizeof(buf), 0) == -1 && errno == ECONNREFUSED,
	      "then recv: ECONNREFUSED (ICMPv6 port unreachable, port %u)", closed);
	close(tx);
	close(c);
}

/* A dual-stack socket hears IPv4 as ::ffff:a.b.c.d; IPV6_V6ONLY keeps the families apart. */
static void test_v4mapped(void)
{
	struct sockaddr_in6 any = inet_sin6(&in6addr_any, 0), from, m;
	struct sockaddr_in sin = inet_sin(INADDR_ANY, 0);
	struct in6_addr mapped = inet_v4mapped(INADDR_LOOPBACK);
	socklen_t len = sizeof(from);
	int d = udp6(), o = udp6(), v4 = socket(AF_INET, SOCK_DGRAM, 0), v4b, v = 1;
	char buf[8];
	uint16_t port;

	check(bind(d, (struct sockaddr *)&any, sizeof(any)) == 0, "dual-stack bind [::]:0");
	port = inet6_port_of(d);
	sin = inet_sin(INADDR_LOOPBACK, port);
	check(sendto(v4, "v4", 2, 0, (struct sockaddr *)&sin, sizeof(sin)) == 2,
	      "AF_INET sendto 127.0.0.1:%u", port);
	check(readable(d) && recvfrom(d, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len) == 2 &&
	      inet_sin6_is(&from, len, &mapped, inet_port_of(v4)) && IN6_IS_ADDR_V4MAPPED(&from.sin6_addr),
	      "the dual-stack socket gets it from ::ffff:127.0.0.1");
	m = inet_sin6(&mapped, inet_port_of(v4));
	check(sendto(d, "ok", 2, 0, (struct sockaddr *)&m, sizeof(m)) == 2 && readable(v4) &&
	      recv(v4, buf, sizeof(buf), 0) == 2, "and answers to ::ffff:127.0.0.1 over IPv4");
	v4b = socket(AF_INET, SOCK_DGRAM, 0);
	sin = inet_sin(INADDR_ANY, port);
	check(bind(v4b, (struct sockaddr *)&sin, sizeof(sin)) == -1 && errno == EADDRINUSE,
	      "0.0.0.0 on the dual-stack socket's port: EADDRINUSE");
	setsockopt(o, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
	v = 0;
	len = sizeof(v);
	check(getsockopt(o, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len) == 0 && v == 1, "IPV6_V6ONLY set");
	check(bind(o, (struct sockaddr *)&any, sizeof(any)) == 0, "v6-only bind [::]:0");
	sin = inet_sin(INADDR_ANY, inet6_port_of(o));
	check(bind(v4b, (struct sockaddr *)&sin, sizeof(sin)) == 0,
	      "0.0.0.0 on the v6-only socket's port: bound");
	check(sendto(o, "no", 2, 0, (struct sockaddr *)&m, sizeof(m)) == -1 && errno == ENETUNREACH,
	      "v6-only sendto ::ffff:127.0.0.1: ENETUNREACH");
	m = inet_sin6(&in6addr_loopback, port);
	check(sendto(v4, "x", 1, 0, (struct sockaddr *)&m, sizeof(m)) == -1 && errno == EAFNOSUPPORT,
	      "AF_INET sendto a sockaddr_in6: EAFNOSUPPORT");
	sin = inet_sin(INADDR_LOOPBACK, inet_port_of(v4));
	check(sendto(o, "no", 2, 0, (struct sockaddr *)&sin, sizeof(sin)) == -1 && errno == ENETUNREACH,
	      "v6-only sendto a sockaddr_in: ENETUNREACH");
	check(connect(o, (struct sockaddr *)&sin, sizeof(sin)) == -1 && errno == EAFNOSUPPORT,
	      "v6-only connect to a sockaddr_in: EAFNOSUPPORT");
	close(d);
	d = udp6();
	check(sendto(d, "s4", 2, 0, (struct sockaddr *)&sin, sizeof(sin)) == 2 && readable(v4) &&
	      recv(v4, buf, sizeof(buf), 0) == 2, "dual-stack sendto a sockaddr_in: sent over IPv4");
	len = sizeof(from);
	check(connect(d, (struct sockaddr *)&sin, sizeof(sin)) == 0 &&
	      getpeername(d, (struct sockaddr *)&from, &len) == 0 &&
	      inet_sin6_is(&from, len, &mapped, inet_port_of(v4)),
	      "dual-stack connect to a sockaddr_in: the peer is ::ffff:127.0.0.1");
	close(d);
	close(o);
	close(v4b);
	/* Bound to a mapped address: an IPv4 socket in all but its sockaddr. */
	d = udp6();
	m = inet_sin6(&mapped, 0);
	check(bind(d, (struct sockaddr *)&m, sizeof(m)) == 0 && inet6_port_of(d) != 0,
	      "bind ::ffff:127.0.0.1:0");
	len = sizeof(from);
	check(getsockname(d, (struct sockaddr *)&from, &len) == 0 && inet_sin6_is(&from, len, &mapped, 0),
	      "getsockname: ::ffff:127.0.0.1");
	sin = inet_sin(INADDR_LOOPBACK, inet6_port_of(d));
	check(sendto(v4, "m", 1, 0, (struct sockaddr *)&sin, sizeof(sin)) == 1 && readable(d) &&
	      recv(d, buf, sizeof(buf), 0) == 1, "IPv4 to 127.0.0.1 arrives there");
	o = udp6();
	v = 1;
	setsockopt(o, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
	check(bind(o, (struct sockaddr *)&m, sizeof(m)) == -1 && errno == EINVAL,
	      "v6-only bind ::ffff:127.0.0.1: EINVAL");
	close(d);
	close(o);
	close(v4);
}

static void test_libc(void)
{
	struct addrinfo hints, *res = NULL;
	struct in6_addr a;
	char text[INET6_ADDRSTRLEN];
	int r;

	check(inet_pton(AF_INET6, "::1", &a) == 1 && IN6_IS_ADDR_LOOPBACK(&a), "inet_pton ::1");
	check(inet_pton(AF_INET6, "::ffff:127.0.0.1", &a) == 1 && IN6_IS_ADDR_V4MAPPED(&a) &&
	      inet_ntop(AF_INET6, &a, text, sizeof(text)) && strcmp(text, "::ffff:127.0.0.1") == 0,
	      "inet_pton/inet_ntop ::ffff:127.0.0.1");
	check(inet_pton(AF_INET6, "fe80::1:2", &a) == 1 && IN6_IS_ADDR_LINKLOCAL(&a) &&
	      inet_ntop(AF_INET6, &a, text, sizeof(text)) && strcmp(text, "fe80::1:2") == 0,
	      "inet_pton/inet_ntop fe80::1:2 (%s)", text);
	check(inet_pton(AF_INET6, "1::2::3", &a) == 0, "inet_pton of two '::': 0");
	check(IN6_IS_ADDR_UNSPECIFIED(&in6addr_any) && !IN6_IS_ADDR_LOOPBACK(&in6addr_any),
	      "in6addr_any is unspecified");
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET6;
	hints.ai_socktype = SOCK_DGRAM;
	r = getaddrinfo("::1", "53", &hints, &res);
	check(r == 0 && res && res->ai_family == AF_INET6 &&
	      res->ai_addrlen == sizeof(struct sockaddr_in6) &&
	      IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr) &&
	      ntohs(((struct sockaddr_in6 *)res->ai_addr)->sin6_port) == 53,
	      "getaddrinfo(\"::1\", AF_INET6): [::1]:53");
	if (res)
		freeaddrinfo(res);
	res = NULL;
	hints.ai_family = AF_UNSPEC;
	r = getaddrinfo("::1", NULL, &hints, &res);
	check(r == 0 && res && res->ai_family == AF_INET6, "getaddrinfo(\"::1\", AF_UNSPEC): AF_INET6");
	if (res)
		freeaddrinfo(res);
}

int main(void)
{
	tap_plan(PLAN);
	if (inet_lo_up() != 0)
		diag("lo is not up: %s", strerror(errno));
	test_socket();
	test_bind();
	test_datagrams();
	test_v4mapped();
	test_libc();
	return tap_failures;
}
