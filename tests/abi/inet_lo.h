/*
 * inet_lo.h: what the AF_INET and AF_INET6 tests share: bringing lo up
 * where a minimal Linux init left it down (Basalt's is always up; Linux
 * gives lo ::1 as it comes up), and sockaddr_in and sockaddr_in6 helpers.
 */
#ifndef INET_LO_H
#define INET_LO_H

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* Sets IFF_UP on lo if it is down (root on the Linux guest); 0 when up. */
static int inet_lo_up(void)
{
	struct ifreq r;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), err = -1;

	if (fd < 0)
		return -1;
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &r) == 0) {
		if (r.ifr_flags & IFF_UP) {
			err = 0;
		} else {
			r.ifr_flags |= IFF_UP | IFF_RUNNING;
			err = ioctl(fd, SIOCSIFFLAGS, &r);
		}
	}
	close(fd);
	return err;
}

static struct sockaddr_in inet_sin(uint32_t addr, uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(addr);
	a.sin_port = htons(port);
	return a;
}

/* The port a socket is bound to (0 on error). */
static uint16_t inet_port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		return 0;
	return ntohs(a.sin_port);
}

/* An IPv6 socket address; addr NULL is ::1. */
static inline struct sockaddr_in6 inet_sin6(const struct in6_addr *addr, uint16_t port)
{
	struct sockaddr_in6 a;

	memset(&a, 0, sizeof(a));
	a.sin6_family = AF_INET6;
	a.sin6_addr = addr ? *addr : in6addr_loopback;
	a.sin6_port = htons(port);
	return a;
}

/* ::ffff:a.b.c.d, an IPv4 address (host order) as an AF_INET6 socket sees it. */
static inline struct in6_addr inet_v4mapped(uint32_t v4)
{
	struct in6_addr a;

	memset(&a, 0, sizeof(a));
	a.s6_addr[10] = 0xff;
	a.s6_addr[11] = 0xff;
	v4 = htonl(v4);
	memcpy(&a.s6_addr[12], &v4, sizeof(v4));
	return a;
}

/* The port an AF_INET6 socket is bound to (0 on error). */
static inline uint16_t inet6_port_of(int fd)
{
	struct sockaddr_in6 a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len) != 0 || a.sin6_family != AF_INET6)
		return 0;
	return ntohs(a.sin6_port);
}

/* Whether a is a 28-byte sockaddr_in6 of addr and port (0: any port), flow and scope 0. */
static inline int inet_sin6_is(const struct sockaddr_in6 *a, socklen_t len,
			       const struct in6_addr *addr, uint16_t port)
{
	return len == sizeof(*a) && a->sin6_family == AF_INET6 &&
	       IN6_ARE_ADDR_EQUAL(&a->sin6_addr, addr) && (!port || ntohs(a->sin6_port) == port) &&
	       a->sin6_flowinfo == 0 && a->sin6_scope_id == 0;
}

/* Whether fd is readable within ms milliseconds. */
static inline int inet_readable_ms(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

#endif /* INET_LO_H */
