/*
 * inet_ip.c: the IP layer as the transports see it. TCP and UDP keep
 * addresses as struct inet_addr (inet.h) and call these, which go to
 * ipv4.c for an IPv4-mapped destination and to ipv6.c otherwise.
 */
#include <net/inet/inet.h>

#define INET_IP_VERSION_SHIFT	4	/* the version nibble: RFC 791 3.1, RFC 8200 3 */
#define INET_IPV6_VERSION	6
#define INET_IPV4_HDR_LEN	20u	/* we send no options */

struct net_device *inet_dev_for(const struct inet_addr *daddr)
{
	if (inet_addr_is_v4(daddr))
		return netdev_for_ipv4(inet_addr_to_v4(daddr));
	return netdev_for_ipv6(daddr->b);
}

bool inet_route_ok(const struct inet_addr *daddr)
{
	return inet_dev_for(daddr) != NULL;
}

size_t inet_hdr_len(const struct inet_addr *daddr)
{
	return inet_addr_is_v4(daddr) ? INET_IPV4_HDR_LEN : IPV6_HDR_LEN;
}

uint32_t inet_pseudo_sum(const struct inet_addr *saddr, const struct inet_addr *daddr, int proto,
			 size_t len)
{
	if (inet_addr_is_v4(daddr))
		return ipv4_pseudo_sum(inet_addr_to_v4(saddr), inet_addr_to_v4(daddr), proto, len);
	return ipv6_pseudo_sum(saddr, daddr, proto, len);
}

int inet_output(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr,
		int proto, int hops)
{
	/* IP_TTL is not kept: IPv4 always sends the default TTL. */
	if (inet_addr_is_v4(daddr))
		return ipv4_output(p, inet_addr_to_v4(saddr), inet_addr_to_v4(daddr), proto);
	return ipv6_output(p, saddr, daddr, proto, hops);
}

void inet_rcv(struct net_pkt *p)
{
	if (p->len && (net_pkt_data(p)[0] >> INET_IP_VERSION_SHIFT) == INET_IPV6_VERSION)
		ipv6_rcv(p);
	else
		ipv4_rcv(p);	/* which drops what is not version 4 */
}

void inet_send_port_unreach(struct net_pkt *p, const struct inet_addr *saddr,
			    const struct inet_addr *daddr)
{
	if (inet_addr_is_v4(saddr))
		icmp_send_port_unreach(p, inet_addr_to_v4(saddr), inet_addr_to_v4(daddr));
	else
		icmpv6_send_port_unreach(p, saddr, daddr);
}
