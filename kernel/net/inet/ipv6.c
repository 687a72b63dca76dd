/*
 * ipv6.c: IPv6 (RFC 8200): the fixed header on output and its checks on
 * input, and the upper-layer pseudo-header (RFC 8200 8.1). Routing, as
 * ipv4.c's, knows the local addresses only (lo's ::1). Extension headers
 * are neither sent nor parsed: a packet whose next header is not TCP,
 * UDP or ICMPv6 is dropped (RFC 8200 4 would answer a parameter problem;
 * nothing sends us one). No fragments (see ipv6_output).
 */
#include <basalt/string.h>
#include <net/inet/inet.h>
#include <uapi/errno.h>

#define IPV6_VERSION		6u
#define IPV6_VERSION_SHIFT	28	/* in the first 32-bit word (RFC 8200 3) */
/* net.ipv6.conf.*.hop_limit, Linux's default (RFC 8200 3: "Hop Limit"). */
#define IPV6_DEFAULT_HOPS	64
#define IPV6_MAX_PAYLOAD	65535u	/* no jumbograms (RFC 2675) */

/* RFC 8200 3. Multi-byte fields in network order. */
struct ipv6_hdr {
	uint32_t ver_tc_flow;		/* version 4 bits, traffic class 8, flow label 20 */
	uint16_t payload_len;
	uint8_t next;
	uint8_t hops;
	uint8_t saddr[INET_ADDR_LEN];
	uint8_t daddr[INET_ADDR_LEN];
} __attribute__((packed));

/* RFC 8200 8.1: the pseudo-header of TCP, UDP and ICMPv6 checksums. */
struct ipv6_pseudo_hdr {
	uint8_t saddr[INET_ADDR_LEN];
	uint8_t daddr[INET_ADDR_LEN];
	uint32_t len;			/* upper-layer packet length */
	uint8_t zero[3];
	uint8_t next;
} __attribute__((packed));

uint32_t ipv6_pseudo_sum(const struct inet_addr *saddr, const struct inet_addr *daddr, int proto,
			 size_t len)
{
	struct ipv6_pseudo_hdr ph;

	memset(&ph, 0, sizeof(ph));
	memcpy(ph.saddr, saddr->b, sizeof(ph.saddr));
	memcpy(ph.daddr, daddr->b, sizeof(ph.daddr));
	ph.len = __builtin_bswap32((uint32_t)len);
	ph.next = (uint8_t)proto;
	return ipv4_csum_add(0, &ph, sizeof(ph));
}

int ipv6_output(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr,
		int proto, int hops)
{
	struct net_device *dev = netdev_for_ipv6(daddr->b);
	struct ipv6_hdr *h;

	if (!dev) {
		net_pkt_free(p);
		return -ENETUNREACH;
	}
	/*
	 * RFC 8200 5: a packet over the link's MTU is fragmented at the
	 * source. lo would reassemble it at once, so it carries it whole,
	 * up to the 65535-byte payload length (a UDP payload of 65527, as
	 * Linux delivers over lo); a NIC needs fragmentation here.
	 */
	if (p->len > IPV6_MAX_PAYLOAD ||
	    (p->len + IPV6_HDR_LEN > dev->mtu && !(dev->flags & NETDEV_IFF_LOOPBACK))) {
		net_pkt_free(p);
		return -EMSGSIZE;
	}
	h = (struct ipv6_hdr *)net_pkt_push(p, IPV6_HDR_LEN);
	/* Traffic class 0 and no flow label (RFC 6437 allows an unlabelled flow). */
	h->ver_tc_flow = __builtin_bswap32(IPV6_VERSION << IPV6_VERSION_SHIFT);
	h->payload_len = __builtin_bswap16((uint16_t)(p->len - IPV6_HDR_LEN));
	h->next = (uint8_t)proto;
	h->hops = (uint8_t)(hops < 0 ? IPV6_DEFAULT_HOPS : hops);
	memcpy(h->saddr, saddr->b, sizeof(h->saddr));
	memcpy(h->daddr, daddr->b, sizeof(h->daddr));
	return netdev_xmit(dev, p);
}

void ipv6_rcv(struct net_pkt *p)
{
	struct inet_addr saddr, daddr;
	struct ipv6_hdr h;
	size_t plen;

	if (p->len < IPV6_HDR_LEN)
		goto drop;
	memcpy(&h, net_pkt_data(p), sizeof(h));
	plen = __builtin_bswap16(h.payload_len);
	if ((__builtin_bswap32(h.ver_tc_flow) >> IPV6_VERSION_SHIFT) != IPV6_VERSION ||
	    plen + IPV6_HDR_LEN > p->len)
		goto drop;
	memcpy(saddr.b, h.saddr, sizeof(saddr.b));
	memcpy(daddr.b, h.daddr, sizeof(daddr.b));
	/*
	 * Not ours (we do not forward), or a mapped address on the wire,
	 * which RFC 4291 2.5.5.2 keeps to the API (Linux's ipv6_rcv drops it).
	 */
	if (!netdev_for_ipv6(daddr.b) || inet_addr_is_v4(&saddr) || inet_addr_is_v4(&daddr))
		goto drop;
	p->len = plen + IPV6_HDR_LEN;	/* link-layer padding off */
	p->nh = p->head;
	p->nh_len = p->len;
	net_pkt_pull(p, IPV6_HDR_LEN);
	switch (h.next) {
	case INET_PROTO_UDP:
		udp_rcv(p, &saddr, &daddr);
		return;
	case INET_PROTO_TCP:
		tcp_rcv(p, &saddr, &daddr);
		return;
	case INET_PROTO_ICMPV6:
		icmpv6_rcv(p, &saddr, &daddr);
		return;
	default:
		break;
	}
drop:
	net_pkt_free(p);
}
