/*
 * netdev.h: network interfaces (kernel/net/netdev.c, loopback.c,
 * netdev_ioctl.c) and the packets that cross them.
 *
 * A packet (struct net_pkt) is one IP datagram in one buffer: a protocol
 * allocates it with room for its headers in front of the payload
 * (NET_PKT_HEADROOM), fills the payload, then each layer below pushes
 * its header (net_pkt_push). A device's xmit takes the packet; a device
 * that receives one hands it to net_rx, which queues it on the receive
 * backlog. net_rx_run processes the backlog in process context with no
 * lock held (Linux's netif_rx and its softirq): the loopback device's
 * xmit is net_rx itself, and a sender calls net_rx_run after dropping
 * its protocol lock, so a packet sent over lo is handled before the
 * send returns unless another task is already processing the backlog.
 *
 * A NIC driver (virtio-net, e1000) plugs in as another net_device: its
 * xmit puts the frame on its transmit ring (adding the link header), and
 * its interrupt handler calls net_rx for each frame (stripping it) and
 * wakes a thread that calls net_rx_run, since net_rx_run takes sleeping
 * locks and cannot run in the interrupt.
 *
 * Locking: netdev_list_lock (a spinlock) guards the device list and the
 * receive backlog. Device fields other than the counters are set before
 * registration and then only read; the counters are atomics.
 */
#ifndef NET_NETDEV_H
#define NET_NETDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/list.h>

#define NETDEV_NAME_MAX		16	/* IFNAMSIZ */

/* Interface flags (netdevice(7), SIOCGIFFLAGS), Linux's values. */
#define NETDEV_IFF_UP		0x1
#define NETDEV_IFF_LOOPBACK	0x8
#define NETDEV_IFF_RUNNING	0x40

/*
 * Device features. NETDEV_F_NO_L4_CSUM: packets never leave memory, so
 * TCP and UDP checksums are neither computed on output nor verified on
 * input (Linux's loopback: NETIF_F_HW_CSUM out, CHECKSUM_UNNECESSARY in).
 * The IPv4 header checksum is always made and checked.
 */
#define NETDEV_F_NO_L4_CSUM	0x1u

/* Room kept in front of a payload for the headers: IPv6 (40) and TCP with options (60). */
#define NET_PKT_HEADROOM	128u

struct net_device;
struct net_pkt;

/*
 * The most payload one packet buffer should carry: with the headroom and
 * struct net_pkt it stays within one 64 KiB kmalloc block (an order-4
 * page run), not the next power of two.
 */
#define NET_PKT_BUF_MAX		65536u
#define NET_PKT_MAX_PAYLOAD	(NET_PKT_BUF_MAX - NET_PKT_HEADROOM - 64u)

struct net_pkt {
	struct list_node link;		/* on the backlog or a socket's queue */
	struct net_device *dev;		/* the device it came in on */
	size_t head;			/* offset of the first valid byte */
	size_t len;			/* valid bytes from head */
	size_t cap;			/* bytes in data */
	size_t nh;			/* input: offset of the IP header */
	size_t nh_len;			/* input: the IP datagram's length */
	uint8_t data[];
};

/* A packet with room for len payload bytes after the headroom; NULL: ENOMEM. */
struct net_pkt *net_pkt_alloc(size_t len);
void net_pkt_free(struct net_pkt *p);
static inline uint8_t *net_pkt_data(struct net_pkt *p)
{
	return p->data + p->head;
}
/* Prepends n bytes (a header) and returns them. */
uint8_t *net_pkt_push(struct net_pkt *p, size_t n);
/* Drops n bytes from the front (a parsed header); false if shorter. */
bool net_pkt_pull(struct net_pkt *p, size_t n);

struct net_device_ops {
	/* Takes p (always: it frees it on failure). 0 or -errno. */
	int (*xmit)(struct net_device *dev, struct net_pkt *p);
};

struct net_device {
	char name[NETDEV_NAME_MAX];
	int ifindex;
	unsigned flags;			/* NETDEV_IFF_* */
	unsigned features;		/* NETDEV_F_* */
	uint32_t mtu;
	uint32_t ipv4_addr;		/* host order */
	uint32_t ipv4_mask;
	uint8_t ipv6_addr[16];
	unsigned ipv6_prefix;
	uint32_t tx_queue_len;
	const struct net_device_ops *ops;
	struct list_node link;		/* on netdev_list */
	/* Counters for /proc/net/dev, updated atomically. */
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
};

/* The loopback device (loopback.c). */
extern struct net_device loopback_dev;

/* Adds dev (its ifindex is given here); 0 or -EEXIST. */
int netdev_register(struct net_device *dev);
/* The device with that name or index (devices are never unregistered). */
struct net_device *netdev_by_name(const char *name);
struct net_device *netdev_by_index(int ifindex);
/* Calls fn for each device in order of index until it returns non-zero. */
int netdev_for_each(int (*fn)(struct net_device *dev, void *arg), void *arg);
/* Whether addr (host order) is one of ours: on lo, every 127/8 address. */
struct net_device *netdev_for_ipv4(uint32_t addr);

/* Whether a transport checksum must be made for / checked from the device. */
static inline bool netdev_l4_csum(const struct net_device *dev)
{
	return !dev || !(dev->features & NETDEV_F_NO_L4_CSUM);
}

/* Transmits p on dev, counting it; 0 or -errno (p is taken). */
int netdev_xmit(struct net_device *dev, struct net_pkt *p);
/* A device received p: queue it on the backlog (any context, no sleep). */
void net_rx(struct net_device *dev, struct net_pkt *p);
/*
 * Processes the backlog until it is empty, unless another task already
 * does (it will see what we queued). Call with no lock held.
 */
void net_rx_run(void);

/* netdev_ioctl.c: the SIOCGIF* requests on a socket (netdevice(7)). */
/* The family decides which: the address requests are AF_INET's (devinet_ioctl). */
long netdev_ioctl(int family, unsigned cmd, uint64_t arg);
bool netdev_ioctl_is_ours(unsigned cmd);

#endif /* NET_NETDEV_H */
