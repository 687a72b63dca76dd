/*
 * netdev.c: the interface list, packets, and the receive backlog
 * (netdev.h explains how a packet travels).
 */
#include <basalt/string.h>
#include <mm/mm.h>
#include <net/inet/inet.h>
#include <net/netdev.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>

/*
 * netdev_list_lock guards netdev_list, netdev_next_index, the backlog
 * and net_rx_busy. It is a leaf: nothing is taken inside it.
 */
static struct spinlock netdev_list_lock = SPINLOCK_INIT("netdev_list_lock");
static struct list_node netdev_list = { &netdev_list, &netdev_list };
static int netdev_next_index = 1;
static struct list_node net_backlog = { &net_backlog, &net_backlog };
/* A task is processing the backlog (it empties it before clearing this). */
static bool net_rx_busy;

_Static_assert(sizeof(struct net_pkt) <= 64u, "NET_PKT_MAX_PAYLOAD leaves 64 bytes for the header");

struct net_pkt *net_pkt_alloc(size_t len)
{
	struct net_pkt *p = kmalloc(sizeof(*p) + NET_PKT_HEADROOM + len);

	if (!p)
		return NULL;
	list_init(&p->link);
	p->dev = NULL;
	p->head = NET_PKT_HEADROOM;
	p->len = len;
	p->cap = NET_PKT_HEADROOM + len;
	return p;
}

void net_pkt_free(struct net_pkt *p)
{
	kfree(p);
}

uint8_t *net_pkt_push(struct net_pkt *p, size_t n)
{
	/* The layers push at most NET_PKT_HEADROOM bytes: a bug otherwise. */
	if (n > p->head)
		return NULL;
	p->head -= n;
	p->len += n;
	return net_pkt_data(p);
}

bool net_pkt_pull(struct net_pkt *p, size_t n)
{
	if (n > p->len)
		return false;
	p->head += n;
	p->len -= n;
	return true;
}

int netdev_register(struct net_device *dev)
{
	struct net_device *d;
	int err = 0;

	spin_lock(&netdev_list_lock);
	list_for_each_entry(d, &netdev_list, link)
		if (strcmp(d->name, dev->name) == 0)
			err = -EEXIST;
	if (!err) {
		dev->ifindex = netdev_next_index++;
		list_add_tail(&netdev_list, &dev->link);
	}
	spin_unlock(&netdev_list_lock);
	return err;
}

/* lo is there from the start, as on Linux (ifindex 1), without an init call. */
static void netdev_ensure_lo(void)
{
	if (__atomic_load_n(&loopback_dev.ifindex, __ATOMIC_ACQUIRE))
		return;
	spin_lock(&netdev_list_lock);
	if (!loopback_dev.ifindex) {
		list_add_tail(&netdev_list, &loopback_dev.link);
		__atomic_store_n(&loopback_dev.ifindex, netdev_next_index++, __ATOMIC_RELEASE);
	}
	spin_unlock(&netdev_list_lock);
}

int netdev_for_each(int (*fn)(struct net_device *dev, void *arg), void *arg)
{
	struct net_device *d;
	int r = 0;

	netdev_ensure_lo();
	/*
	 * Devices are never unregistered and the list only grows at its
	 * tail, so it is walked without the lock held across fn (which may
	 * copy to user memory and sleep).
	 */
	for (d = list_first_entry(&netdev_list, struct net_device, link);
	     &d->link != &netdev_list && !r;
	     d = list_entry(__atomic_load_n(&d->link.next, __ATOMIC_ACQUIRE), struct net_device, link))
		r = fn(d, arg);
	return r;
}

static int netdev_match_name(struct net_device *d, void *arg)
{
	struct net_device **io = arg;

	if (strncmp(d->name, (*io)->name, NETDEV_NAME_MAX) == 0) {
		*io = d;
		return 1;
	}
	return 0;
}

struct net_device *netdev_by_name(const char *name)
{
	struct net_device key, *io = &key;

	memset(&key, 0, sizeof(key));
	strlcpy(key.name, name, NETDEV_NAME_MAX);
	return netdev_for_each(netdev_match_name, &io) ? io : NULL;
}

static int netdev_match_index(struct net_device *d, void *arg)
{
	struct net_device **io = arg;

	if (d->ifindex == (*io)->ifindex) {
		*io = d;
		return 1;
	}
	return 0;
}

struct net_device *netdev_by_index(int ifindex)
{
	struct net_device key, *io = &key;

	key.ifindex = ifindex;
	return netdev_for_each(netdev_match_index, &io) ? io : NULL;
}

static int netdev_match_ipv4(struct net_device *d, void *arg)
{
	uint32_t *addr = arg;

	if (!(d->flags & NETDEV_IFF_UP))
		return 0;
	/* Linux's local table: the whole loopback prefix is local. */
	if ((d->flags & NETDEV_IFF_LOOPBACK) ?
	    (*addr & d->ipv4_mask) == (d->ipv4_addr & d->ipv4_mask) : *addr == d->ipv4_addr)
		return d->ifindex;
	return 0;
}

struct net_device *netdev_for_ipv4(uint32_t addr)
{
	int idx = netdev_for_each(netdev_match_ipv4, &addr);

	return idx ? netdev_by_index(idx) : NULL;
}

int netdev_xmit(struct net_device *dev, struct net_pkt *p)
{
	size_t len = p->len;
	int err;

	if (!(dev->flags & NETDEV_IFF_UP)) {
		net_pkt_free(p);
		return -ENETDOWN;
	}
	err = dev->ops->xmit(dev, p);
	if (!err) {
		__atomic_add_fetch(&dev->tx_packets, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&dev->tx_bytes, len, __ATOMIC_RELAXED);
	}
	return err;
}

void net_rx(struct net_device *dev, struct net_pkt *p)
{
	p->dev = dev;
	__atomic_add_fetch(&dev->rx_packets, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&dev->rx_bytes, p->len, __ATOMIC_RELAXED);
	spin_lock(&netdev_list_lock);
	list_add_tail(&net_backlog, &p->link);
	spin_unlock(&netdev_list_lock);
}

void net_rx_run(void)
{
	struct net_pkt *p;

	spin_lock(&netdev_list_lock);
	if (net_rx_busy) {
		spin_unlock(&netdev_list_lock);
		return;
	}
	net_rx_busy = true;
	/*
	 * One task at a time keeps the packets of a connection in order
	 * (TCP on lo relies on it: see tcp.h). The busy flag is cleared
	 * under the lock only when the backlog is empty, so a packet queued
	 * meanwhile is always seen by somebody.
	 */
	while (!list_empty(&net_backlog)) {
		p = list_first_entry(&net_backlog, struct net_pkt, link);
		list_del(&p->link);
		spin_unlock(&netdev_list_lock);
		ipv4_rcv(p);
		spin_lock(&netdev_list_lock);
	}
	net_rx_busy = false;
	spin_unlock(&netdev_list_lock);
}
