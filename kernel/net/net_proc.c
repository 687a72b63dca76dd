/*
 * net_proc.c: /proc/net/dev, each interface's counters in Linux's
 * layout (dev_seq_show); errors, drops and the rest are not counted yet
 * and read 0.
 */
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
