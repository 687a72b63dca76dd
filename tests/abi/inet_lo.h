/*
 * inet_lo.h: what the AF_INET tests share: bringing lo up where a
 * minimal Linux init left it down (Basalt's is always up), and
 * sockaddr_in helpers.
 */
#ifndef INET_LO_H
#define INET_LO_H

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
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

#endif /* INET_LO_H */
