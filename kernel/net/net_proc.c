/*
 * net_proc.c: /proc/net/dev, each interface's counters in Linux's
 * layout (dev_seq_show); errors, drops and the rest are not counted yet
 * and read 0. /proc/net/if_inet6, each interface's IPv6 address
 * (if6_seq_show), which BusyBox's ifconfig reads for its inet6 lines.
 */
#include <basalt/string.h>
#include <fs/procfs/procfs.h>
#include <net/net_proc.h>
#include <net/netdev.h>

static int net_proc_dev_one(struct net_device *d, void *arg)
{
	struct procfs_buf *b = arg;

	procfs_printf(b, "%6s:%8llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		      "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n", d->name,
		      (unsigned long long)__atomic_load_n(&d->rx_bytes, __ATOMIC_RELAXED),
		      (unsigned long long)__atomic_load_n(&d->rx_packets, __ATOMIC_RELAXED),
		      0ull, 0ull, 0ull, 0ull, 0ull, 0ull,
		      (unsigned long long)__atomic_load_n(&d->tx_bytes, __ATOMIC_RELAXED),
		      (unsigned long long)__atomic_load_n(&d->tx_packets, __ATOMIC_RELAXED),
		      0ull, 0ull, 0ull, 0ull, 0ull, 0ull);
	return 0;
}

int net_proc_show_dev(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "Inter-|   Receive                            "
		      "                    |  Transmit\n"
		      " face |bytes    packets errs drop fifo frame compressed multicast|"
		      "bytes    packets errs drop fifo colls carrier compressed\n");
	netdev_for_each(net_proc_dev_one, b);
	return 0;
}

/* if6_seq_show's scope (IPV6_ADDR_SCOPE_TYPE: RFC 4291 2.5.3, 2.5.6) and IFA_F_PERMANENT. */
#define NET_PROC_SCOPE_HOST	0x10u
#define NET_PROC_SCOPE_LINK	0x20u
#define NET_PROC_SCOPE_GLOBAL	0x00u
#define NET_PROC_IFA_PERMANENT	0x80u
#define NET_PROC_LINKLOCAL_0	0xfeu	/* fe80::/10 */
#define NET_PROC_LINKLOCAL_1	0x80u
#define NET_PROC_LINKLOCAL_MASK	0xc0u

static int net_proc_if_inet6_one(struct net_device *d, void *arg)
{
	static const uint8_t unset[NETDEV_IPV6_ADDR_LEN];
	struct procfs_buf *b = arg;
	unsigned scope = NET_PROC_SCOPE_GLOBAL;

	if (!memcmp(d->ipv6_addr, unset, sizeof(unset)))
		return 0;
	if (d->flags & NETDEV_IFF_LOOPBACK)
		scope = NET_PROC_SCOPE_HOST;
	else if (d->ipv6_addr[0] == NET_PROC_LINKLOCAL_0 &&
		 (d->ipv6_addr[1] & NET_PROC_LINKLOCAL_MASK) == NET_PROC_LINKLOCAL_1)
		scope = NET_PROC_SCOPE_LINK;
	for (unsigned i = 0; i < NETDEV_IPV6_ADDR_LEN; i++)
		procfs_printf(b, "%02x", d->ipv6_addr[i]);
	procfs_printf(b, " %02x %02x %02x %02x %8s\n", d->ifindex, d->ipv6_prefix, scope,
		      NET_PROC_IFA_PERMANENT, d->name);
	return 0;
}

int net_proc_show_if_inet6(struct procfs_buf *b, struct process *p __unused)
{
	netdev_for_each(net_proc_if_inet6_one, b);
	return 0;
}
