/*
 * loopback.c: the lo device (Linux's drivers/net/loopback.c): every
 * packet sent on it is received on it. 127.0.0.1/8 and ::1, MTU 65536
 * and a transmit queue length of 1000, as Linux's.
 */
#include <net/netdev.h>

#define LOOPBACK_MTU		65536u
#define LOOPBACK_ADDR		0x7f000001u	/* 127.0.0.1 */
#define LOOPBACK_MASK		0xff000000u	/* /8 */
#define LOOPBACK_TXQLEN		1000u
#define LOOPBACK_V6_PREFIX	128u

static int loopback_xmit(struct net_device *dev, struct net_pkt *p)
{
	net_rx(dev, p);
	return 0;
}

static const struct net_device_ops loopback_ops = {
	.xmit = loopback_xmit,
};

struct net_device loopback_dev = {
	.name = "lo",
	.flags = NETDEV_IFF_UP | NETDEV_IFF_LOOPBACK | NETDEV_IFF_RUNNING,
	.features = NETDEV_F_NO_L4_CSUM,
	.mtu = LOOPBACK_MTU,
	.ipv4_addr = LOOPBACK_ADDR,
	.ipv4_mask = LOOPBACK_MASK,
	.ipv6_addr = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	.ipv6_prefix = LOOPBACK_V6_PREFIX,
	.tx_queue_len = LOOPBACK_TXQLEN,
	.ops = &loopback_ops,
	.link = { &loopback_dev.link, &loopback_dev.link },
};
