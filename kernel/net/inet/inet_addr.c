/*
 * inet_addr.c: the socket addresses of both families in and out:
 * struct sockaddr_in (ip(7)) and struct sockaddr_in6 (ipv6(7), RFC 3493
 * 3.3), with Linux's checks and errors (inet_bind, inet6_bind,
 * tcp_v6_connect, ip6_datagram_connect).
 */
#include <basalt/string.h>
#include <net/inet/inet.h>
#include <uapi/errno.h>
#include <uapi/in6.h>

const struct inet_addr inet_addr_any;

static int inet_addr_in4(const uint8_t *a, uint32_t len, struct inet_addr *addr, uint16_t *port,
			 enum inet_addr_use use)
{
	struct inet_sockaddr sin;

	/* inet_bind, inet_dgram_connect: shorter than a sockaddr_in is EINVAL. */
	if (len < sizeof(sin))
		return -EINVAL;
	memcpy(&sin, a, sizeof(sin));
	if (sin.family != AF_INET) {
		/*
		 * bind(2) of AF_UNSPEC with INADDR_ANY is taken, for old
		 * programs (ip(7)); udp_sendmsg takes AF_UNSPEC as AF_INET.
		 */
		if (!(sin.family == AF_UNSPEC && ((use == INET_ADDR_BIND && sin.addr == 0) ||
						  use == INET_ADDR_DGRAM_SEND)))
			return -EAFNOSUPPORT;
	}
	*addr = inet_addr_v4(__builtin_bswap32(sin.addr));
	*port = __builtin_bswap16(sin.port);
	return 0;
}

static int inet_addr_in6(const struct inet_sock *is, const uint8_t *a, uint32_t len,
			 struct inet_addr *addr, uint16_t *port, enum inet_addr_use use)
{
	bool dgram = use == INET_ADDR_DGRAM_CONNECT || use == INET_ADDR_DGRAM_SEND;
	struct uapi_sockaddr_in6 sin6;
	uint16_t family = AF_UNSPEC;
	int err;

	/*
	 * __ip6_datagram_connect and udpv6_sendmsg take a sockaddr_in as an
	 * IPv4 peer (not on a v6-only socket: EAFNOSUPPORT, ENETUNREACH).
	 */
	if (len >= sizeof(family))
		memcpy(&family, a, sizeof(family));
	if (dgram && family == AF_INET) {
		if (is->v6only)
			return use == INET_ADDR_DGRAM_SEND ? -ENETUNREACH : -EAFNOSUPPORT;
		err = inet_addr_in4(a, len, addr, port, use);
		if (!err && inet_addr_is_any(addr))
			*addr = inet_addr_v4(INET_LOOPBACK_ADDR);	/* as ip(7) */
		return err;
	}

	/* inet6_bind, tcp_v6_connect: 24 bytes at least (SIN6_LEN_RFC2133). */
	if (len < SIN6_LEN_RFC2133)
		return -EINVAL;
	memset(&sin6, 0, sizeof(sin6));
	memcpy(&sin6, a, len < sizeof(sin6) ? len : sizeof(sin6));
	if (sin6.sin6_family != AF_INET6)
		return -EAFNOSUPPORT;
	memcpy(addr->b, sin6.sin6_addr, sizeof(addr->b));
	*port = __builtin_bswap16(sin6.sin6_port);
	/*
	 * A mapped address on a v6-only socket: inet6_bind says EINVAL,
	 * tcp_v6_connect and udpv6_sendmsg ENETUNREACH.
	 */
	if (inet_addr_is_v4(addr) && is->v6only)
		return use == INET_ADDR_BIND ? -EINVAL : -ENETUNREACH;
	/* ::ffff:0.0.0.0 binds as any IPv4 address would: as any (inet_bind). */
	if (inet_addr_is_v4(addr) && inet_addr_to_v4(addr) == 0)
		*addr = inet_addr_any;
	return 0;
}

int inet_addr_in(const struct inet_sock *is, const uint8_t *a, uint32_t len,
		 struct inet_addr *addr, uint16_t *port, enum inet_addr_use use)
{
	if (is->family == AF_INET6)
		return inet_addr_in6(is, a, len, addr, port, use);
	return inet_addr_in4(a, len, addr, port, use);
}

void inet_addr_dest(const struct inet_sock *is, struct inet_addr *daddr)
{
	/* ip(7), ipv6(7): the any address as a destination is this host. */
	if (!inet_addr_is_any(daddr))
		return;
	if (is->family == AF_INET6 && !inet_addr_is_v4(&is->laddr))
		*daddr = inet_addr_loopback6();
	else
		*daddr = inet_addr_v4(INET_LOOPBACK_ADDR);
}

bool inet_addr_family_ok(const struct inet_sock *is, const struct inet_addr *addr)
{
	bool v4 = inet_addr_is_v4(addr);

	if (is->family == AF_INET)
		return v4;
	if (v4 && is->v6only)
		return false;
	/* A socket bound to one family's address cannot talk to the other's. */
	return inet_addr_is_any(&is->laddr) || inet_addr_is_v4(&is->laddr) == v4;
}

int inet_addr_out(const struct inet_sock *is, uint8_t *a, const struct inet_addr *addr,
		  uint16_t port)
{
	struct uapi_sockaddr_in6 sin6;
	struct inet_sockaddr sin;

	if (is->family == AF_INET) {
		memset(&sin, 0, sizeof(sin));
		sin.family = AF_INET;
		sin.port = __builtin_bswap16(port);
		sin.addr = __builtin_bswap32(inet_addr_to_v4(addr));
		memcpy(a, &sin, sizeof(sin));
		return (int)sizeof(sin);
	}
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = __builtin_bswap16(port);
	memcpy(sin6.sin6_addr, addr->b, sizeof(sin6.sin6_addr));
	memcpy(a, &sin6, sizeof(sin6));
	return (int)sizeof(sin6);
}
