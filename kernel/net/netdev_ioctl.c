/*
 * netdev_ioctl.c: the interface requests on a socket (netdevice(7)):
 * SIOCGIFCONF, SIOCGIFNAME, SIOCGIFINDEX, SIOCGIFFLAGS, SIOCGIFMTU,
 * SIOCGIFMETRIC, SIOCGIFTXQLEN, SIOCGIFMAP, SIOCGIFHWADDR on any socket
 * (Linux's dev_ioctl), and the IPv4 address ones (SIOCGIFADDR,
 * SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFDSTADDR) on AF_INET sockets
 * (devinet_ioctl). Enough for BusyBox ifconfig. The setting requests
 * (SIOCSIF*) are not supported yet: they fall through to ENOTTY.
 */
#include <basalt/string.h>
#include <net/netdev.h>
#include <uapi/errno.h>
#include <uapi/socket.h>
#include <user/user.h>

/* Linux's request numbers (include/uapi/linux/sockios.h). */
#define SIOCGIFNAME	0x8910
#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCGIFADDR	0x8915
#define SIOCGIFDSTADDR	0x8917
#define SIOCGIFBRDADDR	0x8919
#define SIOCGIFNETMASK	0x891b
#define SIOCGIFMETRIC	0x891d
#define SIOCGIFMTU	0x8921
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFINDEX	0x8933
#define SIOCGIFTXQLEN	0x8942
#define SIOCGIFMAP	0x8970

/* ARPHRD_LOOPBACK (include/uapi/linux/if_arp.h): lo's hardware type. */
#define NETDEV_ARPHRD_LOOPBACK	772

/* struct ifreq on x86_64: a name and a 24-byte union (40 bytes). */
#define NETDEV_IFREQ_UNION	24
struct netdev_ifreq {
	char name[NETDEV_NAME_MAX];
	union {
		struct {
			uint16_t family;
			uint16_t port;
			uint32_t addr;
			uint8_t zero[8];
		} in;
		int16_t flags;
		int32_t ivalue;
		uint8_t raw[NETDEV_IFREQ_UNION];
	} u;
};

/* struct ifconf: the length, then (8-aligned) the buffer pointer. */
struct netdev_ifconf {
	int32_t len;
	int32_t pad;
	uint64_t buf;
};

bool netdev_ioctl_is_ours(unsigned cmd)
{
	switch (cmd) {
	case SIOCGIFNAME: case SIOCGIFCONF: case SIOCGIFFLAGS: case SIOCGIFADDR:
	case SIOCGIFDSTADDR: case SIOCGIFBRDADDR: case SIOCGIFNETMASK: case SIOCGIFMETRIC:
	case SIOCGIFMTU: case SIOCGIFHWADDR: case SIOCGIFINDEX: case SIOCGIFTXQLEN:
	case SIOCGIFMAP:
		return true;
	default:
		return false;
	}
}

static void netdev_put_in(struct netdev_ifreq *r, uint32_t addr)
{
	memset(&r->u, 0, sizeof(r->u));
	r->u.in.family = AF_INET;
	r->u.in.addr = __builtin_bswap32(addr);
}

struct netdev_conf_walk {
	uint64_t buf;		/* user buffer, 0 to count */
	int32_t room;
	int32_t used;
	int err;
};

static int netdev_conf_one(struct net_device *d, void *arg)
{
	struct netdev_conf_walk *w = arg;
	struct netdev_ifreq r;

	if (!d->ipv4_addr)
		return 0;	/* inet_gifconf lists IPv4 addresses only */
	if (w->buf) {
		if (w->room - w->used < (int32_t)sizeof(r))
			return 1;
		memset(&r, 0, sizeof(r));
		strlcpy(r.name, d->name, NETDEV_NAME_MAX);
		netdev_put_in(&r, d->ipv4_addr);
		if (copy_to_user((void __user *)(w->buf + (uint64_t)w->used), &r, sizeof(r))) {
			w->err = -EFAULT;
			return 1;
		}
	}
	w->used += (int32_t)sizeof(r);
	return 0;
}

static long netdev_ifconf(uint64_t arg)
{
	struct netdev_ifconf c;
	struct netdev_conf_walk w;

	if (copy_from_user(&c, (void __user *)arg, sizeof(c)))
		return -EFAULT;
	memset(&w, 0, sizeof(w));
	/* dev_ifconf: a NULL buffer asks for the length needed. */
	w.buf = c.buf;
	w.room = c.len;
	netdev_for_each(netdev_conf_one, &w);
	if (w.err)
		return w.err;
	c.len = w.used;
	return copy_to_user((void __user *)arg, &c, sizeof(c.len)) ? -EFAULT : 0;
}

long netdev_ioctl(int family, unsigned cmd, uint64_t arg)
{
	struct netdev_ifreq r;
	struct net_device *d;

	if (cmd == SIOCGIFCONF)
		return netdev_ifconf(arg);
	if (copy_from_user(&r, (void __user *)arg, sizeof(r)))
		return -EFAULT;
	r.name[NETDEV_NAME_MAX - 1] = '\0';
	if (cmd == SIOCGIFNAME) {
		d = netdev_by_index(r.u.ivalue);
		if (!d)
			return -ENODEV;
		memset(r.name, 0, sizeof(r.name));
		strlcpy(r.name, d->name, NETDEV_NAME_MAX);
		return copy_to_user((void __user *)arg, &r, sizeof(r)) ? -EFAULT : 0;
	}
	d = netdev_by_name(r.name);
	if (!d)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFFLAGS:
		memset(&r.u, 0, sizeof(r.u));
		r.u.flags = (int16_t)d->flags;
		break;
	case SIOCGIFINDEX:
		memset(&r.u, 0, sizeof(r.u));
		r.u.ivalue = d->ifindex;
		break;
	case SIOCGIFMTU:
		memset(&r.u, 0, sizeof(r.u));
		r.u.ivalue = (int32_t)d->mtu;
		break;
	case SIOCGIFMETRIC:
		memset(&r.u, 0, sizeof(r.u));	/* dev_ifsioc_locked: always 0 */
		break;
	case SIOCGIFTXQLEN:
		memset(&r.u, 0, sizeof(r.u));
		r.u.ivalue = (int32_t)d->tx_queue_len;
		break;
	case SIOCGIFMAP:
		memset(&r.u, 0, sizeof(r.u));	/* lo has no I/O resources */
		break;
	case SIOCGIFHWADDR:
		/* A sockaddr whose family is the hardware type; lo's address is zeros. */
		memset(&r.u, 0, sizeof(r.u));
		r.u.in.family = (d->flags & NETDEV_IFF_LOOPBACK) ? NETDEV_ARPHRD_LOOPBACK : 0;
		break;
	case SIOCGIFADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFBRDADDR:
	case SIOCGIFDSTADDR:
		if (family != AF_INET)
			return -ENOTTY;	/* dev_ioctl has no address requests */
		if (!d->ipv4_addr)
			return -EADDRNOTAVAIL;
		if (cmd == SIOCGIFADDR || cmd == SIOCGIFDSTADDR)
			netdev_put_in(&r, d->ipv4_addr);
		else if (cmd == SIOCGIFNETMASK)
			netdev_put_in(&r, d->ipv4_mask);
		else	/* lo has no broadcast address (IFF_BROADCAST unset) */
			netdev_put_in(&r, 0);
		break;
	default:
		return -ENOTTY;
	}
	return copy_to_user((void __user *)arg, &r, sizeof(r)) ? -EFAULT : 0;
}
