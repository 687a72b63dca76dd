/*
 * icmpv6.c: the ICMPv6 (RFC 4443) this stack needs: destination
 * unreachable, port unreachable (RFC 4443 3.1, code 4) for a UDP
 * datagram nobody receives, reported to a connected UDP sender as
 * ECONNREFUSED (udp(7), as for IPv4). The ICMPv6 checksum is mandatory
 * and covers the pseudo-header (RFC 4443 2.3): it is always made and
 * checked, as the IPv4 header's. Echo, neighbour discovery (RFC 4861)
 * and the rest wait for raw sockets and a NIC.
 */
#include <basalt/string.h>
#include <net/inet/inet.h>
#include <uapi/errno.h>

#define ICMPV6_DEST_UNREACH	1	/* RFC 4443 3.1 type */
#define ICMPV6_PORT_UNREACH	4	/* its code 4 */
#define ICMPV6_HDR_LEN		8u	/* type, code, checksum, 32 unused bits */
#define ICMPV6_CSUM_OFF		2u
/* RFC 4443 2.4(c): the quote keeps the error within the minimum MTU (RFC 8200 5). */
#define IPV6_MIN_MTU		1280u
#define ICMPV6_MAX_QUOTE	(IPV6_MIN_MTU - IPV6_HDR_LEN - ICMPV6_HDR_LEN)
#define ICMPV6_NEXT_OFF		6u	/* the next header field in a quoted IPv6 header */
#define ICMPV6_SADDR_OFF	8u
#define ICMPV6_DADDR_OFF	24u
#define ICMPV6_PORTS_LEN	4u	/* UDP's source and destination ports */

void icmpv6_send_port_unreach(struct net_pkt *p, const struct inet_addr *saddr,
			      const struct inet_addr *daddr)
{
	size_t quote = p->len < ICMPV6_MAX_QUOTE ? p->len : ICMPV6_MAX_QUOTE;
	struct net_pkt *r = net_pkt_alloc(ICMPV6_HDR_LEN + quote);
	uint8_t *h;
	uint16_t csum;

	if (!r)
		return;
	h = net_pkt_data(r);
	memset(h, 0, ICMPV6_HDR_LEN);
	h[0] = ICMPV6_DEST_UNREACH;
	h[1] = ICMPV6_PORT_UNREACH;
	memcpy(h + ICMPV6_HDR_LEN, net_pkt_data(p), quote);
	/* From the address the datagram was sent to, back to its sender. */
	csum = ipv4_csum_fold(ipv4_csum_add(ipv6_pseudo_sum(daddr, saddr, INET_PROTO_ICMPV6,
							    ICMPV6_HDR_LEN + quote),
					    h, ICMPV6_HDR_LEN + quote));
	memcpy(h + ICMPV6_CSUM_OFF, &csum, sizeof(csum));
	ipv6_output(r, daddr, saddr, INET_PROTO_ICMPV6, -1);
}

void icmpv6_rcv(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr)
{
	uint8_t *icmp = net_pkt_data(p), *inner;
	struct inet_addr isrc, idst;
	uint16_t sport, dport;

	if (p->len < ICMPV6_HDR_LEN + IPV6_HDR_LEN + ICMPV6_PORTS_LEN)
		goto out;
	if (ipv4_csum_fold(ipv4_csum_add(ipv6_pseudo_sum(saddr, daddr, INET_PROTO_ICMPV6, p->len),
					 icmp, p->len)) != 0)
		goto out;
	if (icmp[0] != ICMPV6_DEST_UNREACH || icmp[1] != ICMPV6_PORT_UNREACH)
		goto out;
	/* The quoted packet: extension headers are not walked (we send none). */
	inner = icmp + ICMPV6_HDR_LEN;
	if (inner[ICMPV6_NEXT_OFF] != INET_PROTO_UDP)
		goto out;
	memcpy(isrc.b, inner + ICMPV6_SADDR_OFF, sizeof(isrc.b));
	memcpy(idst.b, inner + ICMPV6_DADDR_OFF, sizeof(idst.b));
	memcpy(&sport, inner + IPV6_HDR_LEN, sizeof(sport));
	memcpy(&dport, inner + IPV6_HDR_LEN + sizeof(sport), sizeof(dport));
	udp_err(&isrc, __builtin_bswap16(sport), &idst, __builtin_bswap16(dport), ECONNREFUSED);
out:
	net_pkt_free(p);
}
