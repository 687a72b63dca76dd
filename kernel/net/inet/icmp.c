/*
 * icmp.c: the ICMP (RFC 792) this stack needs: destination unreachable,
 * port unreachable, sent for a UDP datagram nobody receives (RFC 1122
 * 4.1.3.1) and reported to a connected UDP sender as ECONNREFUSED
 * (udp(7), "Error handling"). TCP answers closed ports with RST instead.
 * Echo and the rest wait for raw sockets.
 */
#include <basalt/string.h>
#include <net/inet/inet.h>
#include <uapi/errno.h>

#define ICMP_DEST_UNREACH	3	/* RFC 792 type */
#define ICMP_PORT_UNREACH	3	/* its code 3 */
#define ICMP_HDR_LEN		8u
/* RFC 792: the original header and the first 64 bits of its data. */
#define ICMP_ORIG_DATA		8u
#define ICMP_IPV4_MIN_HDR	20u

void icmp_send_port_unreach(struct net_pkt *p, uint32_t saddr, uint32_t daddr)
{
	const uint8_t *orig = net_pkt_data(p);
	size_t ihl = (size_t)(orig[0] & 0xf) * 4;
	size_t quote = ihl + ICMP_ORIG_DATA;
	struct net_pkt *r;
	uint8_t *h;
	uint16_t csum;

	if (quote > p->len)
		quote = p->len;
	r = net_pkt_alloc(ICMP_HDR_LEN + quote);
	if (!r)
		return;
	h = net_pkt_data(r);
	memset(h, 0, ICMP_HDR_LEN);
	h[0] = ICMP_DEST_UNREACH;
	h[1] = ICMP_PORT_UNREACH;
	memcpy(h + ICMP_HDR_LEN, orig, quote);
	csum = ipv4_csum_fold(ipv4_csum_add(0, h, ICMP_HDR_LEN + quote));
	memcpy(h + 2, &csum, sizeof(csum));
	/* From the address the datagram was sent to, back to its sender. */
	ipv4_output(r, daddr, saddr, INET_PROTO_ICMP);
}

void icmp_rcv(struct net_pkt *p, uint32_t saddr __unused, uint32_t daddr __unused)
{
	uint8_t *d = net_pkt_data(p);
	size_t ihl = (size_t)(d[0] & 0xf) * 4, inner_ihl;
	uint8_t *icmp, *inner;
	uint32_t isrc, idst;
	uint16_t sport, dport;

	if (p->len < ihl + ICMP_HDR_LEN + ICMP_IPV4_MIN_HDR + ICMP_ORIG_DATA)
		goto out;
	if (ipv4_csum_fold(ipv4_csum_add(0, d + ihl, p->len - ihl)) != 0)
		goto out;
	icmp = d + ihl;
	if (icmp[0] != ICMP_DEST_UNREACH || icmp[1] != ICMP_PORT_UNREACH)
		goto out;
	inner = icmp + ICMP_HDR_LEN;
	inner_ihl = (size_t)(inner[0] & 0xf) * 4;
	if (inner_ihl < ICMP_IPV4_MIN_HDR || ihl + ICMP_HDR_LEN + inner_ihl + ICMP_ORIG_DATA > p->len)
		goto out;
	if (inner[9] != INET_PROTO_UDP)
		goto out;
	memcpy(&isrc, inner + 12, sizeof(isrc));
	memcpy(&idst, inner + 16, sizeof(idst));
	memcpy(&sport, inner + inner_ihl, sizeof(sport));
	memcpy(&dport, inner + inner_ihl + 2, sizeof(dport));
	udp_err(__builtin_bswap32(isrc), __builtin_bswap16(sport), __builtin_bswap32(idst),
		__builtin_bswap16(dport), ECONNREFUSED);
out:
	net_pkt_free(p);
}
